"""The 12-digit personal ID number (số định danh cá nhân): ``PPP G YY RRRRRR``.

PPP is where the birth was registered (a province, or a country for births registered abroad),
G gives sex and century, YY the last two digits of the birth year. There is no check digit:
never invent one. Sources: NĐ 137/2015 Art. 13, TT 07/2016/TT-BCA (Phụ lục I-II).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

_OLD_ID = re.compile(r"[0-9]{9}|[0-9]{12}")

# TT 07/2016/TT-BCA Phụ lục I. The 2025 merger of provinces reissued no ID, so all 63 stay.
PROVINCES: dict[str, str] = {
    "001": "Hà Nội", "002": "Hà Giang", "004": "Cao Bằng", "006": "Bắc Kạn",
    "008": "Tuyên Quang", "010": "Lào Cai", "011": "Điện Biên", "012": "Lai Châu",
    "014": "Sơn La", "015": "Yên Bái", "017": "Hòa Bình", "019": "Thái Nguyên",
    "020": "Lạng Sơn", "022": "Quảng Ninh", "024": "Bắc Giang", "025": "Phú Thọ",
    "026": "Vĩnh Phúc", "027": "Bắc Ninh", "030": "Hải Dương", "031": "Hải Phòng",
    "033": "Hưng Yên", "034": "Thái Bình", "035": "Hà Nam", "036": "Nam Định",
    "037": "Ninh Bình", "038": "Thanh Hóa", "040": "Nghệ An", "042": "Hà Tĩnh",
    "044": "Quảng Bình", "045": "Quảng Trị", "046": "Thừa Thiên Huế", "048": "Đà Nẵng",
    "049": "Quảng Nam", "051": "Quảng Ngãi", "052": "Bình Định", "054": "Phú Yên",
    "056": "Khánh Hòa", "058": "Ninh Thuận", "060": "Bình Thuận", "062": "Kon Tum",
    "064": "Gia Lai", "066": "Đắk Lắk", "067": "Đắk Nông", "068": "Lâm Đồng",
    "070": "Bình Phước", "072": "Tây Ninh", "074": "Bình Dương", "075": "Đồng Nai",
    "077": "Bà Rịa–Vũng Tàu", "079": "TP Hồ Chí Minh", "080": "Long An", "082": "Tiền Giang",
    "083": "Bến Tre", "084": "Trà Vinh", "086": "Vĩnh Long", "087": "Đồng Tháp",
    "089": "An Giang", "091": "Kiên Giang", "092": "Cần Thơ", "093": "Hậu Giang",
    "094": "Sóc Trăng", "095": "Bạc Liêu", "096": "Cà Mau",
}  # fmt: skip

# Phụ lục II: births registered abroad carry a country code. Only a few are confirmed by name;
# the range edges themselves are unconfirmed, so the range is a constant that is easy to change.
COUNTRY_CODE_RANGE = range(101, 296)
KNOWN_COUNTRIES: dict[str, str] = {"175": "Hoa Kỳ", "232": "Nhật Bản", "279": "Trung Quốc"}


class Sex(StrEnum):
    MALE = "male"
    FEMALE = "female"


@dataclass(frozen=True)
class IdNumberFacts:
    """What the structure of a valid ID number says about its holder."""

    place_code: str
    place_name: str | None  # None: a code outside the known tables
    is_country: bool
    sex: Sex
    birth_year: int


def is_id_number(text: str) -> bool:
    return len(text) == 12 and text.isascii() and text.isdigit()  # no regex: it costs more


def is_old_id_number(text: str) -> bool:
    """Old CMND: 9 digits, or 12 for those issued 2012-2016 (unconfirmed)."""
    return _OLD_ID.fullmatch(text) is not None


@lru_cache(maxsize=256)  # a counter sees the same few IDs again and again; facts are immutable
def id_number_facts(id_number: str) -> IdNumberFacts:
    """Read place, sex and birth year from a 12-digit ID number (checked by is_id_number)."""
    if not is_id_number(id_number):
        raise ValueError("not a 12-digit ID number")
    place, gender_digit, yy = id_number[:3], int(id_number[3]), int(id_number[4:6])
    is_country = int(place) in COUNTRY_CODE_RANGE
    name = KNOWN_COUNTRIES.get(place) if is_country else PROVINCES.get(place)
    if is_country and name is None:
        name = f"nước ngoài ({place})"
    return IdNumberFacts(
        place_code=place,
        place_name=name,
        is_country=is_country,
        sex=Sex.MALE if gender_digit % 2 == 0 else Sex.FEMALE,
        birth_year=1900 + 100 * (gender_digit // 2) + yy,
    )
