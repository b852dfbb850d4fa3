"""Rule book §2: a year not yet reported is unknown, not zero; koperasi that do not legally
exist in the year are outside its scope. Golden cases worked out by hand."""

from datetime import date
from decimal import Decimal

from iku_desktop.domain.koperasi import (
    JenisKoperasi, Koperasi, KoperasiCount, Kualitas, StatusKoperasi, TahunBuku,
    classify_koperasi, count_koperasi_berkualitas, persentase_berkualitas,
)

Y = 2023


def kop(i, bh=date(2010, 1, 1), status=StatusKoperasi.AKTIF, bubar=None, bps="1571"):
    return Koperasi(i, bps, JenisKoperasi.JASA, status, bh, bubar)


def tb(tahun, vu, aset, rat=True):
    return TahunBuku(tahun, date(tahun + 1, 3, 1) if rat else None, True, vu, aset)


def province(koperasi, books, year=Y, hanya_aktif=False):
    groups = count_koperasi_berkualitas(koperasi, books, year, hanya_aktif)
    total = sum(groups.values(), KoperasiCount())
    return total, persentase_berkualitas(total, year)


def test_no_tahun_buku_row_for_the_year_is_unknown_not_zero():
    # three koperasi reported 2022; nobody has reported 2023 yet
    koperasi = [kop(1), kop(2), kop(3)]
    books = {i: {Y - 1: tb(Y - 1, 100, 100)} for i in (1, 2, 3)}
    total, value = province(koperasi, books)
    assert (total.jumlah, total.meningkat, total.dilaporkan) == (3, 0, 0)
    assert value.value is None
    assert value.reason == "Belum ada data tahun buku 2023"


def test_one_row_for_the_year_makes_the_others_incomplete():
    koperasi = [kop(1), kop(2), kop(3)]
    books = {1: {Y - 1: tb(Y - 1, 100, 100), Y: tb(Y, 110, 110)},
             2: {Y - 1: tb(Y - 1, 100, 100)}, 3: {}}
    total, value = province(koperasi, books)
    # 1 meningkat of 3 in scope; 2 and 3 are data tidak lengkap → 33,33 %
    assert (total.jumlah, total.meningkat, total.tidak_lengkap, total.dilaporkan) == (3, 1, 2, 1)
    assert value.value == Decimal("33.33")


def test_a_row_of_the_year_without_growth_is_zero_percent_not_unknown():
    koperasi = [kop(1)]
    books = {1: {Y - 1: tb(Y - 1, 100, 100), Y: tb(Y, 90, 90)}}
    assert province(koperasi, books)[1].value == Decimal("0.00")
    # a row for Y alone (no Y−1) is reported too: the year is known, the koperasi incomplete
    assert province(koperasi, {1: {Y: tb(Y, 90, 90)}})[1].value == Decimal("0.00")


def test_rows_of_koperasi_outside_the_scope_do_not_make_the_year_reported():
    dissolved = kop(1, status=StatusKoperasi.DIBUBARKAN, bubar=date(Y - 1, 12, 31))
    inactive = kop(2, status=StatusKoperasi.TIDAK_AKTIF)
    books = {1: {Y: tb(Y, 10, 10)}, 2: {Y: tb(Y, 10, 10)}, 3: {}}
    total, value = province([dissolved, inactive, kop(3)], books)
    assert value.value == Decimal("0.00") and total.dilaporkan == 1  # the inactive one counts
    total, value = province([dissolved, inactive, kop(3)], books, hanya_aktif=True)
    assert value.reason == "Belum ada data tahun buku 2023" and total.jumlah == 1


def test_no_koperasi_in_scope_is_not_computable():
    value = province([kop(1, bh=date(Y + 1, 1, 1))], {})[1]
    assert value.value is None and value.reason == "Tidak ada koperasi pada register untuk tahun 2023"


def test_a_koperasi_founded_after_the_year_is_out_of_scope_in_the_register():
    k = kop(1, bh=date(2024, 2, 1))
    kualitas, why = classify_koperasi(k, None, None, Y)
    assert kualitas is Kualitas.DI_LUAR_CAKUPAN and kualitas.value == "di luar cakupan"
    assert "2024" in why or "31 Desember 2023" in why
    # the day it exists: 31 Dec Y is in scope
    assert classify_koperasi(kop(1, bh=date(Y, 12, 31)), None, None, Y)[0] is \
        Kualitas.DATA_TIDAK_LENGKAP


def test_a_koperasi_dissolved_before_the_year_is_out_of_scope_in_the_register():
    k = kop(1, status=StatusKoperasi.DIBUBARKAN, bubar=date(Y - 1, 12, 31))
    kualitas, why = classify_koperasi(k, None, None, Y)
    assert kualitas is Kualitas.DI_LUAR_CAKUPAN and "dibubarkan" in why.lower()
    on_new_year = kop(1, status=StatusKoperasi.DIBUBARKAN, bubar=date(Y, 1, 1))
    assert classify_koperasi(on_new_year, tb(Y, 2, 2), tb(Y - 1, 1, 1), Y)[0] is \
        Kualitas.MENINGKAT


def test_an_inactive_koperasi_is_out_of_scope_only_under_the_aktif_setting():
    k = kop(1, status=StatusKoperasi.TIDAK_AKTIF)
    assert classify_koperasi(k, tb(Y, 2, 2), tb(Y - 1, 1, 1), Y)[0] is Kualitas.MENINGKAT
    kualitas, why = classify_koperasi(k, tb(Y, 2, 2), tb(Y - 1, 1, 1), Y, hanya_aktif=True)
    assert kualitas is Kualitas.DI_LUAR_CAKUPAN and "aktif" in why
