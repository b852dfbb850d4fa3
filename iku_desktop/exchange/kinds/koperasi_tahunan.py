"""Import kind ``koperasi-tahunan``: one koperasi's figures for one tahun buku, keyed by
nomor badan hukum + tahun buku."""

from __future__ import annotations

from datetime import date

from ...domain.rat import rat_date_problem
from ...store import models as m
from ..cells import parse_bool, parse_date, parse_int, parse_rupiah
from ..schema import Column, KindSpec, ParsedRow
from .koperasi import parse_nomor_badan_hukum
from .base import Counts, ImportContext, NewRows, optional_values, upsert, valid_rows


def _tahun(value) -> int:
    return parse_int(value, 1900, date.today().year)


def _count(value) -> int:
    return parse_int(value, 0)


SPEC = KindSpec(
    name="koperasi-tahunan",
    label="Data tahun buku koperasi (RAT, volume usaha, aset)",
    tables=("koperasi_tahun_buku",),
    columns=(
        Column("nomor_badan_hukum", "Nomor Badan Hukum", True, parse_nomor_badan_hukum,
               aliases=("No Badan Hukum", "Nomor BH", "No BH")),
        Column("tahun", "Tahun Buku", True, _tahun, fmt="int", example="2022"),
        Column("tanggal_rat", "Tanggal RAT", False, parse_date, fmt="date",
               help="Kosong berarti RAT tidak dilaksanakan", example="15/03/2023"),
        Column("rat_sah", "RAT Sah", False, parse_bool, help="Ya/Tidak (kuorum), bawaan Ya",
               choices=("Ya", "Tidak"), example="Ya"),
        Column("anggota_l", "Anggota Laki-laki", False, _count, aliases=("Anggota L",),
               fmt="int"),
        Column("anggota_p", "Anggota Perempuan", False, _count, aliases=("Anggota P",),
               fmt="int"),
        Column("volume_usaha", "Volume Usaha", True, parse_rupiah, fmt="money",
               help="Rupiah, bilangan bulat", example="1.250.000.000"),
        Column("aset", "Aset", True, parse_rupiah, fmt="money", example="2.000.000.000"),
        Column("modal_sendiri", "Modal Sendiri", False,
               lambda v: parse_rupiah(v, allow_negative=True), fmt="money"),
        Column("modal_luar", "Modal Luar", False, parse_rupiah, fmt="money"),
        Column("shu", "SHU", False, lambda v: parse_rupiah(v, allow_negative=True),
               fmt="money"),
    ),
)

OPTIONAL = ("tanggal_rat", "rat_sah", "anggota_l", "anggota_p", "modal_sendiri", "modal_luar",
            "shu")
DEFAULTS = {"rat_sah": True}


def check(rows: list[ParsedRow], ctx: ImportContext) -> list[ParsedRow]:
    known = {nbh: tbh for nbh, tbh in
             m.Koperasi.select(m.Koperasi.nomor_badan_hukum, m.Koperasi.tanggal_badan_hukum)
             .where(m.Koperasi.deleted == False).tuples()}  # noqa: E712
    pending = ctx.pending.get("koperasi", set())
    seen: dict[tuple, int] = {}
    for r in rows:
        nbh, tahun = r.get("nomor_badan_hukum"), r.get("tahun")
        if nbh and nbh not in known and nbh not in pending:
            ctx.error(r, "nomor_badan_hukum", "unknown_koperasi",
                      "Koperasi dengan nomor badan hukum ini tidak ada pada register")
        if nbh and tahun:
            if (nbh, tahun) in seen:
                ctx.error(r, "tahun", "duplicate_key",
                          f"Koperasi dan tahun buku sama dengan baris {seen[(nbh, tahun)]}")
            seen.setdefault((nbh, tahun), r.row)
            tbh = known.get(nbh)
            if tbh is not None and tahun < tbh.year:
                ctx.warning(r, "tahun", "before_badan_hukum",
                            f"Tahun buku sebelum koperasi berbadan hukum ({tbh.year})")
        rat = r.get("tanggal_rat")
        problem = rat_date_problem(tahun, rat) if rat is not None and tahun else None
        if problem is not None:
            (ctx.error if problem.error else ctx.warning)(
                r, "tanggal_rat", "inconsistent" if problem.error else "rat_late",
                problem.message)
        if rat is None and r.get("rat_sah") is True:
            ctx.warning(r, "rat_sah", "inconsistent",
                        "RAT Sah diisi Ya tetapi Tanggal RAT kosong: dianggap tidak ada RAT")
    return valid_rows(rows)


def apply(rows: list[ParsedRow], ctx: ImportContext) -> dict[str, Counts]:
    counts = Counts()
    new_rows = NewRows(m.KoperasiTahunBuku, ctx.origin)
    kop_ids = dict(m.Koperasi.select(m.Koperasi.nomor_badan_hukum, m.Koperasi.id).tuples())
    existing = {(t.koperasi_id, t.tahun): t for t in m.KoperasiTahunBuku.select()}
    for r in rows:
        kid = kop_ids[r["nomor_badan_hukum"]]
        values = {"koperasi_id": kid, "tahun": r["tahun"], "volume_usaha": r["volume_usaha"],
                  "aset": r["aset"], **optional_values(r, OPTIONAL, DEFAULTS)}
        if values.get("rat_sah") is None and "rat_sah" in values:
            values["rat_sah"] = True
        key = (kid, r["tahun"])
        upsert(m.KoperasiTahunBuku, existing.get(key), values, ctx.origin, counts, new_rows)
    new_rows.write()
    return {"koperasi_tahun_buku": counts}
