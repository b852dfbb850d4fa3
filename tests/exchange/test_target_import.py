"""Targets from Excel: the template comes filled with the document's indikator and years;
filled in, it imports; a locked year, an unknown indikator or a year outside the period is
refused naming the row; the export reads back unchanged."""

from decimal import Decimal

import openpyxl

from iku_desktop.exchange.export import export
from iku_desktop.services import editing, locking, transfer
from iku_desktop.store import models as m


def _targets() -> dict[tuple[int, int], Decimal]:
    return {(t.indikator.urutan, t.tahun): t.nilai for t in m.Target.live()}


def test_the_template_is_prefilled_and_imports_filled_in(db, tmp_path):
    path = transfer.write_template("target", tmp_path / "target.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["Target"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    assert [r[0] for r in rows[:7]] == ["IKU 1"] * 6 + ["IKU 2"]
    assert [r[3] for r in rows[:6]] == list(range(2021, 2027))
    assert rows[0][1] == "Persentase Koperasi Berkualitas" and rows[0][2] == "%"
    assert len(rows) == 4 * 6 and all(r[4] is None for r in rows)
    ws["E2"] = 18.5  # IKU 1, 2021
    ws["E9"] = "20,25"  # IKU 2, 2022
    wb.save(path)
    r = transfer.import_file(path)
    assert r.report.ok, [i.render() for i in r.report.errors]
    assert r.kinds == ["target"] and r.changes.touches({"target"})
    assert _targets() == {(1, 2021): Decimal("18.5"), (2, 2022): Decimal("20.25")}
    # the template made now carries the targets set; imported back it changes nothing
    again = transfer.write_template("target", tmp_path / "again.xlsx")
    assert openpyxl.load_workbook(again)["Target"]["E2"].value == 18.5
    assert not transfer.import_file(again).written


def test_a_hand_made_sheet_names_indikator_by_number(db, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Indikator", "Tahun", "Target"])
    ws.append([1, 2023, 19])
    ws.append(["3.2", 2023, "85,5"])  # sasaran 3, its second indikator: IKU 4
    wb.save(tmp_path / "t.xlsx")
    r = transfer.import_file(tmp_path / "t.xlsx")
    assert r.report.ok, [i.render() for i in r.report.errors]
    assert _targets() == {(1, 2023): Decimal("19"), (4, 2023): Decimal("85.5")}
    # a blank target removes it
    ws.delete_rows(3)
    ws["C2"] = None
    wb.save(tmp_path / "t.xlsx")
    assert transfer.import_file(tmp_path / "t.xlsx").report.ok
    assert _targets() == {(4, 2023): Decimal("85.5")}


def test_refused_rows_are_named_and_nothing_is_written(db, tmp_path):
    ind = m.Indikator.select().order_by(m.Indikator.urutan).first()
    editing.prepare_year_value("target", ind.id, 2022, "80").write()
    locking.lock_year(2022)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["No Indikator", "Tahun", "Target"])
    ws.append(["IKU 1", 2022, 80])  # locked, unchanged: fine
    ws.append(["IKU 1", 2022, 81])  # locked and changed (and a duplicate)
    ws.append(["IKU 9", 2023, 1])
    ws.append(["IKU 2", 2030, 1])
    ws.append(["IKU 2", 2024, 5])
    wb.save(tmp_path / "t.xlsx")
    r = transfer.import_file(tmp_path / "t.xlsx")
    errors = {(e.row, e.code): e.message for e in r.report.errors}
    assert set(errors) == {(3, "duplicate_key"), (3, "locked_year"), (4, "unknown_reference"),
                           (5, "out_of_period")}
    assert "Realisasi tahun 2022 sudah dikunci" in errors[(3, "locked_year")]
    assert "Indikator IKU 9 tidak ada" in errors[(4, "unknown_reference")]
    assert not r.written and _targets() == {(1, 2022): Decimal("80")}


def test_export_then_import_changes_nothing(db, tmp_path):
    ind = m.Indikator.select().order_by(m.Indikator.urutan).first()
    editing.prepare_year_value("target", ind.id, 2024, "21,75").write()
    assert export("target", tmp_path / "e.xlsx") == 24
    r = transfer.import_file(tmp_path / "e.xlsx")
    assert r.report.ok and not r.written
    assert r.counts["target"].unchanged == 24


def test_a_district_office_cannot_import_targets(db, tmp_path):
    from iku_desktop.services import office

    office.set_office("1505")
    wb = openpyxl.Workbook()
    wb.active.append(["No Indikator", "Tahun", "Target"])
    wb.active.append(["IKU 1", 2024, 5])
    wb.save(tmp_path / "t.xlsx")
    r = transfer.import_file(tmp_path / "t.xlsx")
    assert [e.code for e in r.report.errors] == ["not_owned"]
