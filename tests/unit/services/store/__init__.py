"""The store: opening it, its key, setup, provisioning, upgrades, self-test."""
