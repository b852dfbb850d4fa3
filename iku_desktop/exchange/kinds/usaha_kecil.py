"""Import kind ``usaha-kecil``: the register of usaha kecil. Natural key: NIB, else NIK
pemilik + nama usaha, else nama usaha + nama pemilik + kabupaten/kota."""

from __future__ import annotations

from ...domain.identifiers import IdentifierError, validate_nib, validate_nik
from ...domain.usaha_kecil import Skala, classify_skala
from ...domain.wilayah import KABUPATEN_KOTA, WilayahError, find_kabupaten
from ...store import models as m
from ..cells import parse_date, parse_rupiah, text
from ..schema import Column, KindSpec, ParsedRow, with_cell_error
from .base import (
    Counts, ImportContext, NewRows, kabupaten_ids, optional_values, upsert, valid_rows,
)

SPEC = KindSpec(
    name="usaha-kecil",
    label="Register usaha kecil",
    tables=("usaha_kecil",),
    columns=(
        Column("nama_usaha", "Nama Usaha", True, text),
        Column("nama_pemilik", "Nama Pemilik", True, text),
        Column("nik_pemilik", "NIK Pemilik", False,
               with_cell_error(validate_nik, (IdentifierError,)),
               help="16 digit (data pribadi, UU 27/2022)"),
        Column("kabupaten", "Kabupaten/Kota", True,
               with_cell_error(find_kabupaten, (WilayahError,)),
               choices=tuple(k.nama for k in KABUPATEN_KOTA), example="Kabupaten Muaro Jambi"),
        Column("alamat", "Alamat", False, text),
        Column("sektor", "Sektor", False, text),
        Column("modal_usaha", "Modal Usaha", False, parse_rupiah, fmt="money",
               help="Rupiah, di luar tanah dan bangunan (PP 7/2021)", example="2.500.000.000"),
        Column("hasil_penjualan", "Hasil Penjualan Tahunan", False, parse_rupiah, fmt="money"),
        Column("tanggal_terdata", "Tanggal Terdata", True, parse_date, fmt="date",
               example="01/02/2021"),
        Column("tanggal_tutup", "Tanggal Tutup", False, parse_date, fmt="date"),
        Column("nib", "NIB", False, with_cell_error(validate_nib, (IdentifierError,)),
               help="13 digit (OSS)", example="9120001234567"),
        Column("tanggal_nib", "Tanggal NIB", False, parse_date, fmt="date"),
        Column("nomor_iumk", "Nomor IUMK", False, text),
        Column("tanggal_iumk", "Tanggal IUMK", False, parse_date, fmt="date"),
    ),
)

OPTIONAL = ("nik_pemilik", "alamat", "sektor", "modal_usaha", "hasil_penjualan",
            "tanggal_tutup", "nib", "tanggal_nib", "nomor_iumk", "tanggal_iumk")
DEFAULTS = {"alamat": "", "sektor": ""}


def natural_key(nib, nik, nama_usaha, nama_pemilik, kabupaten_bps) -> tuple:
    if nib:
        return ("nib", nib)
    if nik:
        return ("nik", nik, nama_usaha.lower())
    return ("nama", nama_usaha.lower(), nama_pemilik.lower(), kabupaten_bps)


def check(rows: list[ParsedRow], ctx: ImportContext) -> list[ParsedRow]:
    seen: dict[tuple, int] = {}
    for r in rows:
        v = r.values
        if "__invalid__" not in v:
            key = natural_key(v.get("nib"), v.get("nik_pemilik"), v["nama_usaha"],
                              v["nama_pemilik"], v["kabupaten"].bps)
            if key in seen:
                ctx.error(r, "nib" if key[0] == "nib" else "nama_usaha", "duplicate_key",
                          f"Usaha yang sama dengan baris {seen[key]}")
            seen.setdefault(key, r.row)
        terdata, tutup = v.get("tanggal_terdata"), v.get("tanggal_tutup")
        if terdata and tutup and tutup < terdata:
            ctx.error(r, "tanggal_tutup", "inconsistent", "Tanggal Tutup lebih awal dari Tanggal Terdata")
        for nomor, tanggal, name in (("nib", "tanggal_nib", "NIB"),
                                     ("nomor_iumk", "tanggal_iumk", "IUMK")):
            if v.get(tanggal) and not v.get(nomor):
                ctx.error(r, tanggal, "inconsistent", f"Tanggal {name} diisi tanpa nomor {name}")
            if v.get(nomor) and not v.get(tanggal):
                ctx.warning(r, tanggal, "missing_date",
                            f"{name} tanpa tanggal terbit tidak dihitung sebagai wirausaha")
        if "modal_usaha" in v or "hasil_penjualan" in v:
            k = classify_skala(v.get("modal_usaha"), v.get("hasil_penjualan"))
            if k.skala is not None and k.skala is not Skala.KECIL:
                ctx.warning(r, "modal_usaha" if "modal_usaha" in v else "hasil_penjualan",
                            "not_kecil",
                            f"Menurut PP 7/2021 ({k.dasar.value}) tergolong {k.skala.label}, "
                            "bukan Usaha Kecil")
    return valid_rows(rows)


def apply(rows: list[ParsedRow], ctx: ImportContext) -> dict[str, Counts]:
    counts = Counts()
    new_rows = NewRows(m.UsahaKecil, ctx.origin)
    kab = kabupaten_ids()
    bps_of = {v: k for k, v in kab.items()}
    existing = {}
    for u in m.UsahaKecil.select():
        existing[natural_key(u.nib, u.nik_pemilik, u.nama_usaha, u.nama_pemilik,
                             bps_of[u.kabupaten_id])] = u
    for r in rows:
        v = r.values
        values = {"nama_usaha": v["nama_usaha"], "nama_pemilik": v["nama_pemilik"],
                  "kabupaten_id": kab[v["kabupaten"].bps],
                  "tanggal_terdata": v["tanggal_terdata"],
                  **optional_values(r, OPTIONAL, DEFAULTS)}
        key = natural_key(v.get("nib"), v.get("nik_pemilik"), v["nama_usaha"],
                          v["nama_pemilik"], v["kabupaten"].bps)
        cur = existing.get(key)
        if cur is None and v.get("nib"):
            # a usaha that got its NIB since the last import: find it by its older key
            cur = existing.get(natural_key(None, v.get("nik_pemilik"), v["nama_usaha"],
                                           v["nama_pemilik"], v["kabupaten"].bps))
        row = upsert(m.UsahaKecil, cur, values, ctx.origin, counts, new_rows)
        if row is not None:
            existing[key] = row
        r.values = None  # the row to write replaces the parsed one (memory, 200.000 rows)
    new_rows.write()
    return {"usaha_kecil": counts}
