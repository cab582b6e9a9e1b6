"""Summaries over seeds and the verdicts they support: means, Student-t intervals, paired comparisons, TOST.

Three questions, three verdicts, never mixed up:

- *identical*: every paired difference is exactly 0 (bit-identical runs) — not "noise", no interval needed;
- *differs*: the CONFIDENCE (95 %) interval of the paired difference excludes 0 → "higher" or "lower";
- *equivalent within ±margin*: two one-sided tests (TOST) at level 1 − CONFIDENCE each, i.e. the
  EQUIVALENCE_CONFIDENCE (90 %) interval lies inside (−margin, +margin).

A difference can be both detectable and equivalent (small but real), or detectable while equivalence is
undecided (the interval excludes 0 but straddles the margin). Too few seeds for either → "undecided".
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
from scipy import stats

__all__ = [
    "CONFIDENCE",
    "EQUIVALENCE_CONFIDENCE",
    "EQUIVALENT",
    "HIGHER",
    "IDENTICAL",
    "LOWER",
    "NO_DETECTABLE_DIFFERENCE",
    "UNDECIDED",
    "Comparison",
    "Interval",
    "compare",
    "mean_interval",
    "paired_difference",
]

CONFIDENCE = 0.95
"""The confidence level of every interval in the book."""
EQUIVALENCE_CONFIDENCE = round(1 - 2 * (1 - CONFIDENCE), 12)
"""TOST's interval: two one-sided tests at 5 % each are one 90 % interval inside the margin."""

IDENTICAL = "identical"
"""Verdict: every paired difference is exactly 0."""
HIGHER = "higher"
"""Verdict: the treated runs are higher; the interval of the difference lies above 0."""
LOWER = "lower"
"""Verdict: the treated runs are lower; the interval of the difference lies below 0."""
NO_DETECTABLE_DIFFERENCE = "no detectable difference"
"""Verdict without a margin: the interval of the difference includes 0."""
EQUIVALENT = "equivalent"
"""Verdict with a margin: the TOST interval lies inside ±margin (worded "equivalent within ±margin")."""
UNDECIDED = "undecided"
"""Verdict: these seeds decide neither a difference nor an equivalence (more seeds might)."""


class Interval(NamedTuple):
    """Mean of n values, their sample standard deviation and a Student-t interval for the mean."""

    mean: float
    std: float
    low: float
    high: float
    n: int
    confidence: float = CONFIDENCE


def finite_values(values: Sequence[float], name: str) -> np.ndarray:
    """``values`` as a 1-D float array of finite numbers, else a ValueError naming ``name``."""
    try:
        array = np.asarray(values, dtype=float)
    except (TypeError, ValueError) as error:
        raise ValueError(f"{name} must be a sequence of numbers, got {values!r}") from error
    if array.ndim != 1 or not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must be a flat sequence of finite numbers, got {values!r}")
    return array


def mean_interval(values: Sequence[float], confidence: float = CONFIDENCE) -> Interval:
    """Mean, sample standard deviation and Student-t interval of the mean (at least 2 values)."""
    array = finite_values(values, "values")
    if array.size < 2:
        raise ValueError(f"values must hold at least 2 numbers for an interval, got {array.size}")
    if isinstance(confidence, bool) or not isinstance(confidence, numbers.Real) or not 0 < confidence < 1:
        raise ValueError(f"confidence must be a number in (0, 1), got {confidence!r}")
    mean, std = float(array.mean()), float(array.std(ddof=1))
    if std == 0:
        return Interval(mean, 0.0, mean, mean, int(array.size), confidence)
    low, high = stats.t.interval(confidence, df=array.size - 1, loc=mean, scale=std / math.sqrt(array.size))
    return Interval(mean, std, float(low), float(high), int(array.size), confidence)


def paired_differences(treated: Sequence[float], control: Sequence[float]) -> np.ndarray:
    """``treated - control`` seed by seed; ValueError unless both hold the same number of finite values."""
    treated_array, control_array = finite_values(treated, "treated"), finite_values(control, "control")
    if treated_array.size != control_array.size:
        raise ValueError(
            f"treated and control must pair up seed by seed, got {treated_array.size} and {control_array.size} values"
        )
    return treated_array - control_array


def paired_difference(treated: Sequence[float], control: Sequence[float], confidence: float = CONFIDENCE) -> Interval:
    """Interval of the mean of ``treated - control``, paired seed by seed."""
    return mean_interval(paired_differences(treated, control), confidence)


class Comparison(NamedTuple):
    """A paired comparison of treated against control: the difference and the verdicts it supports."""

    difference: Interval
    identical: bool
    differs: bool
    equivalent: bool | None
    verdict: str
    margin: float | None = None
    equivalence_interval: Interval | None = None


def direction(interval: Interval) -> str | None:
    """HIGHER or LOWER when the interval excludes 0, else None."""
    if interval.low > 0:
        return HIGHER
    if interval.high < 0:
        return LOWER
    return None


def compare(
    treated: Sequence[float], control: Sequence[float], margin: float | None = None, unit: str = "plain"
) -> Comparison:
    """Paired comparison: identical, differs from 0 (95 % interval), equivalent within ±margin (TOST, 90 %).

    ``unit`` ("pp", "percent" or "plain", as in helpers.report) only words the margin in the verdict,
    e.g. ``compare(dropout, baseline, margin=0.005, unit="pp")`` → "lower, but equivalent within ±0.5 pp".
    """
    if margin is not None and (isinstance(margin, bool) or not isinstance(margin, numbers.Real) or not margin > 0):
        raise ValueError(f"margin must be None or a positive number, got {margin!r}")
    differences = paired_differences(treated, control)
    difference = mean_interval(differences)
    identical = bool(np.all(differences == 0))
    differs = direction(difference) is not None
    tost = None if margin is None else mean_interval(differences, EQUIVALENCE_CONFIDENCE)
    equivalent = None if tost is None else bool(-margin < tost.low and tost.high < margin)
    verdict = verdict_words(difference, identical, equivalent, margin, unit)
    return Comparison(difference, identical, differs, equivalent, verdict, margin, tost)


def verdict_words(
    difference: Interval, identical: bool, equivalent: bool | None, margin: float | None, unit: str
) -> str:
    """The verdict in words, from the verdict constants (see the module docstring)."""
    from helpers.report import number_text  # helpers.report imports this module: import it when first needed

    if identical:
        return IDENTICAL
    side = direction(difference)
    if margin is None:
        return side or NO_DETECTABLE_DIFFERENCE
    within = f"{EQUIVALENT} within ±{number_text(margin, unit, trim=True)}"
    if equivalent:
        return f"{side}, but {within}" if side else within
    if side is None:
        return UNDECIDED
    if difference.low > margin or difference.high < -margin:
        return f"{side}, by more than {number_text(margin, unit, trim=True)}"
    return f"{side}; whether by more than {number_text(margin, unit, trim=True)} is {UNDECIDED}"
