"""Broken and hostile files: a clear Indonesian error, no crash, no hang, nothing written."""

import io
import time
import zipfile

import openpyxl
import pytest

from iku_desktop.exchange.importer import import_file
from tests.conftest import table_dump


def refused(db, path, fragment):
    before = table_dump(db)
    t0 = time.perf_counter()
    r = import_file(path)
    assert time.perf_counter() - t0 < 30  # no hang
    assert not r.report.ok and not r.written
    assert fragment in r.report.errors[0].message, r.report.errors[0].message
    assert table_dump(db) == before


def valid_xlsx_bytes() -> bytes:
    wb = openpyxl.Workbook()
    wb.active.append(["Nomor Badan Hukum", "Tahun Buku", "Volume Usaha", "Aset"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_renamed_pdf_empty_and_truncated(db, tmp_path):
    (tmp_path / "a.xlsx").write_bytes(b"%PDF-1.7\n" + b"x" * 5000)
    refused(db, tmp_path / "a.xlsx", "bukan buku kerja")
    (tmp_path / "b.xlsx").write_bytes(b"")
    refused(db, tmp_path / "b.xlsx", "kosong")
    data = valid_xlsx_bytes()
    (tmp_path / "c.xlsx").write_bytes(data[: len(data) // 2])
    refused(db, tmp_path / "c.xlsx", "rusak atau terpotong")
    (tmp_path / "d.xls").write_bytes(b"not an old workbook" * 100)
    refused(db, tmp_path / "d.xls", "bukan buku kerja Excel 97")


def test_zip_bomb_is_refused_before_reading(db, tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (64 * 1024 * 1024))
    assert path.stat().st_size < 1024 * 1024
    refused(db, path, "zip bomb")


def test_xml_entity_bomb_is_refused(db, tmp_path):
    src = zipfile.ZipFile(io.BytesIO(valid_xlsx_bytes()))
    path = tmp_path / "lol.xlsx"
    bomb = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            + b"".join(f'<!ENTITY lol{i} "{"&lol;" * 10}">'.encode() for i in range(1, 9))
            + b"]>")
    with zipfile.ZipFile(path, "w") as z:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/sharedStrings.xml" or item.filename.endswith("sheet1.xml"):
                body = data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data
                data = bomb + body
            z.writestr(item, data)
    refused(db, path, "entitas XML")


def test_password_protected_workbook(db, tmp_path):
    path = tmp_path / "rahasia.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096)
    refused(db, path, "kata sandi")


def test_ten_thousand_columns(db, tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append([f"K{i}" for i in range(10_000)])
    wb.active.append(list(range(10_000)))
    wb.save(tmp_path / "lebar.xlsx")
    refused(db, tmp_path / "lebar.xlsx", "10000 kolom")


@pytest.mark.slow
def test_a_million_empty_formatted_rows_are_read_quickly(db, tmp_path):
    """A sheet whose million rows carry only formatting: the real rows import, fast."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Tahun", "Nilai"])
    ws.append([2022, "75,5"])
    wb.save(tmp_path / "base.xlsx")
    src = zipfile.ZipFile(tmp_path / "base.xlsx")
    path = tmp_path / "juta.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.endswith("sheet1.xml"):
                rows = "".join(f'<row r="{n}"><c r="A{n}" s="0"/><c r="B{n}" s="0"/></row>'
                               for n in range(3, 1_000_003))
                data = data.replace(b"</sheetData>", rows.encode() + b"</sheetData>")
                data = data.replace(b'<dimension ref="A1:B2"/>', b'<dimension ref="A1:B1000002"/>')
            z.writestr(item, data)
    t0 = time.perf_counter()
    r = import_file(path, kind="sakip")
    assert time.perf_counter() - t0 < 20
    assert r.report.ok, [i.render() for i in r.report.issues]
    assert r.counts["sakip"].added == 1
