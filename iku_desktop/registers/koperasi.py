"""The register of koperasi (rule book §2), keyed by nomor badan hukum."""

from __future__ import annotations

from ..domain.koperasi import JenisKoperasi, StatusKoperasi
from ..domain.record_rules import koperasi_problems
from ..domain.wilayah import KABUPATEN_KOTA
from ..exchange.cells import (
    choice_keys, parse_choice, parse_code, parse_date, parse_digits, parse_kabupaten, text,
)
from .spec import WILAYAH, Field, RegisterSpec, enum_value, stored_choice

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


def rules(record) -> list:
    status = record.get("status")
    return koperasi_problems(enum_value(status), record.get("tanggal_bubar"),
                             record.get("tanggal_badan_hukum"))


SPEC = RegisterSpec(
    table="koperasi",
    label="Register koperasi",
    kind="koperasi",
    kind_label="Register koperasi",
    key=("nomor_badan_hukum",),
    owner=WILAYAH,
    rules=rules,
    fields=(
        Field("nomor_badan_hukum", "Nomor badan hukum", parse_nomor_badan_hukum, True,
              header="Nomor Badan Hukum", aliases=("No Badan Hukum", "Nomor BH", "No BH"),
              help="Nomor badan hukum (kunci)", example="518.08/96/BH/XIV.10/VIII/2008",
              editable=False),
        Field("nama", "Nama koperasi", text, True, header="Nama Koperasi"),
        Field("tanggal_badan_hukum", "Tanggal badan hukum", parse_date, True, kind="date",
              header="Tanggal Badan Hukum", aliases=("Tanggal BH",), example="12/08/2008"),
        Field("kabupaten", "Kabupaten/kota", parse_kabupaten, True, kind="kabupaten",
              column="kabupaten_id", header="Kabupaten/Kota",
              help="Nama, kode BPS (1506) atau kode Kemendagri (15.07)",
              choices=KAB_NAMES, example="Kota Jambi"),
        Field("jenis", "Jenis koperasi", lambda v: parse_choice(v, JENIS, "Jenis koperasi"),
              True, header="Jenis Koperasi", column_label="Jenis",
              choices=tuple(j.label for j in JenisKoperasi), example="Simpan Pinjam",
              stored=enum_value, portable=stored_choice(j.value for j in JenisKoperasi),
              cell=lambda v: JenisKoperasi(v).label),
        Field("status", "Status", lambda v: parse_choice(v, STATUS, "Status"), True,
              choices=tuple(s.label for s in StatusKoperasi), example="Aktif",
              stored=enum_value, portable=stored_choice(s.value for s in StatusKoperasi),
              cell=lambda v: StatusKoperasi(v).label),
        Field("tanggal_bubar", "Tanggal bubar", parse_date, kind="date",
              header="Tanggal Bubar", help="Wajib bila status Dibubarkan"),
        Field("nik_koperasi", "NIK koperasi", parse_nik_koperasi, header="NIK Koperasi"),
        Field("alamat", "Alamat", text, default=""),
        Field("wilayah_keanggotaan", "Wilayah keanggotaan", text, default="",
              header="Wilayah Keanggotaan", editable=False),
    ),
)
