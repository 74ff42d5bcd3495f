"""The chip's portrait as PNG for the screen: Pillow decodes JPEG and JPEG 2000 alike.

Qt's image plugins may lack JPEG 2000 (the format of many ID-card portraits), so the window
shows the PNG made here. Nothing is written to disk; where the ward keeps portraits, the
original image goes into the store with the dossier (``portrait_to_keep``).
"""

from __future__ import annotations

import hashlib
import io

from PIL import Image, UnidentifiedImageError

from counter_app.services.chip.identity import ChipIdentity
from counter_app.storage.portraits import StoredPortrait

__all__ = ["StoredPortrait", "portrait_png", "portrait_to_keep"]

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


def portrait_to_keep(identity: ChipIdentity) -> StoredPortrait | None:
    """The row to keep with the dossier (the caller has checked the ward keeps portraits)."""
    portrait = identity.read.portrait
    if portrait is None:
        return None
    digest = hashlib.sha256(portrait.image).hexdigest()
    verification = identity.read.verification.value
    return StoredPortrait(portrait.mime_type, portrait.image, digest, verification)
