"""IKU 3 — Nilai SAKIP: the evaluation recorded for the year."""

from __future__ import annotations

from decimal import Decimal

from ...domain import sakip as rule
from ...domain import targets
from ...domain.formatting import format_date, format_decimal, format_number
from ...domain.results import BreakdownRow, IndicatorResult, TraceStep
from ...store import models as m
from .registry import Method, register

NAME = "nilai_sakip"


def compute(year: int) -> IndicatorResult:
    row = m.Sakip.live().where(m.Sakip.tahun == year).first()
    if row is None:
        return IndicatorResult(
            NAME, None,
            reason=f"Belum ada hasil evaluasi SAKIP (LHE) untuk tahun {year}")
    ev = rule.evaluasi(row)
    if ev.nilai is None:
        return IndicatorResult(NAME, None,
                               reason=f"Data SAKIP {year} tidak valid: {ev.alasan}")
    skema, komponen, nilai, predikat, arti = ev.skema, ev.komponen, ev.nilai, ev.predikat, ev.arti
    rows = tuple(
        BreakdownRow(k.kode, k.nama, komponen[k.kode], extra={"maksimum": k.maksimum})
        for k in rule.KOMPONEN[skema] if komponen[k.kode] is not None
    )
    trace = [
        TraceStep("Skema", f"PermenPANRB {skema.value}"),
        TraceStep("LHE", f"{row.nomor_lhe or '–'}, {format_date(row.tanggal_lhe)}"),
    ]
    trace += [TraceStep(f"{r.label} (maks. {format_decimal(r.extra['maksimum'])})",
                        format_number(r.value))
              for r in rows]
    trace.append(TraceStep("Nilai", f"{format_number(nilai)} → predikat {predikat} ({arti})"))
    return IndicatorResult(
        NAME, nilai, breakdowns={"komponen": rows} if rows else {},
        trace=tuple(trace),
        extra={"predikat": predikat, "predikat_arti": arti, "skema": skema.value,
               "nomor_lhe": row.nomor_lhe,
               "tanggal_lhe": row.tanggal_lhe.isoformat() if row.tanggal_lhe else None})


METHOD = register(Method(
    NAME, "Nilai LHE evaluasi SAKIP", lambda year, indikator: compute(year),
    depends_on=frozenset({"sakip"}), panel="sakip", demo_target=Decimal(70),
    scale=targets.SAKIP))
