"""Control characters (BEL, ESC, NUL…) a workbook cannot hold: the error report of a file
refused for them, and an export of a database that already holds one, show each as its
Unicode control picture ("␇") instead of crashing."""

from datetime import date

import openpyxl

from iku_desktop.cli import main
from iku_desktop.exchange.export import export
from iku_desktop.exchange import xlsx_writer
from iku_desktop.exchange.xlsx_writer import put
from iku_desktop.store import models as m
from tests.conftest import write_csv

HEAD = ["Nomor Badan Hukum", "Nama Koperasi", "Tanggal Badan Hukum", "Kabupaten/Kota",
        "Jenis Koperasi", "Status"]


def cells(path):
    wb = openpyxl.load_workbook(path)
    return [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row]


def test_visible_shows_each_control_character():
    assert xlsx_writer.visible("a\x07b\x1b\x00") == "a\u2407b\u241b\u2400"
    assert xlsx_writer.visible("baris\tdua\nx") == "baris\tdua\nx"  # tab and newline are fine
    assert xlsx_writer.visible(5) == 5


def test_errors_out_with_control_characters_is_written(db_path, tmp_path, capsys):
    sent = write_csv(tmp_path / "kirim.csv", HEAD, [
        ["1/\x07BH", "Kop\x1b", "01/01/2010", "Kota Jambi", "Jasa", "Aktif"],
        ["2/BH", "Kop\x1fX", "01/01/2010", "Kota Jambi", "Jasa", "Aktif"]])
    out = tmp_path / "perbaiki.xlsx"
    code = main(["--db", str(db_path), "import", str(sent), "--errors-out", str(out)])
    assert code == 1
    assert "ditulis ke" in capsys.readouterr().err
    values = cells(out)
    assert {"1/\u2407BH", "Kop\u241b"} <= set(values)


def test_export_of_a_control_character_in_the_database(db, tmp_path):
    kab = m.Kabupaten.get(m.Kabupaten.bps == "1571").id
    m.Koperasi.create(nomor_badan_hukum="1/BH", nama="Kop\x07Bel", kabupaten_id=kab,
                      jenis="jasa", tanggal_badan_hukum=date(2010, 1, 1))
    out = tmp_path / "koperasi.xlsx"
    assert export("koperasi", out) == 1
    assert "Kop\u2407Bel" in cells(out)


def test_put_makes_control_characters_visible():
    wb = openpyxl.Workbook()
    assert put(wb.active, 1, 1, "=a\x0b").value == "=a\u240b"
