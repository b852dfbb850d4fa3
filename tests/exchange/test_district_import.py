"""A kabupaten/kota office importing the program's own templates: sheets of data the
province owns are skipped when empty (refused only when they hold rows), and a row of
another area names the kabupaten/kota as the user wrote it."""

import openpyxl

from iku_desktop.exchange import templates
from iku_desktop.exchange.importer import import_file
from iku_desktop.services import office
from iku_desktop.store import models as m

OWN = ["1/BH/2010", "Kop Muaro", "01/01/2010", "Kabupaten Muaro Jambi", "Jasa", "Aktif"]


def filled_template(tmp_path, koperasi_rows, sakip_rows=()):
    path = tmp_path / "semua.xlsx"
    templates.write_template("all", path)
    wb = openpyxl.load_workbook(path)
    for row in koperasi_rows:
        wb["Koperasi"].append(row)
    for row in sakip_rows:
        wb["SAKIP"].append(row)
    wb.save(path)
    return path


def test_the_all_template_with_empty_provincial_sheets_imports(db, tmp_path):
    office.set_office("1505")  # Kabupaten Muaro Jambi
    r = import_file(filled_template(tmp_path, [OWN]))
    assert r.report.ok, [i.render() for i in r.report.errors]
    assert r.written and m.Koperasi.get().nama == "Kop Muaro"
    skipped = {i.sheet: i.message for i in r.report.warnings if i.code == "not_owned_empty"}
    assert set(skipped) == {"SAKIP", "Responden SKM", "Target"}
    assert "dikelola kantor provinsi" in skipped["SAKIP"] and "dilewati" in skipped["SAKIP"]


def test_a_provincial_sheet_with_rows_is_still_refused_whole(db, tmp_path):
    office.set_office("1505")
    r = import_file(filled_template(tmp_path, [OWN],
                                    [["2022", "88/2021", "24", "22", "11", "18"]]))
    assert [(e.sheet, e.code) for e in r.report.errors] == [("SAKIP", "not_owned")]
    assert not r.written and m.Koperasi.select().count() == 0


def test_the_province_imports_every_sheet_without_notices(db, tmp_path):
    r = import_file(filled_template(tmp_path, [OWN]))
    assert r.report.ok and r.written
    assert not [i for i in r.report.warnings if i.code == "not_owned_empty"]


def test_another_area_shows_the_kabupaten_name_as_the_value(db, tmp_path):
    office.set_office("1505")
    other = ["2/BH/2010", "Kop Kota", "01/01/2010", "Kota Jambi", "Jasa", "Aktif"]
    r = import_file(filled_template(tmp_path, [other]))
    (err,) = r.report.errors
    assert err.code == "not_owned" and err.value == "Kota Jambi"
    assert "KabupatenKota(" not in err.render() and "(nilai: 'Kota Jambi')" in err.render()
