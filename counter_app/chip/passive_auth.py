"""Passive authentication (ICAO 9303 Part 11 §5.1): hashes, the SOD signature, the chain.

Three outcomes: VERIFIED (hashes match, the SOD signature verifies with its document signer
certificate, and that certificate was issued by a CSCA of the trust folder); NOT_VERIFIED
(the same, but no CSCA of the trust folder issued the signer: the data is shown as "read, not
verified"); anything else raises, and the data is refused.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from enum import StrEnum

from asn1crypto import cms
from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from counter_app.chip.errors import ChipDataError, ChipSignatureError, ChipTamperedError
from counter_app.chip.sod import Sod, signer_certificates


class Verification(StrEnum):
    VERIFIED = "verified"
    NOT_VERIFIED = "not_verified"


_HASHES: Mapping[str, type[hashes.HashAlgorithm]] = {
    "sha1": hashes.SHA1,
    "sha224": hashes.SHA224,
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
}


def check_hashes(sod: Sod, groups: Mapping[int, bytes]) -> None:
    """Every data group read must have EF.SOD's hash; ChipTamperedError names the group."""
    for number, content in groups.items():
        expected = sod.hashes.get(number)
        if expected is None:
            raise ChipTamperedError(f"DG{number} is not listed in EF.SOD")
        if hashlib.new(sod.hash_algorithm, content).digest() != expected:
            raise ChipTamperedError(f"DG{number} hash differs from EF.SOD")


def verify(
    sod: Sod, groups: Mapping[int, bytes], trusted: Sequence[x509.Certificate]
) -> Verification:
    """Hashes, then the signature, then the chain to a trusted CSCA."""
    check_hashes(sod, groups)
    signer = _verify_signature(sod)
    return _chain(signer, trusted)


def _verify_signature(sod: Sod) -> x509.Certificate:
    signer_infos = sod.signed_data["signer_infos"]
    if len(signer_infos) != 1:
        raise ChipSignatureError("EF.SOD must have exactly one signer")
    info = signer_infos[0]
    certificate = _signer_certificate(sod.signed_data, info)
    attributes = info["signed_attrs"]
    digest_name = info["digest_algorithm"]["algorithm"].native
    digest = hashlib.new(digest_name, sod.encapsulated).digest()
    if _message_digest(attributes) != digest:
        raise ChipSignatureError("EF.SOD message digest differs from its content")
    signed_bytes = attributes.untag().dump()
    _check_signature(certificate, info, signed_bytes, digest_name)
    return certificate


def _signer_certificate(signed: cms.SignedData, info: cms.SignerInfo) -> x509.Certificate:
    sid = info["sid"]
    for candidate in signer_certificates(signed):
        if sid.name == "issuer_and_serial_number":
            wanted = sid.chosen
            if (
                candidate.issuer == wanted["issuer"]
                and candidate.serial_number == wanted["serial_number"].native
            ):
                return x509.load_der_x509_certificate(candidate.dump())
        elif candidate.key_identifier == sid.chosen.native:
            return x509.load_der_x509_certificate(candidate.dump())
    raise ChipSignatureError("EF.SOD carries no document signer certificate")


def _message_digest(attributes: cms.CMSAttributes) -> bytes:
    for attribute in attributes:
        if attribute["type"].native == "message_digest":
            return bytes(attribute["values"][0].native)
    raise ChipSignatureError("EF.SOD signed attributes lack the message digest")


def _check_signature(
    certificate: x509.Certificate, info: cms.SignerInfo, data: bytes, digest_name: str
) -> None:
    key = certificate.public_key()
    algorithm = _HASHES.get(digest_name)
    if algorithm is None:
        raise ChipDataError("EF.SOD uses an unknown digest")
    signature = info["signature"].native
    scheme = info["signature_algorithm"].signature_algo
    try:
        if isinstance(key, rsa.RSAPublicKey):
            pad = (
                padding.PSS(padding.MGF1(algorithm()), padding.PSS.AUTO)
                if scheme == "rsassa_pss"
                else padding.PKCS1v15()
            )
            key.verify(signature, data, pad, algorithm())
        elif isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(signature, data, ec.ECDSA(algorithm()))
        else:
            raise ChipSignatureError("document signer key of an unsupported type")
    except (InvalidSignature, UnsupportedAlgorithm) as exc:
        raise ChipSignatureError("EF.SOD signature does not verify") from exc


def _chain(signer: x509.Certificate, trusted: Sequence[x509.Certificate]) -> Verification:
    """VERIFIED when a trusted CSCA issued the signer; a CSCA of that name that did not: refused."""
    same_name = [csca for csca in trusted if csca.subject == signer.issuer]
    if not same_name:
        return Verification.NOT_VERIFIED
    for csca in same_name:
        try:
            signer.verify_directly_issued_by(csca)
        except (InvalidSignature, ValueError, TypeError, UnsupportedAlgorithm):
            continue
        return Verification.VERIFIED
    raise ChipSignatureError("document signer not issued by the trusted CSCA of its name")
