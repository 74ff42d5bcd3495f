"""The counter's copy in a record: it gives a stored dossier back field by field, refuses what
it cannot read, stays out of the idempotency digest, and the city returns it to its sender
only."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from counter_app.domain.dossier import DocumentReceived, Dossier, IdType, Proxy
from counter_app.domain.vn_time import VN_TZ
from counter_app.services.intake.receive import receive_dossier
from counter_app.services.store.opening import Store
from sync.counter_copy import (
    COPIED_FIELDS,
    CounterCopyInvalidError,
    counter_copy,
    dossier_from_copy,
)
from sync.protocol import record_digest
from sync.simulator import city
from sync.simulator import store as city_store
from sync.simulator.faults import CodePolicy
from sync.simulator.lookup import answer_lookup
from tests.dossier_helpers import AGENCY, CLERK, citizen, configure, intake, vn
from tests.integration.sync_helpers import local_record


def _dossier(store: Store) -> Dossier:
    configure(store)
    proxy = Proxy("Trần Văn Đức", IdType.PERSONAL_ID, "001090001234", "con", "0987654321")
    papers = (DocumentReceived("Tờ khai", 1, 0), DocumentReceived("Giấy chứng sinh", 1, 2))
    form = replace(intake(citizen()), proxy=proxy, documents=papers, sets=2, notes="Ghi chú")
    return receive_dossier(store, form, clerk=CLERK, now=vn(2026, 11, 3, 9, 0))


def test_a_copy_gives_the_dossier_back_field_by_field(new_store: Store) -> None:
    dossier = _dossier(new_store)
    again = dossier_from_copy(counter_copy(dossier))
    for name in COPIED_FIELDS:
        assert getattr(again, name) == getattr(dossier, name), name
    assert again.applicant.date_of_birth == "1989-06-05" and again.applicant.sex == "female"
    assert again.proxy == dossier.proxy and again.documents[1].copies == 2


@pytest.mark.parametrize(
    "spoil",
    [
        lambda c: {**c, "shape": 2},  # a shape this version does not know
        lambda c: {k: v for k, v in c.items() if k != "log_line"},
        lambda c: {**c, "version": "3"},
        lambda c: {**c, "applicant": {"kind": "alien"}},
        lambda c: {**c, "documents": [{"name": "Tờ khai", "pages": 2}]},
        lambda c: [],
    ],
)
def test_a_copy_that_cannot_be_read_is_refused(new_store: Store, spoil: Any) -> None:
    with pytest.raises(CounterCopyInvalidError):
        dossier_from_copy(spoil(counter_copy(_dossier(new_store))))


def test_the_copy_is_outside_the_idempotency_digest(new_store: Store) -> None:
    """A version the city got before the copy existed, sent again with it: a duplicate."""
    record = local_record(new_store, _dossier(new_store))
    without = {k: v for k, v in record.items() if k != "counter_copy"}
    assert record_digest(record) == record_digest(without)


def test_the_city_returns_the_record_to_its_sender_only(new_store: Store, tmp_path: Path) -> None:
    record = local_record(new_store, _dossier(new_store))
    now = datetime(2026, 11, 3, 10, 0, tzinfo=VN_TZ)
    with city_store.open_db(tmp_path / "city.db") as db:
        intake_ = city.Intake("1", AGENCY, {record["hoSo"]["MaTTHC"]}, CodePolicy.KEEP, now)
        with city_store.atomic(db):
            (result,) = city.receive_records(db, [record], intake_)
        assert result.outcome.value == "accepted"
        ask = {"counter_id": "1", "MaDonVi": AGENCY, "dossier_uuids": [record["dossier_uuid"]]}
        (found,) = answer_lookup(db, ask)["found"]
        assert found["record"] == record and found["received_at"].startswith("2026-11-03T10:00")
        other = answer_lookup(db, {**ask, "counter_id": "2"})
    assert other == {"found": [], "unknown": [record["dossier_uuid"]]}
