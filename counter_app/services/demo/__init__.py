"""Demonstration data: people, days and a seeded store for training."""
