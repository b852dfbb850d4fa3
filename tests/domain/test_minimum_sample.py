"""Minimum sample of a survey: Krejcie & Morgan (1970), the formula alone (rule book §5)."""

import pytest

from iku_desktop.domain import ikm


@pytest.mark.parametrize("population,sample", [
    # the rule book's checkpoints, from the published table; 100.000 → 383, not 384
    (100, 80), (1_000, 278), (10_000, 370), (75_000, 382), (100_000, 383), (1_000_000, 384),
])
def test_rule_book_checkpoints(population, sample):
    assert ikm.minimum_sample(population) == sample


def test_no_cap_is_needed_the_formula_tends_to_384():
    assert ikm.minimum_sample(10**12) == 384
    assert ikm.minimum_sample(1) == 1 and ikm.minimum_sample(0) == 0


def test_the_formula_rises_with_the_population():
    samples = [ikm.minimum_sample(n) for n in range(1, 300_000, 997)]
    assert samples == sorted(samples)
