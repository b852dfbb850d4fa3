from decimal import Decimal as D

import pytest

from iku_desktop.domain import sakip


@pytest.mark.parametrize("nilai,predikat", [
    ("90.00", "A"), ("90.01", "AA"), ("100", "AA"), ("80.00", "BB"), ("80.01", "A"),
    ("70.00", "B"), ("70.01", "BB"), ("60.00", "CC"), ("60.01", "B"), ("50.00", "C"),
    ("50.01", "CC"), ("30.00", "D"), ("30.01", "C"), ("0", "D"),
])
def test_predikat_bounds_are_strict(nilai, predikat):
    assert sakip.predikat(D(nilai))[0] == predikat


def test_total_88_2021_is_the_sum_of_components():
    k = {"perencanaan": D("24.50"), "pengukuran": D("22.10"), "pelaporan": D("11.25"),
         "evaluasi_internal": D("18.00")}
    assert sakip.total(sakip.Skema.PERMENPANRB_88_2021, k) == D("75.85")


def test_component_above_its_maximum_is_refused():
    k = {"perencanaan": D("30.01"), "pengukuran": D(1), "pelaporan": D(1), "evaluasi_internal": D(1)}
    with pytest.raises(sakip.SakipError, match="melebihi"):
        sakip.total(sakip.Skema.PERMENPANRB_88_2021, k)


def test_12_2015_maxima_differ():
    maxima = {k.kode: k.maksimum for k in sakip.KOMPONEN[sakip.Skema.PERMENPANRB_12_2015]}
    assert maxima == {"perencanaan": 30, "pengukuran": 25, "pelaporan": 15,
                      "evaluasi_internal": 10, "capaian_kinerja": 20}
    assert sum(maxima.values()) == 100
    assert sum(k.maksimum for k in sakip.KOMPONEN[sakip.Skema.PERMENPANRB_88_2021]) == 100


def test_nilai_evaluasi_needs_all_components_or_the_lhe_score():
    with pytest.raises(sakip.SakipError, match="belum lengkap"):
        sakip.nilai_evaluasi(sakip.Skema.PERMENPANRB_88_2021, {"perencanaan": D(20)}, None)
    assert sakip.nilai_evaluasi(sakip.Skema.PERMENPANRB_88_2021, {}, D("71.5")) == D("71.5")
    with pytest.raises(sakip.SakipError):
        sakip.nilai_evaluasi(sakip.Skema.PERMENPANRB_88_2021, {}, None)


def test_score_with_three_decimals_is_refused():
    with pytest.raises(sakip.SakipError, match="dua angka"):
        sakip.check_score(D("70.125"))


class _Row:
    """A SAKIP row as stored or imported: skema, one attribute per component, nilai_lhe."""

    def __init__(self, skema, nilai_lhe=None, **komponen):
        self.skema, self.nilai_lhe = skema, nilai_lhe
        for k in ("perencanaan", "pengukuran", "pelaporan", "evaluasi_internal",
                  "capaian_kinerja"):
            setattr(self, k, komponen.get(k))


def test_evaluasi_of_a_row_gives_total_and_predikat_or_why_not():
    ev = sakip.evaluasi(_Row("88/2021", perencanaan=D("25.50"), pengukuran=D(20),
                             pelaporan=D(10), evaluasi_internal=D(18)))
    assert (ev.nilai, ev.predikat, ev.arti, ev.alasan) == (D("73.50"), "BB", "Sangat Baik", None)
    assert set(ev.komponen) == {"perencanaan", "pengukuran", "pelaporan", "evaluasi_internal"}
    ev = sakip.evaluasi(_Row("12/2015", nilai_lhe=D("80.00")))
    assert (ev.nilai, ev.predikat) == (D("80.00"), "BB")  # 80,00 is not above 80
    ev = sakip.evaluasi(_Row("88/2021", perencanaan=D(20)))
    assert ev.nilai is None and ev.predikat is None and "belum lengkap" in ev.alasan
    ev = sakip.evaluasi(_Row("88/2021"))
    assert ev.nilai is None and ev.alasan == "Nilai komponen atau nilai LHE harus diisi"
