"""Summaries over seeds and the verdicts they support: means, Student-t intervals, paired comparisons, TOST,
the smallest difference a comparison could detect, and Holm's adjustment for many comparisons on one page.

Three questions, three verdicts, never mixed up:

- *identical*: every paired difference is exactly 0 (bit-identical runs) — not "noise", no interval needed;
- *differs*: the CONFIDENCE (95 %) interval of the paired difference excludes 0 → "higher" or "lower";
- *equivalent within ±margin*: two one-sided tests (TOST) at level 1 − CONFIDENCE each, i.e. the
  EQUIVALENCE_CONFIDENCE (90 %) interval lies inside (−margin, +margin).

A difference can be both detectable and equivalent (small but real), or detectable while equivalence is
undecided (the interval excludes 0 but straddles the margin). When the seeds decide nothing, the comparison
still says how much they could decide: the smallest true difference they would detect with probability POWER,
and about how many seeds would detect the difference observed (``detectable_difference``, ``seeds_needed``).

This module computes; ``helpers.wording`` words. A verdict is a key of ``VERDICTS``, never a sentence.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Hashable, Mapping, Sequence
from typing import NamedTuple, TypeVar

import numpy as np
from scipy import optimize, stats

__all__ = [
    "CONFIDENCE",
    "EQUIVALENCE_CONFIDENCE",
    "EQUIVALENT",
    "HIGHER",
    "HIGHER_BEYOND_MARGIN",
    "HIGHER_BUT_EQUIVALENT",
    "HIGHER_MARGIN_UNDECIDED",
    "IDENTICAL",
    "LOWER",
    "LOWER_BEYOND_MARGIN",
    "LOWER_BUT_EQUIVALENT",
    "LOWER_MARGIN_UNDECIDED",
    "MOST_SEEDS",
    "NO_DETECTABLE_DIFFERENCE",
    "POWER",
    "UNDECIDED",
    "VERDICTS",
    "BETTER",
    "WORSE",
    "Comparison",
    "Interval",
    "compare",
    "detectable_difference",
    "holm",
    "holm_differs",
    "judgement",
    "mean_interval",
    "paired_difference",
    "seeds_needed",
    "t_factor",
]

Key = TypeVar("Key", bound=Hashable)

CONFIDENCE = 0.95
"""The confidence level of every interval in the book."""
EQUIVALENCE_CONFIDENCE = round(1 - 2 * (1 - CONFIDENCE), 12)
"""TOST's interval: two one-sided tests at 5 % each are one 90 % interval inside the margin."""
POWER = 0.8
"""A difference is *detectable* with n seeds when a paired test at CONFIDENCE finds it 4 times out of 5."""
MOST_SEEDS = 10_000
"""``seeds_needed`` looks no further: a difference that needs more is, for this book, not worth the seeds."""

IDENTICAL = "identical"
"""Every paired difference is exactly 0."""
HIGHER = "higher"
"""Without a margin: the interval of the difference lies above 0."""
LOWER = "lower"
"""Without a margin: the interval of the difference lies below 0."""
NO_DETECTABLE_DIFFERENCE = "no_detectable_difference"
"""Without a margin: the interval of the difference includes 0."""
EQUIVALENT = "equivalent"
"""With a margin: the TOST interval lies inside ±margin and the interval of the difference includes 0."""
HIGHER_BUT_EQUIVALENT = "higher_but_equivalent"
"""With a margin: higher (the interval excludes 0), yet equivalent within the margin (small but real)."""
LOWER_BUT_EQUIVALENT = "lower_but_equivalent"
"""With a margin: lower, yet equivalent within the margin."""
HIGHER_BEYOND_MARGIN = "higher_beyond_margin"
"""With a margin: the whole interval lies above +margin."""
LOWER_BEYOND_MARGIN = "lower_beyond_margin"
"""With a margin: the whole interval lies below −margin."""
HIGHER_MARGIN_UNDECIDED = "higher_margin_undecided"
"""With a margin: higher, but whether by more than the margin is undecided (the interval straddles it)."""
LOWER_MARGIN_UNDECIDED = "lower_margin_undecided"
"""With a margin: lower, but whether by more than the margin is undecided."""
UNDECIDED = "undecided"
"""With a margin: neither a difference nor an equivalence is decided by these seeds."""

BETTER = "better"
"""Of a score with a better side: the difference excludes 0 on that side."""
WORSE = "worse"
"""Of a score with a better side: the difference excludes 0 on the other side."""

VERDICTS = (IDENTICAL, HIGHER, LOWER, NO_DETECTABLE_DIFFERENCE, EQUIVALENT, HIGHER_BUT_EQUIVALENT,
            LOWER_BUT_EQUIVALENT, HIGHER_BEYOND_MARGIN, LOWER_BEYOND_MARGIN, HIGHER_MARGIN_UNDECIDED,
            LOWER_MARGIN_UNDECIDED, UNDECIDED)
"""Every verdict a comparison can reach: the closed set that ``helpers.wording`` words."""


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


