"""Synthetic people for demonstration dossiers: random combinations, never real persons.

A name is a family name drawn by its rough share among Vietnamese, one or two middle names and
a given name; the ID number has the right structure (birth province, sex and century digit,
birth year) followed by six random digits, and is never looked up anywhere; the address is a
house number, maybe a lane, and a street of a Hà Nội ward. Phone and email stay empty, so a
seeded receipt can never reach anybody. Folded keys are built from folded parts, which keeps a
million people fast.
"""

from __future__ import annotations

import bisect
import itertools
import json
import random
from dataclasses import dataclass
from datetime import date, timedelta

from counter_app.domain.id_number import PROVINCES
from counter_app.domain.procedure import Procedure
from counter_app.domain.text import fold, nfc

# Family names with their rough share in per cent (surveys of Vietnamese surnames).
FAMILY_NAMES = {
    "Nguyễn": 38.0, "Trần": 11.0, "Lê": 9.5, "Phạm": 7.0, "Hoàng": 4.0, "Huỳnh": 1.1,
    "Phan": 4.5, "Vũ": 3.0, "Võ": 0.9, "Đặng": 2.1, "Bùi": 2.0, "Đỗ": 1.4, "Hồ": 1.3,
    "Ngô": 1.3, "Dương": 1.0, "Lý": 0.5, "Đinh": 0.8, "Trịnh": 0.7, "Đào": 0.7, "Mai": 0.5,
    "Cao": 0.4, "Lương": 0.4, "Tạ": 0.3, "Chu": 0.3, "Hà": 0.4, "Kiều": 0.2, "Khúc": 0.1,
    "Lại": 0.2, "Quách": 0.1, "Văn": 0.1,
}  # fmt: skip
MIDDLE_NAMES = {
    "male": ("Văn", "Đức", "Minh", "Quốc", "Thanh", "Hữu", "Ngọc", "Xuân", "Công", "Trọng"),
    "female": ("Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Phương", "Thùy", "Hồng"),
}
GIVEN_NAMES = {
    "male": (
        "Anh", "Bảo", "Cường", "Dũng", "Đức", "Hải", "Hiếu", "Hùng", "Huy", "Khánh", "Khôi",
        "Long", "Mạnh", "Minh", "Nam", "Nghĩa", "Phong", "Phúc", "Quang", "Sơn", "Thắng",
        "Thành", "Trung", "Tuấn", "Tùng", "Việt", "Vinh", "Hoàng", "Kiên", "Đạt", "Lâm", "Toàn",
    ),
    "female": (
        "Anh", "Bích", "Châu", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa",
        "Hương", "Huyền", "Lan", "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Ngọc", "Nhung",
        "Oanh", "Phương", "Quyên", "Tâm", "Thảo", "Thủy", "Trang", "Trinh", "Uyên", "Vân", "Yến",
    ),
}  # fmt: skip
# Hà Nội wards (2025 boundaries) and a few of their streets; "đường" for the large roads.
WARDS = {
    "Hoàn Kiếm": ("phố Hàng Bạc", "phố Hàng Đào", "phố Hàng Gai", "phố Đinh Tiên Hoàng"),
    "Cửa Nam": ("phố Tràng Thi", "phố Quán Sứ", "phố Lý Thường Kiệt", "phố Trần Hưng Đạo"),
    "Ba Đình": ("phố Đội Cấn", "phố Quán Thánh", "phố Phan Đình Phùng", "phố Nguyễn Thái Học"),
    "Giảng Võ": ("phố Giảng Võ", "phố Cát Linh", "phố Ngọc Khánh", "đường Kim Mã"),
    "Đống Đa": ("phố Tây Sơn", "phố Chùa Bộc", "phố Xã Đàn", "phố Khâm Thiên"),
    "Láng": ("đường Láng", "phố Nguyễn Chí Thanh", "phố Chùa Láng"),
    "Ô Chợ Dừa": ("phố Hào Nam", "đường Đê La Thành", "phố Ô Chợ Dừa"),
    "Cầu Giấy": ("đường Xuân Thủy", "đường Trần Duy Hưng", "phố Nguyễn Khang", "đường Cầu Giấy"),
    "Tây Hồ": ("đường Lạc Long Quân", "đường Âu Cơ", "phố Thụy Khuê", "phố Xuân Diệu"),
    "Hai Bà Trưng": ("phố Bạch Mai", "phố Lò Đúc", "phố Huế", "phố Trần Khát Chân"),
    "Vĩnh Tuy": ("đường Minh Khai", "phố Kim Ngưu", "phố Vĩnh Tuy"),
    "Thanh Xuân": ("đường Nguyễn Trãi", "phố Khuất Duy Tiến", "phố Vũ Trọng Phụng"),
    "Hoàng Mai": ("đường Giải Phóng", "phố Tam Trinh", "đường Lĩnh Nam"),
}
HANOI_CODE = "001"
HANOI_BIRTH_SHARE = 0.75  # most applicants of a Hà Nội ward had their birth registered there
RETURNING_SHARE = 0.15  # dossiers whose applicant came to this counter before
SECOND_MIDDLE_SHARE = 0.25  # "Nguyễn Thị Thu Hà"
AGE_RANGE = (18, 85, 35)  # low, high and most common age of an applicant (triangular)
CHIP_CARDS_FROM = date(2021, 1, 1)
PROXY_RELATIONS = ("con", "vợ", "chồng", "bố", "mẹ", "được ủy quyền")
MAX_DOCUMENTS = 3  # papers listed per seeded dossier (the first ones of the checklist)


