"""Message texts by area; ``counter_app.messages`` merges them into one catalogue.

One module per capability keeps each area's words together and lets the areas grow apart.
Each module exposes ``TEXTS``: code → {"vi": …, "en": …}, full sentences, no codes in them.
"""
