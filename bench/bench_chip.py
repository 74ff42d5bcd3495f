"""A full read of an emulated ID card through pcsc-lite: BAC, reads, verification, APDUs.

The card is vsmartcard's emulator (Python, on the same machine), so the figures show our side's
cost and the APDU count, not a real chip's speed: a contactless chip at 106-424 kbit/s answers
each APDU in a few milliseconds, the emulator in about as many, but on the same shared cores.
"""

from __future__ import annotations

import os
import statistics
import tempfile
from pathlib import Path

from counter_app.services import pcsc
from counter_app.services.chip_read import ChipRead, bac_keys_for, read_card
from tests.chip import cards, emulator

READS = 10  # full reads timed; each opens its own BAC session, as a tap does


def measure(folder: Path) -> list[ChipRead]:
    pki = cards.make_pki()
    person = cards.Person()
    card = cards.write_card(folder / "card", person, pki)
    keys = bac_keys_for(
        id_number=person.id_number, birth=person.birth, issued=person.issue, expiry=None
    )
    results = []
    with emulator.running_pcscd(folder / "pcscd") as daemon, emulator.serving_card(daemon, card):
        for _ in range(READS):
            connection = pcsc.connect()
            try:
                results.append(read_card(connection.transmit, keys, trusted=[pki.csca]))
            finally:
                connection.close()
    return results


def run() -> str:
    with tempfile.TemporaryDirectory() as folder:
        results = measure(Path(folder))
    load = os.getloadavg()[0]
    timings = [r.timings for r in results]
    sizes = len(results[0].portrait.image) if results[0].portrait else 0

    def ms(values: list[float]) -> str:
        return f"{statistics.median(values) * 1000:.0f} (best {min(values) * 1000:.0f})"

    total = [t.bac_s + t.read_s + t.verify_s for t in timings]
    return "\n".join(
        [
            "## Reading the chip (emulated card through pcsc-lite)",
            "",
            f"{READS} full reads of a test card (EF.COM, DG1, DG2 with a {sizes / 1000:.1f} kB "
            "JPEG portrait, DG13, EF.SOD) by `read_card` through pcscd, the virtual reader and "
            "vsmartcard's `vicc` emulator on the same machine; milliseconds, median (best).",
            "",
            "| phase | ms |",
            "|---|---|",
            f"| select + BAC (one key) | {ms([t.bac_s for t in timings])} |",
            f"| reads under Secure Messaging | {ms([t.read_s for t in timings])} |",
            f"| passive authentication + parsing | {ms([t.verify_s for t in timings])} |",
            f"| whole read | {ms(total)} |",
            "",
            f"APDUs per read: {timings[0].apdus}. A real card's time depends on the reader and "
            "the chip; this measures our side and the APDU count. Load average during the run: "
            f"{load:.1f} (on a shared machine the emulator's answers slow down with it).",
        ]
    )


if __name__ == "__main__":
    print(run())