@dataclass(frozen=True)
class Person:
    applicant_id: int
    id_number: str
    full_name: str
    folded_name: str
    folded_address: str
    details: str  # the applicant as JSON, as a real intake stores it


class PeopleMaker:
    """Makes new people and brings back earlier ones; ID numbers never repeat nor meet
    ``taken`` (those already in the store)."""

    def __init__(self, rng: random.Random, *, taken: set[str], first_id: int) -> None:
        self.rng, self.taken = rng, taken
        self.ids = itertools.count(first_id)
        self.seen: list[Person] = []
        self.families = list(FAMILY_NAMES)
        self.family_weights = list(itertools.accumulate(FAMILY_NAMES.values()))
        self.folded = {word: fold(word) for word in _all_words()}
        self.other_provinces = sorted(code for code in PROVINCES if code != HANOI_CODE)

    def visitor(self, day: date) -> tuple[Person, bool]:
        """The applicant of a dossier received on ``day``; True when new to this counter."""
        if self.seen and self.rng.random() < RETURNING_SHARE:
            return self.seen[self.rng.randrange(len(self.seen))], False
        person = self._new_person(day)
        self.seen.append(person)
        return person, True

    def proxy_json(self, day: date) -> str:
        """Someone submitting on the applicant's behalf (also synthetic)."""
        sex = self.rng.choice(("male", "female"))
        proxy = {
            "full_name": " ".join(self._name(sex)),
            "id_type": "personal_id",
            "id_number": self._id_number(sex, self._birth(day).year),
            "relation": self.rng.choice(PROXY_RELATIONS),
            "phone": "",
        }
        return json.dumps(proxy, ensure_ascii=False)

    def _new_person(self, day: date) -> Person:
        rng = self.rng
        sex = rng.choice(("male", "female"))
        birth = self._birth(day)
        words = self._name(sex)
        ward = rng.choice(list(WARDS))
        street = rng.choice(WARDS[ward])
        house = _house(rng)
        full_name, id_number = " ".join(words), self._id_number(sex, birth.year)
        place = f"{street}, phường {ward}, Hà Nội"
        address = f"{house} {place}"
        folded_place = self.folded.get(place) or self.folded.setdefault(place, fold(place))
        details = {
            "kind": "citizen", "id_type": "personal_id", "id_number": id_number,
            "full_name": full_name, "date_of_birth": birth.isoformat(), "sex": sex,
            "address": address, "phone": "", "email": "", "nationality": "",
            "issue_date": _issue_date(rng, birth, day), "source": "qr", "card_extras": [],
        }  # fmt: skip
        return Person(
            applicant_id=next(self.ids),
            id_number=id_number,
            full_name=full_name,
            folded_name=" ".join(self.folded[w] for w in words),
            folded_address=f"{_fold_house(house)} {folded_place}",
            details=json.dumps(details, ensure_ascii=False),
        )

    def _name(self, sex: str) -> list[str]:
        rng = self.rng
        draw = rng.random() * self.family_weights[-1]
        words = [self.families[bisect.bisect(self.family_weights, draw)]]
        words.append(rng.choice(MIDDLE_NAMES[sex]))
        if rng.random() < SECOND_MIDDLE_SHARE:
            words.append(rng.choice(MIDDLE_NAMES[sex]))
        words.append(rng.choice(GIVEN_NAMES[sex]))
        return words

    def _birth(self, day: date) -> date:
        age = self.rng.triangular(*AGE_RANGE)
        return day - timedelta(days=int(age * 365.25))

    def _id_number(self, sex: str, birth_year: int) -> str:
        """PPP G YY RRRRRR: G is 0/1 (male/female) for the 1900s, 2/3 for the 2000s."""
        rng = self.rng
        place = HANOI_CODE if rng.random() < HANOI_BIRTH_SHARE else rng.choice(self.other_provinces)
        digit = (0 if birth_year < 2000 else 2) + (0 if sex == "male" else 1)
        prefix = f"{place}{digit}{birth_year % 100:02d}"
        while True:
            number = f"{prefix}{rng.randrange(1_000_000):06d}"
            if number not in self.taken:
                self.taken.add(number)
                return number


