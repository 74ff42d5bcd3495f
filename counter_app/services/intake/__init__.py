"""Receiving a dossier at the counter, and the drafts of unfinished intakes."""
