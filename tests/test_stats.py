"""Intervals over seeds and paired comparisons: every verdict branch, on synthetic numbers."""

from __future__ import annotations

import math

import pytest
from scipy import stats as scipy_stats

from helpers.stats import (
    CONFIDENCE,
    EQUIVALENCE_CONFIDENCE,
    HIGHER,
    IDENTICAL,
    LOWER,
    NO_DETECTABLE_DIFFERENCE,
    UNDECIDED,
    Interval,
    compare,
    mean_interval,
    paired_difference,
)

CONTROL = [0.970, 0.972, 0.968, 0.971, 0.969]


def shifted(values: list[float], offsets: list[float]) -> list[float]:
    """``values`` plus one offset per seed."""
    return [value + offset for value, offset in zip(values, offsets, strict=True)]


def test_mean_interval_matches_the_textbook_t_interval():
    values = [0.97, 0.975, 0.972, 0.978, 0.969]
    interval = mean_interval(values)
    half_width = scipy_stats.t.ppf(0.975, df=4) * scipy_stats.tstd(values) / math.sqrt(5)
    assert interval.mean == pytest.approx(0.9728)
    assert (interval.low, interval.high) == pytest.approx((0.9728 - half_width, 0.9728 + half_width))
    assert (interval.n, interval.confidence) == (5, CONFIDENCE)


def test_two_values_give_the_widest_finite_interval():
    interval = mean_interval([1.0, 2.0])
    half_width = scipy_stats.t.ppf(0.975, df=1) * scipy_stats.tstd([1.0, 2.0]) / math.sqrt(2)
    assert (interval.low, interval.high) == pytest.approx((1.5 - half_width, 1.5 + half_width))


def test_identical_values_give_a_point_interval():
    assert mean_interval([3, 3, 3]) == Interval(3.0, 0.0, 3.0, 3.0, 3)


def test_equivalence_uses_a_90_percent_interval():
    assert round(EQUIVALENCE_CONFIDENCE, 9) == 0.9


@pytest.mark.parametrize(
    ("values", "confidence", "parameter"),
    [
        ([1.0], 0.95, "values"),
        ([], 0.95, "values"),
        ([1.0, math.nan], 0.95, "values"),
        ([[1.0, 2.0], [3.0, 4.0]], 0.95, "values"),
        (["a", "b"], 0.95, "values"),
        ([1, 2], 1.0, "confidence"),
        ([1, 2], 0.0, "confidence"),
        ([1, 2], True, "confidence"),
    ],
)
def test_mean_interval_refuses_bad_input(values, confidence, parameter):
    with pytest.raises(ValueError, match=parameter):
        mean_interval(values, confidence)


def test_paired_difference_pairs_seed_by_seed():
    assert paired_difference([1.0, 2.0, 3.0], [0.5, 1.5, 2.5]) == Interval(0.5, 0.0, 0.5, 0.5, 3)


@pytest.mark.parametrize(
    ("treated", "control", "parameter"),
    [([1.0, 2.0], [1.0], "pair up"), ([1.0, math.inf], [1.0, 2.0], "treated"), ([1.0, 2.0], [None, 2.0], "control")],
)
def test_paired_difference_refuses_bad_input(treated, control, parameter):
    with pytest.raises(ValueError, match=parameter):
        paired_difference(treated, control)


