"""Workbooks whose cells reach far (a 1,5 KB .xlsx with one cell at XFD60000 asked the
reader for 31 GB and the process aborted): refused with a message before they are read.
Each hostile file is read in a child process whose address space is capped at 3 GB, so a
reader that tries to lay out the far grid fails the test instead of taking it down.

The measured extent is checked against the reader itself on varied small sheets: it must
be the reader's own (or, for the fast path, never smaller)."""

import random
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import xlwt
from python_calamine import CalamineWorkbook

from iku_desktop.exchange import extent, workbook
from iku_desktop.exchange.importer import import_file
from iku_desktop.exchange.xls_extent import xls_extents
from tests.exchange.test_hostile_files import refused

ROOT = Path(__file__).resolve().parents[2]
SHEET = "xl/worksheets/sheet1.xml"
HEAD = ('<row r="1"><c r="A1" t="inlineStr"><is><t>Tahun</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>Nilai</t></is></c></row>')


def xlsx(path: Path, cells: str, dimension: str | None = None, prefix: str = "") -> Path:
    """A minimal workbook with one sheet "Data" holding ``cells`` (the sheetData body)."""
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    xmlns = f'xmlns:{prefix[:-1]}="{ns}"' if prefix else f'xmlns="{ns}"'
    dim = f'<{prefix}dimension ref="{dimension}"/>' if dimension else ""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Default Extension="rels" ContentType='
                   '"application/vnd.openxmlformats-package.relationships+xml"/><Default '
                   'Extension="xml" ContentType="application/xml"/><Override PartName='
                   '"/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
                   'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
                   '"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
                   'officedocument.spreadsheetml.worksheet+xml"/></Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.'
                   'org/package/2006/relationships"><Relationship Id="rId1" Type='
                   f'"{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml",
                   f'<?xml version="1.0"?><workbook xmlns="{ns}" xmlns:r="{rel}"><sheets>'
                   '<sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.'
                   f'org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/'
                   'worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        z.writestr(SHEET, f'<?xml version="1.0"?><{prefix}worksheet {xmlns}>{dim}'
                          f'<{prefix}sheetData>{cells}</{prefix}sheetData></{prefix}worksheet>')
    return path


def ods(path: Path, rows: str) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml",
                   '<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:'
                   'names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:'
                   'opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:'
                   'xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>'
                   f'<table:table table:name="Data">{rows}</table:table></office:spreadsheet>'
                   '</office:body></office:document-content>')
        z.writestr("META-INF/manifest.xml",
                   '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
                   'opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry'
                   ' manifest:full-path="/" manifest:media-type="application/vnd.oasis.'
                   'opendocument.spreadsheet"/><manifest:file-entry manifest:full-path='
                   '"content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
    return path


ODS_HEAD = ('<table:table-row><table:table-cell office:value-type="string"><text:p>Tahun'
            '</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>'
            'Nilai</text:p></table:table-cell></table:table-row>')
ODS_ONE = '<table:table-cell table:number-columns-repeated="{n}" office:value-type="float" ' \
          'office:value="1"/>'


def xls(path: Path, sheets: int = 1, far=(65535, 255)) -> Path:
    wb = xlwt.Workbook()
    for i in range(sheets):
        ws = wb.add_sheet(f"Data{i or ''}")
        ws.write(0, 0, "Tahun")
        ws.write(0, 1, "Nilai")
        ws.write(*far, 1)
    wb.save(str(path))
    return path


def far_cell(ref: str, row: int, attrs: str = "") -> str:
    return f'<row r="{row}"><c r="{ref}"{attrs}><v>1</v></c></row>'


def read_capped(path: Path) -> subprocess.CompletedProcess:
    """``read_workbook`` in a child process limited to 3 GB of address space."""
    code = ("import sys; from pathlib import Path\n"
            "from iku_desktop.exchange.workbook import read_workbook\n"
            "from iku_desktop.exchange.readers import ReadError\n"
            "try:\n    read_workbook(Path(sys.argv[1]))\n    print('DIBACA')\n"
            "except ReadError as exc:\n    print('GALAT:', exc)\n")

    def cap():
        hard = resource.getrlimit(resource.RLIMIT_AS)[1]
        soft = 3 * 1024 ** 3 if hard == resource.RLIM_INFINITY else min(hard, 3 * 1024 ** 3)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))

    return subprocess.run([sys.executable, "-c", code, str(path)], cwd=ROOT, timeout=120,
                          capture_output=True, text=True, preexec_fn=cap)


