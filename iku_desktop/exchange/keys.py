"""Office keys (PyNaCl): one Ed25519 key pair per office database. It signs the office's
data packages; the same pair, converted to Curve25519, opens the packages sealed to the
office. Sealing (``seal``): the data is encrypted once with a random key (a secret box,
XSalsa20-Poly1305), and that key is put in a sealed box to each receiver's Curve25519
public key: only the holders of those private keys can read it, and a package for the
province and several districts is one file.

A key is shown to people as its *fingerprint*: the first 8 bytes of the SHA-256 of the
32-byte public key in four groups of four hex digits ("3F9A-0C12-B7E4-5D60"), short enough
to read out over the phone and compare.

The key file (``iku office keys export``) carries an office's public key to another office
before any package has travelled: a small JSON file, never the private key.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from nacl.exceptions import BadSignatureError, CryptoError
from nacl.exceptions import RuntimeError as NaclRuntimeError
from nacl.exceptions import TypeError as NaclTypeError
from nacl.exceptions import ValueError as NaclValueError
from nacl.public import SealedBox
from nacl.secret import SecretBox
from nacl.signing import SigningKey, VerifyKey
from nacl.utils import random as random_bytes

from ..errors import Refused
from . import readers

KEY_FORMAT = "iku-kunci"
KEY_FORMAT_VERSION = 1
KEY_SUFFIX = ".ikukey"
MAX_KEY_FILE = 64 * 1024
_HEX_KEY = re.compile(r"[0-9a-f]{64}")


class KeyFileError(Refused, ValueError):
    """A key file or key that cannot be used; ``str()`` is the user's message."""


def new_secret() -> bytes:
    """A new private key (the 32-byte Ed25519 seed)."""
    return bytes(SigningKey.generate())


def public_of(secret: bytes) -> bytes:
    return bytes(SigningKey(secret).verify_key)


def fingerprint(public: bytes) -> str:
    digest = hashlib.sha256(public).hexdigest()[:16].upper()
    return "-".join(digest[i:i + 4] for i in range(0, 16, 4))


def normal_fingerprint(text: str) -> str | None:
    """``text`` as a fingerprint ("3f9a 0c12-b7e4 5d60" → "3F9A-0C12-B7E4-5D60"), or None."""
    digits = re.sub(r"[\s\-:.]", "", str(text)).upper()
    if not re.fullmatch(r"[0-9A-F]{16}", digits):
        return None
    return "-".join(digits[i:i + 4] for i in range(0, 16, 4))


def public_from_hex(text) -> bytes | None:
    """A public key written as 64 hex digits, when it is a usable key; else None."""
    if not isinstance(text, str) or not _HEX_KEY.fullmatch(text):
        return None
    public = bytes.fromhex(text)
    try:
        VerifyKey(public).to_curve25519_public_key()
    except (NaclRuntimeError, NaclValueError, NaclTypeError):
        return None
    return public


def sign(secret: bytes, message: bytes) -> bytes:
    return SigningKey(secret).sign(message).signature


def verify(public: bytes, message: bytes, signature: bytes) -> bool:
    try:
        VerifyKey(public).verify(message, signature)
    except (BadSignatureError, NaclValueError, NaclTypeError):
        return False
    return True


def seal(publics: list[bytes], data: bytes) -> tuple[bytes, list[bytes]]:
    """``data`` readable only with the private key of one of ``publics``: the encrypted
    data, and for each public key the data key sealed to it."""
    key = random_bytes(SecretBox.KEY_SIZE)
    sealed_keys = [SealedBox(VerifyKey(p).to_curve25519_public_key()).encrypt(key)
                   for p in publics]
    return bytes(SecretBox(key).encrypt(data)), sealed_keys


def unseal(secret: bytes, sealed_key: bytes, data: bytes) -> bytes | None:
    """The sealed ``data`` opened with ``secret`` and the data key sealed to it; None when
    it was sealed to another key or changed since."""
    try:
        key = SealedBox(SigningKey(secret).to_curve25519_private_key()).decrypt(sealed_key)
        return SecretBox(key).decrypt(data)
    except (CryptoError, NaclValueError, NaclTypeError):
        return None


@dataclass(frozen=True)
class KeyFile:
    """Attributes:
    office: the office code ("provinsi" or a BPS code); office_name: as the office calls
    itself; public_key: the 32-byte Ed25519 public key; created_at: when the file was made.
    """

    office: str
    office_name: str
    public_key: bytes
    created_at: str

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)


def write_key_file(path: Path, key: KeyFile) -> None:
    body = {"format": KEY_FORMAT, "format_version": KEY_FORMAT_VERSION,
            "office": key.office, "office_name": key.office_name,
            "public_key": key.public_key.hex(), "fingerprint": key.fingerprint,
            "created_at": key.created_at}
    try:
        path.write_text(json.dumps(body, ensure_ascii=False, indent=1) + "\n", "utf-8")
    except OSError as exc:
        raise KeyFileError(f"Berkas kunci tidak dapat ditulis ke {path}: {exc.strerror}") \
            from exc


def read_key_file(path: Path) -> KeyFile:
    name = path.name
    try:
        # a regular file of bounded size only: a FIFO or /dev/zero would never end
        body = json.loads(readers.read_input(path, MAX_KEY_FILE).decode("utf-8"))
    except readers.ReadError as exc:
        raise KeyFileError(f"Berkas kunci tidak dapat dibaca: {exc}") from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise KeyFileError(f"Berkas {name} bukan berkas kunci kantor IKU Desktop") from exc
    if not isinstance(body, dict) or body.get("format") != KEY_FORMAT:
        raise KeyFileError(f"Berkas {name} bukan berkas kunci kantor IKU Desktop")
    if body.get("format_version") != KEY_FORMAT_VERSION:
        raise KeyFileError(f"Berkas kunci {name} memakai format versi "
                           f"{body.get('format_version')}; perbarui IKU Desktop")
    public = public_from_hex(body.get("public_key"))
    if public is None or not isinstance(body.get("office"), str):
        raise KeyFileError(f"Berkas kunci {name} rusak: kunci publik atau kode kantor "
                           "tidak terbaca")
    if body.get("fingerprint") != fingerprint(public):
        raise KeyFileError(f"Berkas kunci {name} rusak: sidik {body.get('fingerprint')} "
                           f"tidak cocok dengan kuncinya ({fingerprint(public)})")
    return KeyFile(body["office"], str(body.get("office_name", "")), public,
                   str(body.get("created_at", "")))
