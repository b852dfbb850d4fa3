"""Import kind ``koperasi``: the register of koperasi, keyed by nomor badan hukum. Its
columns and record rules are the register's spec (``registers.koperasi``)."""

from __future__ import annotations

from ...registers import koperasi as register
from ...store import models as m
from ..schema import ParsedRow, kind_spec
from .base import (
    Counts, ImportContext, NewRows, defaults, kabupaten_ids, optional_fields, optional_values,
    upsert, valid_rows,
)

REGISTER = register.SPEC
SPEC = kind_spec(REGISTER)

OPTIONAL = optional_fields(REGISTER)
DEFAULTS = defaults(REGISTER)


def check(rows: list[ParsedRow], ctx: ImportContext) -> list[ParsedRow]:
    seen: dict[str, int] = {}
    for r in rows:
        key = r.get("nomor_badan_hukum")
        if key:
            if key in seen:
                ctx.error(r, "nomor_badan_hukum", "duplicate_key",
                          f"Nomor badan hukum sama dengan baris {seen[key]}")
            seen.setdefault(key, r.row)
        for issue in REGISTER.problems(r):
            ctx.issue(r, issue)
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
