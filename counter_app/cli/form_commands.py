"""``counter-app receipt`` and ``counter-app form …``: printing the receipt and counter forms.

Each command checks that the dossier's status allows the form, records the lifecycle move
it stands for (dossier.md §4) and writes the PDF, all or nothing. Printing the same form
again is a reprint: marked on the page, audited.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from counter_app.cli.dossier_change_commands import parse_moment
from counter_app.cli.dossier_options import BadOptionError, text
from counter_app.cli.output import (
    Subparsers,
    add_force_flag,
    add_json_flag,
    emit,
    print_group_help,
)
from counter_app.documents.model import Copy, FormKind, Layout
from counter_app.errors import EXIT_OK
from counter_app.messages import message_for
from counter_app.services.actor import cli_actor
from counter_app.services.clock import now_vn
from counter_app.services.documents.files import refuse_existing, write_document
from counter_app.services.documents.form_data import FormParams
from counter_app.services.documents.issuing import (
    IssuedDocument,
    IssueRequest,
    issue_document,
    issued_documents,
)
from counter_app.services.settings.forms import (
    LETTER_NUMBER_SCHEMES,
    RECEIPT_LAYOUTS,
    FormSettings,
    change_form_settings,
    load_form_settings,
)
from counter_app.services.store.opening import open_store

RECEIPT_LAYOUT_CHOICES = [layout.value for layout in Layout]
FORM_LAYOUT_CHOICES = [Layout.A5.value, Layout.A4.value]
LETTERS = {
    FormKind.SUPPLEMENT: "a request to supplement the dossier (Mẫu 02); moves 2 or 4 to 5",
    FormKind.REFUSAL: "the refusal (Mẫu 03) of a dossier refused at intake, or of an online one",
    FormKind.APOLOGY: "an apology with a new appointment (Mẫu 04); needs --new-date and --reason",
    FormKind.STOP: "the notice that processing stopped (Mẫu 05, 2025); moves 4, 5 or 6 to 8",
    FormKind.CONTROL: "the process control slip (Mẫu 06, 2025); moves 2 to 4 (handed over)",
}
_SETTING_OPTIONS = {
    "parent_authority": "the parent authority, in capitals (UBND PHƯỜNG …)",
    "unit_name": "the receiving unit, in capitals (TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG …)",
    "unit_in_text": "the unit as written inside a sentence (Trung tâm Phục vụ … phường …)",
    "place": "the place on the date line (the ward's name: Hoàn Kiếm)",
    "return_place": "where the result is collected (receipt item 6)",
    "counter_phone": "the counter's phone number",
    "help_line": "replaces the help lines of forms 02, 03 and 05 (default: the officer, the "
    "unit, its phone and web address)",
    "processing_unit": "the processing unit on the control slip",
    "qr_template": "the receipt QR payload: '|'-separated fields, the first {code}",
    "qr_system": "the issuing system's name in the QR's {system} field",
    "authority_name": "the authority heading its own letters 04 and 05 (ỦY BAN NHÂN DÂN …)",
    "apology_signer_title": "who signs the apology (04), lines split by ' / ' "
    "(KT. CHỦ TỊCH / PHÓ CHỦ TỊCH)",
    "apology_signer_name": "the full name of the apology's signer",
    "stop_signer_title": "who signs the stop notice (05), lines split by ' / '",
    "stop_signer_name": "the full name of the stop notice's signer",
    "lookup_web": "where citizens look dossiers and rules up (help lines)",
    "authority_abbreviation": "the authority's abbreviation in letter numbers (UBND)",
    "unit_abbreviation": "the unit's abbreviation in letter numbers (TTPVHCC)",
}


def register(commands: Subparsers) -> None:
    _register_receipt(commands)
    group = commands.add_parser(
        "form",
        help="print a counter form (supplement, refusal, apology, stop, control), or its settings",
        description="Print a counter form for a dossier as PDF, recording the status change "
        "it stands for; or show and change what the forms print about the ward.",
    )
    group.set_defaults(handler=lambda _args: print_group_help(group))
    sub = group.add_subparsers(title="forms", metavar="FORM")
    for kind, help_text in LETTERS.items():
        _register_form(sub, kind, help_text)
    _register_list(sub)
    _register_settings(sub)


def _register_receipt(commands: Subparsers) -> None:
    p = commands.add_parser(
        "receipt",
        help="print the receipt and appointment (Mẫu 01) of a dossier as PDF",
        description="Write the receipt (Giấy tiếp nhận hồ sơ và hẹn trả kết quả) of a dossier "
        "to a PDF file. Printing it again is a reprint, marked as such.",
    )
    p.add_argument("code", help="the dossier code")
    _add_output_options(p, RECEIPT_LAYOUT_CHOICES, "the counter's setting (a5 unless changed)")
    p.set_defaults(handler=run_receipt, kind=FormKind.RECEIPT)


def _register_form(sub: Subparsers, kind: FormKind, help_text: str) -> None:
    p = sub.add_parser(
        kind.value, help=help_text, description=help_text[:1].upper() + help_text[1:]
    )
    p.add_argument("code", help="the dossier code")
    _add_output_options(p, FORM_LAYOUT_CHOICES, "a5")
    p.add_argument("--reason", default="", help="the reason (Lý do)")
    if kind in (FormKind.SUPPLEMENT, FormKind.REFUSAL, FormKind.STOP):
        p.add_argument(
            "--item",
            action="append",
            default=[],
            help="what is missing (supplement) or a reason (refusal, stop); repeatable; a "
            "supplement defaults to the catalogue papers not received",
        )
        p.add_argument("--legal-basis", default="", help="the legal basis (Căn cứ …)")
    if kind == FormKind.APOLOGY:
        p.add_argument("--new-date", default=None, metavar="YYYY-MM-DD HH:MM", help="the new date")
    p.set_defaults(handler=run_receipt, kind=kind)


def _add_output_options(p: argparse.ArgumentParser, layouts: list[str], default: str) -> None:
    p.add_argument("--out", required=True, type=Path, metavar="FILE", help="the PDF to write")
    add_force_flag(p)
    p.add_argument(
        "--layout", choices=layouts, default=None, help=f"page layout (default {default})"
    )
    p.add_argument(
        "--copies",
        default="office,citizen",
        metavar="LIST",
        help="which copies, comma-separated: office (Liên 1: Lưu), citizen (Liên 2); default both",
    )
    p.add_argument(
        "--clerk",
        default=None,
        metavar="USERNAME",
        help="the user whose name is printed as the counter's officer (default: the user "
        "named like this account; no name when there is none, never the account)",
    )
    add_json_flag(p, "print the result as JSON")


def run_receipt(args: argparse.Namespace) -> int:
    request = IssueRequest(
        kind=args.kind,
        code=args.code,
        layout=Layout(args.layout) if args.layout else None,
        copies=_copies(args.copies),
        params=FormParams(
            reason=text(getattr(args, "reason", "")),
            items=tuple(text(i) for i in getattr(args, "item", []) if text(i)),
            legal_basis=text(getattr(args, "legal_basis", "")),
        ),
        new_due_at=parse_moment(args.new_date) if getattr(args, "new_date", None) else None,
        signer=args.clerk.strip().lower() if args.clerk else None,
    )
    out: Path = args.out
    refuse_existing(out, force=args.force)
    with open_store() as store:
        issued = issue_document(
            store,
            request,
            actor=cli_actor(),
            now=now_vn(),
            deliver=lambda pdf: write_document(out, pdf, overwrite=args.force),
        )
    _report(issued, out, args)
    return EXIT_OK


def _copies(value: str) -> tuple[Copy, ...]:
    names = [part.strip().lower() for part in value.split(",") if part.strip()]
    try:
        copies = tuple(dict.fromkeys(Copy(name) for name in names))
    except ValueError:
        raise BadOptionError("--copies") from None
    if not copies:
        raise BadOptionError("--copies")
    return copies


def _report(issued: IssuedDocument, out: Path, args: argparse.Namespace) -> None:
    if args.json:
        emit(
            {
                "ok": True,
                "code": issued.code,
                "form": issued.kind.value,
                "number": issued.number,
                "form_set": issued.form_set,
                "layout": issued.layout.value,
                "copies": [c.value for c in issued.copies],
                "reprint": issued.reprint,
                "from_status": issued.from_status,
                "status": issued.status,
                "out": str(out),
            }
        )
        return
    key = "form.reprinted" if issued.reprint else "form.written"
    params = {"form": message_for(f"form.kind.{issued.kind.value}", args.lang), "file": str(out)}
    print(message_for(key, args.lang, params))


def _register_list(sub: Subparsers) -> None:
    p = sub.add_parser(
        "list",
        help="the receipts and forms printed for a dossier",
        description="List the receipts and forms printed for a dossier, reprints included.",
    )
    p.add_argument("code", help="the dossier code")
    add_json_flag(p)
    p.set_defaults(handler=run_list)


def run_list(args: argparse.Namespace) -> int:
    with open_store() as store:
        documents = issued_documents(store, args.code)
    for document in documents:
        if args.json:
            emit(document)
        else:
            mark = " (in lại)" if document["reprint"] and args.lang == "vi" else ""
            mark = " (reprint)" if document["reprint"] and args.lang != "vi" else mark
            print(f"{document['issued_at']}  {document['kind']:<13} {document['number']}{mark}")
    return EXIT_OK


def _register_settings(sub: Subparsers) -> None:
    p = sub.add_parser(
        "settings",
        help="show or change what the forms print about the ward",
        description="Show the form settings; with options, change them (validated, audited).",
    )
    for name, help_text in _SETTING_OPTIONS.items():
        p.add_argument("--" + name.replace("_", "-"), default=None, help=help_text)
    p.add_argument("--receipt-layout", choices=RECEIPT_LAYOUTS, default=None, help="default layout")
    p.add_argument(
        "--letter-numbers",
        choices=LETTER_NUMBER_SCHEMES,
        default=None,
        help="ward: numbered from this counter's block, unique in the ward; blank: "
        "'Số: …/<symbol>' for the văn thư to fill",
    )
    p.add_argument(
        "--thermal-slip", choices=("on", "off"), default=None, help="allow the 80 mm slip"
    )
    add_json_flag(p)
    p.set_defaults(handler=run_settings)


def run_settings(args: argparse.Namespace) -> int:
    changes: dict[str, Any] = {
        name: getattr(args, name)
        for name in (*_SETTING_OPTIONS, "receipt_layout", "letter_numbers")
        if getattr(args, name) is not None
    }
    if args.thermal_slip is not None:
        changes["thermal_slip"] = args.thermal_slip == "on"
    with open_store() as store:
        if changes:
            settings = change_form_settings(store, changes, actor=cli_actor(), now=now_vn())
        else:
            settings = load_form_settings(store)
    _print_settings(settings, args)
    return EXIT_OK


def _print_settings(settings: FormSettings, args: argparse.Namespace) -> None:
    values = {name: getattr(settings, name) for name in settings.__dataclass_fields__}
    if args.json:
        emit(values)
        return
    for name, value in values.items():
        print(f"{name}: {value}")
