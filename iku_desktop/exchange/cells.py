"""Cell parsers: raw cell (text, or a native value from a workbook) → typed value.

Each parser raises ``CellError`` with the Indonesian reason; the importer adds the row,
column and value. Blank cells are handled by the caller (required or not).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from time import monotonic
from decimal import Decimal, InvalidOperation

from ..domain.formatting import parse_month_name


class CellError(ValueError):
    pass


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(value) -> str:
    """The cell as text, white space folded ("  a  b " → "a b")."""
    if value.__class__ is str:
        t = value.strip()
        if "  " in t or "\n" in t or "\t" in t or "\r" in t:
            t = " ".join(t.split())
        return t
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


_DMY = re.compile(r"(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?")
_LONG = re.compile(r"(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})")


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
    if value != int(value) or not 1 <= value <= 2_958_465:
        raise CellError("Angka ini bukan tanggal; gunakan dd/mm/yyyy")
    return EXCEL_EPOCH + timedelta(days=int(value))


def parse_rupiah(value, allow_negative: bool = False) -> int:
    """Whole rupiah: digits with optional dots as thousands separators ("1.250.000"),
    "Rp" prefix allowed. A decimal part other than ,00 is refused (money is whole rupiah)."""
    if isinstance(value, bool):
        raise CellError("Nilai rupiah harus berupa angka")
    if isinstance(value, int):
        n = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise CellError("Nilai rupiah harus bilangan bulat (tanpa sen)")
        n = int(value)
    else:
        t = text(value).replace(" ", "")
        t = re.sub(r"^(rp\.?)", "", t, flags=re.IGNORECASE)
        negative = t.startswith("-") or (t.startswith("(") and t.endswith(")"))
        t = t.strip("-()")
        t = re.sub(r",0+$", "", t)
        if re.fullmatch(r"\d{1,3}(\.\d{3})+", t):
            t = t.replace(".", "")
        if not re.fullmatch(r"\d+", t):
            raise CellError("Nilai rupiah harus berupa bilangan bulat, misalnya 1.250.000")
        n = -int(t) if negative else int(t)
    if n < 0 and not allow_negative:
        raise CellError("Nilai tidak boleh negatif")
    return n


def parse_int(value, minimum: int | None = None, maximum: int | None = None) -> int:
    if isinstance(value, bool):
        raise CellError("Harus berupa bilangan bulat")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        n = value
    else:
        t = text(value).replace(".", "") if re.fullmatch(r"\d{1,3}(\.\d{3})+", text(value)) else text(value)
        if not re.fullmatch(r"-?\d+", t):
            raise CellError("Harus berupa bilangan bulat")
        n = int(t)
    if minimum is not None and n < minimum:
        raise CellError(f"Tidak boleh kurang dari {minimum}")
    if maximum is not None and n > maximum:
        raise CellError(f"Tidak boleh lebih dari {maximum}")
    return n


def parse_score(value) -> Decimal:
    """A score with a comma or a point as the decimal mark ("24,50", "24.5")."""
    if isinstance(value, bool):
        raise CellError("Nilai harus berupa angka")
    if isinstance(value, (int, Decimal)):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    t = text(value).replace(" ", "")
    if not re.fullmatch(r"-?\d+([.,]\d+)?", t):
        raise CellError("Nilai harus berupa angka, misalnya 24,50")
    try:
        return Decimal(t.replace(",", "."))
    except InvalidOperation as exc:
        raise CellError("Nilai harus berupa angka") from exc


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
