"""The counter of scripts/clerk_day.sh, before the window opens (synthetic people only).

Sets the text size, the COM-port scanner and the city's address, and leaves two dossiers from
an earlier visit for the day to meet: one whose result is ready (its citizen comes back for
it) and one typed with a digit missing from the ID number, which the city will reject and the
clerk will fix. Prints the ready dossier's code, which the script scans as its receipt QR.

    python scripts/clerk_day_setup.py DATA_DIR TEXT_SIZE SCANNER_PORT CITY_URL
    python scripts/clerk_day_setup.py --check DATA_DIR < reasons   (after the day)

``--check`` reads the reasons the clerk typed (the supplement request's, the refusal's; one a
line) and fails when the store holds others: xdotool types Vietnamese letters by remapping a
key for each, and a loaded machine can lose one on the way.
"""

from __future__ import annotations

import sys
from pathlib import Path

from counter_app.domain.dossier import (
    Applicant,
    ApplicantKind,
    DocumentReceived,
    IdType,
    Intake,
    Status,
)
from counter_app.services.clock import now_vn
from counter_app.services.dossiers.changes import transition_dossier
from counter_app.services.dossiers.search import search_dossiers
from counter_app.services.intake.receive import receive_dossier
from counter_app.services.settings.intake import save_intake_settings
from counter_app.services.settings.ui import save_ui_settings
from counter_app.services.store.opening import Store, open_store
from counter_app.services.syncing.settings import save_sync_settings

ACTOR = "it"
CLERK = "user:canbo"
CERTIFY_COPY = "2.000815"  # Chứng thực bản sao từ bản chính: a same-day result
MARRIAGE_STATUS = "1.004873"  # Cấp Giấy xác nhận tình trạng hôn nhân
# The city's answers come fast on loopback; short waits keep a refused send from stalling.
SYNC_TUNING = {"connect_timeout_s": 1.0, "read_timeout_s": 10.0, "backoff_base_s": 5.0}


def person(id_number: str, name: str, born: str, sex: str, street: int) -> Applicant:
    return Applicant(
        kind=ApplicantKind.CITIZEN,
        id_type=IdType.PERSONAL_ID,
        id_number=id_number,
        full_name=name,
        date_of_birth=born,
        sex=sex,
        address=f"Số {street} phố Demo, Hoàn Kiếm, Hà Nội",
    )


def earlier_visits(store: Store) -> str:
    """The ready dossier's code; the mistyped one waits for the city's answer."""
    copy = Intake(
        CERTIFY_COPY,
        person("001078009911", "Trịnh Văn Long", "1978-09-09", "male", 21),
        documents=(DocumentReceived("Bản chính giấy tờ", 1, 1),),
    )
    ready = receive_dossier(store, copy, clerk=CLERK, now=now_vn())
    transition_dossier(store, ready.code, Status.RESULT_READY, actor=CLERK, now=now_vn())
    mistyped = Intake(
        MARRIAGE_STATUS,
        person("00119000876", "Đặng Thị Thuỷ", "1990-05-05", "female", 22),  # 11 digits
        documents=(DocumentReceived("Tờ khai", 1, 0),),
    )
    receive_dossier(store, mistyped, clerk=CLERK, now=now_vn())
    return ready.code


# Whose reasons the clerk typed, in the order the script types them (synthetic people).
TYPED_FOR = ("Phan Van Hung", "Ngo Thi Bich")


def check(folder: str, typed: list[str]) -> int:
    """0 when every typed reason is stored as typed; else 1, with the difference."""
    store = open_store(Path(folder))
    try:
        stored = [search_dossiers(store, name)[0].outcome_reason for name in TYPED_FOR]
    finally:
        store.close()
    wrong = [(want, got) for want, got in zip(typed, stored, strict=True) if want != got]
    for want, got in wrong:
        print(f"Typed {want!r}, stored {got!r}: type it again, on a less loaded machine.")
    return 1 if wrong else 0


def main(folder: str, text_size: str, scanner_port: str, city_url: str) -> None:
    store = open_store(Path(folder))
    try:
        now = now_vn()
        save_ui_settings(store, {"font_scale": int(text_size)}, actor=ACTOR, now=now)
        save_intake_settings(store, {"scanner_port": scanner_port}, actor=ACTOR, now=now)
        save_sync_settings(store, {"url": city_url, **SYNC_TUNING}, actor=ACTOR, now=now)
        print(earlier_visits(store))
    finally:
        store.close()


if __name__ == "__main__":
    if sys.argv[1] == "--check":
        sys.exit(check(sys.argv[2], sys.stdin.read().splitlines()))
    main(*sys.argv[1:5])
