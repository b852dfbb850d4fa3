"""``iku import``: validation before writing, upsert by natural key, reports."""

from datetime import date
from decimal import Decimal

import pytest

from iku_desktop.exchange.importer import import_file
from iku_desktop.store import models as m
from tests.conftest import table_dump, write_csv

KOP_HEADER = ["Nomor Badan Hukum", "Nama Koperasi", "Tanggal Badan Hukum", "Kabupaten/Kota",
              "Jenis Koperasi", "Status", "Tanggal Bubar", "NIK Koperasi", "Alamat"]
KOP_ROWS = [
    ["518.08/96/BH/XIV.10/VIII/2008", "KSP Maju Bersama", "12/08/2008", "Kota Jambi",
     "Simpan Pinjam", "Aktif", "", "1571000001", "Jl. Sudirman"],
    ["12/BH/XIV.10/2015", "Koperasi Konsumen Tebo", "2015-03-01", "15.09", "Konsumen",
     "Tidak Aktif", "", "", ""],
    ["33/BH/XIV.10/2001", "Koperasi Tani", "01/02/2001", "1506", "Produsen", "Dibubarkan",
     "30/06/2021", "", ""],
]
TB_HEADER = ["Nomor Badan Hukum", "Tahun Buku", "Tanggal RAT", "RAT Sah", "Anggota Laki-laki",
             "Anggota Perempuan", "Volume Usaha", "Aset", "Modal Sendiri", "Modal Luar", "SHU"]


def import_koperasi(tmp_path, **kw):
    return import_file(write_csv(tmp_path / "kop.csv", KOP_HEADER, KOP_ROWS, **kw))


def test_koperasi_import_and_codes(db, tmp_path):
    r = import_koperasi(tmp_path, sep=";", bom=True)
    assert r.report.ok, [i.render() for i in r.report.issues]
    assert r.kinds == ["koperasi"] and r.counts["koperasi"].added == 3
    tebo = m.Koperasi.get(m.Koperasi.nomor_badan_hukum == "12/BH/XIV.10/2015")
    assert tebo.kabupaten.nama == "Kabupaten Tebo"  # Kemendagri 15.09 = Tebo (BPS 1508)
    tanjab = m.Koperasi.get(m.Koperasi.nomor_badan_hukum == "33/BH/XIV.10/2001")
    assert tanjab.kabupaten.nama == "Kabupaten Tanjung Jabung Timur"  # BPS 1506
    assert tanjab.tanggal_bubar == date(2021, 6, 30)


def test_reimport_changes_nothing(db, tmp_path):
    import_koperasi(tmp_path)
    before = table_dump(db)
    r = import_koperasi(tmp_path)
    assert r.counts["koperasi"].unchanged == 3 and not r.written
    after = table_dump(db)
    assert before == after  # not even updated_at moved


def test_tahun_buku_import_with_rupiah_separators(db, tmp_path):
    import_koperasi(tmp_path)
    path = write_csv(tmp_path / "tb.csv", TB_HEADER, [
        ["518.08/96/BH/XIV.10/VIII/2008", "2021", "15/03/2022", "Ya", "10", "12",
         "1.250.000", "2.000.000", "-500.000", "", "Rp 10.000"],
        ["518.08/96/BH/XIV.10/VIII/2008", "2022", "", "", "", "", "1300000", "2100000", "", "", ""],
    ], sep=";")
    r = import_file(path)
    assert r.report.ok, [i.render() for i in r.report.issues]
    rows = {t.tahun: t for t in m.KoperasiTahunBuku.select()}
    assert rows[2021].volume_usaha == 1_250_000 and rows[2021].modal_sendiri == -500_000
    assert rows[2021].shu == 10_000 and rows[2022].tanggal_rat is None and rows[2022].rat_sah


