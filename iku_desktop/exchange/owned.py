"""At a kabupaten/kota office, an import may only hold that office's own rows
(domain.ownership): koperasi and usaha kecil of its area and the tahun buku of its
koperasi. SAKIP and IKM belong to the province."""

from __future__ import annotations

from ..domain.ownership import PROVINSI
from ..store import models as m
from .kinds.base import ImportContext
from .schema import KindSpec, ParsedRow

PROVINCIAL_KINDS = ("sakip", "ikm")


def _where(office: str) -> str:
    k = m.Kabupaten.get_or_none(m.Kabupaten.bps == office)
    return k.nama if k else office


def check(spec: KindSpec, rows: list[ParsedRow], ctx: ImportContext, office: str) -> None:
    if office == PROVINSI:
        return
    here = _where(office)
    if spec.name in PROVINCIAL_KINDS:
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
    for r in rows:
        kab = r.get("kabupaten")
        if kab is not None and kab.bps != office:
            ctx.error(r, "kabupaten", "not_owned",
                      f"{kab.nama} bukan wilayah kantor {here}; datanya diisi oleh kantornya "
                      "sendiri")
