"""Dossiers refused at intake go to the city unless the ward keeps them here (dossier.md §4)."""

from __future__ import annotations

import pytest

from counter_app.cli import main
from counter_app.domain.dossier import Outcome
from counter_app.services.intake.receive import receive_dossier
from counter_app.services.store.opening import Store, open_store
from counter_app.services.syncing.outbox import pending_count
from counter_app.services.syncing.settings import (
    SyncSettingInvalidError,
    load_sync_settings,
    save_sync_settings,
)
from tests.dossier_helpers import CLERK, citizen, configure, intake, vn

NOW = vn(2026, 11, 23, 9)


def refuse(store: Store, n: int) -> None:
    person = citizen(id_number=f"00109000{n:04d}")
    form = intake(person, outcome=Outcome.REFUSED, reason="Không thuộc thẩm quyền")
    receive_dossier(store, form, clerk=CLERK, now=NOW.replace(minute=n))


def test_refusals_are_sent_by_default_and_kept_here_when_the_ward_says_so(
    new_store: Store,
) -> None:
    configure(new_store)
    assert load_sync_settings(new_store).send_refused_at_intake is True
    refuse(new_store, 1)
    assert pending_count(new_store) == 1
    save_sync_settings(new_store, {"send_refused_at_intake": "no"}, actor="it", now=NOW)
    refuse(new_store, 2)
    received = intake(citizen(id_number="001090009999"))
    receive_dossier(new_store, received, clerk=CLERK, now=NOW.replace(minute=3))
    assert pending_count(new_store) == 2  # the first refusal and the received dossier


@pytest.mark.parametrize("value", ["maybe", "", 2])
def test_the_switch_takes_yes_or_no_only(new_store: Store, value: object) -> None:
    configure(new_store)
    with pytest.raises(SyncSettingInvalidError):
        save_sync_settings(new_store, {"send_refused_at_intake": value}, actor="it", now=NOW)


def test_it_sets_the_switch_from_the_command_line(
    new_store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    configure(new_store)
    folder = new_store.folder
    new_store.close()
    assert main(["sync", "configure", "--send-refused", "no"]) == 0
    assert "sync.send_refused_at_intake: False" in capsys.readouterr().out
    store = open_store(folder)
    try:
        assert load_sync_settings(store).send_refused_at_intake is False
    finally:
        store.close()
