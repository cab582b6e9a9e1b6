"""Intervals over seeds and paired comparisons: every verdict branch, on synthetic numbers."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats as scipy_stats

from helpers import stats
from helpers.stats import (
    CONFIDENCE,
    EQUIVALENCE_CONFIDENCE,
    EQUIVALENT,
    HIGHER,
    HIGHER_BEYOND_MARGIN,
    IDENTICAL,
    LOWER,
    LOWER_BUT_EQUIVALENT,
    LOWER_MARGIN_UNDECIDED,
    NO_DETECTABLE_DIFFERENCE,
    UNDECIDED,
    Comparison,
    Interval,
    compare,
    detectable_difference,
    holm,
    holm_differs,
    mean_interval,
    paired_difference,
    seeds_needed,
    t_factor,
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
        ([0.001, -0.001, 0.0005, -0.0005, 0.0], 0.005, EQUIVALENT, False, True),
        ([-0.002, -0.0021, -0.0019, -0.002, -0.002], 0.005, LOWER_BUT_EQUIVALENT, True, True),
        ([0.02, 0.021, 0.019, 0.02, 0.02], 0.005, HIGHER_BEYOND_MARGIN, True, False),
        # the interval excludes 0 but straddles the margin: differs, equivalence undecided
        ([-0.002, -0.009, -0.004, -0.008, -0.003], 0.005, LOWER_MARGIN_UNDECIDED, True, False),
        # the interval straddles 0 and the margin: too few seeds to decide anything
        ([0.02, -0.02, 0.01, -0.015, 0.004], 0.005, UNDECIDED, False, False),
    ],
)
def test_compare_verdicts(offsets, margin, verdict, differs, equivalent):
    comparison = compare(shifted(CONTROL, offsets), CONTROL, margin)
    assert comparison.verdict == verdict
    assert comparison.verdict in stats.VERDICTS
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


@pytest.mark.parametrize("margin", [0.0, -0.1, "0.1", True])
def test_compare_refuses_bad_input(margin):
    with pytest.raises(ValueError, match="margin"):
        compare([1.0, 2.0], [1.5, 2.5], margin)


@pytest.mark.parametrize(("treated", "control"), [([1.0], [1.0]), ([1.0, 2.0], [1.0])])
def test_compare_needs_two_paired_seeds(treated, control):
    with pytest.raises(ValueError, match="values|pair up"):
        compare(treated, control)


@pytest.mark.parametrize("seeds", [2, 3, 5, 10, 30])
def test_the_detectable_difference_is_found_with_the_power_it_promises(seeds):
    """Simulated paired differences with a true mean equal to the detectable difference: the 95 % test finds it
    about 80 % of the time (the power), whatever the number of seeds."""
    generator = np.random.default_rng(seeds)
    std = 0.01
    size = detectable_difference(std, seeds)
    trials = generator.normal(size, std, size=(20000, seeds))
    found = np.mean(scipy_stats.ttest_1samp(trials, 0.0, axis=1).pvalue < 1 - CONFIDENCE)
    assert found == pytest.approx(stats.POWER, abs=0.015)


def test_the_detectable_difference_is_near_the_textbook_approximation():
    approximation = (scipy_stats.t.ppf(0.975, 29) + scipy_stats.t.ppf(0.8, 29)) * 2.0 / math.sqrt(30)
    assert detectable_difference(2.0, 30) == pytest.approx(approximation, rel=0.02)
    assert detectable_difference(2.0, 30, sides=1) < detectable_difference(2.0, 30)  # one-sided (TOST's): smaller
    assert detectable_difference(0.0, 5) == 0.0


@pytest.mark.parametrize(("difference", "std"), [(0.005, 0.006), (0.001, 0.003), (-0.02, 0.01)])
def test_seeds_needed_is_the_fewest_seeds_whose_detectable_difference_is_small_enough(difference, std):
    seeds = seeds_needed(difference, std)
    assert detectable_difference(std, seeds) <= abs(difference)
    assert seeds == 2 or detectable_difference(std, seeds - 1) > abs(difference)


@pytest.mark.parametrize(("difference", "std", "expected"), [(0.0, 0.01, None), (1e-9, 1.0, None), (0.1, 0.0, 2)])
def test_seeds_needed_at_the_edges(difference, std, expected):
    assert seeds_needed(difference, std) == expected


def test_a_comparison_carries_what_its_seeds_detect_and_would_need():
    offsets = [0.001, -0.002, 0.002, -0.001, 0.0035]
    comparison = compare(shifted(CONTROL, offsets), CONTROL)
    assert comparison.verdict == NO_DETECTABLE_DIFFERENCE
    assert comparison.detectable == pytest.approx(detectable_difference(comparison.difference.std, 5))
    assert comparison.needed == seeds_needed(comparison.difference.mean, comparison.difference.std)
    assert comparison.p_value == pytest.approx(scipy_stats.ttest_1samp(offsets, 0).pvalue)


@pytest.mark.parametrize(
    ("p_values", "expected"),
    [([0.01, 0.04, 0.03], [0.03, 0.06, 0.06]),        # sorted 0.01·3, 0.03·2, 0.04·1 → made monotone
     ([0.5], [0.5]), ([0.02, 0.2, 0.9, 0.01], [0.06, 0.4, 0.9, 0.04])],
)
def test_holm_adjusts_for_the_family(p_values, expected):
    assert holm(p_values) == pytest.approx(expected)


def test_holm_refuses_what_is_no_p_value():
    with pytest.raises(ValueError, match="p_values"):
        holm([0.5, 1.5])


def comparison_with_p(p_value: float) -> Comparison:
    """A comparison whose interval excludes 0 exactly when its p-value is below 5 %, with that p-value."""
    interval = Interval(0.01, 0.01, 0.001 if p_value < 0.05 else -0.001, 0.02, 5)
    return Comparison(interval, False, p_value < 0.05, None, "higher" if p_value < 0.05 else "no_detectable_difference",
                      p_value=p_value)


@pytest.mark.parametrize(
    ("p_values", "expected"),
    [({"a": 0.01, "b": 0.04, "c": 0.03}, {"a": True, "b": False, "c": False}),  # Holm: 0.03, 0.06, 0.06
     ({"a": 0.001, "b": 0.02}, {"a": True, "b": True}),                         # 0.002, 0.02
     ({"a": 0.04}, {"a": True}),                                                # a family of one is not adjusted
     ({"a": 0.3, "b": 0.01}, {"a": False, "b": True}), ({}, {})],
)
def test_holm_differs_keeps_the_comparisons_that_survive_the_family(p_values, expected):
    assert holm_differs({key: comparison_with_p(p) for key, p in p_values.items()}) == expected


@pytest.mark.parametrize(("seeds", "expected"), [(2, 12.706), (3, 4.303), (5, 2.776), (10, 2.262)])
def test_t_factor_is_students_textbook_value(seeds, expected):
    assert t_factor(seeds) == pytest.approx(expected, abs=1e-3)


@pytest.mark.parametrize("seeds", [1, 0, 2.5, True])
def test_t_factor_needs_two_seeds(seeds):
    with pytest.raises(ValueError, match="seeds"):
        t_factor(seeds)
