"""Choices on validation data: by the epoch each run kept, the mean over seeds, never the test images."""

from __future__ import annotations

import pytest

from helpers import selection


def record(val_accuracy: list[float], val_loss: list[float] | None = None, restored: int | None = None,
           test: float = 0.5) -> dict:
    """A record with a validation history, the epoch it kept (its last by default) and a test accuracy."""
    return {"history": {"val_accuracy": val_accuracy, "val_loss": val_loss or [1.0] * len(val_accuracy)},
            "restored_epoch": restored or len(val_accuracy), "test": {"accuracy": test}}


@pytest.mark.parametrize(
    ("run", "metric", "expected"),
    [(record([0.90, 0.95, 0.93]), "val_accuracy", 0.93),                 # trained to the end: the last epoch
     (record([0.90, 0.95, 0.93], restored=2), "val_accuracy", 0.95),      # early-stopped: the epoch it kept
     (record([0.9, 0.9], [0.4, 0.2], restored=1), "val_loss", 0.4)],
)
def test_kept_validation_is_read_at_the_kept_epoch(run, metric, expected):
    assert selection.kept_validation(run, metric) == pytest.approx(expected)


def test_kept_validation_names_a_missing_metric():
    with pytest.raises(ValueError, match="metric"):
        selection.kept_validation(record([0.9]), "val_auc")


def test_choose_on_validation_by_mean_over_seeds_not_test():
    candidates = {0.2: [record([0.95], test=0.1), record([0.93], test=0.1)],
                  0.5: [record([0.96], test=0.99), record([0.90], test=0.99)]}
    assert selection.choose_on_validation(candidates) == 0.2
    by_loss = {"a": [record([0.9], [0.30])], "b": [record([0.9], [0.20])]}
    assert selection.choose_on_validation(by_loss, "val_loss") == "b"


def test_choose_on_validation_first_on_ties_and_refuses_empty():
    assert selection.choose_on_validation({"first": [record([0.9])], "second": [record([0.9])]}) == "first"
    with pytest.raises(ValueError, match="candidates"):
        selection.choose_on_validation({})
    with pytest.raises(ValueError, match="candidates"):
        selection.choose_on_validation({"a": []})


@pytest.mark.parametrize(
    ("means", "metric", "expected"),
    [({"a": 0.90, "b": 0.95, "c": 0.93}, "val_accuracy", ["b", "c", "a"]),   # accuracy: highest first
     ({"a": 0.30, "b": 0.20, "c": 0.25}, "val_loss", ["b", "c", "a"]),       # loss: lowest first
     ({"a": 0.9, "b": 0.9, "c": 0.95}, "val_accuracy", ["c", "a", "b"])],    # ties keep the candidates' order
)
def test_rank_on_validation_orders_best_first(means, metric, expected):
    candidates = {key: [record([value], [value])] for key, value in means.items()}
    assert selection.rank_on_validation(candidates, metric) == expected
    assert selection.choose_on_validation(candidates, metric) == expected[0]
