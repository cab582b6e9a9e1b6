"""The seed article's claims about its two networks, each turned into a verdict computed from paired seeds."""

from __future__ import annotations

import math
from typing import Any, NamedTuple, Sequence

from helpers.stats import CONFIDENCE, Interval, both, mean_interval, paired_difference, verdict
from helpers.training import best_epoch

Record = dict[str, Any]

BASELINE_ACCURACY_CLAIM = 0.97
"""(a) "the baseline reaches more than 97 % test accuracy"."""
PLATEAU_EPOCHS = (2, 4)
"""(b) "validation loss stops decreasing after about epoch 3": its minimum falls in epochs 2–4."""
DROPOUT_VAL_ACCURACY = (0.975, 0.985)
"""(d) "about 98 % validation accuracy": within half a percentage point of 98 %."""
EQUIVALENCE_MARGIN = 0.005
"""(e) "not very different": test accuracies within half a percentage point of each other."""


class Claim(NamedTuple):
    """One claim of the seed article, the quantity measured for it, and the verdict."""

    label: str
    statement: str
    measured: str
    verdict: str


def describe(interval: Interval, digits: int = 4) -> str:
    """``mean (95 % CI low to high, n seeds)`` as text, at the book's confidence level."""
    bounds = f"{interval.low:.{digits}f} to {interval.high:.{digits}f}"
    return f"{interval.mean:.{digits}f} ({CONFIDENCE:.0%} CI {bounds}, {interval.n} seeds)"


def column(records: Sequence[Record], part: str, name: str, epoch: int | None = None) -> list[float]:
    """One number per record: a test/train metric, or a history metric at ``epoch`` (the last by default)."""
    if part == "history":
        return [record["history"][name][-1 if epoch is None else epoch - 1] for record in records]
    return [record[part][name] for record in records]


def best_epochs(records: Sequence[Record]) -> list[float]:
    """The epoch of lowest validation loss of each record."""
    return [float(best_epoch(record["history"])) for record in records]


def seed_claims(baseline: Sequence[Record], dropout: Sequence[Record]) -> list[Claim]:
    """Verdicts on claims (a)–(e) from baseline and dropout records paired by seed (same order)."""
    if len(baseline) != len(dropout) or len(baseline) < 2:
        raise ValueError(f"baseline and dropout must pair up, at least 2 seeds; got {len(baseline)} and {len(dropout)}")
    accuracy = mean_interval(column(baseline, "test", "accuracy"))
    plateau = mean_interval(best_epochs(baseline))
    val_loss = paired_difference(column(dropout, "history", "val_loss"), column(baseline, "history", "val_loss"))
    faster = paired_difference(best_epochs(dropout), best_epochs(baseline))
    val_accuracy = mean_interval(column(dropout, "history", "val_accuracy"))
    test_difference = paired_difference(column(dropout, "test", "accuracy"), column(baseline, "test", "accuracy"))
    return [
        Claim("a", "The baseline reaches more than 97 % test accuracy.",
              f"baseline test accuracy {describe(accuracy)}",
              verdict(accuracy, low=BASELINE_ACCURACY_CLAIM)),
        Claim("b", "Without dropout, validation loss stops decreasing after about epoch 3.",
              f"epoch of lowest validation loss {describe(plateau, 1)}",
              verdict(plateau, *PLATEAU_EPOCHS)),
        Claim("c", "With dropout, the validation loss is clearly lower.",
              f"final validation loss, dropout minus baseline {describe(val_loss)}",
              verdict(val_loss, high=0.0)),
        Claim("d", "Dropout converges faster and reaches about 98 % validation accuracy.",
              f"epoch of lowest validation loss, dropout minus baseline {describe(faster, 1)}; "
              f"final validation accuracy with dropout {describe(val_accuracy)}",
              both(verdict(faster, high=-math.ulp(0.0)), verdict(val_accuracy, *DROPOUT_VAL_ACCURACY))),
        Claim("e", "Test accuracy with and without dropout is not very different.",
              f"test accuracy, dropout minus baseline {describe(test_difference)}",
              verdict(test_difference, -EQUIVALENCE_MARGIN, EQUIVALENCE_MARGIN)),
    ]
