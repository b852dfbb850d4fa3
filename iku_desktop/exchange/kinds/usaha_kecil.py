"""Import kind ``usaha-kecil``: the register of usaha kecil. Natural key: NIB, else NIK
pemilik + nama usaha, else nama usaha + nama pemilik + kabupaten/kota. Its columns and
record rules are the register's spec (``registers.usaha_kecil``)."""

from __future__ import annotations

from ...registers import usaha_kecil as register
from ...store import bulk
from ...store import models as m
from ..cells import is_blank as _blank
from ..schema import ParsedRow, kind_spec
from .base import (
    Counts, ImportContext, defaults, kabupaten_ids, optional_fields, upsert, valid_rows,
)

REGISTER = register.SPEC
SPEC = kind_spec(REGISTER)
OPTIONAL = optional_fields(REGISTER)
DEFAULTS = defaults(REGISTER)
# a parsed row's values come in the order of SPEC.columns; check() and apply() unpack them
# (200.000 rows: tuple unpacking, not a lookup per field)
KEYS = ("nama_usaha", "nama_pemilik", "nik_pemilik", "kabupaten", "alamat", "sektor",
        "modal_usaha", "hasil_penjualan", "tanggal_terdata", "tanggal_tutup", "nib",
        "tanggal_nib", "nomor_iumk", "tanggal_iumk")
assert KEYS == tuple(c.key for c in SPEC.columns)
SLOT = {k: i for i, k in enumerate(KEYS)}
WRITE_CHUNK = 20_000


def natural_key(nib, nik, nama_usaha, nama_pemilik, kabupaten_bps) -> tuple:
    if nib:
        return ("nib", nib)
    if nik:
        return ("nik", nik, nama_usaha.lower())
    return ("nama", nama_usaha.lower(), nama_pemilik.lower(), kabupaten_bps)


def check(rows: list[ParsedRow], ctx: ImportContext) -> list[ParsedRow]:
    seen: dict[tuple, int] = {}
    rules = REGISTER.problems
    for r in rows:
        (nama_usaha, nama_pemilik, nik, kab, _, _, modal, hasil, terdata, tutup, nib,
         tanggal_nib, iumk, tanggal_iumk) = r.vals
        if not r.invalid:
            key = natural_key(nib, nik, nama_usaha, nama_pemilik, kab.bps)
            if key in seen:
                ctx.error(r, "nib" if key[0] == "nib" else "nama_usaha", "duplicate_key",
                          f"Usaha yang sama dengan baris {seen[key]}")
            seen.setdefault(key, r.row)
        if r.invalid:  # a filled but refused NIB/IUMK is not a missing one
            nib = nib or not _blank(r.cell("nib"))
            iumk = iumk or not _blank(r.cell("nomor_iumk"))
        for issue in rules({"tanggal_terdata": terdata, "tanggal_tutup": tutup, "nib": nib,
                            "tanggal_nib": tanggal_nib, "nomor_iumk": iumk,
                            "tanggal_iumk": tanggal_iumk, "modal_usaha": modal,
                            "hasil_penjualan": hasil}):
            ctx.issue(r, issue)
    return valid_rows(rows)


def apply(rows: list[ParsedRow], ctx: ImportContext) -> dict[str, Counts]:
    """Upsert the rows of one table (one shape): new rows are written in one bulk insert."""
    counts = Counts()
    if not rows:
        return {"usaha_kecil": counts}
    kab = kabupaten_ids()
    bps_of = {v: k for k, v in kab.items()}
    existing = {}
    for u in m.UsahaKecil.select():
        existing[natural_key(u.nib, u.nik_pemilik, u.nama_usaha, u.nama_pemilik,
                             bps_of[u.kabupaten_id])] = u
    # what is written: the required fields, and the optional ones the file has a column
    # for (a column absent from the file leaves the stored value alone)
    optional = [k for k in OPTIONAL if k in rows[0].index]
    names = ("nama_usaha", "nama_pemilik", "kabupaten_id", "tanggal_terdata", *optional)
    new = []
    for r in rows:
        vals = r.vals
        r.release()
        if existing:
            nama_usaha, nama_pemilik, nik, kab_w, nib = vals[0], vals[1], vals[2], vals[3], vals[10]
            key = natural_key(nib, nik, nama_usaha, nama_pemilik, kab_w.bps)
            cur = existing.get(key)
            if cur is None and nib:
                # a usaha that got its NIB since the last import: find it by its older key
                cur = existing.get(natural_key(None, nik, nama_usaha, nama_pemilik, kab_w.bps))
            if cur is not None:
                values = {"nama_usaha": nama_usaha, "nama_pemilik": nama_pemilik,
                          "kabupaten_id": kab[kab_w.bps], "tanggal_terdata": vals[8]}
                for k in optional:
                    v = vals[SLOT[k]]
                    values[k] = DEFAULTS.get(k) if v is None else v
                upsert(m.UsahaKecil, cur, values, ctx.origin, counts)
                existing[key] = cur
                continue
        new.append(vals)
    counts.added = len(new)
    # the new rows are written column by column (no Python work per row), a slice at a
    # time so that the stored form of only one slice is held beside the parsed rows
    while new:
        chunk = new[:WRITE_CHUNK]
        del new[:WRITE_CHUNK]
        columns = _to_write(optional, kab, chunk)
        columns.append([ctx.origin] * len(chunk))
        bulk.insert_tuples(m.UsahaKecil, (*names, "origin"), zip(*columns), len(chunk),
                           converted=True)
    return {"usaha_kecil": counts}


def _to_write(optional: list[str], kab: dict[str, int], rows: list[tuple]) -> list[list]:
    """The columns to store for these parsed rows: kabupaten/kota as its id, dates as ISO
    text, blank alamat/sektor as ""."""
    by_key = dict(zip(KEYS, map(list, zip(*rows)))) if rows else {k: [] for k in KEYS}
    out = [by_key["nama_usaha"], by_key["nama_pemilik"],
           [kab[k.bps] for k in by_key["kabupaten"]], _iso(by_key["tanggal_terdata"])]
    for k in optional:
        col = by_key[k]
        if k in DEFAULTS:
            col = [DEFAULTS[k] if v is None else v for v in col]
        elif k.startswith("tanggal"):
            col = _iso(col)
        out.append(col)
    return out


def _iso(column: list) -> list:
    return [None if d is None else d.isoformat() for d in column]
