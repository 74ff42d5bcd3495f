"""`counter-app id decode` end to end: real PNG files, the installed command, both decoders."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import segno
from PIL import Image

from tests.payloads import ALL, T1, T3

EXE = str(Path(sys.executable).with_name("counter-app"))


def qr_image(payload: str, *, scale: int = 6) -> Image.Image:
    buffer = io.BytesIO()
    segno.make_qr(payload, encoding="utf-8").save(buffer, kind="png", scale=scale, border=4)
    buffer.seek(0)
    return Image.open(buffer).convert("RGB")


def save_qr(folder: Path, name: str, payload: str) -> Path:
    path = folder / name
    qr_image(payload).save(path)
    return path


def run(*args: str, stdin: bytes = b"") -> tuple[int, list[dict[str, Any]], str]:
    done = subprocess.run([EXE, *args], input=stdin, capture_output=True)
    objs = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    return done.returncode, objs, done.stderr.decode("utf-8")


def test_every_spec_payload_reads_the_same_from_an_image_as_from_text(tmp_path: Path) -> None:
    images = [str(save_qr(tmp_path, f"t{i}.png", p.strip("\r\n"))) for i, p in enumerate(ALL, 1)]
    status, decoded, err = run("id", "decode", *images)
    _, parsed, _ = run("id", "parse", "-", stdin="\n".join(ALL).encode("utf-8"))
    assert status == 1 and "Traceback" not in err
    assert [d["image"] for d in decoded] == images
    assert [d["payload"] for d in decoded] == [p.strip("\r\n") for p in ALL]
    for from_image, from_text in zip(decoded, parsed, strict=True):
        from_image.pop("image"), from_image.pop("payload")
        assert from_image == from_text


def test_the_id_card_is_chosen_among_several_codes(tmp_path: Path) -> None:
    page = Image.new("RGB", (1100, 600), "white")
    page.paste(qr_image("https://dichvucong.gov.vn/tra-cuu"), (20, 40))
    page.paste(qr_image(T3, scale=5), (480, 20))
    page.save(tmp_path / "desk.jpg", quality=92)
    status, [obj], _ = run("id", "decode", str(tmp_path / "desk.jpg"))
    assert status == 0
    assert obj["payload"] == T3 and obj["full_name"] == "Đỗ Minh Khang"


def test_no_code_missing_file_and_good_image_in_one_call(tmp_path: Path) -> None:
    Image.new("RGB", (400, 300), "white").save(tmp_path / "blank.png")
    (tmp_path / "notes.png").write_text("not an image", encoding="utf-8")
    good = save_qr(tmp_path, "card.png", T1)
    args = [str(tmp_path / n) for n in ("blank.png", "missing.png", "notes.png")] + [str(good)]
    status, objs, err = run("id", "decode", *args)
    assert status == 1 and "Traceback" not in err
    assert [o.get("error_code") for o in objs] == [
        "NO_QR_FOUND", "IMAGE_UNREADABLE", "IMAGE_UNREADABLE", None,
    ]  # fmt: skip
    assert objs[0]["error"].startswith("Không tìm thấy mã QR")
    assert objs[3]["full_name"] == "Trần Quốc Bảo"


def test_image_from_stdin(tmp_path: Path) -> None:
    path = save_qr(tmp_path, "card.png", T1)
    status, [obj], _ = run("id", "decode", "-", stdin=path.read_bytes())
    assert status == 0
    assert obj["image"] == "-" and obj["id_number"] == "001089004217"


@pytest.mark.zbar
def test_zbar_decoder_reads_vietnamese_exactly(tmp_path: Path) -> None:
    status, [obj], err = run(
        "id", "decode", "--decoder", "zbar", str(save_qr(tmp_path, "c.png", T1))
    )
    if status == 3:
        pytest.skip(f"libzbar0 not installed: {err.strip()}")
    assert status == 0
    assert obj["payload"] == T1 and obj["full_name"] == "Trần Quốc Bảo"
