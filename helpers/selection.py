"""Choosing on validation data: one function for every choice the book makes (a dropout rate, a regulariser's
setting, a cell of a grid), so that every choice is made the same way, and never on the test images."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import Any, TypeVar

import numpy as np

__all__ = ["choose_on_validation", "kept_validation", "rank_on_validation"]

Record = Mapping[str, Any]
Key = TypeVar("Key", bound=Hashable)


def kept_validation(record: Record, metric: str = "val_accuracy") -> float:
    """The validation ``metric`` of a run at the epoch whose weights it kept: its restored epoch when it stopped
    early, its last epoch otherwise."""
    values = record["history"].get(metric)
    if not values:
        raise ValueError(f"metric={metric!r} is not in the record's history (it has {sorted(record['history'])})")
    return float(values[record["restored_epoch"] - 1])


def rank_on_validation(candidates: Mapping[Key, Sequence[Record]], metric: str = "val_accuracy") -> list[Key]:
    """The keys of ``candidates`` (a setting → its runs over seeds), best mean ``kept_validation`` first: the highest
    accuracy, the lowest loss; ties keep the candidates' order. The test images play no part."""
    if not candidates or any(len(records) == 0 for records in candidates.values()):
        raise ValueError("candidates must map at least one setting to at least one record")
    means = {key: float(np.mean([kept_validation(record, metric) for record in records]))
             for key, records in candidates.items()}
    sign = -1.0 if "accuracy" in metric else 1.0
    return sorted(means, key=lambda key: sign * means[key])  # sorted is stable: ties stay in order


def choose_on_validation(candidates: Mapping[Key, Sequence[Record]], metric: str = "val_accuracy") -> Key:
    """The key of ``candidates`` whose runs have the best mean ``kept_validation`` (``rank_on_validation``'s first)."""
    return rank_on_validation(candidates, metric)[0]
