"""The working-day calendar as the counter uses it, and its notices."""
