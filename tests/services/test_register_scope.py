"""The koperasi register's Kualitas column for a year: koperasi that do not legally exist
in the year are "di luar cakupan", not "data tidak lengkap" (rule book §2)."""

from datetime import date

from iku_desktop.domain.koperasi import Kualitas
from iku_desktop.services import registers
from iku_desktop.store import models as m
from iku_desktop.store import settings as office_settings


def add(nomor, bh, status="aktif", bubar=None):
    kab = m.Kabupaten.get(m.Kabupaten.bps == "1571").id
    return m.Koperasi.create(nomor_badan_hukum=nomor, nama=nomor, jenis="jasa", status=status,
                             tanggal_badan_hukum=bh, tanggal_bubar=bubar, kabupaten_id=kab).id


def test_founded_after_or_dissolved_before_the_year_is_out_of_scope(db):
    later = add("2024/BH", date(2024, 2, 1))
    gone = add("BUBAR/BH", date(2000, 1, 1), "dibubarkan", date(2022, 12, 31))
    exists = add("2010/BH", date(2010, 1, 1))
    rows = registers.koperasi_rows([later, gone, exists], 2023)
    assert rows[later].kualitas is Kualitas.DI_LUAR_CAKUPAN
    assert rows[later].alasan == "Berbadan hukum sesudah 31 Desember 2023"
    assert rows[gone].kualitas is Kualitas.DI_LUAR_CAKUPAN
    assert rows[gone].alasan == "Dibubarkan sebelum 1 Januari 2023"
    assert rows[exists].kualitas is Kualitas.DATA_TIDAK_LENGKAP
    assert registers.koperasi_rows([later], 2024)[later].kualitas is Kualitas.DATA_TIDAK_LENGKAP


def test_inactive_koperasi_follow_the_aktif_setting(db):
    k = add("TA/BH", date(2010, 1, 1), "tidak aktif")
    assert registers.koperasi_rows([k], 2023)[k].kualitas is Kualitas.DATA_TIDAK_LENGKAP
    office_settings.set_value("koperasi_hanya_aktif", True)
    assert registers.koperasi_rows([k], 2023)[k].kualitas is Kualitas.DI_LUAR_CAKUPAN
