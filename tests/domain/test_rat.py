"""Tanggal RAT against its tahun buku (rule book §2): on or before 31 December of the
tahun buku is an error, after 30 June of the next year a warning that still counts."""

from datetime import date

import pytest

from iku_desktop.domain.rat import rat_date_problem
from iku_desktop.exchange.importer import import_file
from iku_desktop.store import models as m
from tests.conftest import table_dump, write_csv

KOP = ["Nomor Badan Hukum", "Nama Koperasi", "Tanggal Badan Hukum", "Kabupaten/Kota",
       "Jenis Koperasi", "Status"]
TB = ["Nomor Badan Hukum", "Tahun Buku", "Tanggal RAT", "Volume Usaha", "Aset"]


@pytest.mark.parametrize("tanggal,expected", [
    (date(2022, 1, 1), "error"), (date(2022, 12, 31), "error"), (date(2021, 6, 1), "error"),
    (date(2023, 1, 1), None), (date(2023, 6, 30), None),
    (date(2023, 7, 1), "warning"), (date(2024, 3, 1), "warning"),
])
def test_rat_date_for_tahun_buku_2022(tanggal, expected):
    problem = rat_date_problem(2022, tanggal)
    got = None if problem is None else ("error" if problem.error else "warning")
    assert got == expected


def test_import_refuses_a_rat_inside_its_tahun_buku_and_warns_of_a_late_one(db, tmp_path):
    kop = write_csv(tmp_path / "kop.csv", KOP, [
        ["1/BH", "KSP Satu", "12/08/2008", "Kota Jambi", "Jasa", "Aktif"]])
    assert import_file(kop).report.ok
    before = table_dump(db)
    bad = write_csv(tmp_path / "tb.csv", TB, [
        ["1/BH", "2022", "15/03/2022", "1000", "2000"]])
    r = import_file(bad)
    [err] = r.report.errors
    assert (err.row, err.column) == (2, "Tanggal RAT") and "31 Desember 2022" in err.message
    assert table_dump(db) == before
    late = write_csv(tmp_path / "tb2.csv", TB, [
        ["1/BH", "2022", "15/09/2023", "1000", "2000"]])
    r = import_file(late)
    assert r.report.ok and any("RAT terlambat" in w.message for w in r.report.warnings)
    assert m.KoperasiTahunBuku.get().tanggal_rat == date(2023, 9, 15)


def test_the_message_shows_the_date_as_typed_not_a_python_value(db, tmp_path):
    kop = write_csv(tmp_path / "kop.csv", KOP, [
        ["1/BH", "KSP Satu", "12/08/2008", "Kota Jambi", "Jasa", "Aktif"]])
    import_file(kop)
    r = import_file(write_csv(tmp_path / "tb.csv", TB, [
        ["1/BH", "2022", "2022-03-15", "1000", "2000"]]))
    [err] = r.report.errors
    assert err.value == "15/03/2022"
