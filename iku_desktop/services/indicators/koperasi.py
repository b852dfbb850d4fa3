"""IKU 1 — Persentase Koperasi Berkualitas: the SQL count plus the rule's explanation."""

from __future__ import annotations

from ...domain.koperasi import JenisKoperasi, KoperasiCount
from ...domain.formatting import format_number
from ...domain.numbers import percent, round_half_up
from ...domain.results import IndicatorResult, TraceStep
from ...store import counting, settings
from .common import kabupaten_rows, percent_trace, ratio_row

RULE_TEXT = (
    "Koperasi meningkat kualitasnya pada tahun Y bila RAT tahun buku Y sah, volume usaha Y > "
    "volume usaha Y−1, dan aset Y > aset Y−1 (Permenkop UKM 19/2015 pasal 4–20). Koperasi tanpa "
    "data tahun buku Y atau Y−1 dicatat sebagai data tidak lengkap."
)


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
        TraceStep("Koperasi dengan data tidak lengkap", format_number(total.tidak_lengkap, 0)),
    ]
    warnings = []
    if total.tidak_lengkap:
        warnings.append(
            f"{format_number(total.tidak_lengkap, 0)} koperasi tidak memiliki data tahun buku {year} atau "
            f"{year - 1} (data tidak lengkap); tidak dihitung sebagai meningkat"
        )
    breakdowns = {
        "kabupaten": kabupaten_rows(
            {bps: (c.meningkat, c.jumlah) for bps, c in by_kab.items()}, "koperasi"),
        "jenis": tuple(
            ratio_row(j.value, j.label, by_jenis.get(j, KoperasiCount()).meningkat,
                      by_jenis.get(j, KoperasiCount()).jumlah, "koperasi")
            for j in JenisKoperasi
        ),
    }
    extra = {"tidak_lengkap": total.tidak_lengkap, "hanya_aktif": hanya_aktif}
    if total.jumlah == 0:
        return IndicatorResult(
            "koperasi_berkualitas", None,
            reason=f"Tidak ada koperasi pada register untuk tahun {year}",
            numerator=0, denominator=0, noun="koperasi", breakdowns=breakdowns,
            warnings=tuple(warnings), trace=tuple(trace), extra=extra)
    trace.append(percent_trace(total.meningkat, total.jumlah))
    return IndicatorResult(
        "koperasi_berkualitas", round_half_up(percent(total.meningkat, total.jumlah)),
        numerator=total.meningkat, denominator=total.jumlah, noun="koperasi",
        breakdowns=breakdowns, warnings=tuple(warnings), trace=tuple(trace), extra=extra)
