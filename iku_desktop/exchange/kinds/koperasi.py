"""Import kind ``koperasi``: the register of koperasi, keyed by nomor badan hukum."""

from __future__ import annotations

from ...domain.koperasi import JenisKoperasi, StatusKoperasi
from ...domain.record_rules import koperasi_problems
from ...domain.wilayah import KABUPATEN_KOTA
from ...store import models as m
from ..cells import (
    choice_keys, parse_choice, parse_code, parse_date, parse_digits, parse_kabupaten, text,
)
from ..schema import Column, KindSpec, ParsedRow
from .base import (
    Counts, ImportContext, NewRows, kabupaten_ids, optional_values, upsert, valid_rows,
)

JENIS = choice_keys({
    **{j.value: j for j in JenisKoperasi},
    **{f"koperasi {j.value}": j for j in JenisKoperasi},
    "ksp": JenisKoperasi.SIMPAN_PINJAM, "usp": JenisKoperasi.SIMPAN_PINJAM,
    "simpan-pinjam": JenisKoperasi.SIMPAN_PINJAM,
})
STATUS = choice_keys({
    **{s.value: s for s in StatusKoperasi},
    "nonaktif": StatusKoperasi.TIDAK_AKTIF, "non aktif": StatusKoperasi.TIDAK_AKTIF,
    "bubar": StatusKoperasi.DIBUBARKAN,
})


KAB_NAMES = tuple(k.nama for k in KABUPATEN_KOTA)
parse_nik_koperasi = parse_digits("NIK koperasi")
parse_nomor_badan_hukum = parse_code("Nomor badan hukum")

SPEC = KindSpec(
    name="koperasi",
    label="Register koperasi",
    tables=("koperasi",),
    columns=(
        Column("nomor_badan_hukum", "Nomor Badan Hukum", True, parse_nomor_badan_hukum,
               aliases=("No Badan Hukum", "Nomor BH", "No BH"),
               help="Nomor badan hukum (kunci)", example="518.08/96/BH/XIV.10/VIII/2008"),
        Column("nama", "Nama Koperasi", True, text),
        Column("tanggal_badan_hukum", "Tanggal Badan Hukum", True, parse_date,
               aliases=("Tanggal BH",), fmt="date", example="12/08/2008"),
        Column("kabupaten", "Kabupaten/Kota", True, parse_kabupaten,
               help="Nama, kode BPS (1506) atau kode Kemendagri (15.07)",
               choices=KAB_NAMES, example="Kota Jambi"),
        Column("jenis", "Jenis Koperasi", True,
               lambda v: parse_choice(v, JENIS, "Jenis koperasi"),
               choices=tuple(j.label for j in JenisKoperasi), example="Simpan Pinjam"),
        Column("status", "Status", True, lambda v: parse_choice(v, STATUS, "Status"),
               choices=tuple(s.label for s in StatusKoperasi), example="Aktif"),
        Column("tanggal_bubar", "Tanggal Bubar", False, parse_date, fmt="date",
               help="Wajib bila status Dibubarkan"),
        Column("nik_koperasi", "NIK Koperasi", False, parse_nik_koperasi),
        Column("alamat", "Alamat", False, text),
        Column("wilayah_keanggotaan", "Wilayah Keanggotaan", False, text),
    ),
)

OPTIONAL = ("tanggal_bubar", "nik_koperasi", "alamat", "wilayah_keanggotaan")
DEFAULTS = {"alamat": "", "wilayah_keanggotaan": ""}


def check(rows: list[ParsedRow], ctx: ImportContext) -> list[ParsedRow]:
    seen: dict[str, int] = {}
    for r in rows:
        key = r.get("nomor_badan_hukum")
        if key:
            if key in seen:
                ctx.error(r, "nomor_badan_hukum", "duplicate_key",
                          f"Nomor badan hukum sama dengan baris {seen[key]}")
            seen.setdefault(key, r.row)
        status = r.get("status")
        for p in koperasi_problems(status and status.value, r.get("tanggal_bubar"),
                                   r.get("tanggal_badan_hukum")):
            ctx.error(r, p.field, p.code, p.message)
    ok = valid_rows(rows)
    ctx.pending.setdefault("koperasi", set()).update(r["nomor_badan_hukum"] for r in ok)
    return ok


def apply(rows: list[ParsedRow], ctx: ImportContext) -> dict[str, Counts]:
    counts = Counts()
    new_rows = NewRows(m.Koperasi, ctx.origin)
    kab = kabupaten_ids()
    existing = {k.nomor_badan_hukum: k for k in m.Koperasi.select()}
    for r in rows:
        values = {
            "nomor_badan_hukum": r["nomor_badan_hukum"], "nama": r["nama"],
            "tanggal_badan_hukum": r["tanggal_badan_hukum"],
            "kabupaten_id": kab[r["kabupaten"].bps], "jenis": r["jenis"].value,
            "status": r["status"].value, **optional_values(r, OPTIONAL, DEFAULTS),
        }
        cur = existing.get(r["nomor_badan_hukum"])
        upsert(m.Koperasi, cur, values, ctx.origin, counts, new_rows)
    new_rows.write()
    return {"koperasi": counts}
