"""EF.SOD: the CMS SignedData over the LDS security object (ICAO 9303 Part 10 §4.6.2).

asn1crypto knows CMS but not ICAO's ``LDSSecurityObject``; its three fields are declared here.
"""

from __future__ import annotations

from typing import NamedTuple

from asn1crypto import algos, cms, core, x509

from counter_app.chip import tlv
from counter_app.chip.errors import ChipDataError

LDS_SECURITY_OBJECT_OID = "2.23.136.1.1.1"


class DataGroupHash(core.Sequence):  # type: ignore[misc]  # asn1crypto is untyped
    _fields = [  # noqa: RUF012 (asn1crypto's declaration style)
        ("data_group_number", core.Integer),
        ("data_group_hash_value", core.OctetString),
    ]


class DataGroupHashes(core.SequenceOf):  # type: ignore[misc]
    _child_spec = DataGroupHash


class LdsVersionInfo(core.Sequence):  # type: ignore[misc]
    _fields = [  # noqa: RUF012
        ("lds_version", core.PrintableString),
        ("unicode_version", core.PrintableString),
    ]


class LdsSecurityObject(core.Sequence):  # type: ignore[misc]
    _fields = [  # noqa: RUF012
        ("version", core.Integer),
        ("hash_algorithm", algos.DigestAlgorithm),
        ("data_group_hash_values", DataGroupHashes),
        ("lds_version_info", LdsVersionInfo, {"optional": True}),
    ]


class Sod(NamedTuple):
    """What passive authentication needs from EF.SOD, already parsed."""

    hash_algorithm: str  # asn1crypto's names are hashlib's: sha1, sha256 …
    hashes: dict[int, bytes]
    signed_data: cms.SignedData
    encapsulated: bytes  # the DER of the LDS security object, as signed


def parse_sod(ef_sod: bytes) -> Sod:
    try:
        info = cms.ContentInfo.load(tlv.require(ef_sod, 0x77))
        signed = info["content"]
        encap = signed["encap_content_info"]
        if encap["content_type"].dotted != LDS_SECURITY_OBJECT_OID:
            raise ChipDataError("EF.SOD does not hold an LDS security object")
        raw = encap["content"].native
        lds = LdsSecurityObject.load(raw)
        algorithm = lds["hash_algorithm"]["algorithm"].native
        hashes = {
            entry["data_group_number"].native: entry["data_group_hash_value"].native
            for entry in lds["data_group_hash_values"]
        }
    except (ValueError, TypeError, KeyError) as exc:
        raise ChipDataError("EF.SOD is not a valid CMS SignedData") from exc
    return Sod(algorithm, hashes, signed, raw)


def signer_certificates(signed: cms.SignedData) -> list[x509.Certificate]:
    return [choice.chosen for choice in signed["certificates"] if choice.name == "certificate"]
