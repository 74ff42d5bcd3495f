"""What the hand-over refuses: a recipient without a name, a proxy without an ID number."""

from __future__ import annotations

from counter_app.errors import BadInputError


class RecipientNameRequiredError(BadInputError):
    code = "HANDOVER_NAME_REQUIRED"


class ProxyIdRequiredError(BadInputError):
    """Someone collecting for the applicant must show an ID: its 9 or 12 digits are kept."""

    code = "HANDOVER_PROXY_ID_REQUIRED"
