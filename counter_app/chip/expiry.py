"""The card's expiry from birth and issue dates, for the BAC key (chip.md; unconfirmed).

Cards are renewed at 14 (children's Căn cước), 25, 40 and 60; a card issued within two years
before such an age is valid to the next one; one issued at 58 or later never expires. Whether
the expiry is the birthday itself or the day before is unconfirmed, so both are offered, the
birthday first.
"""

from __future__ import annotations

from datetime import date, timedelta

# (issued before this age, valid until this age); the 14 applies to the Căn cước only.
_RENEWAL_AGES = ((12, 14), (23, 25), (38, 40), (58, 60))


def expiry_candidates(birth: date, issued: date) -> list[date]:
    """Possible expiry dates, most likely first; empty when the card has no expiry."""
    age_at_issue = _age_on(birth, issued)
    for issued_before, valid_until in _RENEWAL_AGES:
        if age_at_issue < issued_before:
            birthday = _birthday(birth, valid_until)
            return [birthday, birthday - timedelta(days=1)]
    return []


def yymmdd(value: date) -> str:
    return value.strftime("%y%m%d")


def _age_on(birth: date, day: date) -> int:
    before_birthday = (day.month, day.day) < (birth.month, birth.day)
    return day.year - birth.year - int(before_birthday)


def _birthday(birth: date, age: int) -> date:
    """The birthday at ``age``; 29 February becomes 1 March in a common year."""
    try:
        return birth.replace(year=birth.year + age)
    except ValueError:
        return date(birth.year + age, 3, 1)
