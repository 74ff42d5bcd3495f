"""Errors as the clerk reads them: the plain sentence, and a small code line for IT.

The sentences come from ``counter_app.messages`` (one catalogue for the CLI, the forms and
the window); anything unexpected gets the generic sentence, never a stack trace.
"""

from __future__ import annotations

from counter_app.errors import CounterAppError
from counter_app.messages import message_for


def error_code(error: BaseException) -> str:
    return error.code if isinstance(error, CounterAppError) else "UNEXPECTED"


def error_sentence(error: BaseException, lang: str) -> str:
    return message_for(error_code(error), lang)


def error_with_code(error: BaseException, lang: str) -> str:
    """The sentence, then "Mã lỗi: CODE" on its own line (ux.md: codes only in small print)."""
    label = "Mã lỗi" if lang == "vi" else "Error code"
    return f"{error_sentence(error, lang)}\n{label}: {error_code(error)}"
