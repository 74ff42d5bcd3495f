"""Printed documents: the receipt (Mẫu 01) and the counter forms, drawn as PDF with reportlab.

Pure rendering: the services build a ``FormData`` from a stored dossier and the counter's
settings, and this package turns it into PDF bytes. No database, no Qt.
"""

from counter_app.documents.errors import (
    FontsMissingError,
    FormSetBrokenError,
    FormSetUnknownError,
    LayoutNotAvailableError,
    NoCopiesError,
    QrTemplateInvalidError,
)
from counter_app.documents.form_sets import (
    DEFAULT_FORM_SET,
    FormItem,
    FormSet,
    FormTemplate,
    available_form_sets,
    load_form_set,
)
from counter_app.documents.model import (
    Copy,
    DocumentLine,
    FormData,
    FormKind,
    Header,
    Layout,
    Party,
)
from counter_app.documents.qr import (
    DEFAULT_QR_TEMPLATE,
    QR_FIELDS,
    check_qr_template,
    qr_payload,
    receipt_qr_fields,
)
from counter_app.documents.render import available_layouts, render_document
from counter_app.documents.vn_dates import (
    date_in_words,
    dated_line,
    moment_in_words,
    time_in_words,
)

__all__ = [
    "DEFAULT_FORM_SET",
    "DEFAULT_QR_TEMPLATE",
    "QR_FIELDS",
    "Copy",
    "DocumentLine",
    "FontsMissingError",
    "FormData",
    "FormItem",
    "FormKind",
    "FormSet",
    "FormSetBrokenError",
    "FormSetUnknownError",
    "FormTemplate",
    "Header",
    "Layout",
    "LayoutNotAvailableError",
    "NoCopiesError",
    "Party",
    "QrTemplateInvalidError",
    "available_form_sets",
    "available_layouts",
    "check_qr_template",
    "date_in_words",
    "dated_line",
    "load_form_set",
    "moment_in_words",
    "qr_payload",
    "receipt_qr_fields",
    "render_document",
    "time_in_words",
]
