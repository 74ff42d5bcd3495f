"""Record an unexpected error for IT without recording a citizen's data.

An exception's message can quote its input (a UnicodeDecodeError quotes bytes, a ValueError
the bad value), so the log keeps the exception's type and the stack of code locations, never
the message or any local variable.
"""

from __future__ import annotations

import os
import traceback
from pathlib import Path

from counter_app import __version__
from counter_app.domain.vn_time import iso_vn
from counter_app.services.clock import now_vn
from counter_app.services.paths import log_dir, open_private_for_append

ERROR_LOG_NAME = "errors.log"


def redacted_traceback(error: BaseException) -> str:
    """The stack and exception types of ``error`` and its causes, with every message dropped."""
    lines: list[str] = []
    current: BaseException | None = error
    while current is not None:
        frames = traceback.extract_tb(current.__traceback__)
        lines += [f"  {f.filename}:{f.lineno} in {f.name}" for f in frames]
        lines.append(f"{type(current).__module__}.{type(current).__qualname__}")
        current = current.__cause__ or current.__context__
        if current is not None:
            lines.append("caused by / during handling of:")
    return "\n".join(lines)


def log_unexpected_error(error: BaseException, *, where: str) -> Path:
    """Append a redacted record of ``error`` to the error log and return the log's path."""
    path = log_dir() / ERROR_LOG_NAME
    stamp = iso_vn(now_vn())
    record = f"{stamp} counter-app {__version__} {where}\n{redacted_traceback(error)}\n\n"
    fd = open_private_for_append(path)
    try:
        os.write(fd, record.encode("utf-8"))
    finally:
        os.close(fd)
    return path
