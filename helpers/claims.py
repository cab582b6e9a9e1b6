"""The seed article's claims about its two networks, each read as the quantity its words mean, with a verdict;
and the per-run quantities of a record that the results are reported in.

Each claim's *reading* (how its words are turned into a measurement) is one documented constant below;
change a constant and the verdicts follow. A claim's verdict is a key of ``helpers.wording.CLAIM_VERDICTS``: HOLDS,
DOES_NOT_HOLD, UNDECIDED (these seeds cannot tell) or, for a claim read per run or at two epochs, where it holds;
``helpers.wording`` words it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from helpers.report import markdown_table
from helpers.stats import (
    CONFIDENCE,
    EQUIVALENCE_CONFIDENCE,
    LOWER,
    NO_DETECTABLE_DIFFERENCE,
    UNDECIDED,
    Comparison,
    Interval,
    compare,
    mean_interval,
)
from helpers.training import best_epoch
from helpers.wording import claim_text, interval_text, number_text, verdict_text

if TYPE_CHECKING:
    from IPython.display import Markdown

__all__ = [
    "BASELINE_ACCURACY_CLAIM",
    "CONVERGENCE_ACCURACY",
    "DOES_NOT_HOLD",
    "DROPOUT_VAL_ACCURACY",
    "EQUIVALENCE_MARGIN",
    "HOLDS",
    "HOLDS_IN_SOME_RUNS",
    "PLATEAU_EPOCHS",
    "QUANTITY_UNITS",
    "Claim",
    "claims_table",
    "epochs_to_reach",
    "interval_verdict",
    "run_quantities",
    "run_values",
    "seed_claims",
]

Record = dict[str, Any]

HOLDS = "holds"
"""Claim verdict: the measurement is on the claim's side (the whole interval, or every run)."""
DOES_NOT_HOLD = "does_not_hold"
"""Claim verdict: the measurement is on the other side (the whole interval, or no run)."""
HOLDS_IN_SOME_RUNS = "holds_in_some_runs"
"""Claim verdict of a claim read per run: it holds in some runs (slots ``inside`` and ``runs``)."""

BASELINE_ACCURACY_CLAIM = 0.97
"""(a) "more than 97 % test accuracy": the 95 % interval of the baseline's mean test accuracy lies above 0.97."""
PLATEAU_EPOCHS = (2, 4)
"""(b) "stops decreasing after about epoch 3", per run: the run's lowest validation loss is at an epoch in 2–4."""
CONVERGENCE_ACCURACY = 0.97
"""(d) "converges faster": fewer epochs to first reach 97 % validation accuracy, paired by seed."""
DROPOUT_VAL_ACCURACY = (0.975, 0.985)
"""(d) "reaches about 98 % validation accuracy": the mean at the last epoch lies within 98 % ± 0.5 pp."""
EQUIVALENCE_MARGIN = 0.005
"""(e) "not very different": test accuracies equivalent within ±0.5 pp (TOST, a 90 % interval inside ±margin)."""


QUANTITY_UNITS = {
    "test accuracy": "percent",
    "test loss": "plain",
    "final validation accuracy": "percent",
    "final validation loss": "plain",
    "lowest validation loss": "plain",
    "epoch of the lowest validation loss": "plain",
    "fair gap (final validation − training loss)": "plain",
}
"""The per-run quantities of ``run_quantities`` and the unit each is shown in (helpers.report's units)."""


def run_quantities(record: Record) -> dict[str, float]:
    """One run's numbers: test, final and lowest validation, and the fair gap (training loss in inference mode)."""
    history = record["history"]
    return {
        "test accuracy": record["test"]["accuracy"],
        "test loss": record["test"]["loss"],
        "final validation accuracy": history["val_accuracy"][-1],
        "final validation loss": history["val_loss"][-1],
        "lowest validation loss": min(history["val_loss"]),
        "epoch of the lowest validation loss": float(best_epoch(history)),
        "fair gap (final validation − training loss)": history["val_loss"][-1] - record["train"]["loss"],
    }


def run_values(records: Sequence[Record], quantity: str) -> list[float]:
    """``quantity`` (a key of QUANTITY_UNITS) of each record, in order."""
    if quantity not in QUANTITY_UNITS:
        raise ValueError(f"quantity must be one of {list(QUANTITY_UNITS)}, got {quantity!r}")
    return [run_quantities(record)[quantity] for record in records]


