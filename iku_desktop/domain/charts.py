"""What the charts draw, as plain data, for the window (ui/charts.py) and the Laporan Capaian
PDF (reports/capaian.py) alike: the trend of an indikator over the Renstra period (target
beside realisasi, year by year) and its figure per kabupaten/kota.

A year or a kabupaten without a figure is a gap: its value stays None and its label is "–";
it is never drawn as 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .formatting import DASH, format_number

# the breakdown drawn as a bar per kabupaten/kota (IKU 1 koperasi berkualitas, IKU 2 usaha
# kecil: the methods whose result has it)
KABUPATEN = "kabupaten"


@dataclass(frozen=True)
class TrendPoint:
    """One year of an indikator's trend.

    Attributes:
        year: the year, its label on the axis.
        realisasi: the realisasi, None when the year has no figure (a gap).
        target: the target of the year, None when none is set (a gap).
    """

    year: int
    realisasi: Decimal | None
    target: Decimal | None

    @property
    def label(self) -> str:
        return str(self.year)


@dataclass(frozen=True)
class Bar:
    """One bar: its label ("Kota Jambi") and value, None for a gap."""

    label: str
    value: Decimal | None


def value_label(value) -> str:
    """The figure written on a bar: "18,91"; "–" for a gap."""
    return DASH if value is None else format_number(Decimal(str(value)))


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def trend_points(years, realisasi: dict, targets: dict) -> tuple[TrendPoint, ...]:
    """The trend over ``years`` (the document's period): realisasi and target of each year,
    keyed by year as int or str (a printout's snapshot holds str keys); a missing or None
    value is a gap."""
    def of(values: dict, year: int):
        return _decimal(values.get(year, values.get(str(year))))

    return tuple(TrendPoint(int(y), of(realisasi, int(y)), of(targets, int(y))) for y in years)


def kabupaten_bars(breakdowns: dict) -> tuple[Bar, ...]:
    """One bar per kabupaten/kota of a result's breakdown (official order), () when the
    result has none."""
    return tuple(Bar(r.label, r.value) for r in breakdowns.get(KABUPATEN, ()))


def axis_top(values) -> Decimal:
    """A round top for the value axis, at or above the largest value (100 for percentages
    up to 100; 1 when nothing is drawn)."""
    drawn = [Decimal(str(v)) for v in values if v is not None]
    top = max(drawn, default=Decimal(0))
    if top <= 0:
        return Decimal(1)
    step = Decimal(10) ** (len(str(int(top))) - 1)  # 1, 10, 100, … below the top
    if step >= 10 and top <= step * 2:
        step = step / 5
    return ((top / step).to_integral_value(rounding="ROUND_CEILING")) * step
