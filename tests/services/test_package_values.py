"""Package rows are checked by the register rules before anything is merged: wrong types,
malformed identifiers and dates, bad choices, out-of-range numbers and broken cross-field
rules refuse the package whole, naming member, row and field, database unchanged."""

from __future__ import annotations

import pytest

from iku_desktop.exchange import package as pkgfile
from iku_desktop.services import editing, packages
from iku_desktop.services.package_values import row_problems
from iku_desktop.services.sync_rows import portable_schema
from iku_desktop.store import models as m
from tests.conftest import table_dump

from .test_packages import MUARO_JAMBI, at, new_office

UUID = "0123456789abcdef0123456789abcdef"
GOOD_USAHA = {
    "uuid": UUID, "updated_at": "2026-11-30T10:00:00.000000Z", "origin": "1505",
    "deleted": 0, "nama_usaha": "Keripik", "nama_pemilik": "Ani",
    "nik_pemilik": "1505010101900003", "kabupaten": "1505", "alamat": "", "sektor": "",
    "modal_usaha": 2_000_000_000, "hasil_penjualan": None, "skala_penetapan": None,
    "skala_alasan": None, "tanggal_terdata": "2021-02-01", "tanggal_tutup": None,
    "nib": "9120001234567", "tanggal_nib": "2022-03-01", "nomor_iumk": None,
    "tanggal_iumk": None,
}


@pytest.fixture
def schema(db):
    return portable_schema(m.database.connection())


def test_a_good_row_has_no_problem(schema):
    assert row_problems("usaha_kecil", GOOD_USAHA, schema["usaha_kecil"]) == []


@pytest.mark.parametrize("field,value,message", [
    ("nama_usaha", 12345, "teks"),
    ("nama_usaha", {"a": 1}, "jenis nilai"),
    ("nama_usaha", ["a"], "jenis nilai"),
    ("nama_usaha", None, "wajib"),
    ("nama_pemilik", "Ani\x07", "kendali"),
    ("nama_pemilik", "Ani_x001B_", "kendali"),
    ("nama_pemilik", "Ani\nBudi", "baris baru"),
    ("tanggal_terdata", "bukan tanggal", "Tanggal"),
    ("tanggal_terdata", "2099-01-01", "masa depan"),
    ("nik_pemilik", "NIK-BUKAN-ANGKA", "0–9"),
    ("nik_pemilik", "15050101019²0003", "0–9"),
    ("nib", "123", "13 digit"),
    ("modal_usaha", 10**30, "terlalu besar"),
    ("modal_usaha", 10**19, "terlalu besar"),
    ("modal_usaha", -5, "negatif"),
    ("modal_usaha", 1.5, "jenis nilai"),
    ("modal_usaha", True, "jenis nilai"),
    ("modal_usaha", "1000", "bilangan bulat"),
    ("kabupaten", "3201", "bukan kabupaten"),
    ("kabupaten", 1505, "kode BPS"),
    ("skala_penetapan", "raksasa", "pilihan"),
    ("deleted", 2, "0 atau 1"),
    ("deleted", True, "jenis nilai"),
    ("uuid", "bukan-uuid", "uuid"),
    ("updated_at", "kemarin", "waktu"),
    ("origin", "9999", "kode kantor"),
    ("tanggal_tutup", "2020-01-01", "lebih awal dari Tanggal Terdata"),
])
def test_each_bad_value_is_named_with_its_field(schema, field, value, message):
    row = dict(GOOD_USAHA, **{field: value})
    problems = row_problems("usaha_kecil", row, schema["usaha_kecil"])
    assert problems and problems[0][0] == field and message in problems[0][1], problems


@pytest.mark.parametrize("table,row,field", [
    ("koperasi", {"jenis": "bank"}, "jenis"),
    ("koperasi", {"status": "dibubarkan", "tanggal_bubar": None}, "tanggal_bubar"),
    ("koperasi_tahun_buku", {"tahun": 2022, "tanggal_rat": "2022-05-01"}, "tanggal_rat"),
    ("koperasi_tahun_buku", {"rat_sah": 2}, "rat_sah"),
    ("ikm_respon", {"u1": 5}, "u1"),
    ("ikm_respon", {"umur": 200}, "umur"),
    ("sakip", {"skema": "88/2021", "perencanaan": "31.00"}, "perencanaan"),
    ("sakip", {"skema": "88/2021", "capaian_kinerja": "10"}, "capaian_kinerja"),
    ("indikator", {"metode": "sihir"}, "metode"),
    ("dokumen", {"nip_penandatangan": "19630231198503100"}, "nip_penandatangan"),
    ("dokumen", {"pangkat_penandatangan": "Pembina Uama Muda"}, "pangkat_penandatangan"),
])
def test_register_rules_of_every_table(schema, table, row, field):
    problems = row_problems(table, row, schema[table])
    assert [p[0] for p in problems] == [field], problems


def _district_with_a_usaha(tmp_path):
    path = new_office(tmp_path, "muaro", MUARO_JAMBI)
    with at(path):
        editing.apply(editing.prepare_usaha("Keripik", "Ani", "Muaro Jambi", "2021-02-01"))
    return path


@pytest.mark.parametrize("sql,field", [
    ("UPDATE usaha_kecil SET nik_pemilik = 'NIK-BUKAN-ANGKA'", "nik_pemilik"),
    ("UPDATE usaha_kecil SET tanggal_terdata = 'bukan tanggal'", "tanggal_terdata"),
    ("UPDATE usaha_kecil SET modal_usaha = 9000000000000000000", "modal_usaha"),
])
def test_a_package_with_a_bad_value_is_refused_whole_at_the_province(tmp_path, sql, field):
    """A district database changed behind the program's back (an outside tool) sends a
    package: the province refuses it whole, names member, row and field, and is unchanged."""
    district = _district_with_a_usaha(tmp_path)
    with at(district) as db:
        db.execute_sql("DROP TRIGGER IF EXISTS audit_usaha_kecil_update")  # an outside tool
        db.execute_sql(sql)
        packages.export_package(tmp_path / "muaro.ikupkg", unsealed=True)
    prov = new_office(tmp_path, "provinsi")
    with at(prov) as db:
        before = table_dump(db)
        with pytest.raises(pkgfile.PackageError, match=rf"usaha_kecil baris 1, kolom {field}"):
            packages.import_package(tmp_path / "muaro.ikupkg", dry_run=True)
        with pytest.raises(pkgfile.PackageError, match=rf"usaha_kecil baris 1, kolom {field}"):
            packages.import_package(tmp_path / "muaro.ikupkg")
        assert table_dump(db) == before
