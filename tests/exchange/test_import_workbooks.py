"""Importing workbooks as Excel and LibreOffice really write them."""

from datetime import date


from iku_desktop.exchange.importer import import_file
from iku_desktop.store import models as m
from tests.conftest import table_dump

from .workbooks import ods, xls, xlsx

KOP = ["Nomor Badan Hukum", "Nama Koperasi", "Tanggal Badan Hukum", "Kabupaten/Kota",
       "Jenis Koperasi", "Status"]


def test_workbook_with_two_sheets_imports_koperasi_before_their_tahun_buku(db, tmp_path):
    path = xlsx(tmp_path / "kabupaten.xlsx", {
        # the tahun buku sheet comes first in the file: koperasi must still go in first
        "Tahun buku": [
            ["Nomor Badan Hukum", "Tahun Buku", "Tanggal RAT", "RAT Sah", "Volume Usaha",
             "Aset", "Modal Sendiri"],
            ["1/BH", 2021, date(2022, 3, 1), "Ya", 1_000_000, "2.000.000", "=A1"],
            ["1/BH", 2022, 45000, "Ya", "1.100.000", 2_100_000, None],  # RAT as a serial
            [None, None, None, None, None, None, None],  # an empty trailing row
        ],
        "Koperasi": [KOP, ["1/BH", "KSP Satu", "12/08/2008", "Kota Jambi", "Simpan Pinjam",
                           "Aktif"]],
    }, cached={"Tahun buku": {"G2": "500000"}})
    r = import_file(path)
    assert r.report.ok, [i.render() for i in r.report.issues]
    assert r.kinds == ["koperasi-tahunan", "koperasi"]
    assert r.counts["koperasi"].added == 1 and r.counts["koperasi_tahun_buku"].added == 2
    rows = {t.tahun: t for t in m.KoperasiTahunBuku.select()}
    assert rows[2021].modal_sendiri == 500_000  # the formula's cached value
    assert rows[2022].tanggal_rat == date(2023, 3, 15)  # serial 45000
    assert rows[2022].volume_usaha == 1_100_000


def test_an_error_in_the_second_sheet_imports_nothing(db, tmp_path):
    path = xlsx(tmp_path / "k.xlsx", {
        "Koperasi": [KOP, ["1/BH", "KSP", "2010-01-01", "Kota Jambi", "Jasa", "Aktif"]],
        "Tahun buku": [["Nomor Badan Hukum", "Tahun Buku", "Volume Usaha", "Aset"],
                       ["1/BH", 2022, "banyak", 5]],
    })
    before = table_dump(db)
    r = import_file(path)
    err = r.report.errors[0]
    assert (err.sheet, err.row, err.column, err.value) == ("Tahun buku", 2, "Volume Usaha",
                                                           "banyak")
    assert "sheet 'Tahun buku', baris 2, kolom 'Volume Usaha'" in err.render()
    assert table_dump(db) == before


def test_merged_two_row_header_and_hidden_sheet(db, tmp_path):
    m.Koperasi.create(nomor_badan_hukum="1/BH", nama="K", tanggal_badan_hukum=date(2010, 1, 1),
                      kabupaten_id=1, jenis="jasa")
    rows = [["Nomor Badan Hukum", "Tahun Buku", "Anggota", None, "Volume Usaha", "Aset"],
            [None, None, "Laki-laki", "Perempuan", None, None],
            ["1/BH", 2022, 10, 12, 100, 200]]
    path = xlsx(tmp_path / "m.xlsx", {"Data": rows, "Lama": [["x"], ["y"]]}, hidden=("Lama",),
                merged={"Data": ["C1:D1"]})
    r = import_file(path)
    assert r.report.ok, [i.render() for i in r.report.issues]
    t = m.KoperasiTahunBuku.get()
    assert (t.anggota_l, t.anggota_p) == (10, 12)
    assert any("Lama" in i.message and "tersembunyi" in i.message for i in r.report.warnings)


def test_xls_and_ods_are_read(db, tmp_path):
    row = ["1/BH", "KSP", date(2010, 1, 1), "1571", "Jasa", "Aktif"]
    r = import_file(xls(tmp_path / "lama.xls", {"Koperasi": [KOP, row]}))
    assert r.report.ok and r.counts["koperasi"].added == 1
    r = import_file(ods(tmp_path / "libre.ods", {"Koperasi": [KOP, row, ["2/BH", "KSP Dua",
                                                                         date(2011, 2, 3),
                                                                         "15.07", "Jasa",
                                                                         "Aktif"]]}))
    assert r.report.ok, [i.render() for i in r.report.issues]
    assert r.counts["koperasi"].unchanged == 1 and r.counts["koperasi"].added == 1
    assert m.Koperasi.get(m.Koperasi.nomor_badan_hukum == "2/BH").kabupaten.nama == \
        "Kabupaten Tanjung Jabung Timur"  # Kemendagri 15.07 = BPS 1506


def test_ikm_form_export_with_labels(db, tmp_path):
    header = ["Timestamp", "Jenis Layanan", "Jenis Kelamin", "U1 Persyaratan",
              "U2 Prosedur", "U3 Waktu", "U4 Biaya", "U5 Produk", "U6 Kompetensi",
              "U7 Perilaku", "U9 Sarana", "U8 Pengaduan"]
    rows = [header, ["2022-05-05 10:11:12", "Konsultasi", "Perempuan", "Sangat sesuai",
                     "Mudah", "Cepat", "Gratis", "Sesuai", "Kompeten", "Sopan dan ramah",
                     "Baik", "Dikelola dengan baik"],
            ["2022-05-06 09:00:00", "Konsultasi", "Laki-laki", "Sesuai", "Mudah", "Lambat",
             "Gratis", "Sesuai", "Kompeten", "Sopan dan ramah", "Baik", "Tidak ada"]]
    r = import_file(xlsx(tmp_path / "form.xlsx", {"Form Responses 1": rows}))
    err = r.report.errors
    assert len(err) == 1 and (err[0].row, err[0].column, err[0].value) == (3, "U3 Waktu",
                                                                           "Lambat")
    rows[2][5] = "Kurang cepat"
    r = import_file(xlsx(tmp_path / "form2.xlsx", {"Form Responses 1": rows}))
    assert r.report.ok, [i.render() for i in r.report.issues]
    second = m.IkmRespon.select().order_by(m.IkmRespon.id)[1]
    assert (second.u3, second.u8, second.u9) == (2, 1, 3)


def test_cancelling_at_the_last_moment_writes_nothing(db, tmp_path):
    from iku_desktop.exchange.importer import Progress

    path = xlsx(tmp_path / "k.xlsx", {"Koperasi": [KOP, ["1/BH", "KSP", "2010-01-01",
                                                         "Kota Jambi", "Jasa", "Aktif"]]})
    stages = []
    before = table_dump(db)
    r = import_file(path, progress=Progress(lambda s, d, t: stages.append(s),
                                            lambda: "Menyelesaikan" in stages))
    assert r.cancelled and not r.written and table_dump(db) == before
    assert stages[0] == "Membaca berkas" and stages[-1] == "Menyelesaikan"
