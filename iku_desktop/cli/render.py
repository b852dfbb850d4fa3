"""Render computed indicators for the terminal and as the documented JSON.

The JSON contract (README, "iku compute --year Y --json"): figures are JSON numbers, rounded
half up once to their field's places (``PLACES``; two unless named there), counts are
integers, and an unknown figure is ``null`` with its reason beside it — never 0."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from ..domain.formatting import DASH, format_figure, format_number, format_percent
from ..domain.numbers import round_half_up
from ..domain.results import BreakdownRow
from ..services.indicators import IndikatorReport


# decimals of the figures that do not have two: the IKM on the 1–4 scale, the NRR per unsur
PLACES = {"ikm": 4, "nrr": 3}
BREAKDOWN_PLACES = {"unsur": 3}  # a breakdown's ``value``: NRR per unsur


def num(value, places: int = 2) -> float | int | None:
    """A figure for JSON: a number rounded half up to ``places``, None when unknown
    (counts, plain integers, pass through)."""
    if isinstance(value, (Decimal, Fraction)):
        return float(round_half_up(value, places))
    return value


def _jsonable(value, places: int = 2):
    if isinstance(value, (Decimal, Fraction)):
        return num(value, places)
    if isinstance(value, dict):
        return {k: _jsonable(v, PLACES.get(k, places)) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v, places) for v in value]
    return value


def _row(r: BreakdownRow, places: int = 2) -> dict:
    d = {"key": r.key, "label": r.label, "value": num(r.value, places),
         "numerator": r.numerator, "denominator": r.denominator, "reason": r.reason}
    d.update(_jsonable(r.extra))
    return d


def report_json(year: int, reports: list[IndikatorReport]) -> dict:
    out = []
    for rep in reports:
        res = rep.result
        kab = res.breakdowns.get("kabupaten", ())
        item = {
            "number": rep.indikator.nomor, "sasaran": rep.sasaran_nomor,
            "name": rep.indikator.nama, "satuan": rep.indikator.satuan,
            "method": res.method, "value": num(res.value), "numerator": res.numerator,
            "denominator": res.denominator, "target": num(rep.target),
            "capaian": num(rep.capaian.value), "capaian_reason": rep.capaian.reason,
            "band": rep.band.value if rep.band else None, "reason": res.reason,
            "breakdown": [{"kabupaten": r.label, "bps": r.key, "kemendagri":
                           r.extra.get("kemendagri"), "value": num(r.value),
                           "numerator": r.numerator, "denominator": r.denominator,
                           "reason": r.reason} for r in kab],
            "breakdowns": {name: [_row(r, BREAKDOWN_PLACES.get(name, 2)) for r in rows]
                           for name, rows in res.breakdowns.items() if name != "kabupaten"},
            "warnings": list(res.warnings),
            "trace": [{"label": t.label, "value": t.value} for t in res.trace],
        }
        item.update(_jsonable(res.extra))
        out.append(item)
    return {"year": year, "indicators": out}


def report_text(year: int, unit: str, reports: list[IndikatorReport]) -> str:
    lines = [f"Indikator Kinerja Utama tahun {year} — {unit}", ""]
    for rep in reports:
        res, ind = rep.result, rep.indikator
        lines.append(f"{ind.nomor}. {ind.judul}  [sasaran {rep.sasaran_nomor}]")
        realisasi = format_figure(res.value, ind.satuan)
        if res.value is None:
            realisasi += f"  ({res.reason})"
        elif res.denominator is not None and res.numerator is not None:
            realisasi += f"  ({format_number(res.numerator, 0)} dari " \
                         f"{format_number(res.denominator, 0)} {res.noun})"
        for key in ("predikat", "mutu"):
            if res.extra.get(key):
                realisasi += f"  {key} {res.extra[key]}"
        lines.append(f"   Realisasi : {realisasi}")
        lines.append(f"   Target    : {format_figure(rep.target, ind.satuan)}")
        capaian = (f"{format_percent(rep.capaian.value)} ({rep.band.value})"
                   if rep.capaian.computable else f"{DASH}  ({rep.capaian.reason})")
        lines.append(f"   Capaian   : {capaian}")
        for w in res.warnings:
            lines.append(f"   Peringatan: {w}")
        lines.append("")
    return "\n".join(lines)
