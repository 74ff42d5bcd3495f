"""`counter-app catalogue list | import | versions` against a real store in the data folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from counter_app.cli import main
from counter_app.resources import resource_path
from counter_app.services.paths import data_dir
from counter_app.services.store.opening import Store
from counter_app.storage.audit import iter_audit


@pytest.fixture(autouse=True)
def data_folder_exists(private_data_dir: Path) -> None:
    """``new_store`` creates the store in the data folder, which must exist first."""
    data_dir()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def json_lines(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines()]


def variant(folder: Path, old: str, new: str) -> Path:
    text = resource_path("catalogue", "procedures.csv").read_text(encoding="utf-8")
    path = folder / "catalogue-2026-12.csv"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_list_needs_a_set_up_store(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "catalogue", "list")
    assert status == 3 and "Mã lỗi: STORE_NOT_SET_UP" in err


def test_list_installs_the_shipped_catalogue_and_shows_its_checked_day(
    new_store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "catalogue", "list")
    header, *lines = out.splitlines()
    assert status == 0
    assert header == "Danh mục thủ tục phiên bản 1, kiểm tra lần cuối ngày 2026-11-25."
    assert len(lines) == 27
    assert lines[0].startswith("1.000656  trong ngày") and lines[0].endswith("Đăng ký khai tử")
    assert any("30 ngày lịch" in line and "400,000" in line for line in lines)
    assert [row.action for row in iter_audit(new_store.db)] == ["catalogue.import"]


def test_list_all_in_english_marks_what_is_switched_off(
    new_store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(capsys, "--lang", "en", "catalogue", "list", "--all")
    header, *lines = out.splitlines()
    assert header == "Procedure catalogue version 1, last checked on 2026-11-25."
    assert len(lines) == 29
    assert [line[:8] for line in lines if "[off]" in line] == ["1.004194", "1.004222"]


def test_list_json_and_search(new_store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "catalogue", "list", "--search", "dang ky ket hon", "--json")
    objs = json_lines(out)
    assert status == 0
    assert [o["code"] for o in objs] == ["1.000894", "1.004746"]
    marriage = objs[0]
    assert marriage.keys() >= {
        "code", "name_vi", "name_en", "field", "processing_days", "same_day", "fee_vnd",
        "documents", "confidence", "active", "catalogue_version",
    }  # fmt: skip
    assert marriage["name_vi"] == "Đăng ký kết hôn" and marriage["same_day"] is True
    assert marriage["documents"][0] == "Tờ khai đăng ký kết hôn"
    assert (marriage["catalogue_version"], marriage["active"]) == (1, True)
    _, out, _ = run(capsys, "catalogue", "list", "--search", "2.0008", "--json")
    assert [o["code"] for o in json_lines(out)] == ["2.000815", "2.000884"]
    _, out, _ = run(capsys, "catalogue", "list", "--search", "khai sinh")
    assert len(out.splitlines()) == 4


def test_import_prints_the_new_version_and_versions_lists_both(
    new_store: Store, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    run(capsys, "catalogue", "list")
    path = variant(tmp_path, ",3000,", ",0,")
    status, out, _ = run(capsys, "catalogue", "import", str(path))
    assert status == 0
    assert out.strip() == "Đã nhập danh mục phiên bản 2: 29 thủ tục, 27 đang tiếp nhận."
    status, out, _ = run(capsys, "catalogue", "import", str(path), "--json")
    [again] = json_lines(out)
    assert status == 0 and again["ok"] is True and again["created"] is False
    assert again["version"] == 2
    _, out, _ = run(capsys, "catalogue", "versions", "--json")
    versions = json_lines(out)
    assert [(v["version"], v["current"]) for v in versions] == [(1, False), (2, True)]
    assert versions[1]["source"] == "import catalogue-2026-12.csv"
    _, out, _ = run(capsys, "catalogue", "versions")
    assert out.splitlines()[1].startswith("*   2  ")


def test_import_checked_on(new_store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    shipped = str(resource_path("catalogue", "procedures.csv"))
    status, out, _ = run(capsys, "catalogue", "import", shipped, "--checked-on", "2026-11-30")
    assert status == 0 and "phiên bản 1" in out
    _, out, _ = run(capsys, "catalogue", "list", "--search", "1.001193")
    assert out.splitlines()[0].endswith("ngày 2026-11-30.")


def test_a_bad_file_lists_every_row_exits_2_and_changes_nothing(
    new_store: Store, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    run(capsys, "catalogue", "list")
    path = variant(tmp_path, ",400000,", ",400.000,")
    text = path.read_text(encoding="utf-8").replace("1.013967,", "1.01396,", 1)
    path.write_text(text, encoding="utf-8")
    status, out, err = run(capsys, "catalogue", "import", str(path))
    assert status == 2 and out == ""
    lines = err.splitlines()
    assert lines[0].startswith("Dòng 23, cột fee_vnd: phải là số nguyên")
    assert lines[1].startswith("Dòng 30, cột code: mã thủ tục phải có dạng d.dddddd")
    assert lines[-1].startswith("Mã lỗi: CATALOGUE_INVALID")
    _, out, _ = run(capsys, "catalogue", "versions", "--json")
    assert [v["version"] for v in json_lines(out)] == [1]
    assert len(list(iter_audit(new_store.db))) == 1


def test_a_bad_file_in_json(
    new_store: Store, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = variant(tmp_path, ",high,1,0\n", ",certain,1,0\n")
    status, out, _ = run(capsys, "--lang", "en", "catalogue", "import", str(path), "--json")
    row, final = json_lines(out)
    assert status == 2
    assert (row["line"], row["column"], row["reason"]) == (2, "confidence", "bad_confidence")
    assert row["error"] == "Line 2, column confidence: confidence must be high, medium or low."
    assert final == {
        "ok": False, "error_code": "CATALOGUE_INVALID", "error": final["error"],
        "detail": "1 error(s)",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("content", "code"),
    [(b"code,name_vi\n\xff\xfe", "CATALOGUE_NOT_UTF8"), (None, "CATALOGUE_FILE_UNREADABLE")],
)
def test_unreadable_files_exit_2(
    new_store: Store,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    content: bytes | None,
    code: str,
) -> None:
    path = tmp_path / "catalogue.csv"
    if content is not None:
        path.write_bytes(content)
    status, _, err = run(capsys, "catalogue", "import", str(path))
    assert status == 2 and f"Mã lỗi: {code}" in err


def test_versions_of_a_store_without_catalogue_is_empty(
    new_store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "catalogue", "versions") == (0, "", "")