def level(value: float, name: str = "confidence") -> float:
    """``value`` if it is a probability strictly between 0 and 1, else a ValueError naming ``name``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not 0 < value < 1:
        raise ValueError(f"{name} must be a number in (0, 1), got {value!r}")
    return float(value)


def mean_interval(values: Sequence[float], confidence: float = CONFIDENCE) -> Interval:
    """Mean, sample standard deviation and Student-t interval of the mean (at least 2 values)."""
    array = finite_values(values, "values")
    if array.size < 2:
        raise ValueError(f"values must hold at least 2 numbers for an interval, got {array.size}")
    confidence = level(confidence)
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


def detectable_difference(std: float, seeds: int, confidence: float = CONFIDENCE, power: float = POWER,
                          sides: int = 2) -> float:
    """The smallest true paired difference that ``seeds`` seeds detect with probability ``power``.

    A paired t-test at ``confidence`` (``sides``: 2 for "differs from 0", 1 for each test of a TOST) rejects when
    |t| exceeds its critical value; under a true difference d, t follows a noncentral t distribution with
    noncentrality d·√seeds / std. The result is the d at which the test rejects with probability ``power``, with
    ``std`` the standard deviation of the paired differences (the observed one stands in for the true one).
    """
    critical = t_factor(seeds, confidence, sides)
    if isinstance(std, bool) or not isinstance(std, numbers.Real) or not math.isfinite(std) or std < 0:
        raise ValueError(f"std must be a finite number >= 0, got {std!r}")
    degrees, wanted = seeds - 1, level(power, "power")

    def rejected(noncentrality: float) -> float:
        far = float(stats.nct.sf(critical, degrees, noncentrality))
        if sides == 1:
            return far
        near = float(stats.nct.cdf(-critical, degrees, noncentrality))  # the wrong tail: tiny, at times NaN
        return far + (near if math.isfinite(near) else 0.0)

    high = critical + stats.t.ppf(wanted, degrees) + 1.0
    while rejected(high) < wanted:
        high *= 2
    noncentrality = optimize.brentq(lambda value: rejected(value) - wanted, 0.0, high, xtol=1e-10)
    return float(noncentrality * std / math.sqrt(seeds))


def seeds_needed(difference: float, std: float, confidence: float = CONFIDENCE, power: float = POWER,
                 sides: int = 2) -> int | None:
    """About how many paired seeds detect a true ``difference`` (in absolute value) with probability ``power``;
    None when it takes more than MOST_SEEDS (or the difference is 0)."""
    size = abs(float(difference))
    if size == 0:
        return None
    if std == 0:
        return 2
    alpha = (1 - level(confidence)) / sides
    normal = (stats.norm.ppf(1 - alpha) + stats.norm.ppf(level(power, "power"))) * std / size
    seeds = max(2, math.ceil(normal**2))  # the normal approximation; Student's t needs a few seeds more
    if seeds > MOST_SEEDS:
        return None
    while seeds <= MOST_SEEDS and detectable_difference(std, seeds, confidence, power, sides) > size:
        seeds += 1
    while seeds > 2 and detectable_difference(std, seeds - 1, confidence, power, sides) <= size:
        seeds -= 1
    return seeds if seeds <= MOST_SEEDS else None


class Comparison(NamedTuple):
    """A paired comparison of treated against control: the difference, the verdict, and what the seeds can detect.

    ``difference`` is the interval at CONFIDENCE; with a margin, ``equivalence_interval`` is TOST's interval at
    EQUIVALENCE_CONFIDENCE, the one to show next to an equivalence verdict. ``detectable`` is the smallest true
    difference these seeds detect (``detectable_difference``); ``needed`` the seeds that would decide the observed
    difference (against 0, or against the margin when there is one), None beyond MOST_SEEDS.
    """

    difference: Interval
    identical: bool
    differs: bool
    equivalent: bool | None
    verdict: str
    margin: float | None = None
    equivalence_interval: Interval | None = None
    p_value: float = 1.0
    detectable: float = 0.0
    needed: int | None = None

    @property
    def decided(self) -> bool:
        """Whether the verdict answers its question (not NO_DETECTABLE_DIFFERENCE, UNDECIDED or a margin undecided)."""
        return self.verdict not in (NO_DETECTABLE_DIFFERENCE, UNDECIDED, HIGHER_MARGIN_UNDECIDED,
                                    LOWER_MARGIN_UNDECIDED)

    @property
    def side(self) -> str | None:
        """HIGHER or LOWER when the interval of the difference excludes 0, else None."""
        return direction(self.difference)

    @property
    def shown_interval(self) -> Interval:
        """The interval of the test the verdict belongs to: TOST's with a margin, else the difference's."""
        return self.equivalence_interval if self.margin is not None else self.difference


def direction(interval: Interval) -> str | None:
    """HIGHER or LOWER when the interval excludes 0, else None."""
    if interval.low > 0:
        return HIGHER
    if interval.high < 0:
        return LOWER
    return None


def p_value(differences: np.ndarray) -> float:
    """Two-sided p-value of the paired t-test of mean 0 (0 or 1 when every difference is the same)."""
    if float(np.std(differences, ddof=1)) == 0:
        return 1.0 if float(differences[0]) == 0 else 0.0
    return float(stats.ttest_1samp(differences, 0.0).pvalue)


def verdict_of(difference: Interval, identical: bool, equivalent: bool | None, margin: float | None) -> str:
    """The key of ``VERDICTS`` these facts make (see the module docstring)."""
    if identical:
        return IDENTICAL
    side = direction(difference)
    if margin is None:
        return side or NO_DETECTABLE_DIFFERENCE
    if equivalent:
        return {HIGHER: HIGHER_BUT_EQUIVALENT, LOWER: LOWER_BUT_EQUIVALENT, None: EQUIVALENT}[side]
    if side is None:
        return UNDECIDED
    if difference.low > margin or difference.high < -margin:
        return HIGHER_BEYOND_MARGIN if side == HIGHER else LOWER_BEYOND_MARGIN
    return HIGHER_MARGIN_UNDECIDED if side == HIGHER else LOWER_MARGIN_UNDECIDED


def compare(treated: Sequence[float], control: Sequence[float], margin: float | None = None) -> Comparison:
    """Paired comparison: identical, differs from 0 (95 % interval), equivalent within ±margin (TOST, 90 %),
    with the smallest difference these seeds detect and the seeds that would decide the observed one."""
    if margin is not None and (isinstance(margin, bool) or not isinstance(margin, numbers.Real) or not margin > 0):
        raise ValueError(f"margin must be None or a positive number, got {margin!r}")
    differences = paired_differences(treated, control)
    difference = mean_interval(differences)
    identical = bool(np.all(differences == 0))
    tost = None if margin is None else mean_interval(differences, EQUIVALENCE_CONFIDENCE)
    equivalent = None if tost is None else bool(-margin < tost.low and tost.high < margin)
    if margin is None:  # decide against 0: a two-sided test
        detectable = detectable_difference(difference.std, difference.n)
        needed = seeds_needed(difference.mean, difference.std)
    else:  # decide against the margin: each of TOST's one-sided tests
        detectable = detectable_difference(difference.std, difference.n, sides=1)
        needed = seeds_needed(abs(difference.mean) - margin, difference.std, sides=1)
    return Comparison(difference, identical, direction(difference) is not None, equivalent,
                      verdict_of(difference, identical, equivalent, margin), margin, tost, p_value(differences),
                      detectable, needed)


def holm(p_values: Sequence[float]) -> list[float]:
    """Holm's step-down adjustment: each p-value made valid for the whole family (compare with 1 − CONFIDENCE)."""
    values = finite_values(p_values, "p_values")
    if np.any((values < 0) | (values > 1)):
        raise ValueError(f"p_values must lie in [0, 1], got {list(p_values)!r}")
    order = np.argsort(values, kind="stable")
    adjusted = np.empty_like(values)
    running = 0.0
    for rank, index in enumerate(order):
        running = max(running, min(1.0, (len(values) - rank) * values[index]))
        adjusted[index] = running
    return [float(value) for value in adjusted]


