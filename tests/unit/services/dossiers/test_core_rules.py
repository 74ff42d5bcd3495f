"""Each business rule has one home in the core: the command line refuses what the window refuses.

The findings of an identity, the hand-over of a result and which status allows which form are
checked by the services themselves, so a script gets the same answer as the clerk's screen.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from counter_app.documents.model import FormKind
from counter_app.domain.dossier import Status
from counter_app.domain.findings import Finding, FindingCode
from counter_app.domain.handover import (
    ProxyIdRequiredError,
    Recipient,
    RecipientNameRequiredError,
)
from counter_app.domain.lifecycle import CLOCK_RUNNING, ReasonRequiredError, form_statuses
from counter_app.services.documents.form_data import FormParams
from counter_app.services.documents.issuing import FormNotAllowedError, IssueRequest, issue_document
from counter_app.services.dossiers import changes as dossiers
from counter_app.services.dossiers.handover import hand_over
from counter_app.services.intake.receive import (
    FindingNotAcknowledgedError,
    IdentityIncompleteError,
    receive_dossier,
)
from counter_app.services.store.opening import Store, open_store
from counter_app.storage.audit import iter_audit
from tests.dossier_helpers import CLERK, configure, intake, vn
from tests.unit.cli.test_dossier_cli import SETUP, TYPED, run


@pytest.fixture
def store(new_store: Store) -> Store:
    configure(new_store)
    return new_store


def _ready_code(capsys: pytest.CaptureFixture[str]) -> str:
    assert run(capsys, *SETUP)[0] == 0
    add = ["dossier", "add", "--procedure", "1.004873", *TYPED, "--sex", "Nữ", "--json"]
    code = str(run(capsys, *add)[1][0]["code"])
    assert run(capsys, "dossier", "transition", code, "result_ready")[0] == 0
    return code


def test_the_cli_hand_over_needs_a_recipient_as_the_window_does(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = _ready_code(capsys)
    status, _, err = run(capsys, "dossier", "transition", code, "returned")
    assert status == 2 and "HANDOVER_NAME_REQUIRED" in err
    status, lines, _ = run(capsys, "dossier", "show", code, "--json")
    assert lines[0]["status"] == 9  # nothing recorded


def test_the_cli_hand_over_to_a_proxy_needs_their_id_number(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = _ready_code(capsys)
    handover = {"recipient": "Nguyễn Văn Bình", "id_number": "12"}
    args = ["dossier", "transition", code, "returned", "--proxy", "--handover", "-"]
    status, _, err = run(capsys, *args, stdin=json.dumps(handover) + "\n")
    assert status == 2 and "HANDOVER_PROXY_ID_REQUIRED" in err
    handover.update(id_number="001090000002", relation="chồng")
    status, lines, _ = run(capsys, *args, "--json", stdin=json.dumps(handover) + "\n")
    assert status == 0 and lines[0]["status"] == 10
    events = run(capsys, "dossier", "show", code, "--json")[1][0]["events"]
    assert events[-1]["details"]["recipient_is_proxy"] is True
    assert events[-1]["details"]["recipient_relation"] == "chồng"


def test_the_hand_over_service_refuses_what_the_window_refused(store: Store) -> None:
    d = receive_dossier(store, intake(), clerk=CLERK, now=vn(2026, 11, 2))
    dossiers.transition_dossier(
        store, d.code, Status.RESULT_READY, actor=CLERK, now=vn(2026, 11, 3)
    )
    with pytest.raises(RecipientNameRequiredError):
        hand_over(store, d.code, Recipient(name="  "), actor=CLERK, now=vn(2026, 11, 4))
    with pytest.raises(ProxyIdRequiredError):
        proxy = Recipient(name="Nguyễn Văn Bình", is_proxy=True, id_number="0010")
        hand_over(store, d.code, proxy, actor=CLERK, now=vn(2026, 11, 4))
    with pytest.raises(RecipientNameRequiredError):  # the plain transition meets the same rule
        dossiers.transition_dossier(
            store, d.code, Status.RETURNED, actor=CLERK, now=vn(2026, 11, 4)
        )
    assert dossiers.get_dossier(store, d.code).status == Status.RESULT_READY
    applicant = Recipient(name="Đặng Thị Thuỷ")
    done = hand_over(store, d.code, applicant, actor=CLERK, now=vn(2026, 11, 4))
    assert done.status == Status.RETURNED and done.returned_at is not None


def test_receive_refuses_an_error_finding_and_lists_unticked_confirm_findings(
    store: Store,
) -> None:
    error = Finding(FindingCode.BIRTH_DATE_MISSING, "date_of_birth")
    confirms = (Finding(FindingCode.SEX_ID_MISMATCH, "sex"), Finding(FindingCode.ENCODING_BROKEN))
    with pytest.raises(IdentityIncompleteError) as blocked:
        receive_dossier(
            store, replace(intake(), findings=(error, *confirms)), clerk=CLERK, now=vn(2026, 11, 2)
        )
    assert blocked.value.codes == ("BIRTH_DATE_MISSING",)
    with pytest.raises(FindingNotAcknowledgedError) as unticked:
        receive_dossier(
            store,
            replace(intake(), findings=confirms, acknowledged=frozenset({"ENCODING_BROKEN"})),
            clerk=CLERK,
            now=vn(2026, 11, 2),
        )
    assert unticked.value.codes == ("SEX_ID_MISMATCH",)
    assert "SEX_ID_MISMATCH" in str(unticked.value)
    ticked = frozenset({"SEX_ID_MISMATCH", "ENCODING_BROKEN"})
    saved = receive_dossier(
        store, replace(intake(), findings=confirms, acknowledged=ticked), clerk=CLERK,
        now=vn(2026, 11, 2),
    )  # fmt: skip
    assert saved.status == Status.RECEIVED


@pytest.mark.parametrize(
    ("kind", "statuses"),
    [
        ("receipt", {2, 4}),
        ("supplement", {2, 4, 5}),
        ("refusal", {1, 3}),
        ("apology", {2, 4, 6}),
        ("stop", {4, 5, 6, 8}),
        ("control", {2, 4}),
    ],
)
def test_one_table_says_which_status_allows_which_form(kind: str, statuses: set[int]) -> None:
    assert form_statuses(kind) == statuses
    assert {2, 4, 6} == CLOCK_RUNNING


def test_issuing_follows_the_table(store: Store) -> None:
    d = receive_dossier(store, intake(), clerk=CLERK, now=vn(2026, 11, 2))
    assert Status.RECEIVED not in form_statuses(FormKind.STOP.value)
    with pytest.raises(FormNotAllowedError):
        issue_document(
            store,
            IssueRequest(kind=FormKind.STOP, code=d.code, params=FormParams(reason="x")),
            actor=CLERK,
            now=vn(2026, 11, 3),
            deliver=lambda pdf: None,
        )


def test_an_action_inside_an_action_commits_or_fails_with_it(store: Store) -> None:
    d = receive_dossier(store, intake(), clerk=CLERK, now=vn(2026, 11, 2))
    with pytest.raises(RuntimeError), store.action():
        dossiers.transition_dossier(
            store, d.code, Status.IN_PROCESS, actor=CLERK, now=vn(2026, 11, 3)
        )
        raise RuntimeError  # the outer action fails after the inner one succeeded
    assert dossiers.get_dossier(store, d.code).status == Status.RECEIVED
    with store.action():
        with pytest.raises(ReasonRequiredError):  # the inner part alone is undone
            dossiers.transition_dossier(
                store, d.code, Status.WITHDRAWN, actor=CLERK, now=vn(2026, 11, 3)
            )
        moved = dossiers.transition_dossier(
            store, d.code, Status.RESULT_READY, actor=CLERK, now=vn(2026, 11, 3)
        )
    assert moved.status == dossiers.get_dossier(store, d.code).status == Status.RESULT_READY
    assert moved.version == 3  # 2 went to the undone action: a gap, never a reuse


def test_no_one_but_storage_reaches_for_the_connection() -> None:
    """No ``store.db`` in the window, sync, the CLI or the services: a service hands the
    ``Store`` itself to storage, so the connection stays inside storage."""
    root = Path(__file__).resolve().parents[4]
    found = [
        f"{path.relative_to(root)}:{number}"
        for package in ("ui", "sync", "counter_app/services", "counter_app/cli")
        for path in sorted((root / package).rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\bstore\.db\b", line)
    ]
    assert found == []


def test_one_settings_verb_changes_any_group_all_or_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(capsys, *SETUP)[0] == 0
    args = ["settings", "--set", "forms.place=Hà Nội", "--set", "ui.idle_lock_minutes=10"]
    status, lines, _ = run(capsys, *args, "--json")
    assert status == 0
    assert lines[0]["forms"]["place"] == "Hà Nội" and lines[0]["ui"]["idle_lock_minutes"] == 10
    status, _, err = run(
        capsys, "settings", "--set", "forms.place=Huế", "--set", "ui.idle_lock_minutes=0"
    )
    assert status == 2 and "UI_SETTING_INVALID" in err
    status, lines, _ = run(capsys, "form", "settings", "--json")  # the older verb, same group
    assert lines[0]["place"] == "Hà Nội"  # the refused change saved nothing of either group
    status, _, err = run(capsys, "settings", "--set", "counter.counter=2")
    assert status == 2 and "SETTING_UNKNOWN" in err
    with open_store() as store:
        actions = [row.action for row in iter_audit(store)]
    assert actions.count("settings.forms") == 1 and actions.count("settings.ui") == 1


def test_an_intake_with_findings_keeps_what_was_read_out_of_its_repr() -> None:
    read = Finding(FindingCode.DIACRITICS_LOST, "full_name", {"value": "Dang Thi Thuy"})
    assert "Dang Thi Thuy" not in repr(replace(intake(), findings=(read,)))
