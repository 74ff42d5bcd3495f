"""``counter-app --self-test``: what IT runs after installing, on the PC itself.

Each check exercises the real part a clerk will use (the QR decoders on a generated card, a
receipt drawn with the shipped font, an encrypted store with FTS5 and WAL, the data folder,
its disk) and comes back as one ``CheckResult``: passed, failed or not applicable, with facts
in its detail (sizes, versions, where the key is kept; never personal data). The window and
the city are checked by the command line (``cli/self_test_commands.py``), the only layer
allowed Qt and the sync client.
"""

from __future__ import annotations

import io
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pypdfium2
import segno
from PIL import Image

from counter_app.documents.render import render_document
from counter_app.documents.samples import sample_form
from counter_app.errors import CounterAppError
from counter_app.services.paths import DataFolderUnusableError, data_dir, write_private_file
from counter_app.services.qr.decode import Decoder, decode_qr_payloads
from counter_app.services.store import keys
from counter_app.services.store.errors import LOW_SPACE_WARNING_BYTES
from counter_app.services.store.opening import open_store, store_exists
from counter_app.storage.engine import free_bytes, human_size
from counter_app.storage.engine_check import check_engine
from counter_app.storage.migrations import latest_version, schema_version

# An invented card (the README's example): Vietnamese letters, the seven fields of a chip card.
SAMPLE_CARD = (
    "001089004217|013579246|Trần Quốc Bảo|05061989|Nam|"
    "Số 7 phố Hàng Bạc, Hàng Bạc, Hoàn Kiếm, Hà Nội|12042021"
)
PASSED, FAILED, NOT_APPLICABLE = "ok", "failed", "n/a"


@dataclass(frozen=True)
class CheckResult:
    """One line of the self-test; ``name`` keys its label and advice in texts/self_test.py."""

    name: str
    status: str
    detail: str = ""

    @property
    def failed(self) -> bool:
        return self.status == FAILED


def run_check(name: str, check: Callable[[], CheckResult]) -> CheckResult:
    """Run ``check``; anything it raises is its failure, named by type or code only."""
    try:
        return check()
    except CounterAppError as error:
        return CheckResult(name, FAILED, error.code)
    except Exception as error:  # a self-test reports every failure and goes on
        return CheckResult(name, FAILED, type(error).__name__)


def core_checks(folder: Path | None) -> list[CheckResult]:
    """Every Qt-free, network-free check, in the order they are printed."""
    try:
        data = data_dir(folder)  # created owner-only when missing, like every command does
    except DataFolderUnusableError as error:
        return _without_data_folder(error.detail)
    checks: list[tuple[str, Callable[[], CheckResult]]] = [
        ("data_folder", lambda: check_data_folder(data)),
        ("disk_space", lambda: check_disk_space(data)),
        *_folder_free_checks(),
        ("store_engine", lambda: check_store_engine(data)),
        ("store", lambda: check_store(folder)),
    ]
    return [run_check(name, check) for name, check in checks]


def _folder_free_checks() -> list[tuple[str, Callable[[], CheckResult]]]:
    return [
        ("qr_zxing", lambda: check_decoder(Decoder.ZXING)),
        ("qr_zbar", lambda: check_decoder(Decoder.ZBAR)),
        ("receipt_pdf", check_receipt_pdf),
    ]


def _without_data_folder(why: str) -> list[CheckResult]:
    """The folder cannot be made: what needs it fails with the reason, the rest still runs."""
    needing = [CheckResult(name, FAILED, why) for name in ("data_folder", "disk_space")]
    others = [run_check(name, check) for name, check in _folder_free_checks()]
    store = [CheckResult(name, FAILED, why) for name in ("store_engine", "store")]
    return [*needing, *others, *store]


def check_data_folder(data: Path) -> CheckResult:
    """A file can be written whole, owner-only, and removed again."""
    probe = data / ".self-test-probe"
    write_private_file(probe, b"probe")
    probe.unlink()
    return CheckResult("data_folder", PASSED, str(data))


def check_disk_space(data: Path) -> CheckResult:
    free = free_bytes(data)
    if free is None:
        return CheckResult("disk_space", FAILED, "?")
    status = PASSED if free >= LOW_SPACE_WARNING_BYTES else FAILED
    return CheckResult("disk_space", status, human_size(free))


def check_decoder(decoder: Decoder) -> CheckResult:
    """Decode a card QR drawn here; the Windows build carries zxing-cpp only."""
    name = f"qr_{decoder.value}"
    if decoder is Decoder.ZBAR and sys.platform == "win32" and getattr(sys, "frozen", False):
        return CheckResult(name, NOT_APPLICABLE, "zxing-cpp only")
    found = decode_qr_payloads(card_image(), decoder=decoder)
    if found != [SAMPLE_CARD]:
        return CheckResult(name, FAILED, f"{len(found)} code(s), text differs")
    return CheckResult(name, PASSED)


def card_image() -> Image.Image:
    """A PIL image of the sample card's QR code, as a camera or scanner would hand it over."""
    buffer = io.BytesIO()
    segno.make(SAMPLE_CARD, encoding="utf-8", error="m").save(buffer, kind="png", scale=6, border=4)
    buffer.seek(0)
    return Image.open(buffer).convert("RGB")


def check_receipt_pdf() -> CheckResult:
    """A sample receipt, and its Vietnamese read back from the PDF (the font is embedded)."""
    form = sample_form()
    pdf = render_document(form)
    document = pypdfium2.PdfDocument(pdf)
    try:
        text = document[0].get_textpage().get_text_range()
    finally:
        document.close()
    if form.applicant.full_name not in text.replace("\r\n", "\n"):
        return CheckResult("receipt_pdf", FAILED, "Vietnamese text lost")
    return CheckResult("receipt_pdf", PASSED, f"{len(pdf) // 1024} KB")


def check_store_engine(data: Path) -> CheckResult:
    """A scratch encrypted store in the data folder (same disk): WAL, FTS5 on Vietnamese."""
    with tempfile.TemporaryDirectory(dir=data, prefix=".self-test-") as scratch:
        detail = check_engine(Path(scratch) / "probe.db", key=keys.new_key())
    return CheckResult("store_engine", PASSED, detail)


def check_store(folder: Path | None) -> CheckResult:
    """The counter's own store opens with its key; says where the key is kept."""
    if not store_exists(folder):
        return CheckResult("store", NOT_APPLICABLE, "setup")
    with open_store(folder) as store:
        version = schema_version(store)
        where = store.key_location or "plain"
    return CheckResult("store", PASSED, f"{where}, schema {version}/{latest_version()}")