def test_an_import_of_far_cells_names_the_cell_and_writes_nothing(db, tmp_path):
    """In this process: a grid the reader can still allocate (16 million cells, 1 GB)
    should a regression let it through; the larger ones are read in a capped child below."""
    path = xlsx(tmp_path / "jauh.xlsx", HEAD + far_cell("XFD1000", 1000), "A1:XFD1000")
    assert path.stat().st_size < 2000
    refused(db, path, "rentang A1:XFD1000")


HOSTILE = {
    "dimension and cell at XFD60000": lambda p: xlsx(p / "a.xlsx", HEAD + far_cell(
        "XFD60000", 60000), "A1:XFD60000"),
    "no dimension, a cell at XFD3000 (2 GB)": lambda p: xlsx(p / "b.xlsx", HEAD + far_cell(
        "XFD3000", 3000)),
    "the reference after another attribute": lambda p: xlsx(p / "c.xlsx", HEAD + (
        '<row r="3000"><c s="0" r="XFD3000"><v>1</v></c></row>')),
    "cells without references": lambda p: xlsx(p / "d.xlsx", HEAD + '<row r="3000">'
                                              + "<c/>" * 16000 + "<c><v>1</v></c></row>"),
    "a namespace prefix": lambda p: xlsx(p / "e.xlsx", HEAD.replace("<c", "<x:c").replace(
        "</c", "</x:c").replace("<row", "<x:row").replace("</row", "</x:row").replace(
        "<is", "<x:is").replace("</is", "</x:is").replace("<t>", "<x:t>").replace(
        "</t>", "</x:t>") + '<x:row r="3000"><x:c r="XFD3000"><x:v>1</x:v></x:c></x:row>',
        prefix="x:"),
    ".ods: a repeated filled row": lambda p: ods(p / "f.ods", ODS_HEAD + (
        '<table:table-row table:number-rows-repeated="3000">' + ODS_ONE.format(n=16384)
        + "</table:table-row>")),
    ".ods: one far cell": lambda p: ods(p / "g.ods", ODS_HEAD + (
        '<table:table-row table:number-rows-repeated="2998"><table:table-cell/>'
        '</table:table-row><table:table-row><table:table-cell '
        'table:number-columns-repeated="16383"/>' + ODS_ONE.format(n=1)
        + "</table:table-row>")),
    ".xls: a cell at IV65536": lambda p: xls(p / "h.xls"),
    ".xls: ten sheets each reaching IV65536 (5 GB at once)": lambda p: xls(p / "i.xls", 10),
}


@pytest.mark.parametrize("make", HOSTILE.values(), ids=HOSTILE.keys())
def test_far_cells_are_refused_before_reading(tmp_path, make):
    path = make(tmp_path)
    assert path.stat().st_size < 20_000
    r = read_capped(path)
    assert r.returncode == 0, r.stderr[-2000:]
    assert r.stdout.startswith("GALAT:") and "sel" in r.stdout, r.stdout


def test_far_xls_cells_summed_over_sheets(tmp_path):
    """Each sheet within bounds, all of them together (read at once) not."""
    path = xls(tmp_path / "banyak.xls", 4, far=(65535, 40))  # 4 × 2,7 million cells
    r = read_capped(path)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "4 sheet" in r.stdout, r.stdout


