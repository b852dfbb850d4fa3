"""Identifiers, codes and text as offices type them into Excel (rule book §6): a number cell
is read through its integer, a 16-digit number cell has lost a digit, only ASCII digits,
no control characters, nothing past what can be stored."""

from __future__ import annotations

import math
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest

from iku_desktop.cli import main as cli
from iku_desktop.exchange import cells
from iku_desktop.exchange.cells import CellError
from iku_desktop.exchange.importer import import_file
from iku_desktop.services import editing
from iku_desktop.store import models as m
from tests.conftest import table_dump

from .workbooks import xlsx

# a valid NIK: Kota Jambi (15 71), kecamatan 01, born 01-01-90, sequence 0003
NIK = "1571010101900003"
USAHA = ["Nama Usaha", "Nama Pemilik", "NIK Pemilik", "Kabupaten/Kota", "Tanggal Terdata",
         "NIB", "Tanggal NIB", "Nomor IUMK"]


# --- number cells are read through their integer -----------------------------------------

def test_a_13_digit_nib_in_a_number_cell_is_exact():
    assert cells.parse_nib(1234567890123.0) == "1234567890123"
    assert cells.parse_nib(1234567890123) == "1234567890123"


def test_a_12_digit_number_cell_is_not_a_nib_and_is_never_padded():
    # read through its text form, 123456789012.0 became the 13 digits 1234567890120
    with pytest.raises(CellError, match=r"13 digit \(terisi 12 digit\).*Teks"):
        cells.parse_nib(123456789012.0)


@pytest.mark.parametrize("value", [1571010101900003.0, 1571010101900003,
                                   Decimal("1571010101900003")])
def test_a_16_digit_nik_in_a_number_cell_has_lost_its_last_digit(value):
    with pytest.raises(CellError, match="15 digit.*hilang.*Teks"):
        cells.parse_nik(value)


@pytest.mark.parametrize("typed", ["1,57101E+15", "1.57101E+15", "1.57101e+15", "1,57101E15"])
def test_scientific_notation_written_by_excel_into_a_csv_is_refused(typed):
    with pytest.raises(CellError, match="notasi ilmiah.*Teks"):
        cells.parse_nik(typed)
    with pytest.raises(CellError, match="notasi ilmiah"):
        cells.parse_nib(typed)


@pytest.mark.parametrize("value,bps", [(1509, "1509"), (1509.0, "1509"), ("1509", "1509"),
                                       (15.07, "1506"), ("15.07", "1506"), (15.71, "1571")])
def test_kabupaten_codes_typed_as_numbers_map_like_their_text(value, bps):
    # BPS 1509 is Bungo; Kemendagri 15.07 is Tanjung Jabung Timur (BPS 1506)
    assert cells.parse_kabupaten(value).bps == bps


@pytest.mark.parametrize("value", [1509.5, 15.071, -1509, True, date(2022, 1, 1),
                                   float("nan"), float("inf")])
def test_kabupaten_numbers_that_are_no_code_are_refused(value):
    with pytest.raises(CellError):
        cells.parse_kabupaten(value)


@pytest.mark.parametrize("parse", [cells.parse_code("Nomor badan hukum"),
                                   cells.parse_code("Nomor IUMK")])
def test_free_text_identifiers_read_a_number_cell_through_its_integer(parse):
    assert parse(518.0) == "518"
    assert parse(" 518.08/96/BH ") == "518.08/96/BH"


def test_nik_koperasi_is_digits_whatever_the_cell():
    parse = cells.parse_digits("NIK koperasi")
    assert parse(1234567.0) == "1234567"
    assert parse("12.345 67") == "1234567"
    with pytest.raises(CellError, match="0–9"):
        parse("١٢٣")


# --- ASCII digits only ---------------------------------------------------------------------

@pytest.mark.parametrize("nik", [
    "15710101019²0003",  # a superscript in the sequence
    "1571010²01900003",  # a superscript in the birth date (crashed the import)
    "１５７１０１０１０１９０００３",  # fullwidth
    "١٥٧١٠١٠١٠١٩٠٠٠٠٣",  # Arabic-Indic
])
def test_only_ascii_digits_make_a_nik(nik):
    with pytest.raises(CellError, match="0–9"):
        cells.parse_nik(nik)


@pytest.mark.parametrize("value", ["١٢٣", "１２３", "1²3"])
def test_only_ascii_digits_make_a_number(value):
    for parse in (cells.parse_rupiah, cells.parse_int, cells.parse_score):
        with pytest.raises(CellError):
            parse(value)


