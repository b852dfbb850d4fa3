"""Shared pieces of the indicator computations."""

from __future__ import annotations

from fractions import Fraction

from ...domain.formatting import format_number
from ...domain.numbers import percent, round_half_up
from ...domain.results import BreakdownRow, TraceStep
from ...domain.wilayah import KABUPATEN_KOTA


def ratio_row(key: str, label: str, numerator: int, denominator: int, noun: str,
              **extra) -> BreakdownRow:
    """A breakdown row numerator/denominator × 100; not computable when the denominator is 0."""
    if denominator == 0:
        return BreakdownRow(key, label, None, numerator, denominator,
                            reason=f"Tidak ada {noun}", extra=extra)
    return BreakdownRow(key, label, round_half_up(percent(numerator, denominator)),
                        numerator, denominator, extra=extra)


def kabupaten_rows(counts: dict[str, tuple[int, int]], noun: str) -> tuple[BreakdownRow, ...]:
    """One row per kabupaten/kota of Jambi (all eleven, in official order);
    ``counts`` maps BPS code → (numerator, denominator)."""
    return tuple(
        ratio_row(k.bps, k.nama, *counts.get(k.bps, (0, 0)), noun, bps=k.bps,
                  kemendagri=k.kemendagri)
        for k in KABUPATEN_KOTA
    )


def percent_trace(numerator: int, denominator: int) -> TraceStep:
    """"12 / 81 × 100 = 14,814814… → 14,81" — the division before and after rounding."""
    exact = percent(numerator, denominator)
    return TraceStep(
        "Perhitungan",
        f"{format_number(numerator, 0)} / {format_number(denominator, 0)} × 100 = "
        f"{format_number(exact, 6)}… → "
        f"{format_number(round_half_up(exact))} (dibulatkan setengah ke atas, 2 desimal)",
    )


def exact_text(value: Fraction, places: int = 6) -> str:
    return format_number(value, places)
