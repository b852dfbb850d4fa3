"""IKU 1 — Persentase Koperasi Berkualitas: the SQL count plus the rule's explanation."""

from __future__ import annotations

from decimal import Decimal

from ...domain import targets
from ...domain.koperasi import (
    JenisKoperasi, KoperasiCount, belum_ada_data, persentase_berkualitas,
)
from ...domain.formatting import format_number
from ...domain.results import BreakdownRow, IndicatorResult, TraceStep
from ...domain.wilayah import KABUPATEN_KOTA
from ...store import counting, settings
from .common import percent_trace
from .registry import Method, register

NAME = "koperasi_berkualitas"

RULE_TEXT = (
    "Koperasi meningkat kualitasnya pada tahun Y bila RAT tahun buku Y sah, volume usaha Y > "
    "volume usaha Y−1, dan aset Y > aset Y−1 (Permenkop UKM 19/2015 pasal 4–20). Koperasi tanpa "
    "data tahun buku Y atau Y−1 dicatat sebagai data tidak lengkap. Bila belum satu pun "
    "koperasi memiliki data tahun buku Y, nilai tahun Y belum diketahui (–), bukan 0."
)


def _row(key: str, label: str, c: KoperasiCount, year: int, **extra) -> BreakdownRow:
    """A breakdown row by the same rule as the province figure (a group whose koperasi have
    not reported the year is "–", not 0)."""
    value = persentase_berkualitas(c, year)
    reason = "Tidak ada koperasi" if c.jumlah == 0 else value.reason
    return BreakdownRow(key, label, value.value, c.meningkat, c.jumlah, reason=reason,
                        extra=extra)


def compute(year: int) -> IndicatorResult:
    hanya_aktif = settings.get("koperasi_hanya_aktif")
    groups = counting.count_koperasi(year, hanya_aktif)
    total = sum(groups.values(), KoperasiCount())
    by_kab: dict[str, KoperasiCount] = {}
    by_jenis: dict[JenisKoperasi, KoperasiCount] = {}
    for key, c in groups.items():
        by_kab[key.kabupaten_bps] = by_kab.get(key.kabupaten_bps, KoperasiCount()) + c
        by_jenis[key.jenis] = by_jenis.get(key.jenis, KoperasiCount()) + c
    scope = ("koperasi aktif yang berbadan hukum" if hanya_aktif
             else "semua koperasi yang berbadan hukum (aktif maupun tidak aktif)")
    trace = [
        TraceStep("Aturan", RULE_TEXT),
        TraceStep("Penyebut", f"{scope} pada tahun {year} dan belum bubar sebelum 1 Januari {year}"),
        TraceStep("Jumlah koperasi (penyebut)", format_number(total.jumlah, 0)),
        TraceStep("Koperasi meningkat kualitasnya (pembilang)", format_number(total.meningkat, 0)),
        TraceStep(f"Koperasi dengan data tahun buku {year}", format_number(total.dilaporkan, 0)),
        TraceStep("Koperasi dengan data tidak lengkap", format_number(total.tidak_lengkap, 0)),
    ]
    warnings = []
    if total.tidak_lengkap and total.dilaporkan:
        warnings.append(
            f"{format_number(total.tidak_lengkap, 0)} koperasi tidak memiliki data tahun buku {year} atau "
            f"{year - 1} (data tidak lengkap); tidak dihitung sebagai meningkat"
        )
    breakdowns = {
        "kabupaten": tuple(
            _row(k.bps, k.nama, by_kab.get(k.bps, KoperasiCount()), year, bps=k.bps,
                 kemendagri=k.kemendagri) for k in KABUPATEN_KOTA),
        "jenis": tuple(_row(j.value, j.label, by_jenis.get(j, KoperasiCount()), year)
                       for j in JenisKoperasi),
    }
    extra = {"tidak_lengkap": total.tidak_lengkap, "hanya_aktif": hanya_aktif,
             "dilaporkan": total.dilaporkan}
    value = persentase_berkualitas(total, year)
    if value.computable:
        trace.append(percent_trace(total.meningkat, total.jumlah))
    elif total.jumlah:
        trace.append(TraceStep("Perhitungan", f"{belum_ada_data(year)}: nilai belum diketahui (–)"))
    return IndicatorResult(
        NAME, value.value, reason=value.reason,
        numerator=total.meningkat, denominator=total.jumlah, noun="koperasi",
        breakdowns=breakdowns, warnings=tuple(warnings), trace=tuple(trace), extra=extra)


METHOD = register(Method(
    NAME, "Dihitung dari register koperasi (RAT, volume usaha, aset)",
    lambda year, indikator: compute(year),
    depends_on=frozenset({"koperasi", "koperasi_tahun_buku", "setting"}), panel="koperasi",
    demo_target=Decimal(20),
    scale=targets.PERCENT))
