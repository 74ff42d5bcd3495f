"""The typed errors of the document renderer (words in ``counter_app.texts.documents``)."""

from __future__ import annotations

from counter_app.errors import BadInputError, EnvironmentProblem


class LayoutNotAvailableError(BadInputError):
    """The form cannot be printed on that paper (e.g. the thermal slip for a refusal)."""

    code = "LAYOUT_NOT_AVAILABLE"


class NoCopiesError(BadInputError):
    """A print job asked for no copy at all."""

    code = "NO_COPIES"


class FormSetUnknownError(BadInputError):
    """No shipped form set has that id."""

    code = "FORM_SET_UNKNOWN"


class QrTemplateInvalidError(BadInputError):
    """The receipt QR template does not start with ``{code}`` or names an unknown field."""

    code = "QR_TEMPLATE_INVALID"


class FormSetBrokenError(EnvironmentProblem):
    """A shipped form-set file is missing, not JSON, or lists an item the renderer cannot draw."""

    code = "FORM_SET_BROKEN"


class FontsMissingError(EnvironmentProblem):
    """The shipped TrueType fonts are not where the installation should have put them."""

    code = "FONTS_NOT_SHIPPED"
