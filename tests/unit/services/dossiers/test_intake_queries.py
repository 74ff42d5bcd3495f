"""The intake screen's store helpers: drafts, the duplicate check, the most used procedures."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from counter_app.services.dossiers.queries import most_used_procedures, recent_same_procedure
from counter_app.services.intake.drafts import discard_draft, load_draft, save_draft
from counter_app.services.intake.receive import receive_dossier
from counter_app.services.settings.intake import (
    IntakeSettingInvalidError,
    IntakeSettings,
    load_intake_settings,
    save_intake_settings,
)
from counter_app.services.store.opening import Store, open_store
from tests.dossier_helpers import CLERK, citizen, configure, intake, vn

NOW = vn(2026, 11, 10, 9, 0)


def test_a_draft_is_kept_across_a_reopen_and_gone_once_discarded(new_store: Store) -> None:
    configure(new_store)
    content = {"applicant": {"full_name": "Trần Quốc Bảo"}, "procedure": "1.001193"}
    save_draft(new_store, content, now=NOW)
    save_draft(new_store, {**content, "reason": "x"}, now=NOW)  # replaces, never adds
    folder = new_store.folder
    new_store.close()
    reopened = open_store(folder)
    try:
        assert load_draft(reopened) == {**content, "reason": "x"}
        discard_draft(reopened)
        assert load_draft(reopened) is None
    finally:
        reopened.close()


def test_the_same_person_and_procedure_within_the_window_is_a_possible_duplicate(
    new_store: Store,
) -> None:
    configure(new_store)
    first = receive_dossier(new_store, intake(procedure="1.001193"), clerk=CLERK, now=NOW)
    receive_dossier(
        new_store,
        intake(citizen(id_number="001305009876"), procedure="1.001193"),
        clerk=CLERK,
        now=NOW,
    )
    id_number = citizen().id_number
    later = NOW + timedelta(days=3)
    assert recent_same_procedure(new_store, id_number, "1.001193", now=later) == [
        (first.code, first.received_at)
    ]
    assert recent_same_procedure(new_store, id_number, "1.000894", now=later) == []
    assert (
        recent_same_procedure(new_store, id_number, "1.001193", now=NOW + timedelta(days=8)) == []
    )


def test_the_counters_most_used_procedures_come_first(new_store: Store) -> None:
    configure(new_store)
    for minute, code in enumerate(["1.000894", "1.001193", "1.001193", "2.000815", "1.001193"]):
        receive_dossier(
            new_store, intake(procedure=code), clerk=CLERK, now=NOW.replace(minute=minute)
        )
    codes = [p.code for p in most_used_procedures(new_store, 2)]
    assert codes == ["1.001193", "1.000894"]


def test_intake_settings_default_and_change_with_an_audit_row(new_store: Store) -> None:
    configure(new_store)
    assert load_intake_settings(new_store) == IntakeSettings()
    wanted = IntakeSettings(scanner_port="COM3", print_preview=True, camera=True)
    changes = {"scanner_port": " COM3 ", "print_preview": True, "camera": True}
    assert save_intake_settings(new_store, changes, actor="it", now=NOW) == wanted
    assert load_intake_settings(new_store) == wanted
    rows = new_store.db.conn.execute("SELECT action, details FROM audit_log").fetchall()
    assert rows[-1][0] == "settings.intake"
    assert json.loads(rows[-1][1])["scanner_port"] == {"old": "", "new": "COM3"}
    save_intake_settings(new_store, changes, actor="it", now=NOW)  # nothing new: no audit row
    assert len(new_store.db.conn.execute("SELECT action FROM audit_log").fetchall()) == len(rows)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("scanner_port", "CO\tM3"),
        ("scanner_port", "x" * 101),
        ("scanner_baud", 1234),
        ("print_preview", "yes"),
        ("camera", 1),
        ("wedge_gap_ms", 2),
        ("wedge_min_length", 61),
        ("language", "vi"),  # the window's setting (ui.*), not the intake screen's
    ],
)
def test_a_refused_intake_setting_names_itself_and_changes_nothing(
    new_store: Store, name: str, value: object
) -> None:
    configure(new_store)
    with pytest.raises(IntakeSettingInvalidError) as refused:
        save_intake_settings(new_store, {name: value}, actor="it", now=NOW)
    assert str(refused.value) == name and refused.value.code == "INTAKE_SETTING_INVALID"
    assert load_intake_settings(new_store) == IntakeSettings()
