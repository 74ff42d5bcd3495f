"""Benchmarks run by hand or by ``bench/run.py``; not part of the shipped app."""