@pytest.mark.parametrize("row_change,column,fragment", [
    ({6: "-5"}, "Volume Usaha", "negatif"),
    ({7: "dua juta"}, "Aset", "bilangan bulat"),
    ({0: "TIDAK/ADA"}, "Nomor Badan Hukum", "tidak ada pada register"),
    ({2: "31/02/2022"}, "Tanggal RAT", "kalender"),
    ({2: "01/01/2099"}, "Tanggal RAT", "masa depan"),
    ({3: "mungkin"}, "RAT Sah", "Ya atau Tidak"),
])
def test_bad_cell_refuses_the_whole_file(db, tmp_path, row_change, column, fragment):
    import_koperasi(tmp_path)
    good = ["518.08/96/BH/XIV.10/VIII/2008", "2021", "15/03/2022", "Ya", "1", "1", "100",
            "200", "", "", ""]
    bad = list(good)
    bad[1] = "2022"
    for i, v in row_change.items():
        bad[i] = v
    before = table_dump(db)
    r = import_file(write_csv(tmp_path / "tb.csv", TB_HEADER, [good, bad]))
    assert not r.report.ok and not r.written
    err = r.report.errors[0]
    assert (err.row, err.column) == (3, column) and fragment in err.message
    assert table_dump(db) == before  # nothing written, not even the good row


def test_missing_required_column_and_unknown_column(db, tmp_path):
    header = [h for h in KOP_HEADER if h != "Status"] + ["Catatan"]
    rows = [[c for i, c in enumerate(r) if KOP_HEADER[i] != "Status"] + ["x"] for r in KOP_ROWS]
    r = import_file(write_csv(tmp_path / "k.csv", header, rows), kind="koperasi")
    assert any(i.code == "missing_column" and i.column == "Status" for i in r.report.errors)
    assert any(i.code == "unknown_column" and i.column == "Catatan" for i in r.report.warnings)
    assert m.Koperasi.select().count() == 0


def test_dissolved_needs_its_date_and_duplicates_are_named(db, tmp_path):
    rows = [list(KOP_ROWS[2]), list(KOP_ROWS[0]), list(KOP_ROWS[0])]
    rows[0][6] = ""
    r = import_file(write_csv(tmp_path / "k.csv", KOP_HEADER, rows))
    msgs = {(i.row, i.code) for i in r.report.errors}
    assert (2, "required") in msgs and (4, "duplicate_key") in msgs


def test_headers_match_ignoring_case_spaces_and_punctuation(db, tmp_path):
    header = ["NOMOR_BADAN_HUKUM", "nama koperasi", "Tanggal Badan-Hukum", "KABUPATEN KOTA",
              "jenis koperasi", " status "]
    rows = [r[:6] for r in KOP_ROWS[:2]]
    r = import_file(write_csv(tmp_path / "k.csv", header, rows))
    assert r.report.ok and r.counts["koperasi"].added == 2


USAHA_HEADER = ["Nama Usaha", "Nama Pemilik", "NIK Pemilik", "Kabupaten/Kota", "Alamat", "Sektor",
                "Modal Usaha", "Hasil Penjualan Tahunan", "Tanggal Terdata", "Tanggal Tutup",
                "NIB", "Tanggal NIB", "Nomor IUMK", "Tanggal IUMK"]


def usaha(nama, nib="", nik="", modal="2.000.000.000", tnib=""):
    return [nama, "Siti", nik, "Kab. Muaro Jambi", "", "Kuliner", modal, "", "01/02/2021", "",
            nib, tnib, "", ""]


def test_usaha_kecil_import_identifiers_and_warnings(db, tmp_path):
    rows = [usaha("Keripik A", nib="9120001234567", tnib="03/03/2021"),
            usaha("Keripik B", nik="1505014101900003", modal="500.000.000"),
            usaha("Keripik C", nib="9120001234568")]
    r = import_file(write_csv(tmp_path / "u.csv", USAHA_HEADER, rows))
    assert r.report.ok, [i.render() for i in r.report.errors]
    codes = {(i.row, i.code) for i in r.report.warnings}
    assert (3, "not_kecil") in codes  # modal 500 juta → mikro (PP 7/2021)
    assert (4, "missing_date") in codes
    assert m.UsahaKecil.select().count() == 3
    assert import_file(tmp_path / "u.csv").counts["usaha_kecil"].unchanged == 3


