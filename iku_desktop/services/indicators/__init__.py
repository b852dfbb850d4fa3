"""The indicator pipeline: method → computation (ARCHITECTURE.md, "The indicator pipeline").

``compute_year`` computes every indikator of the active document for a year, with its
target and capaian. The methods are registered in ``registry`` (one module each, imported
below so that they register); ``affected_methods`` tells from what each method reads which
methods an edit must recompute.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from ...domain.capaian import Band, band_for, compute_capaian
from ...domain.dokumen import DokumenIku, Indikator
from ...domain.outcome import Outcome
from ...domain.results import IndicatorResult
from . import registry
# the built-in methods, in the order the document editor offers them
from . import koperasi, usaha_kecil, sakip, ikm, manual  # noqa: F401,E402  (they register)

if TYPE_CHECKING:
    from ..locking import YearLock

# Every indikator also depends on its document, targets and settings.
COMMON_DEPENDENCIES = frozenset({"dokumen", "sasaran", "indikator", "target"})


@dataclass(frozen=True)
class IndikatorReport:
    """One line of the year's figures.

    Attributes:
        indikator: the indikator as the document holds it.
        sasaran_nomor: number of its sasaran strategis.
        result: the realisasi and everything behind it.
        target: the target of the year, None when not set.
        capaian: realisasi against target (Outcome: value or reason).
        band: LKjIP band of the capaian, None when not computable.
        dikunci: the lock of the year when the figures are the frozen ones of its locked
            Laporan Capaian (``services.frozen_year``); None: computed from today's data.
    """

    indikator: Indikator
    sasaran_nomor: int
    result: IndicatorResult
    target: Decimal | None
    capaian: Outcome
    band: Band | None
    dikunci: "YearLock | None" = None


def compute_indikator(indikator: Indikator, year: int, sasaran_nomor: int = 0) -> IndikatorReport:
    method = registry.get(indikator.metode)
    if method is None:  # stored by another version of the program
        result = IndicatorResult(indikator.metode, None,
                                 reason=registry.unknown_message(indikator.metode))
    else:
        result = method.compute(year, indikator)
    target = indikator.targets.get(year)
    if result.value is None:
        capaian = Outcome.unknown("Realisasi tidak dapat dihitung: " + (result.reason or ""))
    else:
        capaian = compute_capaian(result.value, target, indikator.polaritas, indikator.rumus_turun)
    band = band_for(capaian.value) if capaian.computable else None
    return IndikatorReport(indikator, sasaran_nomor, result, target, capaian, band)


def compute_year(dokumen: DokumenIku, year: int) -> list[IndikatorReport]:
    """Every indikator of ``dokumen`` for ``year``, in document order."""
    return [compute_indikator(i, year, s.nomor) for s in dokumen.sasaran for i in s.indikator]


def trend(indikator: Indikator, years) -> dict[int, Decimal | None]:
    """The realisasi of ``indikator`` in each of ``years`` (the document's period), None for
    a year where it cannot be computed."""
    return {y: compute_indikator(indikator, y).result.value for y in years}


def affected_methods(changed_tables: set[str]) -> set[str]:
    """Which methods must be recomputed after a change to ``changed_tables``."""
    if changed_tables & COMMON_DEPENDENCIES:
        return set(registry.names())
    return {m.name for m in registry.methods() if m.depends_on & changed_tables}
