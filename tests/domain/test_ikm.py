"""IKM golden values from the rule book (§5, PermenPANRB 14/2017), computed by hand."""

from decimal import Decimal
from fractions import Fraction

import pytest

from iku_desktop.domain import ikm

SUMS = [105, 101, 100, 116, 102, 105, 106, 105, 115]


def responses_with_sums(sums, n=29):
    """n responses whose per-unsur sums are ``sums``: k fours and n−k threes give 3n + k."""
    out = [dict() for _ in range(n)]
    for kode, s in zip(ikm.KODE_UNSUR, sums):
        fours = s - 3 * n
        assert 0 <= fours <= n
        for i, r in enumerate(out):
            r[kode] = 4 if i < fours else 3
    return out


def test_29_responses_give_91_48_and_mutu_a():
    resp = responses_with_sums(SUMS)
    s = ikm.sum_responses(resp)
    assert [s.sums[k] for k in ikm.KODE_UNSUR] == SUMS
    r = ikm.compute_ikm(s)
    assert r.nilai.value == Decimal("91.48")
    assert (r.mutu, r.kinerja) == ("A", "Sangat Baik")
    # exact: Σ sums / 29 / 9 × 25 = 955·25/261
    assert r.ikm * 25 == Fraction(955 * 25, 261)


def test_weight_is_exactly_one_ninth_not_0_111_or_0_11():
    r = ikm.compute_ikm(ikm.sum_responses(responses_with_sums(SUMS)))
    total_nrr = sum(Fraction(s, 29) for s in SUMS)
    # the rule book's wrong variants, computed independently
    with_0111 = float(total_nrr * Fraction("0.111") * 25)
    with_011 = float(total_nrr * Fraction("0.11") * 25)
    rounded_first = round(float(total_nrr / 9), 2) * 25
    assert round(with_0111, 2) == 91.38 and round(with_011, 2) == 90.56
    assert rounded_first == pytest.approx(91.50)
    assert r.nilai.value not in (Decimal("91.38"), Decimal("90.56"), Decimal("91.50"))


def test_blank_answers_are_excluded_from_that_unsur_only():
    resp = [{k: 4 for k in ikm.KODE_UNSUR}, {**{k: 2 for k in ikm.KODE_UNSUR}, "U8": None}]
    s = ikm.sum_responses(resp)
    assert s.counts["U8"] == 1 and s.sums["U8"] == 4
    r = ikm.compute_ikm(s)
    assert r.nrr["U8"] == 4 and r.nrr["U1"] == 3


def test_unsur_never_answered_is_not_computable():
    resp = [{k: 3 for k in ikm.KODE_UNSUR if k != "U9"}]
    r = ikm.compute_ikm(ikm.sum_responses(resp))
    assert r.nilai.value is None and "U9" in r.nilai.reason and r.mutu is None


def test_no_response_is_not_zero():
    r = ikm.compute_ikm(ikm.sum_responses([]))
    assert r.nilai.value is None and r.nilai.reason


@pytest.mark.parametrize("nilai,mutu", [
    ("88.31", "A"), ("88.30", "B"), ("76.61", "B"), ("76.60", "C"), ("65.00", "C"),
    ("64.99", "D"), ("25.00", "D"), ("100.00", "A"),
])
def test_mutu_boundaries(nilai, mutu):
    assert ikm.mutu_for(Decimal(nilai))[0] == mutu


def test_mutu_on_rounded_value():
    # 88.305 exactly rounds half up to 88.31 → A
    target = Fraction("88.305") / 25  # IKM on the 1–4 scale
    # make Σ NRR /9 = target with NRR equal for all unsur: NRR = target
    s = ikm.UnsurSums({k: target.numerator for k in ikm.KODE_UNSUR},
                      {k: target.denominator for k in ikm.KODE_UNSUR}, target.denominator)
    r = ikm.compute_ikm(s)
    assert r.nilai.value == Decimal("88.31") and r.mutu == "A"


@pytest.mark.parametrize("population,sample", [
    (100, 80), (1000, 278), (10_000, 370), (100_000, 383), (1_000_000, 384), (10, 10),
])
def test_krejcie_morgan_checkpoints(population, sample):
    assert ikm.minimum_sample(population) == sample


def test_krejcie_morgan_formula_below_100000():
    n = 5000
    s = 3.841 * n * 0.25 / (0.0025 * (n - 1) + 3.841 * 0.25)
    assert ikm.minimum_sample(n) == int(s + 0.5)


@pytest.mark.parametrize("kode,label,score", [
    ("U1", "Sangat sesuai", 4), ("U4", "Gratis", 4), ("U4", "sangat MAHAL", 1),
    ("U8", "Dikelola dengan baik", 4), ("U8", "ada tetapi tidak berfungsi", 2),
    ("U9", "Cukup", 2), ("U7", "sopan dan ramah", 3), ("U1", "Gratis", None),
])
def test_label_mapping_is_per_unsur(kode, label, score):
    assert ikm.score_label(kode, label) == score


def test_answers_outside_1_to_4_are_refused():
    with pytest.raises(ValueError):
        ikm.sum_responses([{"U1": 5}])