def _all_words() -> set[str]:
    words = set(FAMILY_NAMES)
    for names in (*MIDDLE_NAMES.values(), *GIVEN_NAMES.values()):
        words.update(names)
    return words


def _house(rng: random.Random) -> str:
    number = rng.randrange(1, 200)
    kind = rng.random()
    if kind < 0.5:
        return f"Số {number}"
    lane = rng.randrange(1, 351)
    if kind < 0.9:
        return f"Số {number} ngõ {lane}"
    return f"Số {number} ngách {rng.randrange(1, 61)}/{rng.randrange(1, 31)} ngõ {lane}"


def _fold_house(house: str) -> str:
    """``fold`` of a house part: only these three words carry marks (fold is slow per call)."""
    return house.replace("Số", "so").replace("ngõ", "ngo").replace("ngách", "ngach")


def _issue_date(rng: random.Random, birth: date, day: date) -> str:
    """A chip card issued after its holder turned 14 and before the visit; empty when none
    could have been (a visit before chip cards)."""
    first = max(CHIP_CARDS_FROM, birth + timedelta(days=int(14 * 365.25)))
    if first > day:
        return ""
    return (first + timedelta(days=rng.randrange((day - first).days + 1))).isoformat()


_DOCUMENTS: dict[tuple[str, int, int], str] = {}


def documents_json(procedure: Procedure, rng: random.Random) -> str:
    """The first papers of the procedure's checklist: the form as an original, copies after."""
    count = rng.randint(1, max(1, min(MAX_DOCUMENTS, len(procedure.documents))))
    key = (procedure.code, procedure.catalogue_version, count)
    cached = _DOCUMENTS.get(key)
    if cached is None:
        papers = [
            {"name": nfc(name), "originals": 1 if i == 0 else 0, "copies": 0 if i == 0 else 1}
            for i, name in enumerate(procedure.documents[:count])
        ]
        cached = _DOCUMENTS[key] = json.dumps(papers, ensure_ascii=False)
    return cached
