"""The one base class of every error the app raises on purpose.

Each error has a stable ``code`` (used by ``counter_app.messages`` to find the words a clerk
reads, by the CLI's JSON output and by IT reading a log) and the CLI exit status it maps to.
Error texts never carry personal data: an exception may end up in a log file.
"""

from __future__ import annotations

from typing import ClassVar

# CLI exit statuses (docs/CLI.md): 0 success, 1 some items failed, 2 bad input or usage,
# 3 the environment (store locked, key missing, a library or the network absent).
EXIT_OK = 0
EXIT_ITEMS_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_ENVIRONMENT = 3


class CounterAppError(Exception):
    """Base of the app's typed errors; subclasses set ``code`` and ``exit_status``."""

    code: ClassVar[str] = "UNEXPECTED"
    exit_status: ClassVar[int] = EXIT_ITEMS_FAILED

    def __init__(self, detail: str = "") -> None:
        # ``detail`` is for IT (a file name, a library name), never a citizen's data.
        super().__init__(detail or self.code)
        self.detail = detail


class BadInputError(CounterAppError):
    """Input that can never succeed as given: the user must change it."""

    code = "BAD_INPUT"
    exit_status = EXIT_BAD_INPUT


class EnvironmentProblem(CounterAppError):
    """Something around the app is missing: a library, the store, the network."""

    code = "ENVIRONMENT"
    exit_status = EXIT_ENVIRONMENT


def all_error_classes() -> list[type[CounterAppError]]:
    """Every subclass of CounterAppError that has been imported, base included."""
    found: list[type[CounterAppError]] = []
    pending: list[type[CounterAppError]] = [CounterAppError]
    while pending:
        cls = pending.pop()
        found.append(cls)
        pending.extend(cls.__subclasses__())
    return found
