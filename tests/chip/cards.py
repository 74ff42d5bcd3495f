"""Build emulated ID cards: EF.COM, DG1, DG2, DG13 and an EF.SOD signed by a test CSCA.

``write_card(folder, person, kind)`` writes the files that ``vicc_card.py`` serves, named by
FID. ``kind`` picks the variants the tests need: a good card, one whose DG13 was changed after
signing (tampered), one whose document signer was not issued by the trusted CSCA (wrong signer),
one without DG13, a passport (TD3 MRZ), and a card with another application (other_card).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import pathlib
from dataclasses import dataclass, field

from asn1crypto import algos, cms, core
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from PIL import Image, ImageDraw

from counter_app.chip import tlv
from counter_app.chip.mrz_key import check_digit
from counter_app.chip.sod import LDS_SECURITY_OBJECT_OID, DataGroupHash, LdsSecurityObject

UTF8, PRINTABLE, INTEGER, SEQUENCE = 0x0C, 0x13, 0x02, 0x30
FIDS = {"COM": 0x011E, 1: 0x0101, 2: 0x0102, 13: 0x010D, "SOD": 0x011D}
DG_TAGS = {1: 0x61, 2: 0x75, 13: 0x6D}
OTHER_AID = "A0000000031010"  # a payment card's application: the card is no eMRTD


@dataclass(frozen=True)
class Person:
    """A test citizen; dates as on the card."""

    id_number: str = "001089004217"
    full_name: str = "Trần Quốc Bảo"
    birth: dt.date = dt.date(1989, 6, 5)
    sex: str = "Nam"
    issue: dt.date = dt.date(2021, 4, 12)
    expiry: dt.date = dt.date(2029, 6, 5)
    residence: str = "Số 7 phố Hàng Bạc, Hàng Bạc, Hoàn Kiếm, Hà Nội"
    origin: str = "Xã Đông Ngạc, Huyện Từ Liêm, Hà Nội"
    extras: dict[int, str] = field(default_factory=lambda: {15: "Mục chưa biết"})


@dataclass
class Pki:
    """A test CSCA and its document signer (and an impostor CSCA of the same name)."""

    csca_key: ec.EllipticCurvePrivateKey
    csca: x509.Certificate
    ds_key: ec.EllipticCurvePrivateKey
    ds: x509.Certificate
    impostor_ds: x509.Certificate

    def write_trust_folder(self, folder: pathlib.Path) -> pathlib.Path:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "csca-test.pem").write_bytes(self.csca.public_bytes(serialization.Encoding.PEM))
        return folder


def make_pki() -> Pki:
    now = dt.datetime.now(dt.UTC)
    csca_name = _name("CSCA Test VNM")
    csca_key = ec.generate_private_key(ec.SECP256R1())
    csca = _certificate(csca_name, csca_name, csca_key.public_key(), csca_key, now, ca=True)
    ds_key = ec.generate_private_key(ec.SECP256R1())
    ds = _certificate(_name("DS Test VNM"), csca_name, ds_key.public_key(), csca_key, now)
    impostor_key = ec.generate_private_key(ec.SECP256R1())
    impostor = _certificate(_name("DS Test VNM"), csca_name, ds_key.public_key(), impostor_key, now)
    return Pki(csca_key, csca, ds_key, ds, impostor)


def write_card(
    folder: pathlib.Path,
    person: Person,
    pki: Pki,
    kind: str = "good",
    portrait: bytes | None = None,
) -> pathlib.Path:
    """Write the card's files into ``folder`` (created 0700); returns the folder."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    passport = kind == "passport"
    groups = {1: dg1(person, passport=passport), 2: dg2(portrait)}
    if kind not in ("no_dg13", "passport"):
        groups[13] = dg13(person)
    signer = pki.impostor_ds if kind == "wrong_signer" else pki.ds
    sod = ef_sod(groups, signer, pki.ds_key)
    if kind == "tampered":
        groups[13] = dg13(Person(full_name="Nguyễn Văn Giả"))
    files = {FIDS["COM"]: ef_com(groups), FIDS["SOD"]: sod}
    files.update({FIDS[number]: content for number, content in groups.items()})
    for fid, content in files.items():
        (folder / f"{fid:04X}.bin").write_bytes(content)
    if kind == "other_card":
        (folder / "aid.hex").write_text(OTHER_AID)
    return folder


def td1_mrz(person: Person) -> str:
    number = person.id_number[-9:]
    line1 = f"IDVNM{number}{check_digit(number)}{person.id_number}".ljust(30, "<")
    birth, expiry = person.birth.strftime("%y%m%d"), person.expiry.strftime("%y%m%d")
    sex = "M" if person.sex == "Nam" else "F"
    partial = f"{birth}{check_digit(birth)}{sex}{expiry}{check_digit(expiry)}VNM".ljust(29, "<")
    composite = line1[5:30] + partial[0:7] + partial[8:15] + partial[18:29]
    line2 = partial + check_digit(composite)
    line3 = _mrz_name(person.full_name).ljust(30, "<")[:30]
    return line1 + line2 + line3


def td3_mrz(person: Person) -> str:
    number = "C" + person.id_number[-8:]
    birth, expiry = person.birth.strftime("%y%m%d"), person.expiry.strftime("%y%m%d")
    line1 = ("P<VNM" + _mrz_name(person.full_name)).ljust(44, "<")[:44]
    body = f"{number}{check_digit(number)}VNM{birth}{check_digit(birth)}M{expiry}"
    line2 = (body + check_digit(expiry)).ljust(43, "<")
    return line1 + line2 + check_digit(line2[0:10] + line2[13:20] + line2[21:43])


