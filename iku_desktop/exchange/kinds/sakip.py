"""Import kind ``sakip``: evaluations of SAKIP (one per year), checked against
PermenPANRB 88/2021 or 12/2015."""

from __future__ import annotations

from datetime import date

from ...domain import sakip as rule
from ...store import models as m
from ..cells import choice_keys, parse_choice, parse_date, parse_int, parse_score, text
from ..schema import Column, KindSpec, ParsedRow
from .base import Counts, ImportContext, optional_values, upsert, valid_rows

SKEMA = choice_keys({
    "88/2021": rule.Skema.PERMENPANRB_88_2021, "PermenPANRB 88/2021": rule.Skema.PERMENPANRB_88_2021,
    "88": rule.Skema.PERMENPANRB_88_2021,
    "12/2015": rule.Skema.PERMENPANRB_12_2015, "PermenPANRB 12/2015": rule.Skema.PERMENPANRB_12_2015,
    "12": rule.Skema.PERMENPANRB_12_2015,
})
PREDIKAT = choice_keys({p[0]: p[0] for p in rule.PREDIKAT} | {"D": "D"})
KOMPONEN_KEYS = ("perencanaan", "pengukuran", "pelaporan", "evaluasi_internal", "capaian_kinerja")

SPEC = KindSpec(
    name="sakip",
    label="Evaluasi SAKIP (LHE)",
    tables=("sakip",),
    columns=(
        Column("tahun", "Tahun", True, lambda v: parse_int(v, 2000, date.today().year + 1),
               fmt="int", example="2022"),
        Column("skema", "Skema", False, lambda v: parse_choice(v, SKEMA, "Skema"),
               help="88/2021 (bawaan) atau 12/2015", choices=("88/2021", "12/2015")),
        Column("perencanaan", "Perencanaan Kinerja", False, parse_score, fmt="score",
               help="Maks. 30", example="24,50"),
        Column("pengukuran", "Pengukuran Kinerja", False, parse_score, fmt="score",
               help="Maks. 30 (12/2015: 25)"),
        Column("pelaporan", "Pelaporan Kinerja", False, parse_score, fmt="score",
               help="Maks. 15"),
        Column("evaluasi_internal", "Evaluasi Akuntabilitas Kinerja Internal", False, parse_score,
               aliases=("Evaluasi Internal", "Evaluasi Akuntabilitas Kinerja"), fmt="score",
               help="Maks. 25 (12/2015: 10)"),
        Column("capaian_kinerja", "Capaian Kinerja", False, parse_score, fmt="score",
               help="Hanya untuk skema 12/2015, maks. 20"),
        Column("nilai", "Nilai", False, parse_score, fmt="score",
               help="Diisi bila nilai komponen tidak ada"),
        Column("predikat", "Predikat", False, lambda v: parse_choice(v, PREDIKAT, "Predikat"),
               choices=("AA", "A", "BB", "B", "CC", "C", "D")),
        Column("nomor_lhe", "Nomor LHE", False, text),
        Column("tanggal_lhe", "Tanggal LHE", False, parse_date, fmt="date"),
    ),
)


def check(rows: list[ParsedRow], ctx: ImportContext) -> list[ParsedRow]:
    seen: dict[int, int] = {}
    for r in valid_rows(rows):
        if r["tahun"] in seen:
            ctx.error(r, "tahun", "duplicate_key", f"Tahun sama dengan baris {seen[r['tahun']]}")
        seen.setdefault(r["tahun"], r.row)
        skema = r.get("skema", rule.Skema.PERMENPANRB_88_2021)
        allowed = {k.kode for k in rule.KOMPONEN[skema]}
        for key in KOMPONEN_KEYS:
            if key in r and key not in allowed:
                ctx.error(r, key, "not_in_scheme",
                          f"Komponen ini tidak ada pada skema PermenPANRB {skema.value}")
        komponen = {k: r.get(k) for k in allowed}
        try:
            nilai = rule.nilai_evaluasi(skema, komponen, r.get("nilai"))
        except rule.SakipError as exc:
            ctx.error(r, "nilai", "invalid", str(exc))
            continue
        if "predikat" in r and r["predikat"] != rule.predikat(nilai)[0]:
            ctx.error(r, "predikat", "inconsistent",
                      f"Predikat untuk nilai {nilai} adalah {rule.predikat(nilai)[0]}, "
                      f"bukan {r['predikat']}")
    return valid_rows(rows)


def apply(rows: list[ParsedRow], ctx: ImportContext) -> dict[str, Counts]:
    counts = Counts()
    existing = {s.tahun: s for s in m.Sakip.select()}
    for r in rows:
        skema = r.get("skema", rule.Skema.PERMENPANRB_88_2021)
        values = {"tahun": r["tahun"], "skema": skema.value,
                  **{k: r.get(k) for k in KOMPONEN_KEYS},
                  "nilai_lhe": r.get("nilai"),
                  **optional_values(r, ("nomor_lhe", "tanggal_lhe"), {"nomor_lhe": ""})}
        existing[r["tahun"]] = upsert(m.Sakip, existing.get(r["tahun"]), values, ctx.origin, counts)
    return {"sakip": counts}
