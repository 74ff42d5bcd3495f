"""Data, not code: fonts, catalogue, calendar, translations, icons."""
