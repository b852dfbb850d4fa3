"""A change is allowed only if the sender owns the row as it is now and as it will be: a
district cannot take over another district's koperasi or usaha by relabelling it, by an
edit, an import or a package."""

from __future__ import annotations

import pytest

from iku_desktop.exchange.importer import import_file
from iku_desktop.services import editing, packages
from iku_desktop.services.editing_errors import EditError
from iku_desktop.store import models as m
from tests.conftest import table_dump, write_csv

from .test_packages import MUARO_JAMBI, at, new_office

KERINCI = "1501"
KOP = ["Nomor Badan Hukum", "Nama Koperasi", "Tanggal Badan Hukum", "Kabupaten/Kota",
       "Jenis Koperasi", "Status"]
USAHA = ["Nama Usaha", "Nama Pemilik", "Kabupaten/Kota", "Tanggal Terdata", "NIB",
         "Tanggal NIB"]


@pytest.fixture
def offices(tmp_path):
    """The province records a Kerinci koperasi and usaha and sends them to Muaro Jambi."""
    prov = new_office(tmp_path, "provinsi")
    district = new_office(tmp_path, "muaro", MUARO_JAMBI)
    with at(prov):
        editing.apply(editing.prepare_koperasi("7/BH/KRC", "KSP Kerinci", "01/02/2015",
                                               "Kerinci", "Simpan Pinjam"))
        change, _ = editing.apply(editing.prepare_usaha("Kopi Kerinci", "Ani", "Kerinci",
                                                        "2021-01-01"))
        editing.apply(editing.prepare_edit("usaha_kecil", change.row_id, "nib",
                                           "9120001234567"))
        packages.export_package(tmp_path / "prov.ikupkg")
    with at(district):
        packages.import_package(tmp_path / "prov.ikupkg")
    return prov, district


def test_an_edit_cannot_move_another_districts_koperasi(offices):
    _, district = offices
    with at(district) as db:
        k = m.Koperasi.get(m.Koperasi.nomor_badan_hukum == "7/BH/KRC")
        before = table_dump(db)
        with pytest.raises(EditError, match="Kerinci"):
            editing.apply(editing.prepare_edit("koperasi", k.id, "kabupaten_id", "Muaro Jambi"))
        assert table_dump(db) == before


def test_an_import_cannot_relabel_another_districts_rows(offices, tmp_path):
    _, district = offices
    kop = write_csv(tmp_path / "kop.csv", KOP, [
        ["7/BH/KRC", "KSP Diambil", "01/02/2015", "1505", "Simpan Pinjam", "Aktif"]])
    usaha = write_csv(tmp_path / "usaha.csv", USAHA, [
        ["Kopi Diambil", "Budi", "1505", "01/01/2021", "9120001234567", "01/03/2022"]])
    with at(district) as db:
        before = table_dump(db)
        for path, column in ((kop, "Nomor Badan Hukum"), (usaha, "NIB")):
            r = import_file(path)
            [err] = r.report.errors
            assert err.code == "not_owned" and err.column == column and err.row == 2
            assert "Kerinci" in err.message and "provinsi" in err.message
        assert table_dump(db) == before


def test_a_package_cannot_relabel_another_districts_koperasi(offices, tmp_path):
    prov, district = offices
    with at(district) as db:
        # an outside tool relabels the Kerinci koperasi and renames it; the district's
        # next package carries it as its own
        db.execute_sql("UPDATE koperasi SET kabupaten_id = (SELECT id FROM kabupaten WHERE "
                       "bps = ?), nama = 'Diambil', updated_at = '2030-01-01T00:00:00.000000Z' "
                       "WHERE nomor_badan_hukum = '7/BH/KRC'", (MUARO_JAMBI,))
        packages.export_package(tmp_path / "muaro.ikupkg", since=None)
    with at(prov):
        result = packages.import_package(tmp_path / "muaro.ikupkg")
        assert [(r.table, "Kerinci" in r.reason) for r in result.refused] == [("koperasi", True)]
        k = m.Koperasi.get(m.Koperasi.nomor_badan_hukum == "7/BH/KRC")
        assert (k.nama, k.kabupaten.bps) == ("KSP Kerinci", KERINCI)