@pytest.mark.parametrize("field,value,fragment", [
    (10, "912000123456", "13 digit"), (2, "1505013102900003", "Tanggal lahir"),
    (3, "Kabupaten Bogor", "bukan nama kabupaten"), (6, "1,5 M", "bilangan bulat"),
])
def test_usaha_kecil_bad_identifiers(db, tmp_path, field, value, fragment):
    row = usaha("X")
    row[field] = value
    r = import_file(write_csv(tmp_path / "u.csv", USAHA_HEADER, [row]))
    assert not r.report.ok and fragment in r.report.errors[0].message
    assert r.report.errors[0].column == USAHA_HEADER[field]


def test_errors_come_row_by_row_in_column_order_and_name_the_cell(db, tmp_path):
    """Cells are parsed a column at a time; the report still reads row by row, left to
    right, each error naming its row, column and value — and the good rows around the
    bad ones are neither reported nor written."""
    rows = [usaha("Baik 1"), usaha("Baik 2"), usaha("Buruk 1"), usaha("Baik 3"), usaha("")]
    rows[2][8] = "31/02/2021"  # no such date
    rows[2][10] = "12345"  # NIB too short
    rows[2][0] = "  "  # required, blank
    rows[4][6] = "-5"  # negative modal (and the name is blank)
    r = import_file(write_csv(tmp_path / "u.csv", USAHA_HEADER, rows))
    got = [(i.row, i.column, i.code, i.value) for i in r.report.errors]
    assert got == [
        (4, "Nama Usaha", "required", None),
        (4, "Tanggal Terdata", "invalid", "31/02/2021"),
        (4, "NIB", "invalid", "12345"),
        (6, "Nama Usaha", "required", None),
        (6, "Modal Usaha", "invalid", "-5"),
    ]
    assert m.UsahaKecil.select().count() == 0


SAKIP_HEADER = ["Tahun", "Skema", "Perencanaan Kinerja", "Pengukuran Kinerja", "Pelaporan Kinerja",
                "Evaluasi Akuntabilitas Kinerja Internal", "Capaian Kinerja", "Nilai", "Predikat",
                "Nomor LHE", "Tanggal LHE"]


def test_sakip_import_checks_scheme_maximum_and_predikat(db, tmp_path):
    good = ["2022", "88/2021", "24,50", "22,10", "11,25", "18,00", "", "", "BB", "700/1/LHE",
            "15/03/2023"]
    r = import_file(write_csv(tmp_path / "s.csv", SAKIP_HEADER, [good]))
    assert r.report.ok, [i.render() for i in r.report.errors]
    assert m.Sakip.get().perencanaan == Decimal("24.50")
    bad = [["2023", "88/2021", "31", "22", "11", "18", "", "", "", "", ""],
           ["2021", "88/2021", "20", "20", "10", "20", "", "", "A", "", ""],
           ["2020", "88/2021", "20", "20", "10", "20", "15", "", "", "", ""],
           ["2019", "12/2015", "", "", "", "", "", "90,00", "AA", "", ""]]
    r = import_file(write_csv(tmp_path / "s2.csv", SAKIP_HEADER, bad))
    by_row = {i.row: i.message for i in r.report.errors}
    assert "melebihi" in by_row[2] and "bukan A" in by_row[3]
    assert "tidak ada pada skema" in by_row[4] and "bukan AA" in by_row[5]
    # a score over its maximum is named in its own column, once
    assert [(i.column, i.code) for i in r.report.errors if i.row == 2] == [
        ("Perencanaan Kinerja", "inconsistent")]


IKM_HEADER = ["Survei", "Tanggal", "Jenis Layanan", "Jenis Kelamin", "Umur", "Pendidikan",
              "Pekerjaan", "U1 Persyaratan", "U2", "U3", "U4", "U5", "U6", "U7",
              "U9 Sarana dan Prasarana", "U8 Penanganan Pengaduan"]


