"""Run the shipped city simulator as a separate process on a free loopback port, for tests.

``with running_city_sim(db_path, "--token", "t") as url:`` starts ``counter-app city-sim
--port 0 --db DB``, reads its ready line, yields the URL and stops the process afterwards. The
server's stderr (its request log) goes to ``sim_log_path(db_path)`` so a test can read it.
``sample_record`` and ``sample_envelope`` build valid ``counter-sync/1`` messages.
"""

from __future__ import annotations

import queue
import re
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from counter_app.domain.vn_time import VN_TZ
from sync.protocol import PROTOCOL, format_national, idempotency_key

READY_TIMEOUT_S = 30.0  # two shared cores: an import of the app can take a few seconds
STOP_TIMEOUT_S = 10.0
AGENCY = "000.31.27.H26"
COUNTER_ID = "1"
_URL = re.compile(r"http://[0-9.\[\]:a-z]+")


class CitySimDidNotStart(RuntimeError):
    pass


def sim_log_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".log")


@contextmanager
def running_city_sim(db_path: Path, *extra_args: str) -> Iterator[str]:
    """The simulator's base URL while the block runs; the process is stopped afterwards."""
    command = [sys.executable, "-m", "counter_app", "city-sim", "--port", "0", "--db"]
    with sim_log_path(db_path).open("ab") as log:
        process = subprocess.Popen(
            [*command, str(db_path), *extra_args],
            stdout=subprocess.PIPE, stderr=log, stdin=subprocess.DEVNULL,
        )  # fmt: skip
    try:
        yield _ready_url(process, db_path)
    finally:
        _stop(process)


def _ready_url(process: subprocess.Popen[bytes], db_path: Path) -> str:
    lines: queue.Queue[bytes] = queue.Queue()
    assert process.stdout is not None
    stdout = process.stdout
    threading.Thread(target=lambda: lines.put(stdout.readline()), daemon=True).start()
    try:
        line = lines.get(timeout=READY_TIMEOUT_S).decode("utf-8", "replace")
    except queue.Empty:
        line = ""
    match = _URL.search(line)
    if match is None:
        _stop(process)
        log = sim_log_path(db_path).read_text(encoding="utf-8", errors="replace")
        raise CitySimDidNotStart(f"no ready line; exit {process.returncode}; log: {log[-2000:]}")
    return match.group(0)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    if process.stdout is not None:
        process.stdout.close()


def sample_record(
    dossier_uuid: str | None = None,
    version: int = 1,
    *,
    number: int = 1001,
    procedure: str = "1.001193",
    id_number: str = "001089004217",
    status: str = "2",
    received: datetime | None = None,
    note: str = "",
) -> dict[str, Any]:
    """A valid record of a fictional applicant; ``number`` makes the dossier code."""
    dossier_uuid = dossier_uuid or str(uuid.uuid4())
    at = format_national(received or datetime(2026, 11, 25, 9, 30, tzinfo=VN_TZ))
    code = f"{AGENCY}-{at[2:8]}-{number:04d}"
    hoso = {
        "MaHoSo": code, "MaTTHC": procedure, "TenTTHC": "Đăng ký khai sinh",
        "MaLinhVuc": "", "TenLinhVuc": "Hộ tịch", "KenhThucHien": "1",
        "ChuHoSo": "Trần Quốc Bảo", "SoGiayToChuHoSo": id_number, "LoaiDoiTuong": "1",
        "DinhDanhCHS": [{"LoaiDinhDanh": "1", "SoDinhDanh": id_number}],
        "NgayNopHoSo": at, "NgayTiepNhan": at, "NgayHenTra": at[:8] + "170000",
        "TrangThaiHoSo": status, "GhiChu": note, "TrichYeuHoSo": "Đăng ký khai sinh",
    }  # fmt: skip
    step = {
        "MaHoSo": code, "NguoiXuLy": "Cán bộ một cửa", "ChucDanh": "", "ThoiDiemXuLy": at,
        "PhongBanXuLy": "", "NoiDungXuLy": "Tiếp nhận hồ sơ", "TrangThai": "2",
        "NgayBatDau": at, "NgayKetThucTheoQuyDinh": hoso["NgayHenTra"],
    }  # fmt: skip
    return {
        "idempotency_key": idempotency_key(dossier_uuid, version),
        "dossier_uuid": dossier_uuid,
        "version": version,
        "local_code": code,
        "hoSo": hoso,
        "tienTrinh": [step],
    }


def sample_envelope(
    records: list[dict[str, Any]], *, counter_id: str = COUNTER_ID, agency: str = AGENCY
) -> dict[str, Any]:
    return {
        "protocol": PROTOCOL,
        "batch_id": str(uuid.uuid4()),
        "counter_id": counter_id,
        "MaDonVi": agency,
        "sent_at": "2026-11-25T09:31:00+07:00",
        "clock_skew_s": 0,
        "records": records,
    }