class Claim(NamedTuple):
    """One claim of the seed article, how it is read, what was measured, and the verdict (a key, and its numbers)."""

    label: str
    statement: str
    reading: str
    measured: str
    verdict: str
    slots: dict[str, int] = {}
    comparison: Comparison | None = None
    """The paired comparison behind a claim read as one (d1, e), for its interval, detectable difference and seeds."""

    @property
    def verdict_text(self) -> str:
        """The verdict in words."""
        return claim_text(self.verdict, **self.slots)


def interval_verdict(interval: Interval, low: float = -math.inf, high: float = math.inf) -> str:
    """HOLDS if the whole interval lies in [low, high], DOES_NOT_HOLD if none of it does, else UNDECIDED."""
    if not low <= high:
        raise ValueError(f"low must not exceed high, got {low} > {high}")
    if low <= interval.low and interval.high <= high:
        return HOLDS
    if interval.high < low or interval.low > high:
        return DOES_NOT_HOLD
    return UNDECIDED


def epochs_to_reach(history: dict[str, Sequence[float]], threshold: float, metric: str = "val_accuracy") -> int:
    """The first epoch (1-based) at which ``metric`` reaches ``threshold``; epochs + 1 if it never does."""
    values = history[metric]
    return next((epoch for epoch, value in enumerate(values, start=1) if value >= threshold), len(values) + 1)


def last(records: Sequence[Record], metric: str) -> list[float]:
    """Each record's ``metric`` at its last epoch."""
    return [record["history"][metric][-1] for record in records]


def lowest(records: Sequence[Record], metric: str) -> list[float]:
    """Each record's lowest ``metric`` over its epochs."""
    return [min(record["history"][metric]) for record in records]


def test_accuracies(records: Sequence[Record]) -> list[float]:
    """Each record's test accuracy."""
    return [record["test"]["accuracy"] for record in records]


def setting(value: float, unit: str) -> str:
    """A reading's constant as text, without trailing zeros: 0.97 → "97 %"."""
    return number_text(value, unit, trim=True)


def described(comparison: Comparison, unit: str, decimals: int | None = None) -> str:
    """The difference with the interval of its test, then the comparison's verdict."""
    return f"{interval_text(comparison.shown_interval, unit, decimals, sign=True)}: {verdict_text(comparison, unit)}"


def baseline_accuracy(baseline: Sequence[Record]) -> Claim:
    """(a) the baseline's mean test accuracy against 97 %."""
    accuracy = mean_interval(test_accuracies(baseline))
    return Claim("a", "The baseline reaches more than 97 % test accuracy.",
                 f"mean test accuracy of the baseline, interval above {setting(BASELINE_ACCURACY_CLAIM, 'percent')}",
                 f"{interval_text(accuracy, 'percent')}",
                 interval_verdict(accuracy, low=BASELINE_ACCURACY_CLAIM))


def plateau(baseline: Sequence[Record]) -> Claim:
    """(b) per run: is the epoch of lowest validation loss in PLATEAU_EPOCHS?"""
    first, final = PLATEAU_EPOCHS
    epochs = [best_epoch(record["history"]) for record in baseline]
    inside = sum(first <= epoch <= final for epoch in epochs)
    verdict = HOLDS if inside == len(epochs) else DOES_NOT_HOLD if inside == 0 else HOLDS_IN_SOME_RUNS
    return Claim("b", "Without dropout, validation loss stops decreasing after about epoch 3.",
                 f"per run: the lowest validation loss is at an epoch from {first} to {final}",
                 f"epochs of the lowest validation loss: {', '.join(str(epoch) for epoch in epochs)}",
                 verdict, {"inside": inside, "runs": len(epochs)} if verdict == HOLDS_IN_SOME_RUNS else {})


def lower_validation_loss(baseline: Sequence[Record], dropout: Sequence[Record]) -> Claim:
    """(c) paired validation loss, dropout minus baseline, at the lowest and at the last epoch."""
    at_lowest = compare(lowest(dropout, "val_loss"), lowest(baseline, "val_loss"))
    at_last = compare(last(dropout, "val_loss"), last(baseline, "val_loss"))
    lower = {"holds_at_the_lowest_only": at_lowest.verdict == LOWER,
             "holds_at_the_last_epoch_only": at_last.verdict == LOWER}
    if all(lower.values()):
        verdict = HOLDS
    elif any(lower.values()):
        verdict = next(where for where, is_lower in lower.items() if is_lower)
    elif NO_DETECTABLE_DIFFERENCE in (at_lowest.verdict, at_last.verdict):
        verdict = UNDECIDED  # not lower anywhere, but not shown higher or identical everywhere either
    else:
        verdict = DOES_NOT_HOLD
    return Claim("c", "With dropout, the validation loss is clearly lower.",
                 f"paired validation loss, dropout − baseline, lower ({setting(CONFIDENCE, 'percent')} interval "
                 "below 0) at the lowest and at the last epoch",
                 f"lowest: {described(at_lowest, 'plain')}; last epoch: {described(at_last, 'plain')}",
                 verdict)


