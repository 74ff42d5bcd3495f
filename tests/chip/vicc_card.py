"""Serve one emulated ID card through vsmartcard's ``vicc`` (run by Debian's python3).

Usage: python3 vicc_card.py CARD_DIR PORT [--debug]

CARD_DIR holds the card's files named by FID (``011E.bin`` EF.COM, ``0101.bin`` DG1 …), as
written by ``tests/chip/cards.py``. The card side (BAC, Secure Messaging, the file system) is
the emulator's own code; vsmartcard 3.3's Python 3 port is incomplete, so this copies the
package beside CARD_DIR and applies the small fixes listed in ``FIXES`` (each must match,
or the script stops: a changed emulator needs a look, not a silent guess). Only the BAC key is
computed here, because the emulator's ``PassportSAM`` reads a passport's (TD3) MRZ and the ID
card's is TD1.
"""

from __future__ import annotations

import hashlib
import logging
import pathlib
import shutil
import sys
import tempfile

PACKAGE = pathlib.Path("/usr/lib/python3/site-packages/virtualsmartcard")
EMRTD_AID = bytes.fromhex("A0000002471001")

# (module, text in vsmartcard 3.3, replacement): bytes where Python 2 strings were mixed in.
FIXES = [
    ("TLVutils.py", 'return b"".join(result)', "return result"),
    ("SEutils.py", 'return_data = ["", ]', 'return_data = [b"", ]'),
    ("SEutils.py", 'to_authenticate = ""', 'to_authenticate = b""'),
    ("SEutils.py", 'data="".join(return_data))', 'data=b"".join(return_data))'),
    ("SEutils.py", '        return_data = ""\n', '        return_data = b""\n'),
    ("SEutils.py", 'if result != "":', 'if result != b"" and result != "":'),
    ("SEutils.py", 'encrypted = "\\x01" + encrypted', 'encrypted = b"\\x01" + encrypted'),
    # The send sequence counter is 8 bytes even when its first byte is zero.
    ("CryptoUtils.py", "data = inttostring(ssc) + data", "data = inttostring(ssc, 8) + data"),
    (
        "CryptoUtils.py",
        'result.append(chr(op(ord(string1[i]), ord(string2[i]))))\n    return "".join(result)',
        "result.append(op(string1[i], string2[i]))\n    return bytes(result)",
    ),
    (
        "utils.py",
        "    if data:\n        if isinstance(data, str):",
        "    if isinstance(data, int):\n        return data\n"
        "    if data:\n        if isinstance(data, str):",
    ),
]


def patched_copy(work: pathlib.Path) -> pathlib.Path:
    """The emulator's package, fixed, under ``work`` (the caller's folder, cleaned with it)."""
    target = pathlib.Path(tempfile.mkdtemp(prefix="vicc-", dir=work)) / "virtualsmartcard"
    shutil.copytree(PACKAGE / "virtualsmartcard", target / "virtualsmartcard")
    for module, old, new in FIXES:
        path = target / "virtualsmartcard" / module
        text = path.read_text()
        if old not in text:
            sys.exit(f"vicc_card: {module} differs from vsmartcard 3.3; check FIXES")
        path.write_text(text.replace(old, new))
    return target


def bac_seed(dg1: bytes) -> bytes:
    """K_seed from the MRZ: TD1 line 1 chars 6-15, line 2 chars 1-7 and 9-15 (with checks);
    a TD3 (passport) line 2 chars 1-10, 14-20 and 22-28."""
    mrz = dg1[dg1.index(b"\x5f\x1f") + 3 :]
    if len(mrz) == 88:
        line2 = mrz[44:]
        information = line2[0:10] + line2[13:20] + line2[21:28]
    else:
        line1, line2 = mrz[:30], mrz[30:60]
        information = line1[5:15] + line2[0:7] + line2[8:15]
    return hashlib.sha1(information).digest()[:16]


def build_card(card_dir: pathlib.Path):  # type: ignore[no-untyped-def]
    from virtualsmartcard.cards.ePass import PassportSAM, ePass_SE
    from virtualsmartcard.SmartcardFilesystem import DF, MF, TransparentStructureEF
    from virtualsmartcard.SmartcardSAM import SAM

    mf = MF()
    aid_file = card_dir / "aid.hex"  # another application's AID: a card that is no eMRTD
    aid = bytes.fromhex(aid_file.read_text()) if aid_file.exists() else EMRTD_AID
    df = DF(parent=mf, fid=4, dfname=aid, bertlv_data=[])
    for path in sorted(card_dir.glob("*.bin")):
        fid = int(path.stem, 16)
        df.append(
            TransparentStructureEF(parent=df, fid=fid, filedescriptor=0, data=path.read_bytes())
        )
    mf.append(df)

    sam = PassportSAM.__new__(PassportSAM)
    SAM.__init__(sam, None, None, mf, default_se=ePass_SE)
    seed = bac_seed((card_dir / "0101.bin").read_bytes())
    sam.KEnc = PassportSAM.derive_key(seed, 1)
    sam.KMac = PassportSAM.derive_key(seed, 2)
    return mf, sam


def main() -> None:
    card_dir, port = pathlib.Path(sys.argv[1]), int(sys.argv[2])
    copy = patched_copy(card_dir.parent)
    sys.path.insert(0, str(copy))
    import Cryptodome

    sys.modules["Crypto"] = Cryptodome  # Debian names pycryptodome's package Cryptodome
    for name in ("Cipher", "Hash", "PublicKey", "Util"):
        sys.modules[f"Crypto.{name}"] = __import__(f"Cryptodome.{name}", fromlist=["_"])
    from virtualsmartcard import CardGenerator, VirtualSmartcard

    mf, sam = build_card(card_dir)
    CardGenerator.CardGenerator.getCard = lambda self: (mf, sam)
    level = logging.DEBUG if "--debug" in sys.argv else logging.WARNING
    icc = VirtualSmartcard.VirtualICC(None, "ePass", "localhost", port, logginglevel=level)
    print("vicc: ready", flush=True)
    icc.run()


if __name__ == "__main__":
    main()
