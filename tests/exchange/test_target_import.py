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


def _file_bytes(db_path) -> bytes:
    """The database file and its write-ahead log as they are on disk."""
    wal = db_path.with_name(db_path.name + "-wal")
    return db_path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def _patched(path, replacements: dict[bytes, bytes]):
    """The workbook at ``path`` with its first sheet's XML edited (as other programs write
    cells openpyxl cannot)."""
    import io
    import zipfile

    src = zipfile.ZipFile(path)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                for old, new in replacements.items():
                    assert old in data
                    data = data.replace(old, new)
            dst.writestr(item, data)
    src.close()
    path.write_bytes(out.getvalue())
    return path


def test_a_formula_without_its_value_or_an_unreadable_number_is_refused(db, db_path,
                                                                         tmp_path):
    """A formula never computed (openpyxl writes no value), a number openpyxl could not
    write (inf, nan: an empty value) and an Excel error (#DIV/0!) are not blank cells:
    refused naming row and column, instead of removing the year's target."""
    from tests.conftest import table_dump

    ind = m.Indikator.select().order_by(m.Indikator.urutan).first()
    for year in (2022, 2023, 2024, 2025):
        editing.prepare_year_value("target", ind.id, year, "80").write()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["No Indikator", "Tahun", "Target"])
    ws.append(["IKU 1", 2022, "=40*2"])
    ws.append(["IKU 1", 2023, float("inf")])
    ws.append(["IKU 1", 2024, float("nan")])
    ws.append(["IKU 1", 2025, 81])
    wb.save(tmp_path / "t.xlsx")
    _patched(tmp_path / "t.xlsx", {b'<c r="C5" t="n"><v>81</v>':
                                   b'<c r="C5" t="e"><f>81/0</f><v>#DIV/0!</v>'})
    dumped, on_disk = table_dump(db), _file_bytes(db_path)
    r = transfer.import_file(tmp_path / "t.xlsx")
    found = {(e.row, e.column, e.code): (e.message, e.value) for e in r.report.errors}
    assert set(found) == {(2, "Target", "unreadable"), (3, "Target", "unreadable"),
                          (4, "Target", "unreadable"), (5, "Target", "unreadable")}
    assert "rumus yang belum pernah dihitung" in found[(2, "Target", "unreadable")][0]
    assert found[(2, "Target", "unreadable")][1] == "=40*2"
    assert "inf atau nan" in found[(3, "Target", "unreadable")][0]
    assert "galat Excel #DIV/0!" in found[(5, "Target", "unreadable")][0]
    assert not r.written
    assert table_dump(db) == dumped and _file_bytes(db_path) == on_disk
    assert _targets() == {(1, y): Decimal("80") for y in (2022, 2023, 2024, 2025)}


def test_a_blank_target_over_a_stored_one_is_removed_with_a_warning(db, tmp_path):
    ind = m.Indikator.select().order_by(m.Indikator.urutan).first()
    editing.prepare_year_value("target", ind.id, 2023, "80").write()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["No Indikator", "Tahun", "Target"])
    ws.append(["IKU 1", 2023, None])  # stored: removed, said
    ws.append(["IKU 1", 2024, None])  # none stored: nothing to say
    wb.save(tmp_path / "t.xlsx")
    r = transfer.import_file(tmp_path / "t.xlsx", dry_run=True)
    [warned] = [w for w in r.report.warnings if w.code == "target_removed"]
    assert (warned.row, warned.column) == (2, "Target")
    assert "Target IKU 1 tahun 2023 kosong: target tersimpan 80 dihapus" in warned.message
    assert _targets() == {(1, 2023): Decimal("80")}  # a dry run
    r = transfer.import_file(tmp_path / "t.xlsx")
    assert r.report.ok and [w.code for w in r.report.warnings] == ["target_removed"]
    assert _targets() == {}


def test_a_sheet_without_a_target_column_leaves_the_targets_alone(db, tmp_path):
    """As in every import, a column the file does not have leaves the stored values alone
    (a locked year's target too)."""
    ind = m.Indikator.select().order_by(m.Indikator.urutan).first()
    editing.prepare_year_value("target", ind.id, 2022, "80").write()
    editing.prepare_year_value("target", ind.id, 2023, "85").write()
    locking.lock_year(2022)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["No Indikator", "Tahun"])
    ws.append(["IKU 1", 2022])
    ws.append(["IKU 1", 2023])
    wb.save(tmp_path / "t.xlsx")
    r = transfer.import_file(tmp_path / "t.xlsx", kind="target")
    assert r.report.ok, [i.render() for i in r.report.errors]
    assert not r.written and not r.report.warnings
    assert _targets() == {(1, 2022): Decimal("80"), (1, 2023): Decimal("85")}
