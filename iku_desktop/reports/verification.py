"""Verification codes of printouts.

A printout's code is derived from the SHA-256 of a canonical snapshot of exactly what was
printed (document text, numbers, signatory, year): sorted-key JSON without spaces, decimals
as text. Ten characters of Crockford base32 (50 bits) in two groups: "IKU-7Q2KM-9XD3T".
One changed digit anywhere in the snapshot gives another code.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from decimal import Decimal

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def _default(value):
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not part of a snapshot: {type(value).__name__}")


def canonical(snapshot: dict) -> str:
    return json.dumps(snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      default=_default)


def digest(snapshot: dict) -> str:
    return hashlib.sha256(canonical(snapshot).encode("utf-8")).hexdigest()


def code_for(snapshot: dict) -> str:
    n = int(digest(snapshot)[:13], 16) >> 2  # 50 bits
    chars = "".join(CROCKFORD[(n >> (5 * i)) & 31] for i in reversed(range(10)))
    return f"IKU-{chars[:5]}-{chars[5:]}"


def normalise_code(text: str) -> str:
    """Accept what a person types: any case, without dashes, O for 0, I/L for 1."""
    t = "".join(ch for ch in text.upper() if ch.isalnum())
    t = t.removeprefix("IKU")
    t = t.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))
    if len(t) != 10 or any(ch not in CROCKFORD for ch in t):
        raise ValueError("Kode verifikasi harus berbentuk IKU-XXXXX-XXXXX")
    return f"IKU-{t[:5]}-{t[5:]}"
