"""Cell parsers: raw cell (text, or a native value from a workbook) → typed value.

Each parser raises ``CellError`` with the Indonesian reason; the importer adds the row,
column and value. Blank cells are handled by the caller (required or not).
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time, timedelta
from time import monotonic
from decimal import Decimal

from ..errors import Refused
from ..domain.formatting import parse_month_name
from ..domain.identifiers import IdentifierError, validate_nib, validate_nik
from ..domain.wilayah import KabupatenKota, WilayahError, find_kabupaten


class CellError(Refused, ValueError):
    pass


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# Rule book §6: no control characters in any text field. After white space is folded,
# what is left of C0/C1 (NUL, BEL, ESC, …) is refused; so is the OOXML escape of one
# ("_x0007_"), which Excel turns back into the character.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]|_x00[01][0-9A-Fa-f]_|_x007[fF]_")
# refused before white space is folded: the information separators (which str.split()
# takes for white space: "518/\x1c/BH" would become "518/ /BH") and the invisible format
# characters that make two different texts look alike (zero-width space, BOM, bidi controls)
_HIDDEN = re.compile("[\x1c-\x1f\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")


def control_character(t: str, breaks: bool = False) -> str | None:
    """The first control character of ``t`` that rule book §6 refuses (also as its OOXML
    escape), or None; with ``breaks``, tabs and line breaks are allowed (a multi-line text
    checks its lines otherwise)."""
    if breaks:
        t = t.replace("\t", "").replace("\n", "").replace("\r", "")
    found = _CONTROL.search(t)
    return found.group() if found else None


def text(value) -> str:
    """The cell as text, white space folded ("  a  b " → "a b"). A number cell is read
    through its integer when it holds one (1509.0 → "1509"). Refuses control characters."""
    if value.__class__ is str:
        t = value.strip()
        if "  " in t or not t.isprintable() or "_x" in t:
            bad = _HIDDEN.search(t)
            t = " ".join(t.split())
            bad = bad or _CONTROL.search(t)
            if bad:
                raise CellError(f"Berisi karakter kendali {_show_control(bad.group())} "
                                "yang tidak boleh ada pada teks; hapus karakter itu")
        return t
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return text(str(value))


# Line breaks of a multi-line text as other programs write them: CR LF, CR, Word's manual
# line break (Shift+Enter, U+000B), form feed, NEL and the Unicode line/paragraph separators.
_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]")


def multiline_text(value: str) -> str:
    """A multi-line text: its line breaks become "\\n" (a Word line break too), a tab a
    space, each line keeps its spaces and the whole is stripped. Any other control
    character is refused as by ``text()``."""
    t = _BREAKS.sub("\n", value).replace("\t", " ").strip()
    bad = _CONTROL.search(t.replace("\n", ""))
    if bad:
        raise CellError(f"Berisi karakter kendali {_show_control(bad.group())} "
                        "yang tidak boleh ada pada teks; hapus karakter itu")
    return t


def _show_control(found: str) -> str:
    return found if found.startswith("_x") else f"U+{ord(found):04X}"


# Dates and numbers are written with ASCII digits only (rule book §6): ``\d`` would also
# take Arabic-Indic or fullwidth digits, which ``int()`` silently converts.
_DMY = re.compile(r"([0-9]{1,2})[/\-.]([0-9]{1,2})[/\-.]([0-9]{4})")
_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[T ].*)?")
_LONG = re.compile(r"([0-9]{1,2})\s+([A-Za-z]+)\s+([0-9]{4})")


def _today() -> date:
    """Today, looked up at most once a second (a 200.000-row import asks 800.000 times)."""
    now = monotonic()
    if now - _TODAY[0] > 1.0:
        _TODAY[:] = [now, date.today()]
    return _TODAY[1]


_TODAY: list = [-10.0, None]


def parse_date(value, today: date | None = None, allow_future: bool = False) -> date:
    """ISO (2022-01-31), dd/mm/yyyy (31/01/2022, also with - or .), "31 Januari 2022", or a
    native date. A date after today is refused unless ``allow_future``."""
    if value.__class__ is date:
        d = value
    elif isinstance(value, datetime):
        d = value.date()
    elif isinstance(value, date):
        d = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        d = excel_serial_date(value)
    else:
        t = text(value)
        m = _ISO.fullmatch(t)
        try:
            if m:
                d = date(int(m[1]), int(m[2]), int(m[3]))
            elif (m := _DMY.fullmatch(t)):
                d = date(int(m[3]), int(m[2]), int(m[1]))
            elif (m := _LONG.fullmatch(t)) and parse_month_name(m[2]):
                d = date(int(m[3]), parse_month_name(m[2]), int(m[1]))
            else:
                raise CellError("Tanggal tidak dikenali; gunakan dd/mm/yyyy atau yyyy-mm-dd")
        except ValueError as exc:
            if isinstance(exc, CellError):
                raise
            raise CellError("Tanggal tidak ada di kalender") from exc
    if d.year < 1900:
        raise CellError("Tahun pada tanggal sebelum 1900")
    if not allow_future and d > (today or _today()):
        raise CellError("Tanggal berada di masa depan")
    return d


EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 = 1 Jan 1900 (with Excel's 1900 leap-year bug)


def excel_serial_date(value: float) -> date:
    """A date stored as an Excel serial number (a date cell that lost its format)."""
    if not math.isfinite(value) or value != int(value) or not 1 <= value <= 2_958_465:
        raise CellError("Angka ini bukan tanggal; gunakan dd/mm/yyyy")
    return EXCEL_EPOCH + timedelta(days=int(value))


# The largest amount kept: 15 digits, what an Excel number cell holds exactly (a larger
# number cell has already lost digits) and far inside SQLite's 64-bit integers.
MAX_RUPIAH = 10**15 - 1
MAX_COUNT = 10**15 - 1


def parse_rupiah(value, allow_negative: bool = False) -> int:
    """Whole rupiah: digits with optional dots as thousands separators ("1.250.000"),
    "Rp" prefix allowed. A decimal part other than ,00 is refused (money is whole rupiah).
    At most ``MAX_RUPIAH`` either way."""
    if isinstance(value, bool):
        raise CellError("Nilai rupiah harus berupa angka")
    if isinstance(value, int):
        n = value
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise CellError("Nilai rupiah harus berupa angka")
        if not value.is_integer():
            raise CellError("Nilai rupiah harus bilangan bulat (tanpa sen)")
        n = int(value)
    else:
        t = text(value).replace(" ", "")
        t = re.sub(r"^(rp\.?)", "", t, flags=re.IGNORECASE)
        negative = t.startswith("-") or (t.startswith("(") and t.endswith(")"))
        t = t.strip("-()")
        t = re.sub(r",0+$", "", t)
        if _THOUSANDS.fullmatch(t):
            t = t.replace(".", "")
        if not _DIGITS.fullmatch(t):
            raise CellError("Nilai rupiah harus berupa bilangan bulat, misalnya 1.250.000")
        n = -int(t) if negative else int(t)
    if n < 0 and not allow_negative:
        raise CellError("Nilai tidak boleh negatif")
    if abs(n) > MAX_RUPIAH:
        raise CellError("Nilai rupiah terlalu besar (paling banyak Rp 999.999.999.999.999)")
    return n


_DIGITS = re.compile(r"[0-9]{1,30}")
_SIGNED = re.compile(r"-?[0-9]{1,30}")
_THOUSANDS = re.compile(r"[0-9]{1,3}(\.[0-9]{3})+")


def parse_int(value, minimum: int | None = None, maximum: int | None = None) -> int:
    if isinstance(value, bool):
        raise CellError("Harus berupa bilangan bulat")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        n = value
    else:
        t = text(value)
        if _THOUSANDS.fullmatch(t):
            t = t.replace(".", "")
        if not _SIGNED.fullmatch(t):
            raise CellError("Harus berupa bilangan bulat")
        n = int(t)
    if maximum is None and abs(n) > MAX_COUNT:
        raise CellError("Angka terlalu besar")
    if minimum is not None and n < minimum:
        raise CellError(f"Tidak boleh kurang dari {minimum}")
    if maximum is not None and n > maximum:
        raise CellError(f"Tidak boleh lebih dari {maximum}")
    return n


def parse_score(value) -> Decimal:
    """A score with a comma or a point as the decimal mark ("24,50", "24.5")."""
    if isinstance(value, bool):
        raise CellError("Nilai harus berupa angka")
    if isinstance(value, int):
        d = Decimal(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise CellError("Nilai harus berupa angka, misalnya 24,50")
        d = Decimal(repr(value))
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise CellError("Nilai harus berupa angka, misalnya 24,50")
        d = value
    else:
        t = text(value).replace(" ", "")
        if not _SCORE.fullmatch(t):
            raise CellError("Nilai harus berupa angka, misalnya 24,50")
        d = Decimal(t.replace(",", "."))
    if abs(d) > MAX_SCORE:
        raise CellError("Nilai terlalu besar")
    return d


MAX_SCORE = Decimal(10**6)
_SCORE = re.compile(r"-?[0-9]{1,15}([.,][0-9]{1,15})?")


_YA = {"ya", "y", "yes", "1", "true", "benar", "sah"}
_TIDAK = {"tidak", "t", "no", "n", "0", "false", "salah", "tidak sah"}


def parse_bool(value) -> bool:
    if isinstance(value, bool):
        return value
    t = text(value).lower()
    if t in _YA:
        return True
    if t in _TIDAK:
        return False
    raise CellError("Isi dengan Ya atau Tidak")


def parse_choice(value, choices: dict[str, object], what: str):
    """Match a closed list ignoring case, spaces and punctuation."""
    key = re.sub(r"[^a-z0-9]", "", text(value).lower())
    if key in choices:
        return choices[key]
    shown = ", ".join(sorted({str(getattr(v, "label", v)) for v in choices.values()}))
    raise CellError(f"{what} tidak dikenal; pilihan: {shown}")


def choice_keys(pairs: dict[str, object]) -> dict[str, object]:
    """Normalise the keys of a choice table the way ``parse_choice`` reads a cell."""
    return {re.sub(r"[^a-z0-9]", "", k.lower()): v for k, v in pairs.items()}


# --- identifiers and codes in cells (rule book §6, "Identifiers in spreadsheet cells") ---

EXCEL_DIGITS = 15  # significant digits an Excel number cell keeps
_SCIENTIFIC = re.compile(r"[0-9]+(?:[.,][0-9]+)?[eE][+]?[0-9]+")
# the text form of a number (a CSV written from a float, a number pasted as text): "1509.0"
_FLOAT_TEXT = re.compile(r"([0-9]+)\.0+")
_AS_TEXT = "format kolom itu sebagai Teks lalu ketik ulang"


def identifier_text(value, what: str) -> str:
    """An identifier or code cell (NIK, NIB, nomor badan hukum, kode wilayah, …) as text.

    A number cell is read through its integer value, never its text form
    (123456789012.0 → "123456789012"). Excel keeps 15 significant digits, so a number
    cell of more digits has already lost its last ones: refused, as is the scientific
    notation Excel writes for such a number into a CSV ("1,57101E+15"). The text form of
    a number ("123456789012.0", from a CSV written out of a float) is read like the number,
    never with its ".0" taken for a separator."""
    if value.__class__ is str:
        t = text(value)
        if ("E" in t or "e" in t) and _SCIENTIFIC.fullmatch(t):
            raise CellError(f"{what} tertulis {t}: Excel sudah mengubahnya menjadi notasi "
                            f"ilmiah dan digit terakhirnya hilang; {_AS_TEXT}")
        number = _FLOAT_TEXT.fullmatch(t) if "." in t else None
        if number is None:
            return t
        value = int(number[1])
    if isinstance(value, bool):
        raise CellError(f"{what} harus berupa nomor, bukan Ya/Tidak")
    if isinstance(value, (datetime, date, time, timedelta)):
        raise CellError(f"{what} terbaca sebagai tanggal/waktu; {_AS_TEXT}")
    if isinstance(value, (float, Decimal)):
        finite = math.isfinite(value) if isinstance(value, float) else value.is_finite()
        if not finite or value != int(value):
            raise CellError(f"{what} harus berupa nomor tanpa koma; sel berisi {value}")
        value = int(value)
    if not isinstance(value, int):
        return text(value)
    if value < 0:
        raise CellError(f"{what} tidak boleh negatif")
    digits = str(value)
    if len(digits) > EXCEL_DIGITS:
        raise CellError(f"{what} {digits} ada di sel angka: Excel hanya menyimpan "
                        f"{EXCEL_DIGITS} digit, sehingga digit terakhirnya sudah hilang; "
                        f"{_AS_TEXT}")
    return digits


def is_number_cell(value) -> bool:
    """A number, or the text form of one ("1509.0"): its leading zeros are gone."""
    if isinstance(value, str):
        return "." in value and _FLOAT_TEXT.fullmatch(value.strip()) is not None
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def _checked(validate, what: str, errors=(IdentifierError,)):
    """A parser: the cell read by ``identifier_text`` and checked by a domain validator.
    A number cell that fails the check is told why a number cell can: the leading zero
    and the digits past the fifteenth are not kept (never padded back)."""

    def parse(value):
        t = identifier_text(value, what)
        try:
            return validate(t)
        except errors as exc:
            if is_number_cell(value):
                raise CellError(f"{exc} (sel berformat angka tidak menyimpan angka nol di "
                                f"depan; {_AS_TEXT})") from exc
            raise CellError(str(exc)) from exc

    return parse


parse_nik = _checked(validate_nik, "NIK")
parse_nib = _checked(validate_nib, "NIB")


def _kabupaten_text(value) -> str:
    """A kabupaten/kota cell: a name, a BPS code (1509, also typed as a number) or a
    Kemendagri code (15.07, also as the decimal number 15.07)."""
    if isinstance(value, float) and math.isfinite(value) and not value.is_integer():
        shown = f"{value:.2f}"
        if float(shown) == value:
            return shown
    return identifier_text(value, "Kode kabupaten/kota")


def parse_kabupaten(value) -> KabupatenKota:
    try:
        return find_kabupaten(_kabupaten_text(value))
    except WilayahError as exc:
        raise CellError(str(exc)) from exc


def parse_digits(what: str):
    """A number made of ASCII digits only, of any length (NIK koperasi: the rule book
    enforces no length); spaces and dots between digits are dropped."""

    def parse(value):
        t = identifier_text(value, what).replace(" ", "").replace(".", "")
        if not (t.isascii() and t.isdigit()):
            raise CellError(f"{what} hanya boleh berisi angka 0–9")
        return t

    return parse


def parse_code(what: str):
    """Free-text identifiers (nomor badan hukum, nomor IUMK, ID respon): text, with a
    number cell read through its integer."""
    return lambda value: identifier_text(value, what)
