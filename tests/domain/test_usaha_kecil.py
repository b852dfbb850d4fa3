from datetime import date

import pytest

from iku_desktop.domain.usaha_kecil import (
    DasarSkala, Skala, UsahaKecil, classify_skala, menjadi_wirausaha, on_register,
)

M = 1_000_000_000


@pytest.mark.parametrize("modal,skala", [
    (0, Skala.MIKRO), (M, Skala.MIKRO), (M + 1, Skala.KECIL), (5 * M, Skala.KECIL),
    (5 * M + 1, Skala.MENENGAH), (10 * M, Skala.MENENGAH), (10 * M + 1, Skala.BESAR),
])
def test_pp_7_2021_modal_bounds(modal, skala):
    k = classify_skala(modal, 999 * M)  # modal decides even with a large turnover
    assert (k.skala, k.dasar) == (skala, DasarSkala.MODAL)


@pytest.mark.parametrize("penjualan,skala", [
    (2 * M, Skala.MIKRO), (2 * M + 1, Skala.KECIL), (15 * M, Skala.KECIL),
    (15 * M + 1, Skala.MENENGAH), (50 * M, Skala.MENENGAH), (50 * M + 1, Skala.BESAR),
])
def test_pp_7_2021_penjualan_when_modal_unknown(penjualan, skala):
    k = classify_skala(None, penjualan)
    assert (k.skala, k.dasar) == (skala, DasarSkala.PENJUALAN)


def test_unknown_and_override():
    assert classify_skala(None, None).skala is None
    k = classify_skala(M, None, Skala.KECIL, "Verifikasi lapangan 2023")
    assert (k.skala, k.dasar) == (Skala.KECIL, DasarSkala.PENETAPAN)
    with pytest.raises(ValueError):
        classify_skala(M, None, Skala.KECIL, "  ")


def test_register_and_licence_dates():
    u = UsahaKecil(1, "1571", "", date(2022, 12, 31), tanggal_nib=date(2023, 1, 1))
    assert on_register(u, 2022) and not menjadi_wirausaha(u, 2022)  # NIB dated 1 Jan Y+1
    assert menjadi_wirausaha(u, 2023)
    closed = UsahaKecil(2, "1571", "", date(2020, 1, 1), tanggal_tutup=date(2021, 12, 31))
    assert on_register(closed, 2021) and not on_register(closed, 2022)
    assert not on_register(UsahaKecil(3, "1571", "", date(2023, 1, 1)), 2022)