def judgement(comparison: Comparison, better: str | None) -> str | None:
    """BETTER or WORSE for a score whose ``better`` side (HIGHER or LOWER) the comparison's interval reaches, None
    when the interval includes 0 or the score has no better side."""
    if better not in (HIGHER, LOWER, None):
        raise ValueError(f"better must be {HIGHER!r}, {LOWER!r} or None, got {better!r}")
    if better is None or comparison.side is None:
        return None
    return BETTER if comparison.side == better else WORSE


def holm_differs(comparisons: Mapping[Key, Comparison], confidence: float = CONFIDENCE) -> dict[Key, bool]:
    """Which comparisons of a family still differ from 0 after Holm's adjustment of their p-values: the verdicts of a
    page that reads many comparisons as one finding (the chance of any false "differs" kept at 1 − ``confidence``)."""
    keys = list(comparisons)
    adjusted = holm([comparisons[key].p_value for key in keys]) if keys else []
    return {key: comparisons[key].differs and value < 1 - level(confidence) for key, value in zip(keys, adjusted,
                                                                                              strict=True)}


def t_factor(seeds: int, confidence: float = CONFIDENCE, sides: int = 2) -> float:
    """Student's t factor of an interval over ``seeds`` values: its half-width in standard errors (``sides`` 1: the
    critical value of one test of a TOST)."""
    if isinstance(seeds, bool) or not isinstance(seeds, numbers.Integral) or seeds < 2:
        raise ValueError(f"seeds must be an integer >= 2, got {seeds!r}")
    if sides not in (1, 2):
        raise ValueError(f"sides must be 1 or 2, got {sides!r}")
    return float(stats.t.ppf(1 - (1 - level(confidence)) / sides, seeds - 1))
