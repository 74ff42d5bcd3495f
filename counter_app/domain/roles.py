"""Who may do what at the counter: three roles, ranked, and the table of guarded actions.

A higher role may do everything a lower one may. The action names are stable strings the
window and the services share (docs/USERS.md lists them): a screen asks before a supervisor's
action, and the refusal names no person.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum


class Role(StrEnum):
    CLERK = "clerk"
    SUPERVISOR = "supervisor"
    ADMINISTRATOR = "administrator"


RANK: Mapping[Role, int] = {Role.CLERK: 1, Role.SUPERVISOR: 2, Role.ADMINISTRATOR: 3}

# Action name → the lowest role allowed to do it.
ACTIONS: Mapping[str, Role] = {
    # The clerk's daily work.
    "settings.change": Role.CLERK,  # the counter's everyday settings (SETTING_ACTIONS below)
    "dossier.intake": Role.CLERK,
    "dossier.form": Role.CLERK,  # supplement request, refusal and the other counter forms
    "dossier.return": Role.CLERK,  # the hand-over of a result
    "dossier.transition": Role.CLERK,  # a lifecycle move the lifecycle allows
    "document.reprint": Role.CLERK,
    "dossier.export": Role.CLERK,  # dossiers read out of the store: CLI list, show, search
    "dossier.fix": Role.CLERK,  # saying a dossier sent back for fixing is fixed
    # Changes a supervisor answers for.
    "dossier.correct": Role.SUPERVISOR,  # correcting a terminal status
    "dossier.void": Role.SUPERVISOR,
    "calendar.import": Role.SUPERVISOR,
    "catalogue.import": Role.SUPERVISOR,
    "form.settings": Role.SUPERVISOR,
    "sync.configure": Role.SUPERVISOR,
    "clock.confirm": Role.SUPERVISOR,  # the PC clock is right: receipts ahead stop blocking
    "log.export": Role.SUPERVISOR,  # the tracking log (Sổ theo dõi hồ sơ) as XLSX, CSV or PDF
    "report.eod": Role.SUPERVISOR,  # the end-of-day reconciliation and its sign-off
    "dashboard.view": Role.SUPERVISOR,  # the supervisor's desk: counts, overdue, unsynced
    "audit.view": Role.SUPERVISOR,  # reading and verifying the audit log
    "audit.export": Role.SUPERVISOR,  # the audit log as a CSV file
    "dossier.send_back": Role.SUPERVISOR,  # "needs fixing" with a reason, and checking the fix
    # The counter itself.
    "users.manage": Role.ADMINISTRATOR,
    "counter.settings": Role.ADMINISTRATOR,
    "store.restore": Role.ADMINISTRATOR,  # putting a backup back in place of the store
    "store.key_export": Role.ADMINISTRATOR,  # the key that decrypts every backup
}


# Which action a setting's change needs, by "group.name" first, then by group; a setting
# in neither needs the counter's administrator.
SETTING_ACTIONS: Mapping[str, str] = {
    "ui": "settings.change",  # the language and text size the window starts with
    "ui.idle_lock_minutes": "counter.settings",  # how long an unattended screen stays open
    "intake": "settings.change",  # scanner port, camera, preview, printer
    "intake.keep_chip_portrait": "counter.settings",  # the ward's choice on personal data
    "forms": "form.settings",  # the unit's names, place, phone, signers on every form
    "forms.receipt_layout": "settings.change",  # A5 or A4 paper at this counter's printer
    "sync": "sync.configure",  # where the dossiers go, and how
}


def setting_action(key: str) -> str:
    """The action changing ``key`` ("forms.place") needs."""
    group = key.partition(".")[0]
    return SETTING_ACTIONS.get(key) or SETTING_ACTIONS.get(group) or "counter.settings"


def strictest(actions: Iterable[str]) -> str | None:
    """The action among ``actions`` that needs the highest role (None for none)."""
    return max(actions, key=lambda action: RANK[ACTIONS[action]], default=None)


def parse_role(text: str) -> Role | None:
    try:
        return Role(text.strip().lower())
    except ValueError:
        return None


def allows(role: str, action: str) -> bool:
    """Does ``role`` reach the minimum of ``action``? Unknown roles and actions: no."""
    parsed, needed = parse_role(role), ACTIONS.get(action)
    if parsed is None or needed is None:
        return False
    return RANK[parsed] >= RANK[needed]
