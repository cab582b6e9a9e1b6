"""Intervals and verdicts: the logic that turns seeds' results into "holds" / "does not hold" / undecided."""

from __future__ import annotations

import math

import pytest
from scipy import stats as scipy_stats

from helpers.stats import DOES_NOT_HOLD, HOLDS, UNDECIDED, Interval, both, mean_interval, paired_difference, verdict


def test_mean_interval_matches_the_textbook_t_interval():
    values = [0.97, 0.975, 0.972, 0.978, 0.969]
    interval = mean_interval(values)
    half_width = scipy_stats.t.ppf(0.975, df=4) * scipy_stats.tstd(values) / math.sqrt(5)
    assert interval.mean == pytest.approx(0.9728)
    assert interval.low == pytest.approx(0.9728 - half_width)
    assert interval.high == pytest.approx(0.9728 + half_width)
    assert interval.n == 5


def test_identical_values_give_a_point_interval():
    assert mean_interval([3, 3, 3]) == Interval(3.0, 0.0, 3.0, 3.0, 3)


@pytest.mark.parametrize("values, confidence", [([1.0], 0.95), ([], 0.95), ([1, 2], 1.0), ([1, 2], 0.0)])
def test_mean_interval_refuses_bad_input(values, confidence):
    with pytest.raises(ValueError):
        mean_interval(values, confidence)


def test_paired_difference_pairs_seed_by_seed():
    treated, control = [1.0, 2.0, 3.0], [0.5, 1.5, 2.5]
    assert paired_difference(treated, control) == Interval(0.5, 0.0, 0.5, 0.5, 3)
    with pytest.raises(ValueError, match="pair up"):
        paired_difference([1.0, 2.0], [1.0])


@pytest.mark.parametrize(
    "interval, low, high, expected",
    [
        (Interval(0.975, 0.002, 0.973, 0.977, 5), 0.97, math.inf, HOLDS),
        (Interval(0.965, 0.002, 0.963, 0.967, 5), 0.97, math.inf, DOES_NOT_HOLD),
        (Interval(0.970, 0.004, 0.966, 0.974, 5), 0.97, math.inf, UNDECIDED),
        (Interval(-0.01, 0.003, -0.012, -0.008, 5), -math.inf, 0.0, HOLDS),
        (Interval(0.01, 0.003, 0.008, 0.012, 5), -math.inf, 0.0, DOES_NOT_HOLD),
        (Interval(0.0, 0.003, -0.002, 0.002, 5), -0.005, 0.005, HOLDS),
        (Interval(0.0, 0.01, -0.01, 0.01, 5), -0.005, 0.005, UNDECIDED),
        (Interval(3.0, 0.0, 3.0, 3.0, 5), 2, 4, HOLDS),
        (Interval(8.0, 1.0, 7.0, 9.0, 5), 2, 4, DOES_NOT_HOLD),
    ],
)
def test_verdict_compares_the_interval_with_the_claim(interval, low, high, expected):
    assert verdict(interval, low, high) == expected


def test_verdict_refuses_an_empty_claim():
    with pytest.raises(ValueError, match="low"):
        verdict(Interval(0, 0, 0, 0, 2), 1, 0)


@pytest.mark.parametrize(
    "first, second, expected",
    [
        (HOLDS, HOLDS, HOLDS),
        (HOLDS, UNDECIDED, UNDECIDED),
        (UNDECIDED, DOES_NOT_HOLD, DOES_NOT_HOLD),
        (DOES_NOT_HOLD, HOLDS, DOES_NOT_HOLD),
    ],
)
def test_both(first, second, expected):
    assert both(first, second) == expected
