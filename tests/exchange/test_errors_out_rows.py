"""``--errors-out`` (and the window's "Simpan baris bermasalah") write what the message says:
only the rows with an error, each with its messages and its row number in the sent file,
and the message counts them."""

import openpyxl

from iku_desktop.cli import main
from iku_desktop.exchange.errors_out import write_errors
from iku_desktop.exchange.importer import import_file

from .workbooks import xlsx

HEAD = ["Nomor Badan Hukum", "Nama Koperasi", "Tanggal Badan Hukum", "Kabupaten/Kota",
        "Jenis Koperasi", "Status"]
GOOD = ["1/BH", "A", "01/01/2010", "Kota Jambi", "Jasa", "Aktif"]


def sent(tmp_path):
    return xlsx(tmp_path / "kirim.xlsx", {"Koperasi": [
        HEAD, GOOD,
        ["2/BH", "B", "kemarin", "Kota Bogor", "Jasa", "Aktif"],     # row 3: two errors
        ["3/BH", "C", "01/01/2010", "Kota Jambi", "Jasa", "Aktif"],
        ["4/BH", "D", "01/01/2010", "Kota Jambi", "Bukan jenis", "Aktif"]]})  # row 5


def rows_of(path, sheet="Koperasi"):
    return [[c.value for c in row] for row in openpyxl.load_workbook(path)[sheet].iter_rows()]


def test_only_the_rows_with_errors_are_written(db, tmp_path):
    r = import_file(sent(tmp_path))
    out = tmp_path / "perbaiki.xlsx"
    assert write_errors(r.tables, r.report, out) == 2
    rows = rows_of(out)
    assert rows[0] == [*HEAD, "Kesalahan", "Baris asal"]
    assert [row[0] for row in rows[1:]] == ["2/BH", "4/BH"]
    assert [row[-1] for row in rows[1:]] == [3, 5]
    assert "Tanggal Badan Hukum" in rows[1][-2] and "Kabupaten/Kota" in rows[1][-2]
    assert "Jenis Koperasi" in rows[2][-2]


def test_the_cli_message_counts_the_rows_it_wrote(db_path, tmp_path, capsys):
    out = tmp_path / "perbaiki.xlsx"
    code = main(["--db", str(db_path), "import", str(sent(tmp_path)), "--errors-out", str(out)])
    assert code == 1
    err = capsys.readouterr().err
    assert "2 baris bermasalah ditulis ke" in err and "perbaiki.xlsx" in err
    assert len(rows_of(out)) == 1 + 2
