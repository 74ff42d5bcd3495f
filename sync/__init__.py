"""Sync with the city system: protocol, client, engine and the shipped simulator."""
