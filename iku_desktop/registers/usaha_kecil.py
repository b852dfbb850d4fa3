"""The register of usaha kecil (rule book §3). Natural key: NIB, else NIK pemilik + nama
usaha, else nama usaha + nama pemilik + kabupaten/kota."""

from __future__ import annotations

from ..domain.record_rules import usaha_problems
from ..domain.usaha_kecil import Skala, skala_dasar
from ..domain.wilayah import KABUPATEN_KOTA
from ..exchange.cells import (
    parse_code, parse_date, parse_kabupaten, parse_nib, parse_nik, parse_rupiah, text,
)
from .spec import WILAYAH, Field, RegisterSpec, stored_choice, warning


def rules(record) -> list:
    """Closed not before recorded, an issue date only with its number (errors); a number
    without its date, a scale other than kecil (warnings)."""
    get = record.get
    nib, iumk, tanggal_nib, tanggal_iumk = (get("nib"), get("nomor_iumk"), get("tanggal_nib"),
                                            get("tanggal_iumk"))
    out = usaha_problems(get("tanggal_terdata"), get("tanggal_tutup"), nib, tanggal_nib, iumk,
                         tanggal_iumk)
    for nomor, tanggal, name, tanggal_key in ((nib, tanggal_nib, "NIB", "tanggal_nib"),
                                              (iumk, tanggal_iumk, "IUMK", "tanggal_iumk")):
        if nomor and not tanggal:
            out.append(warning(tanggal_key, "missing_date",
                               f"{name} tanpa tanggal terbit tidak dihitung sebagai wirausaha"))
    modal, hasil = get("modal_usaha"), get("hasil_penjualan")
    if modal is not None or hasil is not None:
        skala, dasar = skala_dasar(modal, hasil)
        if skala is not None and skala is not Skala.KECIL:
            out.append(warning("modal_usaha" if modal is not None else "hasil_penjualan",
                               "not_kecil", f"Menurut PP 7/2021 ({dasar.value}) tergolong "
                               f"{skala.label}, bukan Usaha Kecil"))
    return out


SPEC = RegisterSpec(
    table="usaha_kecil",
    label="Register usaha kecil",
    kind="usaha-kecil",
    kind_label="Register usaha kecil",
    owner=WILAYAH,
    rules=rules,
    fields=(
        Field("nama_usaha", "Nama usaha", text, True, header="Nama Usaha"),
        Field("nama_pemilik", "Nama pemilik", text, True, header="Nama Pemilik",
              column_label="Pemilik"),
        Field("nik_pemilik", "NIK pemilik", parse_nik, header="NIK Pemilik", personal=True,
              help="16 digit (data pribadi, UU 27/2022)"),
        Field("kabupaten", "Kabupaten/kota", parse_kabupaten, True, kind="kabupaten",
              column="kabupaten_id", header="Kabupaten/Kota",
              choices=tuple(k.nama for k in KABUPATEN_KOTA), example="Kabupaten Muaro Jambi"),
        Field("alamat", "Alamat", text, default=""),
        Field("sektor", "Sektor", text, default=""),
        Field("modal_usaha", "Modal usaha", parse_rupiah, kind="money", header="Modal Usaha",
              help="Rupiah, di luar tanah dan bangunan (PP 7/2021)", example="2.500.000.000"),
        Field("hasil_penjualan", "Hasil penjualan tahunan", parse_rupiah, kind="money",
              header="Hasil Penjualan Tahunan"),
        Field("tanggal_terdata", "Tanggal terdata", parse_date, True, kind="date",
              header="Tanggal Terdata", example="01/02/2021"),
        Field("tanggal_tutup", "Tanggal tutup", parse_date, kind="date",
              header="Tanggal Tutup"),
        Field("nib", "NIB", parse_nib, help="13 digit (OSS)", example="9120001234567"),
        Field("tanggal_nib", "Tanggal NIB", parse_date, kind="date"),
        Field("nomor_iumk", "Nomor IUMK", parse_code("Nomor IUMK")),
        Field("tanggal_iumk", "Tanggal IUMK", parse_date, kind="date"),
        Field("skala_penetapan", "Skala penetapan", stored_choice(s.value for s in Skala),
              header=None, editable=False),
        Field("skala_alasan", "Alasan skala", text, header=None, editable=False),
    ),
)
