"""Method ``manual``: the realisasi typed in for the year."""

from __future__ import annotations

from ...domain.dokumen import Indikator
from ...domain.formatting import format_number
from ...domain.results import IndicatorResult, TraceStep
from .registry import TYPED_IN, Method, register

NAME = "manual"


def compute(year: int, indikator: Indikator) -> IndicatorResult:
    nilai = indikator.realisasi_manual.get(year)
    if nilai is None:
        return IndicatorResult(NAME, None, reason=f"Realisasi tahun {year} belum diisi")
    return IndicatorResult(NAME, nilai,
                           trace=(TraceStep("Realisasi diisi manual", format_number(nilai)),))


METHOD = register(Method(NAME, "Diisi manual per tahun", compute,
                         depends_on=frozenset({TYPED_IN})))
