"""Indonesian number, date and time formatting (rule book §8): 1.234.567,89; "85,50%";
"Rp 1.250.000"; "26 November 2026"; "Januari 2022"; "26-11-2026 08:05 WIB"."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from fractions import Fraction

from .numbers import round_half_up

BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
         "September", "Oktober", "November", "Desember")
DASH = "–"  # shown for a value that cannot be computed


def format_number(value: Decimal | Fraction | int | None, places: int = 2) -> str:
    """1234567.891 → "1.234.567,89"; None → "–"."""
    if value is None:
        return DASH
    d = round_half_up(value, places) if not isinstance(value, int) or places else Decimal(value)
    sign = "-" if d < 0 else ""
    text = f"{abs(d):.{places}f}"
    whole, _, frac = text.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = ".".join(groups)
    return sign + out + ("," + frac if frac else "")


def format_decimal(value: Decimal | int | None) -> str:
    """A figure with the decimals it was written with: Decimal("7.5") → "7,5",
    Decimal("24.50") → "24,50", 30 → "30", 15000 → "15.000" (echoing what a user typed)."""
    if value is None:
        return DASH
    d = Decimal(value)
    return format_number(d, max(0, -d.as_tuple().exponent))


def format_percent(value: Decimal | Fraction | None, places: int = 2) -> str:
    """85.5 → "85,50%"."""
    return DASH if value is None else format_number(value, places) + "%"


def format_figure(value: Decimal | Fraction | int | None, satuan: str = "",
                  places: int = 2) -> str:
    """A realisasi or target in its indikator's unit (rule book §1 satuan, §8): a percentage
    carries its sign, "85,20%"; any other unit (a score: SAKIP, IKM) is the bare number,
    "73,50", its unit named in its own column (``satuan_label``); None → "–"."""
    return format_percent(value, places) if satuan == "%" else format_number(value, places)


def satuan_label(satuan: str) -> str:
    """The unit column of a table: the indikator's satuan, "nilai" for a score without one."""
    return satuan or "nilai"


def format_rupiah(value: int | None) -> str:
    """1250000 → "Rp 1.250.000" (whole rupiah)."""
    return DASH if value is None else "Rp " + format_number(value, 0)


def format_date(d: date | None) -> str:
    """date(2026, 11, 26) → "26 November 2026"."""
    return DASH if d is None else f"{d.day} {BULAN[d.month - 1]} {d.year}"


def format_month_year(month: int, year: int) -> str:
    """(1, 2022) → "Januari 2022"."""
    return f"{BULAN[month - 1]} {year}"


def parse_month_name(text: str) -> int | None:
    t = text.strip().lower()
    for i, name in enumerate(BULAN, start=1):
        if name.lower() == t:
            return i
    return None


#: Indonesia's time zones by their offset from UTC (Keppres 41/1987: WIB, WITA, WIT)
ZONE_NAMES = {7: "WIB", 8: "WITA", 9: "WIT"}


def zone_name(offset: timedelta) -> str:
    """+7 h → "WIB", +8 h → "WITA", +9 h → "WIT"; any other offset "UTC+1", "UTC−3:30",
    "UTC"."""
    minutes = int(offset.total_seconds() // 60)
    if minutes % 60 == 0 and minutes // 60 in ZONE_NAMES:
        return ZONE_NAMES[minutes // 60]
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "−"
    h, m = divmod(abs(minutes), 60)
    return f"UTC{sign}{h}" + (f":{m:02d}" if m else "")


def format_time(value: str | datetime | None, seconds: bool = False) -> str:
    """A moment shown in this PC's local time with its zone's Indonesian name:
    "2026-11-26T01:05:00Z" on a PC set to Jakarta → "26-11-2026 08:05 WIB" (Makassar:
    "09:05 WITA", Jayapura: "10:05 WIT"). Stored times are UTC: an ISO text or a datetime
    without an offset is read as UTC (a local moment is passed aware, ``dt.astimezone()``).
    None or "" → "–"; a text that is not a time is shown as it is."""
    if value is None or value == "":
        return DASH
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return value
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    local = value.astimezone()
    shown = local.strftime("%d-%m-%Y %H:%M:%S" if seconds else "%d-%m-%Y %H:%M")
    return f"{shown} {zone_name(local.utcoffset() or timedelta(0))}"


def local_day_start(day: date) -> str:
    """The first moment of ``day`` on this PC's clock as a stored (UTC) time, to filter
    stored times by a day the user picked: in Jakarta, 26-11-2026 → "2026-11-25T17:00:00"."""
    start = datetime(day.year, day.month, day.day).astimezone().astimezone(timezone.utc)
    return start.strftime("%Y-%m-%dT%H:%M:%S")
