"""The only package that speaks SQL (the dossier store arrives with its own issue)."""