def test_ikm_import_keys_by_unsur_accepts_labels_and_skips_same_file(db, tmp_path):
    rows = [["", "05/05/2022", "Konsultasi", "Perempuan", "34", "S1", "Wirausaha",
             "4", "3", "3", "Gratis", "3", "3", "3", "baik", "Dikelola dengan baik"],
            ["", "2022-06-01", "Konsultasi", "L", "50", "SMA", "PNS",
             "3", "3", "3", "4", "3", "", "3", "2", "1"]]
    path = write_csv(tmp_path / "ikm.csv", IKM_HEADER, rows)
    r = import_file(path)
    assert r.report.ok, [i.render() for i in r.report.errors]
    resp = list(m.IkmRespon.select().order_by(m.IkmRespon.id))
    assert (resp[0].u4, resp[0].u8, resp[0].u9) == (4, 4, 3)  # U9 column comes before U8
    assert (resp[1].u8, resp[1].u9, resp[1].u6) == (1, 2, None)
    assert resp[0].pendidikan == "D4/S1" and resp[0].jenis_kelamin == "P"
    assert m.IkmSurvei.get().nama == "SKM 2022"
    again = import_file(path)
    assert any(i.code == "already_imported" for i in again.report.warnings)
    assert m.IkmRespon.select().count() == 2


def test_ikm_unknown_label_names_the_cell(db, tmp_path):
    row = ["", "05/05/2022", "Konsultasi", "", "", "", "", "Sangat puas", "3", "3", "3", "3",
           "3", "3", "3", "3"]
    r = import_file(write_csv(tmp_path / "ikm.csv", IKM_HEADER, [row]))
    err = r.report.errors[0]
    assert (err.row, err.column, err.value) == (2, "U1 Persyaratan", "Sangat puas")


def test_broken_files(db, tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert "kosong" in import_file(empty).report.errors[0].message
    binary = tmp_path / "x.csv"
    binary.write_bytes(b"PK\x03\x04\x00\x00" + bytes(range(256)) * 10)
    assert not import_file(binary).report.ok
    unknown = write_csv(tmp_path / "u.csv", ["a", "b"], [["1", "2"]])
    assert import_file(unknown).report.errors[0].code == "unknown_kind"
    assert not import_file(tmp_path / "tidak-ada.csv").report.ok
    xlsx = tmp_path / "data.xlsx"
    xlsx.write_bytes(b"PK")
    assert "bukan buku kerja" in import_file(xlsx).report.errors[0].message


def test_dry_run_writes_nothing(db, tmp_path):
    before = table_dump(db)
    r = import_file(write_csv(tmp_path / "k.csv", KOP_HEADER, KOP_ROWS), dry_run=True)
    assert r.report.ok and not r.written and table_dump(db) == before


def test_windows_1252_csv_is_read_with_a_warning(db, tmp_path):
    path = tmp_path / "k.csv"
    text = ";".join(KOP_HEADER) + "\r\n" + ";".join(KOP_ROWS[0][:8]) + ";Jl. Café\r\n"
    path.write_bytes(text.encode("cp1252"))
    r = import_file(path)
    assert r.report.ok and any(i.code == "encoding" for i in r.report.warnings)
    assert m.Koperasi.get().alamat == "Jl. Café"


def test_a_district_office_imports_only_its_own_area(db, tmp_path):
    from iku_desktop.services import office

    office.set_office("1505")  # Kabupaten Muaro Jambi
    rows = [usaha("Keripik Muaro"), usaha("Keripik Kota")]
    rows[1][3] = "Kota Jambi"
    r = import_file(write_csv(tmp_path / "u.csv", USAHA_HEADER, rows))
    assert [(i.row, i.code, i.column) for i in r.report.errors] == \
        [(3, "not_owned", "Kabupaten/Kota")]
    assert "bukan wilayah kantor Kabupaten Muaro Jambi" in r.report.errors[0].message
    assert m.UsahaKecil.select().count() == 0
    r = import_file(write_csv(tmp_path / "u.csv", USAHA_HEADER, rows[:1]))
    assert r.written and m.UsahaKecil.get().origin == "1505"
    r = import_file(write_csv(tmp_path / "s.csv", SAKIP_HEADER,
                              [["2022", "88/2021", "24", "22", "11", "18", "", "", "", "", ""]]))
    assert not r.written and r.report.errors[0].code == "not_owned"
