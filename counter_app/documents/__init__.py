"""Printed documents: the receipt (Mẫu 01) and the counter forms, drawn as PDF with reportlab.

Pure rendering: the services build a ``FormData`` from a stored dossier and the counter's
settings, and this package turns it into PDF bytes. No database, no Qt.
"""
