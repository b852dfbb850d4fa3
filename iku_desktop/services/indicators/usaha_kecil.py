"""IKU 2 — Persentase Usaha Kecil menjadi Wirausaha."""

from __future__ import annotations

from decimal import Decimal

from ...domain import targets
from ...domain.formatting import format_number
from ...domain.numbers import percent, round_half_up
from ...domain.results import IndicatorResult, TraceStep
from ...domain.usaha_kecil import UsahaCount
from ...store import counting, settings
from .common import kabupaten_rows, percent_trace, ratio_row
from .registry import Method, register

NAME = "usaha_kecil_wirausaha"

RULE_TEXT = (
    "Usaha kecil menjadi wirausaha pada tahun Y bila memiliki NIB (OSS) atau IUMK (Perpres "
    "98/2014) yang terbit paling lambat 31 Desember Y. Penyebut: usaha kecil yang terdata "
    "paling lambat 31 Desember Y dan tidak tutup sebelum 1 Januari Y."
)


def compute(year: int) -> IndicatorResult:
    hanya_kecil = settings.get("usaha_hanya_skala_kecil")
    groups = counting.count_usaha(year, hanya_kecil)
    total = sum(groups.values(), UsahaCount())
    by_kab: dict[str, UsahaCount] = {}
    by_sektor: dict[str, UsahaCount] = {}
    for (bps, sektor), c in groups.items():
        by_kab[bps] = by_kab.get(bps, UsahaCount()) + c
        by_sektor[sektor] = by_sektor.get(sektor, UsahaCount()) + c
    warnings = []
    if total.izin_tanpa_tanggal:
        warnings.append(
            f"{format_number(total.izin_tanpa_tanggal, 0)} usaha memiliki NIB/IUMK tanpa tanggal terbit; "
            "tidak dihitung sebagai wirausaha sampai tanggalnya diisi"
        )
    if total.bukan_kecil:
        counted = "ikut dihitung (pengaturan)" if not hanya_kecil else "tidak dihitung"
        warnings.append(
            f"{format_number(total.bukan_kecil, 0)} usaha di register tergolong mikro, "
            f"menengah atau besar menurut PP 7/2021; {counted}")
    if total.tanpa_skala:
        warnings.append(
            f"{format_number(total.tanpa_skala, 0)} usaha tanpa data modal usaha dan hasil "
            "penjualan: skalanya tidak diketahui; dihitung sebagai usaha kecil")
    breakdowns = {
        "kabupaten": kabupaten_rows(
            {bps: (c.wirausaha, c.jumlah) for bps, c in by_kab.items()}, "usaha kecil"),
        "sektor": tuple(
            ratio_row(s or "(tanpa sektor)", s or "(tanpa sektor)", c.wirausaha, c.jumlah,
                      "usaha kecil")
            for s, c in sorted(by_sektor.items())
        ),
    }
    trace = [
        TraceStep("Aturan", RULE_TEXT),
        TraceStep("Penyebut", "usaha berskala kecil menurut PP 7/2021 (atau tanpa data skala)"
                  if hanya_kecil else "semua usaha di register"),
        TraceStep("Jumlah usaha kecil (penyebut)", format_number(total.jumlah, 0)),
        TraceStep("Usaha kecil dengan NIB/IUMK (pembilang)", format_number(total.wirausaha, 0)),
        TraceStep("NIB/IUMK tanpa tanggal terbit (tidak dihitung)", format_number(total.izin_tanpa_tanggal, 0)),
        TraceStep("Usaha bukan skala kecil di register", format_number(total.bukan_kecil, 0)),
        TraceStep("Usaha tanpa data skala", format_number(total.tanpa_skala, 0)),
    ]
    extra = {"izin_tanpa_tanggal": total.izin_tanpa_tanggal, "bukan_kecil": total.bukan_kecil,
             "tanpa_skala": total.tanpa_skala, "hanya_skala_kecil": hanya_kecil}
    if total.jumlah == 0:
        return IndicatorResult(
            NAME, None,
            reason=f"Tidak ada usaha kecil pada register untuk tahun {year}",
            numerator=0, denominator=0, noun="usaha kecil", breakdowns=breakdowns,
            warnings=tuple(warnings), trace=tuple(trace), extra=extra)
    trace.append(percent_trace(total.wirausaha, total.jumlah))
    return IndicatorResult(
        NAME, round_half_up(percent(total.wirausaha, total.jumlah)),
        numerator=total.wirausaha, denominator=total.jumlah, noun="usaha kecil",
        breakdowns=breakdowns, warnings=tuple(warnings), trace=tuple(trace), extra=extra)


METHOD = register(Method(
    NAME, "Dihitung dari register usaha kecil (NIB/IUMK)", lambda year, indikator: compute(year),
    depends_on=frozenset({"usaha_kecil", "setting"}), panel="usaha_kecil",
    demo_target=Decimal(45),
    scale=targets.PERCENT))
