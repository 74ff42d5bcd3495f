"""After restoring an older backup, no dossier code and no version is ever issued twice."""

from __future__ import annotations

from pathlib import Path

from counter_app.domain.dossier import Status
from counter_app.services.backup.copies import make_backup
from counter_app.services.backup.restore import restore_backup
from counter_app.services.dossiers import changes as dossiers
from counter_app.services.intake.receive import receive_dossier
from counter_app.services.store.opening import Store, open_store
from tests.dossier_helpers import CLERK, configure, intake, vn


def test_codes_and_versions_continue_above_what_the_backup_lacks(
    new_store: Store, private_data_dir: Path
) -> None:
    configure(new_store)
    first = receive_dossier(new_store, intake(), clerk=CLERK, now=vn(2026, 11, 25, 8, 0))
    backup = make_backup(new_store, actor=CLERK, now=vn(2026, 11, 25, 8, 1)).path
    printed = [
        receive_dossier(new_store, intake(), clerk=CLERK, now=vn(2026, 11, 25, 8, m)).code
        for m in (2, 3)
    ]
    dossiers.transition_dossier(
        new_store, first.code, Status.IN_PROCESS, actor=CLERK, now=vn(2026, 11, 25, 8, 4)
    )
    new_store.close()

    report = restore_backup(
        private_data_dir, backup, key_file=None, actor=CLERK, now=vn(2026, 11, 25, 9)
    )
    assert sorted(m.code for m in report.missing) == sorted(printed)
    assert [(b.code, b.restored_version, b.mark_version) for b in report.behind] == [
        (first.code, 1, 2)
    ]

    store = open_store(private_data_dir)
    try:
        after = receive_dossier(store, intake(), clerk=CLERK, now=vn(2026, 11, 25, 9, 5))
        assert after.code not in {first.code, *printed}
        assert after.code.endswith("1004")
        moved = dossiers.transition_dossier(
            store, first.code, Status.IN_PROCESS, actor=CLERK, now=vn(2026, 11, 25, 9, 6)
        )
        assert moved.version == 3  # version 2 was already sent before the restore
        keys = [k for _, k, _ in dossiers.dossier_detail(store, first.code).outbox]
        assert keys == [f"{first.uuid}:1", f"{first.uuid}:3"]
    finally:
        store.close()