def faster(baseline: Sequence[Record], dropout: Sequence[Record]) -> Claim:
    """(d, first half) paired epochs to reach CONVERGENCE_ACCURACY, dropout minus baseline."""
    epochs = {arm: [epochs_to_reach(record["history"], CONVERGENCE_ACCURACY) for record in records]
              for arm, records in {"baseline": baseline, "dropout": dropout}.items()}
    comparison = compare(epochs["dropout"], epochs["baseline"])
    if comparison.verdict == LOWER:
        verdict = HOLDS
    else:  # identical or higher: not faster; no detectable difference: these seeds cannot tell
        verdict = DOES_NOT_HOLD if comparison.identical or comparison.differs else UNDECIDED
    return Claim("d1", "Dropout converges faster …",
                 f"paired epochs to first reach {setting(CONVERGENCE_ACCURACY, 'percent')} validation accuracy, "
                 "dropout − baseline, below 0 (never reached: epochs + 1)",
                 f"{described(comparison, 'plain', decimals=1)} (baseline {', '.join(map(str, epochs['baseline']))}; "
                 f"dropout {', '.join(map(str, epochs['dropout']))})",
                 verdict, comparison=comparison)


def about_98(dropout: Sequence[Record]) -> Claim:
    """(d, second half) the dropout network's mean validation accuracy at the last epoch, about 98 %."""
    low, high = DROPOUT_VAL_ACCURACY
    accuracy = mean_interval(last(dropout, "val_accuracy"))
    bounds = f"{setting(low, 'percent')} to {setting(high, 'percent')}"
    return Claim("d2", "… and reaches about 98 % validation accuracy.",
                 f"mean validation accuracy with dropout at the last epoch, interval within {bounds}",
                 interval_text(accuracy, "percent"),
                 interval_verdict(accuracy, low, high))


def similar_accuracy(baseline: Sequence[Record], dropout: Sequence[Record], margin: float) -> Claim:
    """(e) paired test accuracy, equivalent within ±margin (TOST)."""
    comparison = compare(test_accuracies(dropout), test_accuracies(baseline), margin)
    beyond = comparison.difference.low > margin or comparison.difference.high < -margin
    verdict = HOLDS if comparison.equivalent else DOES_NOT_HOLD if beyond else UNDECIDED
    return Claim("e", "Test accuracy with and without dropout is not very different.",
                 f"paired test accuracy, dropout − baseline, equivalent within ±{setting(margin, 'pp')} "
                 f"(TOST: {setting(EQUIVALENCE_CONFIDENCE, 'percent')} interval inside the margin)",
                 described(comparison, "pp"),
                 verdict, comparison=comparison)


def seed_claims(
    baseline: Sequence[Record], dropout: Sequence[Record], margin: float = EQUIVALENCE_MARGIN
) -> list[Claim]:
    """Verdicts on claims (a)–(e) from baseline and dropout records paired by seed (same order).

    ``margin`` is claim (e)'s equivalence margin (a difference of accuracies, 0.005 = 0.5 pp).
    """
    if len(baseline) != len(dropout) or len(baseline) < 2:
        raise ValueError(
            f"baseline and dropout must pair up, at least 2 seeds each; got {len(baseline)} and {len(dropout)}"
        )
    return [baseline_accuracy(baseline), plateau(baseline), lower_validation_loss(baseline, dropout),
            faster(baseline, dropout), about_98(dropout), similar_accuracy(baseline, dropout, margin)]


def claims_table(claims: Sequence[Claim]) -> Markdown:
    """The verdict table: one row per claim with its reading, the measurement and the verdict in bold."""
    return markdown_table(["", "claim", "read as", "measured", "verdict"],
                          [[claim.label, claim.statement, claim.reading, claim.measured, f"**{claim.verdict_text}**"]
                           for claim in claims])
