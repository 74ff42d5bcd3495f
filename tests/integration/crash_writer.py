"""A writer for the crash test: receives dossiers in a loop and reports each one saved.

Run as ``python -m tests.integration.crash_writer``, with the data folder in
``COUNTER_APP_DATA_DIR``. It prints a dossier's code only after ``receive_dossier`` returned,
so every code the parent reads is a promise that the dossier survives a kill.
"""

from __future__ import annotations

import itertools
import sys

from counter_app.services.clock import now_vn
from counter_app.services.intake.receive import receive_dossier
from counter_app.services.store.opening import open_store
from tests.dossier_helpers import CLERK, citizen, intake


def main() -> None:
    store = open_store()
    for n in itertools.count():
        person = citizen(name=f"Lê Thị Hồng {n}", id_number=f"00118{n % 10_000_000:07d}")
        dossier = receive_dossier(store, intake(person), clerk=CLERK, now=now_vn())
        sys.stdout.write(dossier.code + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
