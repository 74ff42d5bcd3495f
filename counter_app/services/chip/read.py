"""Read the ID card's chip: keys from what the counter has, the files, passive authentication.

``bac_keys_for`` builds the BAC keys (ICAO 9303) from the QR reading or typed values: the last 9
digits of the ID number, the birth date and the expiry derived from birth and issue dates (or
the one the clerk typed). ``read_card`` reads EF.COM, DG1, DG2, DG13 and EF.SOD under Secure
Messaging and verifies them against the CSCA trust folder; a failed check raises and nothing
read is used.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from cryptography import x509

from counter_app.chip import session
from counter_app.chip.dg2 import Portrait, portrait_from_dg2
from counter_app.chip.dg13 import Dg13, parse_dg13
from counter_app.chip.errors import ChipDataError, ChipKeyMissingError
from counter_app.chip.expiry import expiry_candidates, yymmdd
from counter_app.chip.mrz import Mrz, parse_dg1
from counter_app.chip.mrz_key import BacKey
from counter_app.chip.passive_auth import Verification, verify
from counter_app.chip.secure_messaging import SecureChannel
from counter_app.chip.sod import parse_sod
from counter_app.domain.reading import IdCardReading
from counter_app.services.paths import data_dir

TRUST_DIR_ENV = "COUNTER_APP_CSCA_DIR"
_FILES = {1: 0x0101, 2: 0x0102, 13: 0x010D}
_EF_COM, _EF_SOD = 0x011E, 0x011D
_CERT_SUFFIXES = {".pem", ".crt", ".cer", ".der"}


@dataclass
class Timings:
    """Seconds spent in each phase and the APDUs sent, for the bench and IT."""

    bac_s: float = 0.0
    read_s: float = 0.0
    verify_s: float = 0.0
    apdus: int = 0


@dataclass
class ChipRead:
    """What the chip said; personal data, so the repr shows only the outcome."""

    mrz: Mrz
    dg13: Dg13 | None
    portrait: Portrait | None
    verification: Verification
    timings: Timings = field(default_factory=Timings)

    def __repr__(self) -> str:
        return f"ChipRead(verification={self.verification.value})"

    @property
    def portrait_sha256(self) -> str | None:
        return hashlib.sha256(self.portrait.image).hexdigest() if self.portrait else None


def bac_keys_for(
    *,
    id_number: str | None,
    birth: date | None,
    issued: date | None,
    expiry: date | None = None,
) -> list[BacKey]:
    """The keys to try, most likely first: the typed expiry alone, else the derived ones."""
    if not id_number or len(id_number) < 9 or birth is None:
        raise ChipKeyMissingError("ID number and birth date are needed")
    if expiry is not None:
        expiries = [expiry]
    elif issued is not None:
        expiries = expiry_candidates(birth, issued)
    else:
        expiries = []
    if not expiries:
        raise ChipKeyMissingError("no expiry date: type the one printed on the card")
    number = id_number[-9:]
    return [BacKey(number, yymmdd(birth), yymmdd(day)) for day in expiries]


def bac_keys_from_reading(reading: IdCardReading, expiry: date | None = None) -> list[BacKey]:
    """Keys from a QR or typed reading; a partial birth date (a year only) gives none."""
    dob = reading.date_of_birth
    birth = None
    if dob is not None and dob.month is not None and dob.day is not None:
        birth = date(dob.year, dob.month, dob.day)
    return bac_keys_for(
        id_number=reading.id_number, birth=birth, issued=reading.issue_date, expiry=expiry
    )


def read_card(
    transmit: session.Transmit,
    keys: Sequence[BacKey],
    *,
    trusted: Sequence[x509.Certificate],
    random: session.Random = os.urandom,
    progress: session.Progress | None = None,
) -> ChipRead:
    counter = session.ApduCounter(transmit)
    timings = Timings()
    started = time.perf_counter()
    session.select_emrtd(counter)
    channel = session.open_bac(counter, keys, random)
    timings.bac_s = _lap(started)
    started = time.perf_counter()
    groups, sod_bytes = _read_groups(counter, channel, progress)
    timings.read_s = _lap(started)
    started = time.perf_counter()
    verification = verify(parse_sod(sod_bytes), groups, trusted)
    read = ChipRead(
        mrz=parse_dg1(groups[1]),
        dg13=parse_dg13(groups[13]) if 13 in groups else None,
        portrait=portrait_from_dg2(groups[2]) if 2 in groups else None,
        verification=verification,
        timings=timings,
    )
    timings.verify_s = _lap(started)
    timings.apdus = counter.count
    return read


def load_trust_folder(folder: Path | None = None) -> list[x509.Certificate]:
    """The CSCA certificates IT put in the trust folder (PEM or DER); none is not an error."""
    folder = folder or trust_folder()
    if not folder.is_dir():
        return []
    certificates: list[x509.Certificate] = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() in _CERT_SUFFIXES:
            certificates.extend(_load_certificates(path.read_bytes()))
    return certificates


def trust_folder() -> Path:
    """``COUNTER_APP_CSCA_DIR``, else ``csca`` in the data folder (docs/CHIP.md)."""
    override = os.environ.get(TRUST_DIR_ENV)
    return Path(override) if override else data_dir() / "csca"


def _read_groups(
    transmit: session.Transmit,
    channel: SecureChannel,
    progress: session.Progress | None,
) -> tuple[dict[int, bytes], bytes]:
    present = session.groups_in_com(session.read_file(transmit, channel, _EF_COM))
    if 1 not in present:
        raise ChipDataError("the chip has no DG1")
    groups = {
        number: session.read_file(transmit, channel, fid, progress)
        for number, fid in _FILES.items()
        if number in present
    }
    return groups, session.read_file(transmit, channel, _EF_SOD)


def _load_certificates(data: bytes) -> list[x509.Certificate]:
    try:
        if b"-----BEGIN CERTIFICATE-----" in data:
            return x509.load_pem_x509_certificates(data)
        return [x509.load_der_x509_certificate(data)]
    except ValueError:
        return []  # not a certificate: IT's folder may hold a README


def _lap(started: float) -> float:
    return time.perf_counter() - started