HARMLESS = {
    "only the dimension is far": lambda p: xlsx(p / "a.xlsx", HEAD, "A1:XFD1048576"),
    "a formatted empty cell at XFD60000": lambda p: xlsx(p / "b.xlsx", HEAD + (
        '<row r="60000"><c r="XFD60000" s="0"/></row>'), "A1:XFD60000"),
    ".ods: empty cells repeated to the sheet's edge": lambda p: ods(p / "c.ods", ODS_HEAD + (
        '<table:table-row table:number-rows-repeated="1048574"><table:table-cell '
        'table:number-columns-repeated="16384"/></table:table-row>')),
}


@pytest.mark.parametrize("make", HARMLESS.values(), ids=HARMLESS.keys())
def test_far_formatting_alone_is_read(db, tmp_path, make):
    r = import_file(make(tmp_path), kind="sakip")
    assert r.report.ok, [i.render() for i in r.report.issues]


def calamine_extent(path: Path) -> tuple[int, int]:
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Data")
    return (sheet.end[0] + 1, sheet.end[1] + 1) if sheet.height else (0, 0)


def random_cells(rng: random.Random) -> str:
    """Rows and cells in any order, with and without references, some empty."""
    out = []
    for _ in range(rng.randint(1, 6)):
        row_ref = f' r="{rng.randint(1, 300)}"' if rng.random() < 0.7 else ""
        cells = []
        for _ in range(rng.randint(0, 5)):
            col = extent.column_letters(rng.randint(1, 800))
            ref = f' r="{col}{rng.randint(1, 300)}"' if rng.random() < 0.7 else ""
            cells.append(f"<c{ref} s=\"0\"/>" if rng.random() < 0.2 else
                         f"<c{ref}><v>{rng.randint(0, 9)}</v></c>")
        out.append(f"<row{row_ref}>{''.join(cells)}</row>")
    return "".join(out)


def test_xlsx_extent_is_the_readers(tmp_path):
    rng = random.Random(7)
    for i in range(150):
        path = xlsx(tmp_path / f"r{i}.xlsx", random_cells(rng))
        with zipfile.ZipFile(path) as z:
            exact, fast = extent.xlsx_extent_exact(z, SHEET), extent.xlsx_extent(z, SHEET)
        expected = calamine_extent(path)
        got = (exact.rows, exact.columns) if exact.cells else (0, 0)
        assert got == expected, (i, path.read_bytes())
        assert fast.rows >= expected[0] and fast.columns >= expected[1]


def test_xls_and_ods_extents_are_the_readers(tmp_path):
    rng = random.Random(11)
    for i in range(40):
        wb = xlwt.Workbook()
        ws = wb.add_sheet("Data")
        for _ in range(rng.randint(1, 8)):
            ws.write(rng.randint(0, 5000), rng.randint(0, 255), rng.choice([1, "teks", True]))
        wb.save(str(tmp_path / f"r{i}.xls"))
        ext = xls_extents((tmp_path / f"r{i}.xls").read_bytes())["Data"]
        assert (ext.rows, ext.columns) == calamine_extent(tmp_path / f"r{i}.xls")
    for i in range(40):
        rows = []
        for _ in range(rng.randint(1, 5)):
            cells = "".join(
                ODS_ONE.format(n=rng.randint(1, 30)) if rng.random() < 0.5 else
                f'<table:table-cell table:number-columns-repeated="{rng.randint(1, 30)}"/>'
                for _ in range(rng.randint(1, 4)))
            rows.append(f'<table:table-row table:number-rows-repeated="{rng.randint(1, 40)}">'
                        f"{cells}</table:table-row>")
        path = ods(tmp_path / f"r{i}.ods", "".join(rows))
        with zipfile.ZipFile(path) as z:
            ext = extent.ods_extents(z)["Data"]
        expected = calamine_extent(path)
        assert ((ext.rows, ext.columns) if ext.cells else (0, 0)) == expected, rows


def test_a_large_ordinary_sheet_fits():
    """200.000 rows × 14 columns (the register benchmark) is far within the bounds."""
    assert workbook.fits(extent.Extent(200_000, 14))
    assert workbook.fits(extent.Extent(1_000_000, 10))
