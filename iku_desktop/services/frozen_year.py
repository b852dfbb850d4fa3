"""What the window shows for a locked year: the figures of the Laporan Capaian as it was
locked (``locking.lock_year``: the frozen snapshot the signed printout prints), not the
figures today's data would give — realisasi, target, capaian and its band, each marked
with the lock (``IndikatorReport.dikunci``). When today's data gives another realisasi,
the report says so in a warning, and the counts behind the live figure are left out. The
trend over the period takes each locked year's realisasi as locked too."""

from __future__ import annotations

from dataclasses import replace

from ..domain.capaian import Band
from ..domain.formatting import format_figure, format_time
from ..domain.outcome import Outcome
from ..domain.results import IndicatorResult
from . import locking
from . import indicators
from .indicators import IndikatorReport


def lock_of(year: int) -> locking.YearLock | None:
    """The lock of ``year``'s figures, or None when the year is open."""
    row = locking.locked_year(year)
    return None if row is None else locking.YearLock(row.tahun, row.dikunci_at, row.pengguna,
                                                     row.kode)


def frozen_rows(year: int) -> dict[int, dict]:
    """Indikator number → its row of the Laporan Capaian of ``year`` as it was locked (the
    caller knows the year is locked)."""
    from . import printing  # the printouts' code: loaded when a locked year is shown

    snap = printing.snapshot_of("capaian", {"year": year})
    return {r["nomor"]: r for r in snap["baris"]}


def _outcome(value, reason) -> Outcome:
    return Outcome(value, None) if value is not None else \
        Outcome.unknown(reason or "tidak dapat dihitung")


def frozen(rep: IndikatorReport, row: dict, lock: locking.YearLock) -> IndikatorReport:
    """``rep`` (computed from today's data) with the figures of ``row`` (its line of the
    locked report); a report already frozen stays as it is."""
    if rep.dikunci is not None:
        return rep
    live = rep.result
    value = row["realisasi"]
    same = value == live.value
    warnings = live.warnings if same else (
        f"Data sekarang memberi realisasi {format_figure(live.value, rep.indikator.satuan)}, "
        f"berbeda dari angka yang dikunci {format_time(lock.dikunci_at)}; rincian di bawah dihitung "
        "dari data sekarang.",)
    result = IndicatorResult(
        live.method, value, None if value is not None else (row["alasan"] or live.reason
                                                            or "tidak dapat dihitung"),
        numerator=live.numerator if same else None,
        denominator=live.denominator if same else None, noun=live.noun,
        breakdowns=live.breakdowns, warnings=warnings, trace=live.trace if same else (),
        extra=live.extra if same else {})
    band = Band(row["predikat"]) if row.get("predikat") else None
    return replace(rep, result=result, target=row["target"],
                   capaian=_outcome(row["capaian"], row["capaian_alasan"]), band=band,
                   dikunci=lock)


def as_shown(reports: list[IndikatorReport], year: int) -> list[IndikatorReport]:
    """The year's reports as the window shows them: unchanged for an open year; for a
    locked one, each indikator of the locked report with its frozen figures."""
    lock = lock_of(year)
    if lock is None:
        return reports
    rows = frozen_rows(year)
    return [frozen(rep, rows[rep.indikator.nomor], lock) if rep.indikator.nomor in rows
            else rep for rep in reports]


def trend(indikator, years) -> dict:
    """``indicators.trend`` (the realisasi of each year of the period) with each locked
    year's realisasi as it was locked."""
    values = indicators.trend(indikator, years)
    for lock in locking.year_locks():
        if lock.tahun in values:
            row = frozen_rows(lock.tahun).get(indikator.nomor)
            if row is not None:
                values[lock.tahun] = row["realisasi"]
    return values
