"""What a restore tells the marks file: the break it explains, the dossiers it took back.

A restored store's audit chain ends before the head the marks recorded: opening it records a
break, which the restore's own audit row explains (closed as kind "restore"). The dossiers the
marks know were saved and the backup lacks are listed by the restore for re-entry; they are
recorded as its losses, so ``audit verify`` does not report them as deleted behind its back.
"""

from __future__ import annotations

from pathlib import Path

from counter_app.services.store.opening import Store, drop_notices
from counter_app.storage.data_check import missing_from_store, uuids_present
from counter_app.storage.marks import MARKS_FILE_NAME, Marks


def open_break_ids(folder: Path) -> set[int]:
    """The breaks open before the restored store is opened (and so compared with the marks)."""
    if not (folder / MARKS_FILE_NAME).exists():
        return set()
    marks = Marks(folder / MARKS_FILE_NAME)
    try:
        return {b.id for b in marks.breaks()}
    finally:
        marks.close()


def settle_restore(store: Store, *, restore_seq: int, breaks_before: set[int]) -> None:
    """Close the breaks this restore caused and record the dossiers it took back."""
    new_breaks = [b.id for b in store.marks.breaks() if b.id not in breaks_before]
    store.marks.acknowledge_breaks(new_breaks, by_seq=restore_seq, kind="restore")
    if new_breaks:
        drop_notices("AUDIT_BREAK_FOUND")  # the restore's own report explains it
    lost = [uuid for uuid, _ in missing_from_store(store, store.marks)]
    store.marks.record_losses(lost, restore_seq=restore_seq)


def lost_dossiers(store: Store) -> list[tuple[str, str]]:
    """(uuid, code) of the dossiers restores took back that the store still lacks."""
    lost = store.marks.losses()
    if not lost:
        return []
    present = uuids_present(store, [uuid for uuid, _ in lost])
    return [(uuid, code) for uuid, code in lost if uuid not in present]