def test_only_ascii_digits_make_a_date():
    with pytest.raises(CellError):
        cells.parse_date("٠١/٠١/٢٠٢٢")


# --- control characters --------------------------------------------------------------------

@pytest.mark.parametrize("value", ["KSP\x00Satu", "KSP\x1bSatu", "KSP\x07", "KSP_x0007_",
                                   "KSP\x7f", "KSP\x85\x90"])
def test_control_characters_are_refused(value):
    with pytest.raises(CellError, match="karakter kendali"):
        cells.text(value)


def test_white_space_is_folded_not_refused():
    assert cells.text(" KSP\tSatu\r\n  Jambi\u00a0 ") == "KSP Satu Jambi"


# --- what can be stored --------------------------------------------------------------------

@pytest.mark.parametrize("value", [2**63, 10**19, "10.000.000.000.000.000.000", 1e19,
                                   -(2**63), float("inf"), float("nan")])
def test_rupiah_beyond_what_is_kept_is_refused(value):
    with pytest.raises(CellError):
        cells.parse_rupiah(value, allow_negative=True)


def test_the_largest_rupiah_kept_is_exact():
    assert cells.parse_rupiah("999.999.999.999.999") == 10**15 - 1
    assert cells.parse_rupiah(999_999_999_999_999.0) == 10**15 - 1


@pytest.mark.parametrize("value", [10**30, "1" * 40, float("inf"), float("nan"), 1e300])
def test_counts_and_scores_beyond_range_are_refused(value):
    with pytest.raises(CellError):
        cells.parse_int(value, 0)
    with pytest.raises(CellError):
        cells.parse_score(value)


EVERY_TYPE = [None, "", " ", True, False, 0, -1, 3, 2**70, 1.5, -0.0, 1e300, float("nan"),
              float("inf"), float("-inf"), Decimal("NaN"), Decimal("1E+400"), date(2022, 1, 1),
              datetime(2022, 1, 1, 12), time(12, 30), timedelta(days=3), "\x00", "_x0007_",
              "²", "#DIV/0!", "=A1"]


def test_every_parser_refuses_every_excel_type_with_a_cell_error_only():
    """A parser raises CellError (the importer names the cell) and nothing else."""
    from iku_desktop.exchange.kinds import KINDS

    parsers = {(k, c.key): c.parse for k, kind in KINDS.items() for c in kind.SPEC.columns}
    for (kind, key), parse in parsers.items():
        for value in EVERY_TYPE:
            if cells.is_blank(value):
                continue
            try:
                parse(value)
            except CellError:
                pass
            except Exception as exc:  # noqa: BLE001 - the test is about which error
                pytest.fail(f"{kind}.{key} raised {type(exc).__name__} on {value!r}: {exc}")


# --- the editing service reads cells alike -------------------------------------------------

def test_the_window_refuses_what_the_importer_refuses(db):
    k = m.Kabupaten.get(m.Kabupaten.bps == "1571")
    u = m.UsahaKecil.create(nama_usaha="Keripik", nama_pemilik="Ani", kabupaten=k.id,
                            tanggal_terdata=date(2021, 1, 1))
    before = table_dump(db)
    for name, raw in (("nib", "12345678901²3"), ("nik_pemilik", "1,57101E+15"),
                      ("nomor_iumk", "IUMK\x07"), ("modal_usaha", str(10**19))):
        with pytest.raises(editing.EditError):
            editing.prepare_edit("usaha_kecil", u.id, name, raw)
    assert table_dump(db) == before


# --- end to end: a workbook typed as offices type it ---------------------------------------

def _usaha_workbook(tmp_path, rows):
    return xlsx(tmp_path / "usaha kecil #1.xlsx", {"Usaha": [USAHA, *rows]})


def test_import_of_numeric_codes_and_identifiers_stores_exactly_what_the_cells_hold(db, tmp_path):
    path = _usaha_workbook(tmp_path, [
        ["Keripik", "Ani", NIK, 1571, date(2021, 2, 1), 1234567890123, date(2022, 3, 1), 4455.0],
        ["Tenun", "Budi", None, 15.07, date(2021, 2, 1), "9120001234567", date(2022, 3, 1),
         None],
        ["Kopi", "Cici", None, 1509.0, date(2021, 2, 1), None, None, "503/12/IUMK"],
    ])
    r = import_file(path)
    assert r.report.ok, [i.render() for i in r.report.issues]
    got = {u.nama_usaha: u for u in m.UsahaKecil.select()}
    assert got["Keripik"].nib == "1234567890123" and got["Keripik"].nomor_iumk == "4455"
    assert got["Keripik"].nik_pemilik == NIK and got["Keripik"].kabupaten.bps == "1571"
    assert got["Tenun"].kabupaten.bps == "1506" and got["Tenun"].nib == "9120001234567"
    assert got["Kopi"].kabupaten.bps == "1509" and got["Kopi"].nomor_iumk == "503/12/IUMK"


