"""The result of computing one indikator for one year.

Every indikator method (``services.indicators.registry``) returns this shape, so the CLI,
the window and the printed calculation sheet render one thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class BreakdownRow:
    """One line of a breakdown (a kabupaten/kota, a jenis, a sektor, an unsur…).

    Attributes:
        key: stable key (BPS code, jenis value, unsur code…).
        label: what the user reads ("Kota Jambi").
        value: the figure for this group, None when not computable for it.
        numerator, denominator: the counts behind ``value`` (None for scores).
        reason: why ``value`` is None.
        extra: method-specific values (BPS/Kemendagri codes, mutu…).
    """

    key: str
    label: str
    value: Decimal | None
    numerator: int | None = None
    denominator: int | None = None
    reason: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class TraceStep:
    """One input or intermediate value, for the calculation sheet: "Jumlah koperasi = 81"."""

    label: str
    value: str


@dataclass(frozen=True)
class IndicatorResult:
    """Attributes:
    method: the computation that produced it.
    value: the realisasi, rounded to two decimals; None when not computable.
    reason: why ``value`` is None (Indonesian).
    numerator, denominator: the counts (None for score-type indikator).
    noun: what is counted, for "123 dari 456 koperasi".
    breakdowns: name ("kabupaten", "jenis", "sektor", "survei", "layanan", "unsur",
        "komponen") → rows.
    warnings: things the user should know (Indonesian).
    trace: inputs and intermediate values, in order.
    extra: method-specific values (predikat; mutu, kinerja, nrr, responses…).
    """

    method: str
    value: Decimal | None
    reason: str | None = None
    numerator: int | None = None
    denominator: int | None = None
    noun: str = ""
    breakdowns: dict[str, tuple[BreakdownRow, ...]] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    trace: tuple[TraceStep, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if (self.value is None) == (self.reason is None):
            raise ValueError("IndicatorResult needs exactly one of value or reason")
