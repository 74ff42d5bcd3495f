"""The receipt QR's layout: which fields, in which order, and how a scanned one is read back.

Thông tư 01/2023/TT-VPCP (as reported; see docs/REGULATIONS.md) names what the QR on a paper
issued in handling a procedure must carry: the dossier code, the procedure code, the
applicant's identifier, the paper's name, the system that issued it and the time of issue,
and on a receipt the appointment. The rule fixes that set of fields; the order, the ``|``
separator, the layout tag, the time format and the accent-free paper name are ours, and
versioned here so a reader knows what it holds.

Layout ``v1`` (the default):
``<code>|v1|<procedure code>|<applicant id>|<paper name>|<system>|<issued>|<appointment>``
(times ``yyyyMMddHHmmss``, Vietnam time). Layout ``v0``, printed before, is the code alone.
The first field is always the dossier code, so any reader that takes the first field (the
returns screen, a counter scanner) finds the dossier in every layout, a city's own included.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from counter_app.domain.dossier_code import looks_like_dossier_code

SEPARATOR: Final = "|"
LAYOUT_V0: Final = "v0"  # the code alone (receipts printed before the v1 layout)
LAYOUT_V1: Final = "v1"
# Field names of the v1 layout in printed order; "layout" is the literal tag "v1".
V1_FIELDS: Final = (
    "code",
    "layout",
    "procedure_code",
    "id_number",
    "title",
    "system",
    "issued_at",
    "due_at",
)
V1_TEMPLATE: Final = SEPARATOR.join(
    LAYOUT_V1 if name == "layout" else "{" + name + "}" for name in V1_FIELDS
)
TIME_FORMAT: Final = "%Y%m%d%H%M%S"


@dataclass(frozen=True)
class ReceiptQr:
    """A scanned receipt QR: its dossier code, its layout, and the named fields it holds."""

    code: str
    layout: str  # "v0", "v1", or "" for a layout of the city's own (only the code is known)
    fields: Mapping[str, str]


def parse_receipt_qr(text: str) -> ReceiptQr | None:
    """The receipt QR in ``text``, or None when its first field is no dossier code.

    A v1 payload with a missing or extra field is still read for its code, as a city layout.
    """
    parts = [part.strip() for part in text.strip().split(SEPARATOR)]
    code = parts[0]
    if not looks_like_dossier_code(code):
        return None
    if len(parts) == 1:
        return ReceiptQr(code, LAYOUT_V0, {"code": code})
    if len(parts) == len(V1_FIELDS) and parts[1] == LAYOUT_V1:
        return ReceiptQr(code, LAYOUT_V1, dict(zip(V1_FIELDS, parts, strict=True)))
    return ReceiptQr(code, "", {"code": code})


def paper_name(title: str) -> str:
    """The paper's name as the QR carries it: capitals without marks (Đ → D).

    Plain ASCII keeps the symbol two versions smaller than UTF-8 Vietnamese would (each marked
    letter is two or three bytes), so it stays readable at 20 mm from a 203 dpi print, and no
    reader has to guess a character set. The printed title above it keeps its marks.
    """
    decomposed = unicodedata.normalize("NFD", title.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.upper().split())