def dg1(person: Person, *, passport: bool = False) -> bytes:
    mrz = (td3_mrz(person) if passport else td1_mrz(person)).encode("ascii")
    return tlv.encode(0x61, tlv.encode(0x5F1F, mrz))


def dg13(person: Person) -> bytes:
    entries = [
        (1, [person.id_number]),
        (2, [person.full_name]),
        (3, [person.birth.strftime("%d/%m/%Y")]),
        (4, [person.sex]),
        (5, ["Việt Nam"]),
        (6, ["Kinh"]),
        (7, ["Không"]),
        (8, [person.origin]),
        (9, [person.residence]),
        (10, ["Nốt ruồi C:1cm trên trước mép trái"]),
        (11, [person.issue.strftime("%d/%m/%Y")]),
        (12, [person.expiry.strftime("%d/%m/%Y")]),
        (13, ["Trần Văn Hùng", "Nguyễn Thị Lan"]),
        *((number, [text]) for number, text in person.extras.items()),
    ]
    body = b"".join(_entry(number, texts) for number, texts in entries)
    return tlv.encode(0x6D, tlv.encode(SEQUENCE, body))


def dg2(image: bytes | None = None) -> bytes:
    """A face image (by default a drawn JPEG) in an ISO 19794-5 record inside the templates."""
    image = image if image is not None else _portrait_jpeg()
    header = b"FAC\x000100" + (14 + 32 + len(image)).to_bytes(4, "big") + b"\x00\x01"
    record = header + bytes(32) + image
    bit = tlv.encode(0xA1, bytes.fromhex("800201018102000887020101")) + tlv.encode(0x5F2E, record)
    group = tlv.encode(0x02, b"\x01") + tlv.encode(0x7F60, bit)
    return tlv.encode(0x75, tlv.encode(0x7F61, group))


def ef_com(groups: dict[int, bytes]) -> bytes:
    tags = bytes(DG_TAGS[number] for number in sorted(groups))
    body = tlv.encode(0x5F01, b"0107") + tlv.encode(0x5F36, b"040000") + tlv.encode(0x5C, tags)
    return tlv.encode(0x60, body)


def ef_sod(
    groups: dict[int, bytes], signer: x509.Certificate, key: ec.EllipticCurvePrivateKey
) -> bytes:
    lds = LdsSecurityObject(
        {
            "version": 0,
            "hash_algorithm": {"algorithm": "sha256"},
            "data_group_hash_values": [
                DataGroupHash(
                    {"data_group_number": n, "data_group_hash_value": hashlib.sha256(c).digest()}
                )
                for n, c in sorted(groups.items())
            ],
        }
    ).dump()
    signed_attrs = cms.CMSAttributes(
        [
            {"type": "content_type", "values": [LDS_SECURITY_OBJECT_OID]},
            {"type": "message_digest", "values": [hashlib.sha256(lds).digest()]},
        ]
    )
    signature = key.sign(signed_attrs.dump(), ec.ECDSA(hashes.SHA256()))
    certificate = asn1_x509.Certificate.load(signer.public_bytes(serialization.Encoding.DER))
    signer_info = {
        "version": "v1",
        "sid": cms.SignerIdentifier(
            {
                "issuer_and_serial_number": {
                    "issuer": certificate.issuer,
                    "serial_number": certificate.serial_number,
                }
            }
        ),
        "digest_algorithm": {"algorithm": "sha256"},
        "signed_attrs": signed_attrs,
        "signature_algorithm": {"algorithm": "sha256_ecdsa"},
        "signature": signature,
    }
    signed = cms.SignedData(
        {
            "version": "v3",
            "digest_algorithms": [algos.DigestAlgorithm({"algorithm": "sha256"})],
            "encap_content_info": {
                "content_type": LDS_SECURITY_OBJECT_OID,
                "content": core.ParsableOctetString(lds),
            },
            "certificates": [certificate],
            "signer_infos": [signer_info],
        }
    )
    info = cms.ContentInfo({"content_type": "signed_data", "content": signed})
    return tlv.encode(0x77, info.dump())


def _entry(number: int, texts: list[str]) -> bytes:
    body = tlv.encode(INTEGER, bytes([number]))
    body += b"".join(tlv.encode(UTF8, text.encode("utf-8")) for text in texts)
    return tlv.encode(SEQUENCE, body)


def _mrz_name(full_name: str) -> str:
    from counter_app.domain.text import fold

    words = fold(full_name).upper().split()
    return words[0] + "<<" + "<".join(words[1:])


def noisy_portrait(size: tuple[int, int] = (480, 640), quality: int = 40) -> bytes:
    """A JPEG 2000 picture about as large as real portraits (15-25 kB), for the bench."""
    import random

    rng = random.Random(7)
    image = Image.new("RGB", size)
    image.putdata([tuple(rng.randrange(256) for _ in range(3)) for _ in range(size[0] * size[1])])
    buffer = io.BytesIO()
    image.save(buffer, "JPEG2000", quality_mode="rates", quality_layers=[quality])
    return buffer.getvalue()


def _portrait_jpeg() -> bytes:
    image = Image.new("RGB", (240, 320), (214, 226, 240))
    draw = ImageDraw.Draw(image)
    draw.ellipse((60, 50, 180, 200), fill=(226, 187, 150))
    draw.rectangle((40, 230, 200, 320), fill=(40, 70, 130))
    draw.ellipse((90, 105, 105, 120), fill=(40, 30, 20))
    draw.ellipse((135, 105, 150, 120), fill=(40, 30, 20))
    draw.arc((95, 140, 145, 175), 20, 160, fill=(150, 60, 60), width=4)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _certificate(subject, issuer, public_key, signing_key, now, *, ca: bool = False):  # type: ignore[no-untyped-def]
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    return builder.sign(signing_key, hashes.SHA256())
