"""The city simulator we ship: ``counter-sync/1`` on loopback, for tests, demos and training.

``server`` speaks HTTP, ``city`` decides what a city does with a batch, a status pull or a
catalogue request, ``store`` keeps the city's own SQLite file, ``faults`` injects failures.
"""
