"""The chip's portrait as PNG for the screen: Pillow decodes JPEG and JPEG 2000 alike.

Qt's image plugins may lack JPEG 2000 (the format of many ID-card portraits), so the window
shows the PNG made here. Nothing is written to disk.
"""

from __future__ import annotations

import io

from PIL import Image, UnidentifiedImageError

MAX_SIDE = 640  # a chip portrait is about 480 pixels high; more is not a portrait


def portrait_png(image: bytes) -> bytes | None:
    """PNG bytes of the portrait, or None when Pillow cannot decode it."""
    try:
        with Image.open(io.BytesIO(image)) as picture:
            picture.thumbnail((MAX_SIDE, MAX_SIDE))
            out = io.BytesIO()
            picture.convert("RGB").save(out, "PNG")
    except (UnidentifiedImageError, OSError, ValueError):
        return None
    return out.getvalue()
