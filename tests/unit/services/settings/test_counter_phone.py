"""The ward's phone printed on every form: a phone number or nothing, told by its own code."""

from __future__ import annotations

import pytest

from counter_app.messages import message_for
from counter_app.services.settings.forms import CounterPhoneInvalidError, check_form_setting


@pytest.mark.parametrize("phone", ["024 3825 1234", "0243.825.1234", "+84 24 3825 1234", ""])
def test_a_phone_number_is_kept(phone: str) -> None:
    assert check_form_setting("counter_phone", phone) == phone


@pytest.mark.parametrize("phone", ["phường", "12345", "024 3825 1234 ext 5"])
def test_what_is_no_phone_number_is_refused_in_words(phone: str) -> None:
    with pytest.raises(CounterPhoneInvalidError):
        check_form_setting("counter_phone", phone)
    assert message_for("COUNTER_PHONE_INVALID", "vi").startswith("Số điện thoại")
