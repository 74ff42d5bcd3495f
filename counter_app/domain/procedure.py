"""A procedure of the catalogue, as the rest of the app sees it (procedures.md §1)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import time

from counter_app.errors import EnvironmentProblem

# A paper the catalogue asks for only in some cases says so: "Văn bản ủy quyền (nếu đi thay)".
_CONDITIONAL_MARK = "(nếu "


def is_conditional_paper(name: str) -> bool:
    """Needed only in some cases ("(nếu có)", "(nếu đi thay)"): the intake leaves it unticked
    until the clerk has it, and a supplement request does not ask for it by itself."""
    return _CONDITIONAL_MARK in unicodedata.normalize("NFC", name).casefold()


# The longest processing period a catalogue may give, in working or calendar days. The
# longest known procedure takes 30 to 60 days; a year is six times that, so a row above it is
# a typo (an extra digit). It also keeps every date the due-date rules derive from a period
# computable: a year of working days spans under 550 calendar days, far inside the calendar's
# MAX_PERIOD_DAYS (3660), which bounds a supplement's pause and every working-day walk.
MAX_PROCESSING_DAYS = 365


class ProcedurePeriodTooLongError(EnvironmentProblem):
    """A stored catalogue (imported before the bound was checked) gives this procedure a period
    above MAX_PROCESSING_DAYS: no due date is computed; a supervisor imports a corrected file."""

    code = "PROCEDURE_PERIOD_TOO_LONG"


# Same-day procedures received after this are due the next working day (dossier.md §5.3).
DEFAULT_SAME_DAY_CUTOFF = time(15, 0)


@dataclass(frozen=True)
class Procedure:
    code: str  # national code d.dddddd
    name_vi: str
    name_en: str
    field: str
    processing_days: int  # working days, ordinary case
    same_day: bool
    fee_vnd: int
    documents: tuple[str, ...]  # in the order printed on the receipt
    confidence: str  # high | medium | low
    agency_suffix: str = ""  # a local system's suffix (".H26"), kept apart from the code
    calendar_days: int = 0  # > 0: the period runs in calendar days (adoption: 30)
    cutoff: time | None = None  # same-day cut-off; None = none (multi-day) or the default
    active: bool = True
    catalogue_version: int = 0

    @property
    def effective_cutoff(self) -> time | None:
        if not self.same_day:
            return self.cutoff
        return self.cutoff or DEFAULT_SAME_DAY_CUTOFF

    def check_period(self) -> None:
        """Refuse a period no due date should be computed from (detail: the procedure code)."""
        if max(self.processing_days, self.calendar_days) > MAX_PROCESSING_DAYS:
            raise ProcedurePeriodTooLongError(self.code)
