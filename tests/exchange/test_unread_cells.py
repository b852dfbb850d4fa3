"""The cells of an .xlsx sheet that the reader gives as blank although they are not (a
formula never computed, an empty number, an Excel error) are found in the sheet's XML
however the writer laid it out; a formula whose text result is empty, a formatted empty
cell and a dropdown's formula are not among them."""

from __future__ import annotations

import zipfile

from iku_desktop.exchange import extent
from iku_desktop.exchange.unread_cells import EMPTY_NUMBER, NEVER_COMPUTED, xlsx_unread_cells

SHEET = "xl/worksheets/sheet1.xml"


def sheet(tmp_path, body: str, prefix: str = "") -> zipfile.ZipFile:
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    if prefix:
        ns = ns.replace("xmlns=", f"xmlns:{prefix[:-1]}=")
    xml = (f'<?xml version="1.0" encoding="UTF-8"?><{prefix}worksheet {ns}><{prefix}sheetData>'
           f"{body}</{prefix}sheetData>"
           f'<{prefix}dataValidations count="1"><{prefix}dataValidation type="list" '
           f'sqref="C2:C9"><{prefix}formula1>"Ya,Tidak"</{prefix}formula1>'
           f"</{prefix}dataValidation></{prefix}dataValidations></{prefix}worksheet>")
    path = tmp_path / "b.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(SHEET, xml)
    return zipfile.ZipFile(path)


ROWS = ('<row r="2"><c r="A2" t="n"><v>1</v></c>'
        '<c r="B2"><f>A2*2</f><v/></c>'            # never computed (openpyxl)
        '<c r="C2" t="str"><f>""</f><v></v></c>'   # a text result, empty: a value
        '<c r="D2" s="3"/>'                         # formatting only: blank
        '<c r="E2" t="n"><v /></c></row>'           # inf or nan written by openpyxl
        '<row r="3"><c r="A3" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
        '<c r="B3"><f>A2+1</f><v>2</v></c></row>')  # computed


def test_every_cell_that_only_looks_blank_is_found(tmp_path):
    z = sheet(tmp_path, ROWS)
    assert extent.xlsx_extent(z, SHEET).suspect
    found = xlsx_unread_cells(z, SHEET)
    assert found == {(2, 1): (NEVER_COMPUTED, "=A2*2"), (2, 4): (EMPTY_NUMBER, ""),
                     (3, 0): ("Sel berisi galat Excel #DIV/0!; perbaiki rumusnya atau isi "
                              "dengan nilai", "#DIV/0!")}


def test_prefixed_tags_and_cells_without_a_reference_are_followed(tmp_path):
    body = ROWS.replace("<c ", "<x:c ").replace("</c>", "</x:c>").replace("<row", "<x:row") \
        .replace("</row>", "</x:row>").replace("<f>", "<x:f>").replace("</f>", "</x:f>") \
        .replace("<v", "<x:v").replace("</v>", "</x:v>")
    z = sheet(tmp_path, body, prefix="x:")
    assert extent.xlsx_extent(z, SHEET).suspect
    assert set(xlsx_unread_cells(z, SHEET)) == {(2, 1), (2, 4), (3, 0)}
    # a cell without its reference stands one after the previous
    z = sheet(tmp_path, '<row r="4"><c r="A4"><v>1</v></c><c><f>A4</f></c></row>')
    assert set(xlsx_unread_cells(z, SHEET)) == {(4, 1)}


def test_a_sheet_of_values_and_a_dropdown_is_not_looked_at(tmp_path):
    z = sheet(tmp_path, '<row r="2"><c r="A2" t="n"><v>1</v></c>'
                        '<c r="B2" t="inlineStr"><is><t>&lt;f&gt; teks</t></is></c></row>')
    assert not extent.xlsx_extent(z, SHEET).suspect
    assert xlsx_unread_cells(z, SHEET) == {}


def test_cells_cut_by_the_chunks_are_read_whole(tmp_path, monkeypatch):
    """The XML is read in chunks (1 MiB): a cell that a chunk cuts is read with the next."""
    z = sheet(tmp_path, ROWS * 3)
    whole = xlsx_unread_cells(z, SHEET)
    for size in (7, 16, 33, 50):
        monkeypatch.setattr(extent, "CHUNK", size)
        assert extent.xlsx_extent(z, SHEET).suspect
        assert xlsx_unread_cells(z, SHEET) == whole


def test_an_empty_value_cut_by_the_chunks_is_seen(tmp_path, monkeypatch):
    body = '<row r="2"><c r="A2" t="n"><v>1</v></c><c r="B2" t="n"><v></v></c></row>'
    z = sheet(tmp_path, body)
    cut = z.read(SHEET).index(b"<v></v>") + len(b"<v>")
    monkeypatch.setattr(extent, "CHUNK", cut)  # the first chunk ends with "<v>"
    assert extent.xlsx_extent(z, SHEET).suspect
    assert set(xlsx_unread_cells(z, SHEET)) == {(2, 1)}
