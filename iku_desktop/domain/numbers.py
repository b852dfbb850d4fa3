"""Exact arithmetic helpers: one rounding rule for the whole program.

Rule book §5: "rounding once, at the end, to two decimals, half up". The same rounding is
used for every published figure (capaian, percentages, scores).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

TWO_PLACES = Decimal("0.01")
HUNDRED = Fraction(100)


def to_fraction(value: Decimal | Fraction | int | str) -> Fraction:
    """Exact conversion; strings are parsed as decimals ("12.5")."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, str):
        return Fraction(Decimal(value))
    return Fraction(value)


def round_half_up(value: Fraction | Decimal | int, places: int = 2) -> Decimal:
    """Round an exact value half up to ``places`` decimals.

    A ``Fraction`` is divided out to enough digits that the rounding is exact:
    the quotient is computed with integer arithmetic, never through a float.
    """
    frac = to_fraction(value)
    scale = 10**places
    # |value| · 10^places = q + r/d; half up (away from zero at .5) in integers only
    q, r = divmod(abs(frac.numerator) * scale, frac.denominator)
    if 2 * r >= frac.denominator:
        q += 1
    sign = -1 if frac < 0 else 1
    return Decimal(sign * q).scaleb(-places).quantize(Decimal(1).scaleb(-places))


def percent(numerator: int, denominator: int) -> Fraction:
    """numerator / denominator × 100, exact. The caller checks denominator > 0."""
    return Fraction(numerator, denominator) * HUNDRED
