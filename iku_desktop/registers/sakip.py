"""Evaluations of SAKIP (rule book §4), one per year, checked against PermenPANRB
88/2021 or 12/2015."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ..domain import sakip as rule
from ..exchange.cells import choice_keys, parse_choice, parse_date, parse_int, parse_score, text
from .spec import Field, RegisterSpec, enum_value, error, stored_choice

SKEMA = choice_keys({
    "88/2021": rule.Skema.PERMENPANRB_88_2021, "PermenPANRB 88/2021": rule.Skema.PERMENPANRB_88_2021,
    "88": rule.Skema.PERMENPANRB_88_2021,
    "12/2015": rule.Skema.PERMENPANRB_12_2015, "PermenPANRB 12/2015": rule.Skema.PERMENPANRB_12_2015,
    "12": rule.Skema.PERMENPANRB_12_2015,
})
PREDIKAT = choice_keys({p[0]: p[0] for p in rule.PREDIKAT} | {"D": "D"})
KOMPONEN_KEYS = ("perencanaan", "pengukuran", "pelaporan", "evaluasi_internal", "capaian_kinerja")


def rules(record) -> list:
    """Each score within its maximum under the skema, only the skema's components; the
    evaluation's score computable (all components, or the LHE score, agreeing); the
    predikat, when given, the one of the score."""
    skema = rule.Skema(enum_value(record.get("skema") or rule.Skema.PERMENPANRB_88_2021))
    allowed = {k.kode for k in rule.KOMPONEN[skema]}
    out = []
    for kode in (*KOMPONEN_KEYS, "nilai_lhe"):
        value = record.get(kode)
        if not isinstance(value, Decimal):
            continue
        try:
            rule.check_component(skema, kode, value)
        except rule.SakipError as exc:
            absent = kode != "nilai_lhe" and kode not in allowed
            out.append(error(kode, "not_in_scheme" if absent else "inconsistent", str(exc)))
    return out


def evaluation_problems(record) -> list:
    """Of an imported evaluation, which must be complete: its score computable and its
    predikat (when given) the score's."""
    skema = rule.Skema(enum_value(record.get("skema") or rule.Skema.PERMENPANRB_88_2021))
    ev = rule.evaluasi_komponen(skema, {k.kode: record.get(k.kode) for k in rule.KOMPONEN[skema]},
                                record.get("nilai_lhe"))
    if ev.nilai is None:
        return [error("nilai_lhe", "invalid", ev.alasan)]
    predikat = record.get("predikat")
    if predikat is not None and predikat != ev.predikat:
        return [error("predikat", "inconsistent",
                      f"Predikat untuk nilai {ev.nilai} adalah {ev.predikat}, bukan {predikat}")]
    return []


def _score(name: str, label: str, help: str = "", **kw) -> Field:
    return Field(name, label, parse_score, kind="score", help=help, **kw)


SPEC = RegisterSpec(
    table="sakip",
    label="Evaluasi SAKIP",
    kind="sakip",
    kind_label="Evaluasi SAKIP (LHE)",
    key=("tahun",),
    year="tahun",
    rules=rules,
    fields=(
        Field("tahun", "Tahun", lambda v: parse_int(v, 2000, date.today().year + 1), True,
              kind="int", example="2022", editable=False,
              portable=lambda v: parse_int(v, 2000, 2100)),
        Field("skema", "Skema", lambda v: parse_choice(v, SKEMA, "Skema"),
              help="88/2021 (bawaan) atau 12/2015", choices=("88/2021", "12/2015"),
              editable=False, stored=enum_value, default=rule.Skema.PERMENPANRB_88_2021,
              portable=stored_choice(s.value for s in rule.Skema)),
        _score("perencanaan", "Perencanaan Kinerja", "Maks. 30", example="24,50",
               column_label="Perencanaan (30)"),
        _score("pengukuran", "Pengukuran Kinerja", "Maks. 30 (12/2015: 25)",
               column_label="Pengukuran (30; 25 pada 12/2015)"),
        _score("pelaporan", "Pelaporan Kinerja", "Maks. 15", column_label="Pelaporan (15)"),
        _score("evaluasi_internal", "Evaluasi Akuntabilitas Kinerja Internal",
               "Maks. 25 (12/2015: 10)",
               aliases=("Evaluasi Internal", "Evaluasi Akuntabilitas Kinerja"),
               column_label="Evaluasi internal (25; 10 pada 12/2015)"),
        _score("capaian_kinerja", "Capaian Kinerja", "Hanya untuk skema 12/2015, maks. 20",
               column_label="Capaian kinerja (12/2015)"),
        _score("nilai_lhe", "Nilai LHE", "Diisi bila nilai komponen tidak ada", header="Nilai"),
        Field("predikat", "Predikat", lambda v: parse_choice(v, PREDIKAT, "Predikat"),
              choices=("AA", "A", "BB", "B", "CC", "C", "D"), column=None),
        Field("nomor_lhe", "Nomor LHE", text, default=""),
        Field("tanggal_lhe", "Tanggal LHE", parse_date, kind="date"),
    ),
)
