"""Identifiers: NIP, NIB, NIK, NPWP (rule book §6).

Each validator takes the text as typed (spaces, dots and dashes allowed between digits),
and returns the canonical digits or raises ``IdentifierError`` with an Indonesian message.
"""

from __future__ import annotations

import re
from datetime import date

from ..errors import Refused

_SEPARATORS = re.compile(r"[\s.\-/]")


class IdentifierError(Refused, ValueError):
    """An identifier that does not follow its format; ``str()`` is the user's message."""


def _digits(text: str, name: str) -> str:
    raw = _SEPARATORS.sub("", str(text).strip())
    if not raw:
        raise IdentifierError(f"{name} kosong")
    if not (raw.isascii() and raw.isdigit()):  # str.isdigit alone takes "²", "１", "٣"
        raise IdentifierError(f"{name} hanya boleh berisi angka 0–9")
    return raw


def _real_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def validate_nip(text: str) -> str:
    """NIP of a PNS: 18 digits = birth date YYYYMMDD + TMT CPNS YYYYMM + sex + sequence.

    Basis: PP 11/2017 (Manajemen PNS) and Peraturan BKN on the NIP; the dates must be real,
    the sex digit is 1 (laki-laki) or 2 (perempuan), TMT CPNS is not before birth.
    """
    digits = _digits(text, "NIP")
    if len(digits) != 18:
        raise IdentifierError(f"NIP harus 18 digit (terisi {len(digits)} digit)")
    birth = _real_date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    if birth is None:
        raise IdentifierError(f"Tanggal lahir pada NIP ({digits[0:8]}) bukan tanggal yang valid")
    tmt_year, tmt_month = int(digits[8:12]), int(digits[12:14])
    if not 1 <= tmt_month <= 12:
        raise IdentifierError(f"Bulan TMT CPNS pada NIP ({digits[8:14]}) tidak valid")
    if (tmt_year, tmt_month) < (birth.year, birth.month):
        raise IdentifierError("TMT CPNS pada NIP lebih awal dari tanggal lahir")
    if digits[14] not in "12":
        raise IdentifierError("Digit jenis kelamin pada NIP harus 1 (laki-laki) atau 2 (perempuan)")
    return digits


def format_nip(digits: str) -> str:
    """"196304211985031008" → "19630421 198503 1 008" (the printed grouping)."""
    d = validate_nip(digits)
    return f"{d[0:8]} {d[8:14]} {d[14]} {d[15:18]}"


def validate_nib(text: str) -> str:
    """NIB (Nomor Induk Berusaha, OSS; PP 5/2021): 13 digits."""
    if text.__class__ is str and len(text) == 13 and text.isdigit() and text.isascii():
        return text  # the common case, without the separator clean-up
    digits = _digits(text, "NIB")
    if len(digits) != 13:
        raise IdentifierError(f"NIB harus 13 digit (terisi {len(digits)} digit)")
    return digits


def validate_npwp(text: str) -> str:
    """NPWP: 15 digits (legacy) or 16 digits (PMK 112/2022)."""
    digits = _digits(text, "NPWP")
    if len(digits) not in (15, 16):
        raise IdentifierError(f"NPWP harus 15 atau 16 digit (terisi {len(digits)} digit)")
    return digits


def nik_birth_date(digits: str) -> tuple[date, str] | None:
    """The birth date and sex coded in a NIK, or None when no century gives a real date.

    Positions 7–12 are DDMMYY; women have DD + 40. The century is not coded: the date is
    real when it is real in 19YY or 20YY (29 Feb 00 is real in 2000).
    """
    day, month, yy = int(digits[6:8]), int(digits[8:10]), int(digits[10:12])
    sex = "L"
    if day > 40:
        day -= 40
        sex = "P"
    for century in (2000, 1900):
        d = _real_date(century + yy, month, day)
        if d is not None:
            return d, sex
    return None


def validate_nik(text: str) -> str:
    """NIK (KTP): 16 digits = province, kabupaten/kota, kecamatan (Kemendagri codes, 2 digits
    each), birth date DDMMYY (women DD + 40) and a 4-digit sequence.

    Basis: UU 24/2013 (Administrasi Kependudukan), Permendagri on the NIK. The region codes
    may not be 00, the date must be real and the sequence may not be 0000.
    """
    digits = _digits(text, "NIK")
    if len(digits) != 16:
        raise IdentifierError(f"NIK harus 16 digit (terisi {len(digits)} digit)")
    if digits[0:2] == "00" or digits[2:4] == "00" or digits[4:6] == "00":
        raise IdentifierError("Kode wilayah pada NIK (6 digit pertama) tidak valid")
    if nik_birth_date(digits) is None:
        raise IdentifierError(f"Tanggal lahir pada NIK ({digits[6:12]}) bukan tanggal yang valid")
    if digits[12:16] == "0000":
        raise IdentifierError("Nomor urut pada NIK tidak boleh 0000")
    return digits


def mask_nik(digits: str) -> str:
    """Personal data (UU 27/2022): show the region and the sequence only.

    "1571010101900003" → "1571••••••••0003".
    """
    if len(digits) != 16:
        return "•" * len(digits)
    return digits[:4] + "•" * 8 + digits[12:]


# Fields holding personal data (UU 27/2022), masked wherever rows are shown — the register,
# the audit log, the conflicts — unless the user asks to reveal them.
PERSONAL_FIELDS = frozenset({"nik_pemilik"})


def shown_value(field: str, value, reveal: bool = False):
    """``value`` as it may be shown for ``field``: a NIK masked unless ``reveal``."""
    if reveal or field not in PERSONAL_FIELDS or not isinstance(value, str) or not value:
        return value
    return mask_nik(value)