def test_import_names_the_cell_of_each_identifier_it_cannot_trust(db, tmp_path):
    path = _usaha_workbook(tmp_path, [
        ["Keripik", "Ani", None, 1571, date(2021, 2, 1), 123456789012, date(2022, 3, 1), None],
        ["Tenun", "Budi", 1571010101900003, 1571, date(2021, 2, 1), None, None, None],
        ["Kopi", "Cici_x001B_", None, 1571, date(2021, 2, 1), None, None, None],
    ])
    before = table_dump(db)
    r = import_file(path)
    assert not r.report.ok
    errors = {(i.row, i.column): i.message for i in r.report.errors}
    assert "13 digit (terisi 12 digit)" in errors[(2, "NIB")]
    assert "15 digit" in errors[(3, "NIK Pemilik")] and "Teks" in errors[(3, "NIK Pemilik")]
    assert "karakter kendali" in errors[(4, "Nama Pemilik")]
    assert table_dump(db) == before


def test_cli_import_of_a_workbook_with_numeric_cells(db_path, tmp_path, capsys):
    path = _usaha_workbook(tmp_path, [
        ["Keripik", "Ani", NIK, 1571, date(2021, 2, 1), 1234567890123, date(2022, 3, 1), None],
    ])
    assert cli(["--db", str(db_path), "import", str(path)]) == 0, capsys.readouterr().err
    from iku_desktop.store.database import open_database

    database = open_database(db_path)
    try:
        u = m.UsahaKecil.get()
        assert (u.nib, u.kabupaten.bps, u.nik_pemilik) == ("1234567890123", "1571", NIK)
    finally:
        database.close()


def test_scores_from_floats_keep_what_excel_shows():
    assert cells.parse_score(24.5) == Decimal("24.5")
    assert math.isclose(float(cells.parse_score("24,50")), 24.5)


@pytest.mark.parametrize("parse,typed,expected", [
    (cells.parse_nib, "1234567890123.0", "1234567890123"),
    (cells.parse_digits("NIK koperasi"), "1234.0", "1234"),
    (cells.parse_code("Nomor IUMK"), " 4455.0 ", "4455"),
])
def test_the_text_form_of_a_number_is_read_like_the_number(parse, typed, expected):
    """A CSV written from a float ("123456789012.0"): the ".0" is no separator."""
    assert parse(typed) == expected


def test_the_text_form_of_a_12_digit_number_is_no_nib():
    # read with the ".0" as a separator it became the 13 digits 1234567890120
    with pytest.raises(CellError, match=r"terisi 12 digit.*Teks"):
        cells.parse_nib("123456789012.0")
    with pytest.raises(CellError, match="15 digit"):
        cells.parse_nik("1571010101900003.0")
    assert cells.parse_kabupaten("1509.0").bps == "1509"


def test_a_refused_nib_is_not_also_called_missing(db, tmp_path):
    path = _usaha_workbook(tmp_path, [
        ["Keripik", "Ani", None, 1571, date(2021, 2, 1), "12345", date(2022, 3, 1), None]])
    r = import_file(path)
    assert [(i.column, "13 digit" in i.message) for i in r.report.errors] == [("NIB", True)]


def test_a_new_koperasi_in_the_window_reads_its_nomor_like_the_importer(db):
    with pytest.raises(editing.EditError, match="notasi ilmiah"):
        editing.prepare_koperasi("5.18E+08", "KSP", "01/02/2019", "Kota Jambi", "Jasa")


@pytest.mark.parametrize("value", ["518/\x1c/BH", "KSP\x1fSatu", "KSP\u200bSatu",
                                   "\ufeffKSP", "KSP \u202eutaS"])
def test_separators_and_invisible_characters_are_refused_not_folded(value):
    with pytest.raises(CellError, match="karakter kendali"):
        cells.text(value)


def test_a_number_cell_is_quoted_without_a_decimal_point(db, tmp_path):
    path = _usaha_workbook(tmp_path, [
        ["Keripik", "Ani", None, 1571, date(2021, 2, 1), 123456789012, date(2022, 3, 1), None]])
    [err] = import_file(path).report.errors
    assert err.value == "123456789012"
