"""The counter's side of sync: outbox, pulls, journal, keys, export, limits."""
