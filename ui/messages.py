"""Errors as the clerk reads them: the plain sentence, and a small code line for IT.

The sentences come from ``counter_app.messages`` (one catalogue for the CLI, the forms and
the window); anything unexpected gets the generic sentence, never a stack trace.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from counter_app.errors import CounterAppError
from counter_app.messages import message_for
from counter_app.services.paths import data_dir
from counter_app.services.store.errors import database_error


def error_code(error: BaseException) -> str:
    """The error's code; a bare database error (a damaged page, a full disk) gets its own."""
    if isinstance(error, CounterAppError):
        return error.code
    typed = database_error(error, folder=_data_folder())
    return typed.code if typed is not None else "UNEXPECTED"


def _data_folder() -> Path | None:
    with contextlib.suppress(OSError, CounterAppError):
        return data_dir()
    return None


def error_sentence(error: BaseException, lang: str) -> str:
    """A sentence naming ``{detail}`` gets the error's detail (a code, never personal data)."""
    detail = error.detail if isinstance(error, CounterAppError) else ""
    return message_for(error_code(error), lang, {"detail": detail} if detail else None)


def error_with_code(error: BaseException, lang: str) -> str:
    """The sentence, then "Mã lỗi: CODE" on its own line (ux.md: codes only in small print)."""
    label = "Mã lỗi" if lang == "vi" else "Error code"
    return f"{error_sentence(error, lang)}\n{label}: {error_code(error)}"
