"""How the window looks everywhere: the base text size the larger-text setting scales."""

from __future__ import annotations

BASE_POINT_SIZE = 11  # ux.md: readable at arm's length
