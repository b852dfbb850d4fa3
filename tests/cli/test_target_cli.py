"""``iku target set/list``: Indonesian output, "–" for a year without a target, refusals
of the editing service (a locked year, a number outside the document)."""

import json

from iku_desktop.cli import main as cli
from iku_desktop.store import models as m


def test_set_then_list(db_path, capsys):
    args = ["--db", str(db_path), "target"]
    assert cli([*args, "set", "--indikator", "1", "--year", "2024", "20,5"]) == 0
    assert "Target indikator 1 tahun 2024: 20,5 (disimpan)" in capsys.readouterr().out
    assert cli([*args, "set", "--indikator", "3.2", "--year", "2023", "82"]) == 0  # IKU 4
    assert cli([*args, "set", "--indikator", "IKU 1", "--year", "2024", "20.5"]) == 0
    assert "(tidak berubah)" in capsys.readouterr().out
    assert cli([*args, "list"]) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if "Koperasi Berkualitas" in x)
    assert line.split()[:7] == ["1", "–", "–", "–", "20,50", "–", "–"]
    assert cli([*args, "list", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["years"] == list(range(2021, 2027)) and data["locked"] == []
    assert data["indicators"][0]["targets"]["2024"] == 20.5
    assert data["indicators"][0]["targets"]["2021"] is None
    assert data["indicators"][3]["targets"]["2023"] == 82
    assert cli([*args, "set", "--indikator", "1", "--year", "2024", "--hapus"]) == 0
    assert "2024: – (disimpan)" in capsys.readouterr().out
    assert m.Target.live().count() == 1


def test_refusals_name_the_reason(db_path, capsys):
    args = ["--db", str(db_path)]
    assert cli([*args, "target", "set", "--indikator", "4", "--year", "2022", "80"]) == 0
    assert cli([*args, "lock", "--year", "2022"]) == 0
    capsys.readouterr()
    assert cli([*args, "target", "set", "--indikator", "4", "--year", "2022", "81"]) == 1
    assert "sudah dikunci" in capsys.readouterr().err
    assert cli([*args, "target", "set", "--indikator", "9", "--year", "2023", "1"]) == 1
    assert "Indikator IKU 9 tidak ada" in capsys.readouterr().err
    assert cli([*args, "target", "set", "--indikator", "1", "--year", "2030", "1"]) == 1
    assert "di luar periode dokumen (2021–2026)" in capsys.readouterr().err
    assert cli([*args, "target", "set", "--indikator", "1", "--year", "2023", "banyak"]) == 1
    assert "Target: Nilai harus berupa angka" in capsys.readouterr().err
    assert cli([*args, "target", "list"]) == 0
    out = capsys.readouterr().out
    assert "2022 (dikunci)" in out and "Tahun 2022 dikunci" in out
    assert m.Target.get().nilai == 80


def test_the_target_template_from_the_command_line_is_filled(db_path, tmp_path, capsys):
    import openpyxl

    out = tmp_path / "t.xlsx"
    assert cli(["--db", str(db_path), "template", "target", "-o", str(out)]) == 0
    ws = openpyxl.load_workbook(out)["Target"]
    assert ws["A2"].value == "IKU 1" and ws["D2"].value == 2021 and ws.max_row == 25
    assert cli(["--db", str(tmp_path / "tidak-ada.sqlite"), "template", "target", "-o",
                str(out)]) == 2
    assert "tidak ditemukan" in capsys.readouterr().err
