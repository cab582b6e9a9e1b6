"""Summaries over seeds and the verdicts they support: mean, spread, 95 % intervals (scipy)."""

from __future__ import annotations

import math
from typing import NamedTuple, Sequence

import numpy as np
from scipy import stats

HOLDS = "holds"
DOES_NOT_HOLD = "does not hold"
UNDECIDED = "not distinguishable from noise"

CONFIDENCE = 0.95
"""The confidence level of every interval in the book."""


class Interval(NamedTuple):
    """Mean of n values, their standard deviation and a t-based confidence interval for the mean."""

    mean: float
    std: float
    low: float
    high: float
    n: int


def mean_interval(values: Sequence[float], confidence: float = CONFIDENCE) -> Interval:
    """Mean, sample standard deviation and Student-t confidence interval of the mean."""
    values = np.asarray(values, dtype=float)
    if values.size < 2:
        raise ValueError(f"values must hold at least 2 numbers for an interval, got {values.size}")
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be in (0, 1), got {confidence!r}")
    mean, std = float(values.mean()), float(values.std(ddof=1))
    if std == 0:
        return Interval(mean, 0.0, mean, mean, int(values.size))
    low, high = stats.t.interval(confidence, df=values.size - 1, loc=mean, scale=stats.sem(values))
    return Interval(mean, std, float(low), float(high), int(values.size))


def paired_difference(treated: Sequence[float], control: Sequence[float], confidence: float = CONFIDENCE) -> Interval:
    """Interval of the mean of ``treated - control``, paired seed by seed."""
    if len(treated) != len(control):
        raise ValueError(f"treated and control must pair up, got {len(treated)} and {len(control)} values")
    return mean_interval(np.asarray(treated, dtype=float) - np.asarray(control, dtype=float), confidence)


def verdict(interval: Interval, low: float = -math.inf, high: float = math.inf) -> str:
    """"holds" if the whole interval lies in [low, high], "does not hold" if none of it does, else undecided."""
    if low > high:
        raise ValueError(f"low must not exceed high, got {low} > {high}")
    if low <= interval.low and interval.high <= high:
        return HOLDS
    if interval.high < low or interval.low > high:
        return DOES_NOT_HOLD
    return UNDECIDED


def both(first: str, second: str) -> str:
    """The verdict on "A and B": fails if either fails, holds if both hold, else undecided."""
    if DOES_NOT_HOLD in (first, second):
        return DOES_NOT_HOLD
    return HOLDS if first == second == HOLDS else UNDECIDED
