"""At a kabupaten/kota office, an import may only hold that office's own rows
(domain.ownership): koperasi and usaha kecil of its area and the tahun buku of its
koperasi. SAKIP and IKM belong to the province: their sheets are refused when they hold
rows, and skipped with a notice when empty (the "all" template has them)."""

from __future__ import annotations

from .. import registers
from ..domain.ownership import PROVINSI
from ..store import models as m
from ..store.register_tables import model_for
from .kinds.base import ImportContext
from .schema import KindSpec, ParsedRow

PROVINCIAL_KINDS = ("sakip", "ikm")


def _provincial(spec: KindSpec) -> bool:
    """A kind whose register the province owns (``registers``: sakip, ikm, …)."""
    register = registers.by_kind(spec.name)
    return spec.name in PROVINCIAL_KINDS or (register is not None
                                             and register.owner == PROVINSI)


def _where(office: str) -> str:
    k = m.Kabupaten.get_or_none(m.Kabupaten.bps == office)
    return k.nama if k else office


def empty_sheet_notice(spec: KindSpec, office: str) -> tuple[str, str]:
    """(code, message): what an import says of a sheet without data rows."""
    if office != PROVINSI and _provincial(spec):
        return "not_owned_empty", (f"Sheet kosong dilewati: {spec.label} dikelola kantor "
                                   f"provinsi, bukan kantor {_where(office)}")
    return "empty", "Tidak ada baris data"


def _refuse(ctx: ImportContext, r: ParsedRow, key: str, message: str, shown: str) -> None:
    """An error on ``r`` whose value is shown as the user reads it (a kabupaten/kota by its
    name, never the parsed record)."""
    ctx.report.error("not_owned", message, sheet=ctx.sheet, row=r.row,
                     column=r.headers.get(key), value=shown)


def check(spec: KindSpec, rows: list[ParsedRow], ctx: ImportContext, office: str) -> None:
    if office == PROVINSI or not rows:
        return
    here = _where(office)
    if _provincial(spec):
        ctx.report.error("not_owned", f"{spec.label} dikelola kantor provinsi; kantor {here} "
                         "tidak dapat mengimpornya", sheet=ctx.sheet)
        return
    if spec.name == "koperasi-tahunan":
        kab_of = dict(m.Koperasi.select(m.Koperasi.nomor_badan_hukum, m.Kabupaten.bps)
                      .join(m.Kabupaten).tuples())
        for r in rows:
            bps = kab_of.get(r.get("nomor_badan_hukum"))
            if bps is not None and bps != office:
                ctx.error(r, "nomor_badan_hukum", "not_owned",
                          f"Koperasi ini terdaftar di {_where(bps)}, bukan wilayah kantor {here}")
        return
    stored = _stored_owners(spec.name)
    for r in rows:
        # the row as it is now: a row of another area is not taken over by relabelling it
        for key in _keys(spec.name, r):
            bps = stored.get(key)
            if bps is not None and bps != office:
                ctx.error(r, key[0] if key[0] != "nik" else "nik_pemilik", "not_owned",
                          f"Data ini terdaftar di {_where(bps)}, bukan wilayah kantor {here}; "
                          "memindahkan data antarwilayah hanya dapat dilakukan kantor "
                          "provinsi")
                break
        kab = r.get("kabupaten")
        if kab is not None and kab.bps != office:
            _refuse(ctx, r, "kabupaten", f"{kab.nama} bukan wilayah kantor {here}; datanya "
                    "diisi oleh kantornya sendiri", kab.nama)


def _stored_owners(kind: str) -> dict[tuple, str]:
    """The natural keys of the stored rows (as the importer matches them) → their area."""
    if kind not in ("koperasi", "usaha-kecil"):
        return _spec_owners(registers.by_kind(kind))
    if kind == "koperasi":
        return {("nomor_badan_hukum", n): bps for n, bps in
                m.Koperasi.select(m.Koperasi.nomor_badan_hukum, m.Kabupaten.bps)
                .join(m.Kabupaten).tuples()}
    out = {}
    for nib, nik, nama, bps in (m.UsahaKecil.select(m.UsahaKecil.nib, m.UsahaKecil.nik_pemilik,
                                                    m.UsahaKecil.nama_usaha, m.Kabupaten.bps)
                                .join(m.Kabupaten).tuples()):
        if nib:
            out[("nib", nib)] = bps
        if nik:
            out[("nik", nik, nama.lower())] = bps
    return out


def _spec_owners(register) -> dict[tuple, str]:
    """Of a register declared by its spec alone: its natural key → the row's area."""
    if register is None or not register.key:
        return {}
    model = model_for(register)
    columns = [getattr(model, register.field(k).column) for k in register.key]
    kab = next(f for f in register.stored_fields if f.kind == "kabupaten")
    query = (model.select(*columns, m.Kabupaten.bps)
             .join(m.Kabupaten, on=(getattr(model, kab.column) == m.Kabupaten.id)))
    return {(register.key[0], *row[:-1]): row[-1] for row in query.tuples()}


def _keys(kind: str, r: ParsedRow) -> list[tuple]:
    """The keys by which the importer may match ``r`` to a stored row (usaha_kecil.apply:
    the NIB, else the NIK pemilik with the nama usaha; a spec's natural key)."""
    register = registers.by_kind(kind)
    if kind not in ("koperasi", "usaha-kecil") and register is not None:
        values = [r.get(k) for k in register.key]
        return [(register.key[0], *values)] if register.key and None not in values else []
    if kind == "koperasi":
        return [("nomor_badan_hukum", r.get("nomor_badan_hukum"))]
    keys = []
    if r.get("nib"):
        keys.append(("nib", r.get("nib")))
    if r.get("nik_pemilik") and r.get("nama_usaha"):
        keys.append(("nik", r.get("nik_pemilik"), r.get("nama_usaha").lower()))
    return keys
