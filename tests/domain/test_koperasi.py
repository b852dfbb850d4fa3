from datetime import date

from iku_desktop.domain.koperasi import (
    JenisKoperasi, Koperasi, Kualitas, StatusKoperasi, TahunBuku, classify, in_scope,
)

RAT = date(2023, 3, 1)


def tb(tahun, vu, aset, rat=RAT, sah=True):
    return TahunBuku(tahun, rat, sah, vu, aset)


def test_meningkat_needs_valid_rat_and_both_increases():
    assert classify(tb(2022, 11, 11), tb(2021, 10, 10))[0] is Kualitas.MENINGKAT
    assert classify(tb(2022, 10, 11), tb(2021, 10, 10))[0] is Kualitas.TIDAK_MENINGKAT  # equal volume
    assert classify(tb(2022, 11, 10), tb(2021, 10, 10))[0] is Kualitas.TIDAK_MENINGKAT  # equal aset
    assert classify(tb(2022, 11, 11, rat=None), tb(2021, 10, 10))[0] is Kualitas.TIDAK_MENINGKAT
    k, reason = classify(tb(2022, 11, 11, sah=False), tb(2021, 10, 10))
    assert k is Kualitas.TIDAK_MENINGKAT and "tidak sah" in reason


def test_missing_year_is_incomplete():
    assert classify(tb(2022, 11, 11), None)[0] is Kualitas.DATA_TIDAK_LENGKAP
    assert classify(None, tb(2021, 1, 1))[0] is Kualitas.DATA_TIDAK_LENGKAP


def test_scope_legal_existence_and_setting():
    k = Koperasi(1, "1571", JenisKoperasi.JASA, StatusKoperasi.DIBUBARKAN, date(2022, 12, 31),
                 tanggal_bubar=date(2023, 1, 1))
    assert in_scope(k, 2022)  # badan hukum on 31 Dec Y
    assert in_scope(k, 2023)  # dissolved on 1 Jan Y: not before it
    assert not in_scope(k, 2024)
    assert not in_scope(k, 2021)
    assert not in_scope(k, 2022, hanya_aktif=True)
    inactive = Koperasi(2, "1571", JenisKoperasi.JASA, StatusKoperasi.TIDAK_AKTIF, date(2000, 1, 1))
    assert in_scope(inactive, 2022) and not in_scope(inactive, 2022, hanya_aktif=True)
