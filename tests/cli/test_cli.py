"""The ``iku`` command as a user runs it."""

import json
import subprocess
import sys

import pytest

from iku_desktop import __version__
from iku_desktop.cli import main
from tests.conftest import write_csv


def test_version_via_python_m():
    """The entry point as a process (the other tests call ``main`` in this one: faster)."""
    out = subprocess.run([sys.executable, "-m", "iku_desktop", "--version"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and __version__ in out.stdout


def test_init_compute_json(tmp_path, capsys):
    db = tmp_path / "baru.sqlite"
    assert main(["--db", str(db), "init"]) == 0, capsys.readouterr().err
    assert "3 sasaran, 4 indikator" in capsys.readouterr().out
    assert main(["--db", str(db), "compute", "--year", "2022", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["year"] == 2022
    inds = data["indicators"]
    assert [i["number"] for i in inds] == [1, 2, 3, 4]
    assert [i["sasaran"] for i in inds] == [1, 2, 3, 3]
    assert [i["method"] for i in inds] == ["koperasi_berkualitas", "usaha_kecil_wirausaha",
                                          "nilai_sakip", "nilai_ikm"]
    for i in inds:  # empty registers: unknown, never 0
        assert i["value"] is None and i["reason"] and i["capaian"] is None
    assert len(inds[0]["breakdown"]) == 11 and inds[0]["breakdown"][0]["bps"] == "1501"


def test_init_refuses_an_existing_file(tmp_path):
    db = tmp_path / "a.sqlite"
    assert main(["--db", str(db), "init"]) == 0
    assert main(["--db", str(db), "init"]) == 2


@pytest.mark.parametrize("command", [["compute", "--year", "2022"], ["demo"],
                                     ["import", "x.csv"]])
def test_missing_database_is_an_error_and_is_not_created(tmp_path, command, capsys):
    db = tmp_path / "typo.sqlite"
    assert main(["--db", str(db), *command]) == 2
    assert "tidak ditemukan" in capsys.readouterr().err
    assert not db.exists()


def test_iku_db_environment_variable(tmp_path, monkeypatch):
    db = tmp_path / "env.sqlite"
    monkeypatch.setenv("IKU_DB", str(db))
    assert main(["init"]) == 0 and db.exists()
    assert main(["compute", "--year", "2021"]) == 0


def test_import_exit_codes_and_json_report(db_path, tmp_path, capsys):
    bad = write_csv(tmp_path / "k.csv", ["Nomor Badan Hukum", "Nama Koperasi",
                                         "Tanggal Badan Hukum", "Kabupaten/Kota",
                                         "Jenis Koperasi", "Status"],
                    [["1/BH", "A", "2010-01-01", "Kota Jambi", "Jasa", "Aktif"],
                     ["2/BH", "B", "kemarin", "Kota Jambi", "Jasa", "Aktif"]])
    assert main(["--db", str(db_path), "import", str(bad), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False and report["errors"][0]["row"] == 3
    assert report["errors"][0]["column"] == "Tanggal Badan Hukum"
    assert main(["--db", str(db_path), "import", str(bad)]) == 1
    assert "Tidak ada data yang disimpan" in capsys.readouterr().err


def test_demo_then_compute_text(db_path, capsys):
    assert main(["--db", str(db_path), "demo", "--scale", "1"]) == 0
    assert main(["--db", str(db_path), "compute", "--year", "2023"]) == 0
    out = capsys.readouterr().out
    assert "Persentase Koperasi Berkualitas" in out and "predikat" in out and "mutu" in out
    assert main(["--db", str(db_path), "demo"]) == 1  # never twice into the same register
