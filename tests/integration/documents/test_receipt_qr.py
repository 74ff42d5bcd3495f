"""The printed receipt's QR, read back as a citizen's phone or the returns screen would: the
PDF from a real store, rendered by pdftoppm at 203 and 300 dpi, read by the app's decoder."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from counter_app.documents.model import FormKind
from counter_app.domain.receipt_qr import ReceiptQr, parse_receipt_qr
from counter_app.services.documents.issuing import IssueRequest, issue_document
from counter_app.services.dossiers.changes import get_dossier
from counter_app.services.intake.receive import receive_dossier
from counter_app.services.qr.decode import decode_qr_payloads, load_image
from counter_app.services.settings.forms import change_form_settings
from counter_app.services.store.opening import Store
from tests.dossier_helpers import CLERK, citizen, configure, intake, vn

pytestmark = pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="poppler-utils (pdftoppm) not installed"
)

RECEIVED = vn(2026, 11, 23, 10, 5)  # a Monday
PRINTED = vn(2026, 11, 23, 10, 17).replace(second=42)  # the receipt is printed twelve minutes later


@pytest.fixture
def store(new_store: Store) -> Store:
    configure(new_store)
    return new_store


def _receive(store: Store) -> str:
    return receive_dossier(store, intake(citizen()), clerk=CLERK, now=RECEIVED).code


def _print(store: Store, code: str, now: datetime) -> bytes:
    return issue_document(
        store,
        IssueRequest(kind=FormKind.RECEIPT, code=code),
        actor=CLERK,
        now=now,
        deliver=lambda _pdf: None,
    ).pdf


def _read(pdf: bytes, folder: Path, dpi: int) -> ReceiptQr:
    """Page 1 (Liên 1) rendered at ``dpi`` and decoded; exactly one QR is on it."""
    path = folder / "receipt.pdf"
    path.write_bytes(pdf)
    stem = folder / f"receipt-{dpi}"
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", "-f", "1", "-l", "1", "-singlefile",
         str(path), str(stem)],
        check=True,
    )  # fmt: skip
    [text] = decode_qr_payloads(load_image(f"{stem}.png"))
    read = parse_receipt_qr(text)
    assert read is not None
    return read


@pytest.mark.parametrize("dpi", [203, 300])
def test_the_printed_qr_carries_every_field_of_the_rule_and_the_printing_time(
    store: Store, tmp_path: Path, dpi: int
) -> None:
    code = _receive(store)
    dossier = get_dossier(store, code)
    read = _read(_print(store, code, PRINTED), tmp_path, dpi)
    assert read.layout == "v1"
    assert read.fields == {
        "code": code,
        "layout": "v1",
        "procedure_code": dossier.procedure_code,
        "id_number": "001189004217",
        "title": "GIAY TIEP NHAN HO SO VA HEN TRA KET QUA",
        "system": "counter-app",
        "issued_at": "20261123101742",  # printed, not received (10:05)
        "due_at": datetime.fromisoformat(dossier.due_at or "").strftime("%Y%m%d%H%M%S"),
    }


def test_a_reprint_carries_the_original_issue_time_as_its_date_line_does(
    store: Store, tmp_path: Path
) -> None:
    code = _receive(store)
    _print(store, code, PRINTED)
    again = _read(_print(store, code, vn(2026, 11, 25, 8, 0)), tmp_path, 300)
    assert again.fields["issued_at"] == "20261123101742"


def test_a_city_template_replaces_the_layout_and_keeps_the_code_first(
    store: Store, tmp_path: Path
) -> None:
    template = "{code}|{procedure_code}|{due_at}|{system}"
    change_form_settings(
        store, {"qr_template": template, "qr_system": "DVC-HN"}, actor=CLERK, now=RECEIVED
    )
    code = _receive(store)
    read = _read(_print(store, code, PRINTED), tmp_path, 203)
    assert read.code == code and read.layout == ""
