"""Backups (made, rotated, checked daily) and restores with their journal."""
