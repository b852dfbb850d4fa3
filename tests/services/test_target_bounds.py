"""A target is never negative, and never above the top of the scale its indikator's
realisasi is on (rule book §2–§5: IKU 1 and 2 are percentages 0–100, the SAKIP score is
0–100, the IKM value 25–100): refused with a message naming the field (and an import's
row), by the editing service (the Target tab), ``iku target set`` and the ``target`` import
alike; nothing is written."""

from decimal import Decimal

import openpyxl
import pytest

from iku_desktop.cli import main as cli
from iku_desktop.services import editing, transfer
from iku_desktop.services.editing_errors import EditError
from iku_desktop.store import models as m


def _ind(nomor: int) -> int:
    return m.Indikator.get(m.Indikator.urutan == nomor).id


def _targets() -> dict[tuple[int, int], Decimal]:
    return {(t.indikator.urutan, t.tahun): t.nilai for t in m.Target.live()}


@pytest.mark.parametrize("nomor, raw, message", [
    (1, "-5", "Target: tidak boleh negatif"),
    (1, "-0,01", "Target: tidak boleh negatif"),
    (1, "100,01", "Target: tidak boleh lebih dari 100 untuk IKU 1 (persentase, 0–100)"),
    (3, "120", "Target: tidak boleh lebih dari 100 untuk IKU 3 (nilai evaluasi SAKIP, 0–100)"),
    (4, "101", "Target: tidak boleh lebih dari 100 untuk IKU 4 (nilai IKM, 25–100)"),
])
def test_the_editing_service_refuses_the_target(db, nomor, raw, message):
    with pytest.raises(EditError) as refused:
        editing.prepare_year_value("target", _ind(nomor), 2024, raw)
    assert str(refused.value) == message
    assert _targets() == {}


def test_the_edges_of_the_scale_are_targets(db):
    for nomor, raw in ((1, "0"), (2, "100"), (3, "100,00"), (4, "25")):
        editing.prepare_year_value("target", _ind(nomor), 2024, raw).write()
    assert _targets() == {(1, 2024): Decimal("0"), (2, 2024): Decimal("100"),
                          (3, 2024): Decimal("100.00"), (4, 2024): Decimal("25")}


def test_the_command_line_refuses_the_target(db_path, capsys):
    args = ["--db", str(db_path), "target", "set", "--indikator", "1", "--year", "2024"]
    assert cli([*args, "-5"]) == 1
    assert "Galat: Target: tidak boleh negatif" in capsys.readouterr().err
    assert cli([*args, "150"]) == 1
    assert "Galat: Target: tidak boleh lebih dari 100 untuk IKU 1" in capsys.readouterr().err
    assert cli(["--db", str(db_path), "target", "list", "--json"]) == 0
    assert '"2024": null' in capsys.readouterr().out


def test_the_import_refuses_the_rows_naming_them(db, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["No Indikator", "Tahun", "Target"])
    ws.append(["IKU 1", 2024, 20])
    ws.append(["IKU 1", 2025, -5])
    ws.append(["IKU 2", 2024, "120,5"])
    ws.append(["IKU 4", 2024, 101])
    wb.save(tmp_path / "t.xlsx")
    r = transfer.import_file(tmp_path / "t.xlsx")
    errors = {e.row: (e.column, e.message) for e in r.report.errors}
    assert errors == {
        3: ("Target", "tidak boleh negatif"),
        4: ("Target", "tidak boleh lebih dari 100 untuk IKU 2 (persentase, 0–100)"),
        5: ("Target", "tidak boleh lebih dari 100 untuk IKU 4 (nilai IKM, 25–100)"),
    }
    assert [e.render() for e in r.report.errors][0].endswith(
        "baris 3, kolom 'Target': tidak boleh negatif (nilai: '-5')")
    assert not r.written and _targets() == {}
