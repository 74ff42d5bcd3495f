"""Dossiers after intake: changes, reads, search, the hand-over of results."""