@pytest.mark.parametrize(
    ("offsets", "margin", "verdict", "differs", "equivalent"),
    [
        # no margin: does the 95 % interval exclude 0?
        ([0.010, 0.012, 0.011, 0.009, 0.010], None, HIGHER, True, None),
        ([-0.010, -0.012, -0.011, -0.009, -0.010], None, LOWER, True, None),
        ([0.001, -0.002, 0.002, -0.001, 0.0005], None, NO_DETECTABLE_DIFFERENCE, False, None),
        # with a margin of 0.005: TOST
        ([0.001, -0.001, 0.0005, -0.0005, 0.0], 0.005, "equivalent within ±0.5 pp", False, True),
        ([-0.002, -0.0021, -0.0019, -0.002, -0.002], 0.005, "lower, but equivalent within ±0.5 pp", True, True),
        ([0.02, 0.021, 0.019, 0.02, 0.02], 0.005, "higher, by more than 0.5 pp", True, False),
        # the interval excludes 0 but straddles the margin: differs, equivalence undecided
        ([-0.002, -0.009, -0.004, -0.008, -0.003], 0.005, f"lower; whether by more than 0.5 pp is {UNDECIDED}", True,
         False),
        # the interval straddles 0 and the margin: too few seeds to decide anything
        ([0.02, -0.02, 0.01, -0.015, 0.004], 0.005, UNDECIDED, False, False),
    ],
)
def test_compare_verdicts(offsets, margin, verdict, differs, equivalent):
    comparison = compare(shifted(CONTROL, offsets), CONTROL, margin, unit="pp")
    assert comparison.verdict == verdict
    assert (comparison.differs, comparison.equivalent, comparison.identical) == (differs, equivalent, False)
    assert comparison.difference.mean == pytest.approx(sum(offsets) / len(offsets))


def test_straddling_the_margin_means_the_90_percent_interval_crosses_it():
    offsets = [-0.002, -0.009, -0.004, -0.008, -0.003]
    comparison = compare(shifted(CONTROL, offsets), CONTROL, 0.005)
    assert comparison.difference.high < 0  # differs from 0 …
    assert comparison.equivalence_interval.low < -0.005 < comparison.equivalence_interval.high  # … not equivalent
    assert comparison.equivalence_interval.confidence == pytest.approx(0.90)


@pytest.mark.parametrize(("margin", "equivalent"), [(None, None), (0.005, True)])
def test_identical_runs_are_identical_not_noise(margin, equivalent):
    comparison = compare(CONTROL, list(CONTROL), margin)
    assert comparison.verdict == IDENTICAL
    assert comparison.identical
    assert not comparison.differs
    assert comparison.equivalent is equivalent


def test_a_constant_nonzero_difference_differs_without_spread():
    comparison = compare([2.0, 3.0], [1.0, 2.0])
    assert (comparison.verdict, comparison.identical, comparison.difference.std) == (HIGHER, False, 0.0)


@pytest.mark.parametrize(
    ("treated", "control", "verdict"),
    [
        ([1.0, 1.1], [0.0, 0.0], HIGHER),  # n = 2: t quantile 12.7, half-width 0.64 < mean 1.05
        ([1.0, 3.0], [0.0, 0.0], NO_DETECTABLE_DIFFERENCE),  # n = 2: half-width 12.7 > mean 2
    ],
)
def test_two_seeds(treated, control, verdict):
    assert compare(treated, control).verdict == verdict


def test_two_seeds_with_a_margin_are_undecided():
    assert compare([0.971, 0.969], [0.970, 0.970], margin=0.005).verdict == UNDECIDED


def test_the_margin_is_worded_in_its_unit():
    assert compare(CONTROL, [value + 0.0001 for value in CONTROL], 0.005, unit="pp").verdict == (
        "lower, but equivalent within ±0.5 pp"
    )


@pytest.mark.parametrize(
    ("margin", "unit", "parameter"),
    [(0.0, "plain", "margin"), (-0.1, "plain", "margin"), ("0.1", "plain", "margin"), (0.1, "kg", "unit")],
)
def test_compare_refuses_bad_input(margin, unit, parameter):
    with pytest.raises(ValueError, match=parameter):
        compare([1.0, 2.0], [1.5, 2.5], margin, unit)


@pytest.mark.parametrize(("treated", "control"), [([1.0], [1.0]), ([1.0, 2.0], [1.0])])
def test_compare_needs_two_paired_seeds(treated, control):
    with pytest.raises(ValueError, match="values|pair up"):
        compare(treated, control)
