"""Typed errors of the chip reader; texts never carry a citizen's data (codes in docs/CLI.md)."""

from __future__ import annotations

from counter_app.errors import EXIT_ENVIRONMENT, CounterAppError


class ChipError(CounterAppError):
    """Base of the chip errors: the read failed and nothing from the chip is used."""

    code = "CHIP_ERROR"


class ChipNoReaderError(ChipError):
    code = "CHIP_NO_READER"
    exit_status = EXIT_ENVIRONMENT


class ChipNoCardError(ChipError):
    code = "CHIP_NO_CARD"


class ChipCardRemovedError(ChipError):
    code = "CHIP_CARD_REMOVED"


class ChipWrongCardError(ChipError):
    """The card answers but has no ICAO eMRTD application (a bank card, a health card)."""

    code = "CHIP_WRONG_CARD"


class ChipAccessDeniedError(ChipError):
    """BAC failed with every key tried: the dates or the document number do not fit the card."""

    code = "CHIP_ACCESS_DENIED"


class ChipKeyMissingError(ChipError):
    """No BAC key can be built: no ID number or birth date, or no expiry derivable."""

    code = "CHIP_KEY_MISSING"


class ChipSecureMessagingError(ChipError):
    """A response failed its MAC or its structure: the channel cannot be trusted."""

    code = "CHIP_SM_BROKEN"


class ChipDataError(ChipError):
    """A file read from the chip does not have the structure ICAO 9303 gives it."""

    code = "CHIP_DATA_BAD"


class ChipTamperedError(ChipError):
    """A data group's hash differs from the one EF.SOD signs: the data is refused."""

    code = "CHIP_TAMPERED"


class ChipSignatureError(ChipError):
    """EF.SOD's signature or its signer certificate does not verify: the data is refused."""

    code = "CHIP_SIGNATURE_BAD"


class ChipReaderError(ChipError):
    """The reader or its driver failed in a way that is not about the card's data."""

    code = "CHIP_READER_FAILED"
    exit_status = EXIT_ENVIRONMENT


class ChipLibraryMissingError(ChipError):
    code = "CHIP_LIBRARY_MISSING"
    exit_status = EXIT_ENVIRONMENT
