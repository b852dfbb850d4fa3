from decimal import Decimal as D

import pytest

from iku_desktop.domain.capaian import Band, Polaritas, RumusTurun, band_for, compute_capaian


def test_higher_is_better():
    assert compute_capaian(D("19.16"), D(22)).value == D("87.09")  # 19,16/22×100 = 87,0909…


def test_lower_is_better_both_formulas():
    # (2·10 − 8)/10 × 100 = 120; 10/8 × 100 = 125
    assert compute_capaian(D(8), D(10), Polaritas.TURUN, RumusTurun.SELISIH).value == D(120)
    assert compute_capaian(D(8), D(10), Polaritas.TURUN, RumusTurun.RASIO).value == D(125)
    assert compute_capaian(D(0), D(10), Polaritas.TURUN, RumusTurun.RASIO).value is None


@pytest.mark.parametrize("target", [None, D(0)])
def test_no_target_is_not_computable_never_zero(target):
    out = compute_capaian(D(50), target)
    assert out.value is None and out.reason


def test_unknown_realisasi_is_not_computable():
    assert compute_capaian(None, D(50)).reason


@pytest.mark.parametrize("capaian,band", [
    ("91", Band.SANGAT_TINGGI), ("90.99", Band.TINGGI), ("76", Band.TINGGI),
    ("75.99", Band.SEDANG), ("66", Band.SEDANG), ("65.5", Band.RENDAH), ("51", Band.RENDAH),
    ("50.99", Band.SANGAT_RENDAH), ("0", Band.SANGAT_RENDAH), ("150", Band.SANGAT_TINGGI),
])
def test_bands(capaian, band):
    assert band_for(D(capaian)) is band
