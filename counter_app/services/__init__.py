"""Use cases: what a button press or a CLI command means."""
