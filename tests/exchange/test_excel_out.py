"""Templates, exports (round trip, formula injection) and the errors-out workbook."""

from datetime import date

import openpyxl
import pytest

from iku_desktop.exchange import export, templates
from iku_desktop.exchange.errors_out import write_errors
from iku_desktop.exchange.importer import import_file
from iku_desktop.exchange.kinds import KINDS
from iku_desktop.store import models as m
from tests.conftest import table_dump

from .workbooks import xlsx


@pytest.mark.parametrize("kind", templates.TEMPLATE_KINDS)
def test_each_template_has_guide_dropdowns_and_imports_back_empty(db, tmp_path, kind):
    path = templates.write_template(kind, tmp_path / f"{kind}.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[0] == "Petunjuk" and wb["Daftar"].sheet_state == "hidden"
    kinds = list(KINDS) if kind == "all" else [kind]
    data_sheets = [templates.SHEET_TITLES[k] for k in kinds]
    assert [s for s in wb.sheetnames if s not in ("Petunjuk", "Daftar")] == data_sheets
    for k, title in zip(kinds, data_sheets):
        ws = wb[title]
        headers = [c.value for c in ws[1]]
        assert headers == [c.header for c in KINDS[k].SPEC.columns if c.key != "uuid"]
        assert ws.freeze_panes == "A2"
        wanted = [c for c in KINDS[k].SPEC.columns if c.choices]
        assert len(ws.data_validations.dataValidation) == len(wanted)
        assert all(dv.formula1.startswith("'Daftar'!") for dv in ws.data_validations.dataValidation)
    guide = " ".join(str(c.value) for row in wb["Petunjuk"].iter_rows() for c in row if c.value)
    assert "wajib" in guide and "dd/mm/yyyy" in guide
    before = table_dump(db)
    r = import_file(path)
    assert r.report.ok and not r.written and table_dump(db) == before


def test_template_dropdown_lists_hold_the_closed_lists(db, tmp_path):
    path = templates.write_template("koperasi", tmp_path / "k.xlsx")
    wb = openpyxl.load_workbook(path)
    lists = [[c.value for c in col if c.value] for col in wb["Daftar"].iter_cols()]
    assert "Kabupaten Tanjung Jabung Timur" in lists[0] and len(lists[0]) == 11
    assert lists[1] == ["Simpan Pinjam", "Konsumen", "Produsen", "Pemasaran", "Jasa"]
    assert wb["Koperasi"].column_dimensions["C"].number_format == "DD/MM/YYYY"


def filled_register():
    kab = m.Kabupaten.get(m.Kabupaten.bps == "1571").id
    k = m.Koperasi.create(nomor_badan_hukum="=HYPERLINK(\"http://x\")", nama="+KSP -1 @x",
                          tanggal_badan_hukum=date(2010, 1, 1), kabupaten_id=kab, jenis="jasa",
                          alamat="-")
    m.KoperasiTahunBuku.create(koperasi=k, tahun=2022, volume_usaha=1_250_000, aset=9,
                               tanggal_rat=date(2023, 3, 1), modal_sendiri=-5)
    m.UsahaKecil.create(nama_usaha="Warung", nama_pemilik="Siti", kabupaten_id=kab,
                        tanggal_terdata=date(2022, 1, 1), nib="9120001234567",
                        tanggal_nib=date(2022, 2, 2), modal_usaha=2_000_000_000)
    m.Sakip.create(tahun=2022, perencanaan=24.5, pengukuran=22.1, pelaporan=11.25,
                   evaluasi_internal=18, nomor_lhe="700/1")
    s = m.IkmSurvei.create(nama="SKM 2022", tahun=2022, populasi=100)
    m.IkmRespon.create(survei=s, tanggal=date(2022, 5, 5), jenis_layanan="Konsultasi",
                       u1=4, u2=3, u3=3, u4=4, u5=3, u6=3, u7=4, u8=1, u9=2)


@pytest.mark.parametrize("kind", list(KINDS))
def test_export_reimported_unchanged_changes_nothing(db, tmp_path, kind):
    filled_register()
    path = tmp_path / f"{kind}.xlsx"
    assert export.export(kind, path) >= 1
    before = table_dump(db)
    r = import_file(path)
    assert r.report.ok, [i.render() for i in r.report.errors]
    assert not r.written and all(c.added == c.updated == 0 for c in r.counts.values())
    assert table_dump(db) == before


def test_text_that_looks_like_a_formula_stays_text(db, tmp_path):
    filled_register()
    path = tmp_path / "k.xlsx"
    export.export("koperasi", path)
    ws = openpyxl.load_workbook(path)["Koperasi"]
    cell = ws["A2"]
    assert cell.value.startswith("=HYPERLINK") and cell.data_type == "s"
    assert ws["B2"].data_type == "s" and ws["I2"].value == "-"


def test_capaian_export(db, tmp_path):
    path = tmp_path / "c.xlsx"
    assert export.export("capaian", path, year=2023) == 4
    ws = openpyxl.load_workbook(path)["Capaian IKU"]
    assert [c.value for c in ws[1]][:8] == ["No", "Sasaran Strategis", "Indikator Kinerja Utama",
                                           "Satuan", "Target 2023", "Realisasi 2023",
                                           "Capaian (%)", "Kategori capaian"]
    with pytest.raises(ValueError, match="di luar periode"):
        export.export("capaian", path, year=2031)


def test_errors_out_marks_the_rows_to_fix(db, tmp_path):
    head = ["Nomor Badan Hukum", "Nama Koperasi", "Tanggal Badan Hukum", "Kabupaten/Kota",
            "Jenis Koperasi", "Status"]
    path = xlsx(tmp_path / "kirim.xlsx", {"Koperasi": [
        head, ["1/BH", "A", "01/01/2010", "Kota Jambi", "Jasa", "Aktif"],
        ["2/BH", "B", "kemarin", "Kota Bogor", "Jasa", "Aktif"]]})
    r = import_file(path)
    out = tmp_path / "perbaiki.xlsx"
    assert write_errors(r.tables, r.report, out) == 1
    ws = openpyxl.load_workbook(out)["Koperasi"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[0][-2:] == ["Kesalahan", "Baris asal"]
    assert len(rows) == 2 and rows[1][0] == "2/BH" and rows[1][-1] == 3  # the bad row only
    assert "Tanggal Badan Hukum" in rows[1][-2] and "Kabupaten/Kota" in rows[1][-2]


def test_cli_template_export_and_errors_out(db_path, tmp_path, capsys):
    from iku_desktop.cli import main

    db = str(db_path)
    assert main(["template", "usaha-kecil", "-o", str(tmp_path / "t.xlsx")]) == 0
    assert main(["--db", db, "export", "capaian", "--year", "2022", "-o",
                 str(tmp_path / "c.xlsx")]) == 0
    bad = xlsx(tmp_path / "bad.xlsx", {"Usaha": [
        ["Nama Usaha", "Nama Pemilik", "Kabupaten/Kota", "Tanggal Terdata", "NIB"],
        ["Warung", "Siti", "Kota Jambi", "01/01/2022", "123"]]})
    fix = tmp_path / "fix.xlsx"
    assert main(["--db", db, "import", str(bad), "--errors-out", str(fix)]) == 1
    assert "fix.xlsx" in capsys.readouterr().err and fix.exists()
