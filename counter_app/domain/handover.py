"""The hand-over of a result (9 → 10): who collected it, and what the counter must see.

One home for the rule the returns window and ``dossier transition … returned`` both follow
(dossier.md §4): a recipient has a name; someone collecting on the applicant's behalf shows an
ID whose 9 (CMND) or 12 (CCCD) digits are kept with the hand-over.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from counter_app.domain.text import nfc
from counter_app.errors import BadInputError

ID_DIGITS = (9, 12)  # CMND or CCCD/Căn cước number


class RecipientNameRequiredError(BadInputError):
    code = "HANDOVER_NAME_REQUIRED"


class ProxyIdRequiredError(BadInputError):
    """Someone collecting for the applicant must show an ID: its 9 or 12 digits are kept."""

    code = "HANDOVER_PROXY_ID_REQUIRED"


@dataclass(frozen=True)
class Recipient:
    """Who collects the result, as typed or scanned at the counter."""

    name: str
    is_proxy: bool = False
    id_number: str = ""
    relation: str = ""

    def details(self) -> dict[str, Any]:
        """The checked hand-over as the transition's event details; raises what is missing."""
        name = nfc(" ".join(self.name.split()))
        if not name:
            raise RecipientNameRequiredError("")
        details: dict[str, Any] = {"recipient": name}
        if self.is_proxy:
            number = "".join(self.id_number.split())
            if not (number.isdigit() and len(number) in ID_DIGITS):
                raise ProxyIdRequiredError("")
            details.update(
                recipient_is_proxy=True,
                recipient_id_number=number,
                recipient_relation=nfc(self.relation.strip()),
            )
        return details


def recipient_from_details(details: Mapping[str, Any]) -> Recipient:
    """The recipient a transition's details describe (what ``Recipient.details`` wrote)."""
    return Recipient(
        name=str(details.get("recipient", "")),
        is_proxy=bool(details.get("recipient_is_proxy", False)),
        id_number=str(details.get("recipient_id_number", "")),
        relation=str(details.get("recipient_relation", "")),
    )
