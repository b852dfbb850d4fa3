"""Counts the CLI prints are grouped the Indonesian way ("1.200 ditambah")."""

from iku_desktop.cli import main
from tests.conftest import write_csv

HEADER = ["Nama Usaha", "Nama Pemilik", "Kabupaten/Kota", "Tanggal Terdata"]


def test_import_and_export_counts_are_grouped(db_path, tmp_path, capsys):
    rows = [[f"Usaha {i}", f"Pemilik {i}", "Kota Jambi", "01/01/2022"] for i in range(1200)]
    path = write_csv(tmp_path / "usaha.csv", HEADER, rows)
    assert main(["--db", str(db_path), "import", str(path)]) == 0
    assert "usaha_kecil: 1.200 ditambah, 0 diubah, 0 tetap" in capsys.readouterr().out
    assert main(["--db", str(db_path), "export", "usaha-kecil", "-o",
                 str(tmp_path / "u.xlsx")]) == 0
    assert "1.200 baris diekspor" in capsys.readouterr().out
    assert main(["--db", str(db_path), "package", "export", "--all", "--unsealed", "-o",
                 str(tmp_path / "p.ikupkg")]) == 0
    out = capsys.readouterr().out
    assert "usaha_kecil" in out and "1.200" in out
