"""A full read of an emulated ID card through pcsc-lite: BAC, reads, verification, APDUs.

The card is vsmartcard's emulator (Python, on the same machine), so the figures show our side's
cost and the APDU count, not a real chip's speed: a contactless chip answers each APDU in a few
milliseconds; the emulator answers on the same shared cores as everything else.
"""

from __future__ import annotations

import atexit
import os
import shutil
import statistics
import tempfile
from pathlib import Path

from counter_app.services.chip import pcsc
from counter_app.services.chip.read import ChipRead, Timings, bac_keys_for, read_card
from tests.chip import cards, emulator

READS = 10  # full reads timed per card; each opens its own BAC session, as a tap does
_PCSCD_FOLDER: list[Path] = []


def pcscd_folder() -> Path:
    """The folder of this process's pcscd, its socket pinned at the first call.

    pcsc-lite's client reads the daemon's socket name at its first call in a process, and
    `bench.run` opens windows (whose intake screen watches for a reader) before this section:
    it calls this before running any section.
    """
    if not _PCSCD_FOLDER:
        folder = Path(tempfile.mkdtemp(prefix="bench-pcscd-"))
        emulator.pin_client_socket(folder)
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        _PCSCD_FOLDER.append(folder)
    return _PCSCD_FOLDER[0]


def measure(daemon: emulator.Pcscd, folder: Path, portrait: bytes | None) -> list[ChipRead]:
    pki = cards.make_pki()
    person = cards.Person()
    card = cards.write_card(folder / "card", person, pki, portrait=portrait)
    keys = bac_keys_for(
        id_number=person.id_number, birth=person.birth, issued=person.issue, expiry=None
    )
    results = []
    with emulator.serving_card(daemon, card):
        for _ in range(READS):
            connection = pcsc.connect()
            try:
                results.append(read_card(connection.transmit, keys, trusted=[pki.csca]))
            finally:
                connection.close()
    return results


def _ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.0f} (best {min(values) * 1000:.0f})"


def _row(label: str, results: list[ChipRead]) -> str:
    timings: list[Timings] = [r.timings for r in results]
    total = [t.bac_s + t.read_s + t.verify_s for t in timings]
    portrait = results[0].portrait
    size = f"{len(portrait.image) / 1000:.1f} kB {portrait.mime_type}" if portrait else "none"
    return (
        f"| {label} ({size}) | {timings[0].apdus} | {_ms([t.bac_s for t in timings])} | "
        f"{_ms([t.read_s for t in timings])} | {_ms([t.verify_s for t in timings])} | "
        f"{_ms(total)} |"
    )


def run() -> str:
    cases = {"drawn face": None, "portrait of a real card's size": cards.noisy_portrait()}
    rows = []
    # One daemon for both cards: pcsc-lite's client keeps the first socket it was given.
    with (
        tempfile.TemporaryDirectory() as folder,
        emulator.running_pcscd(pcscd_folder()) as daemon,
    ):
        for index, (label, portrait) in enumerate(cases.items()):
            rows.append(_row(label, measure(daemon, Path(folder) / str(index), portrait)))
    load = os.getloadavg()[0]
    return "\n".join(
        [
            "## Reading the chip (emulated card through pcsc-lite)",
            "",
            f"{READS} full reads of each test card (EF.COM, DG1, DG2, DG13, EF.SOD) by "
            "`read_card` through pcscd, the virtual reader and vsmartcard's `vicc` emulator on "
            "the same machine; milliseconds, median (best).",
            "",
            "| card (DG2 portrait) | APDUs | select + BAC | reads (SM) | passive auth + parsing "
            "| whole read |",
            "|---|---|---|---|---|---|",
            *rows,
            "",
            "A real card's time depends on the reader and the chip; this measures our side and "
            f"the APDU count. Load average during the run: {load:.1f} (on a shared machine the "
            "emulator's answers slow down with it).",
        ]
    )


if __name__ == "__main__":
    print(run())
