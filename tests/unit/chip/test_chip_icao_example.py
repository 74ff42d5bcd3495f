"""BAC and Secure Messaging against the worked example of ICAO Doc 9303 Part 11, Appendix D."""

from __future__ import annotations

import pytest

from counter_app.chip import bac
from counter_app.chip.apdu import read_binary, select_file
from counter_app.chip.crypto import retail_mac
from counter_app.chip.errors import ChipSecureMessagingError
from counter_app.chip.mrz_key import BacKey, check_digit
from counter_app.chip.secure_messaging import SecureChannel

H = bytes.fromhex
EXAMPLE_KEY = BacKey("L898902C", "690806", "940623")
RND_IC = H("4608F91988702212")
RND_IFD = H("781723860C06C226")
K_IFD = H("0B795240CB7049B01C19B33E32804F0B")
CHIP_ANSWER = H("46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F2F2D235D074D7449")


def test_mrz_information_and_check_digits() -> None:
    assert check_digit("L898902C<") == "3"
    assert EXAMPLE_KEY.mrz_information() == b"L898902C<369080619406236"


def test_key_seed_and_basic_access_keys() -> None:
    assert EXAMPLE_KEY.seed() == H("239AB9CB282DAF66231DC5A4DF6BFBAE")
    keys = bac.bac_keys(EXAMPLE_KEY)
    assert keys.k_enc == H("AB94FDECF2674FDFB9B391F85D7F76F2")
    assert keys.k_mac == H("7962D9ECE03D1ACD4C76089DCE131543")


def test_mutual_authentication_command_data() -> None:
    request = _request()
    assert request.data == H(
        "72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F25F1448EEA8AD90A7"
    )


def test_session_keys_and_send_sequence_counter() -> None:
    session = bac.session_from_response(bac.bac_keys(EXAMPLE_KEY), _request(), CHIP_ANSWER)
    assert session.ks_enc == H("979EC13B1CBFE9DCD01AB0FED307EAE5")
    assert session.ks_mac == H("F1CB1F1FB5ADF208806B89DC579DC1F8")
    assert session.ssc == 0x887022120C06C226


def test_a_changed_chip_answer_is_refused() -> None:
    tampered = CHIP_ANSWER[:-1] + bytes([CHIP_ANSWER[-1] ^ 1])
    with pytest.raises(ChipSecureMessagingError):
        bac.session_from_response(bac.bac_keys(EXAMPLE_KEY), _request(), tampered)


def test_select_and_read_binary_wrapped_and_answers_unwrapped() -> None:
    channel = _channel()
    assert channel.wrap(select_file(0x011E)) == H(
        "0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800"
    )
    assert channel.unwrap(H("990290008E08FA855A5D4C50A8ED9000")) == (b"", 0x9000)
    assert channel.wrap(read_binary(0, 4)) == H("0CB000000D9701048E08ED6705417E96BA5500")
    answer = H("8709019FF0EC34F9922651990290008E08AD55CC17140B2DED9000")
    assert channel.unwrap(answer) == (H("60145F01"), 0x9000)


def test_an_answer_with_a_wrong_mac_is_refused() -> None:
    channel = _channel()
    channel.wrap(select_file(0x011E))
    with pytest.raises(ChipSecureMessagingError):
        channel.unwrap(H("990290008E08FA855A5D4C50A8EE9000"))


def test_retail_mac_of_the_example_command() -> None:
    mac_input = H("887022120C06C2270CA4020C800000008709016375432908C044F6") + H("8000000000")
    assert retail_mac(H("F1CB1F1FB5ADF208806B89DC579DC1F8"), mac_input) == H("BF8B92D635FF24F8")


def _request() -> bac.MutualAuthRequest:
    keys = bac.bac_keys(EXAMPLE_KEY)
    return bac.mutual_auth_request(keys, rnd_icc=RND_IC, rnd_ifd=RND_IFD, k_ifd=K_IFD)


def _channel() -> SecureChannel:
    session = bac.session_from_response(bac.bac_keys(EXAMPLE_KEY), _request(), CHIP_ANSWER)
    return SecureChannel(session)
