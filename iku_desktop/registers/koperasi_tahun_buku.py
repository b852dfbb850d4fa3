"""A koperasi's figures for one tahun buku (rule book §2), keyed by nomor badan hukum +
tahun buku. A tahun buku Y counts in year Y and, as the year before, in Y+1."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from ..domain.rat import rat_date_problem
from ..exchange.cells import parse_bool, parse_date, parse_int, parse_rupiah
from . import koperasi
from .spec import WILAYAH, Field, RegisterSpec, error, flag, warning


def parse_tahun(value) -> int:
    return parse_int(value, 1900, date.today().year)


def _count(value) -> int:
    return parse_int(value, 0)


def _signed_rupiah(value) -> int:
    return parse_rupiah(value, allow_negative=True)


def rules(record) -> list:
    """The RAT date against the tahun buku (``domain.rat``); RAT sah without a date."""
    out = []
    tahun, rat = record.get("tahun"), record.get("tanggal_rat")
    problem = rat_date_problem(tahun, rat) if rat is not None and tahun else None
    if problem is not None:
        out.append((error if problem.error else warning)(
            "tanggal_rat", "inconsistent" if problem.error else "rat_late", problem.message))
    if rat is None and record.get("rat_sah") is True:
        out.append(warning("rat_sah", "inconsistent",
                           "RAT Sah diisi Ya tetapi Tanggal RAT kosong: dianggap tidak ada RAT"))
    return out


SPEC = RegisterSpec(
    table="koperasi_tahun_buku",
    label="Tahun buku koperasi",
    kind="koperasi-tahunan",
    kind_label="Data tahun buku koperasi (RAT, volume usaha, aset)",
    key=("nomor_badan_hukum", "tahun"),
    owner=WILAYAH,
    year="tahun",
    rules=rules,
    fields=(
        replace(koperasi.SPEC.field("nomor_badan_hukum"), column=None, help="", example=""),
        Field("tahun", "Tahun buku", parse_tahun, True, kind="int", header="Tahun Buku",
              example="2022", editable=False, portable=lambda v: parse_int(v, 1900, 2100)),
        Field("tanggal_rat", "Tanggal RAT", parse_date, kind="date",
              help="Kosong berarti RAT tidak dilaksanakan", example="15/03/2023"),
        Field("rat_sah", "RAT sah", parse_bool, True, kind="bool", header="RAT Sah", default=True,
              help="Ya/Tidak (kuorum), bawaan Ya", choices=("Ya", "Tidak"), example="Ya",
              portable=flag),
        Field("anggota_l", "Anggota laki-laki", _count, kind="int",
              header="Anggota Laki-laki", aliases=("Anggota L",), column_label="Anggota L"),
        Field("anggota_p", "Anggota perempuan", _count, kind="int",
              header="Anggota Perempuan", aliases=("Anggota P",), column_label="Anggota P"),
        Field("volume_usaha", "Volume usaha", parse_rupiah, True, kind="money",
              header="Volume Usaha", help="Rupiah, bilangan bulat", example="1.250.000.000",
              column_label="Volume usaha (Rp)"),
        Field("aset", "Aset", parse_rupiah, True, kind="money", example="2.000.000.000",
              column_label="Aset (Rp)"),
        Field("modal_sendiri", "Modal sendiri", _signed_rupiah, kind="money",
              header="Modal Sendiri", column_label="Modal sendiri (Rp)"),
        Field("modal_luar", "Modal luar", parse_rupiah, kind="money", header="Modal Luar",
              column_label="Modal luar (Rp)"),
        Field("shu", "SHU", _signed_rupiah, kind="money", column_label="SHU (Rp)"),
    ),
)
