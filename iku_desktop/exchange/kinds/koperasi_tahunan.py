"""Import kind ``koperasi-tahunan``: one koperasi's figures for one tahun buku, keyed by
nomor badan hukum + tahun buku. Its columns and record rules are the register's spec
(``registers.koperasi_tahun_buku``)."""

from __future__ import annotations

from ...registers import koperasi_tahun_buku as register
from ...store import models as m
from ..schema import ParsedRow, kind_spec
from .base import (
    Counts, ImportContext, NewRows, defaults, optional_fields, optional_values, upsert,
    valid_rows,
)

REGISTER = register.SPEC
SPEC = kind_spec(REGISTER)
OPTIONAL = optional_fields(REGISTER)
DEFAULTS = defaults(REGISTER)


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
        for issue in REGISTER.problems(r):
            ctx.issue(r, issue)
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
