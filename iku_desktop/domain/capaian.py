"""Capaian (achievement) of an indikator in a year, and its band.

Basis: PermenPANRB 53/2014 (Perjanjian Kinerja, Pelaporan Kinerja dan Reviu LKjIP) and the
LKjIP convention for measuring achievement against the target of the Perjanjian Kinerja.
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum
from fractions import Fraction

from .numbers import round_half_up, to_fraction
from .outcome import Outcome


class Polaritas(str, Enum):
    """Whether a higher realisasi is better (most IKU) or a lower one."""

    NAIK = "naik"  # higher is better
    TURUN = "turun"  # lower is better

    @property
    def label(self) -> str:
        return {"naik": "Semakin tinggi semakin baik", "turun": "Semakin rendah semakin baik"}[
            self.value
        ]


class RumusTurun(str, Enum):
    """(decision, per-indikator setting) How capaian is computed when lower is better.

    SELISIH: (2·target − realisasi) / target × 100, the common LKjIP convention.
    RASIO:   target / realisasi × 100.
    """

    SELISIH = "selisih"
    RASIO = "rasio"

    @property
    def label(self) -> str:
        return {
            "selisih": "(2 × target − realisasi) / target × 100",
            "rasio": "target / realisasi × 100",
        }[self.value]


def compute_capaian(
    realisasi: Decimal | Fraction | None,
    target: Decimal | Fraction | None,
    polaritas: Polaritas = Polaritas.NAIK,
    rumus_turun: RumusTurun = RumusTurun.SELISIH,
) -> Outcome:
    """Capaian in percent, rounded half up to two decimals.

    - higher is better: realisasi / target × 100
    - lower is better: per ``rumus_turun`` (rule book §1, a per-indikator decision)
    - no target or target 0, or no realisasi: not computable, never 0.
    """
    if target is None:
        return Outcome.unknown("Target tahun ini belum diisi")
    t = to_fraction(target)
    if t == 0:
        return Outcome.unknown("Target bernilai 0; capaian tidak dapat dihitung")
    if realisasi is None:
        return Outcome.unknown("Realisasi belum dapat dihitung")
    r = to_fraction(realisasi)
    if polaritas is Polaritas.NAIK:
        value = r / t * 100
    elif rumus_turun is RumusTurun.SELISIH:
        value = (2 * t - r) / t * 100
    else:
        if r == 0:
            return Outcome.unknown("Realisasi bernilai 0; rumus target/realisasi tidak terdefinisi")
        value = t / r * 100
    return Outcome(round_half_up(value))


class Band(str, Enum):
    """Bands often used in LKjIP (rule book §1)."""

    SANGAT_TINGGI = "sangat tinggi"
    TINGGI = "tinggi"
    SEDANG = "sedang"
    RENDAH = "rendah"
    SANGAT_RENDAH = "sangat rendah"


# Lower bounds of the bands, on the capaian rounded to two decimals. The rule book gives
# integer ranges (≥ 91, 76–90, 66–75, 51–65, ≤ 50); a value between two ranges (90,50)
# belongs to the lower band: a band is reached only at its stated lower bound.
BAND_LOWER_BOUNDS: tuple[tuple[Decimal, Band], ...] = (
    (Decimal(91), Band.SANGAT_TINGGI),
    (Decimal(76), Band.TINGGI),
    (Decimal(66), Band.SEDANG),
    (Decimal(51), Band.RENDAH),
)


def band_for(capaian: Decimal) -> Band:
    for lower, band in BAND_LOWER_BOUNDS:
        if capaian >= lower:
            return band
    return Band.SANGAT_RENDAH
