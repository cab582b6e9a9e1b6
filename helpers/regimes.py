"""Regime maps: paired runs over a grid of training-set size, width and dropout rate, and what the grid says.

A *cell* of the grid is ``(train_samples, hidden_units, dropout_rate)``; each cell holds one run per seed, and
the cell with rate 0 at the same size and width is its paired no-dropout control.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import Any, TypeVar

from helpers.config import RunConfig
from helpers.data import TRAINING_IMAGES, VALIDATION_IMAGES, Mnist
from helpers.parameters import check_setting
from helpers.records import Record
from helpers.runs import run_many
from helpers.selection import choose_on_validation
from helpers.stats import Comparison, compare
from helpers.wording import bare_number, sentence

__all__ = [
    "Cell",
    "best_cell",
    "cell_comparisons",
    "describe_cell",
    "regime_grid",
    "run_groups",
    "test_accuracies",
    "training_cost",
]

Cell = tuple[int, int, float]
"""A cell of the grid: (training images, hidden units per layer, dropout rate)."""

Key = TypeVar("Key", bound=Hashable)


def regime_grid(
    train_sizes: Sequence[int],
    hidden_widths: Sequence[int],
    dropout_rates: Sequence[float],
    seeds: Sequence[int],
    **settings: Any,
) -> dict[Cell, list[RunConfig]]:
    """One run per seed for every (size, width, rate) cell, the no-dropout cells (rate 0) included first."""
    for name, value in (("train_sizes", train_sizes), ("hidden_widths", hidden_widths),
                        ("dropout_rates", dropout_rates), ("seeds", seeds)):
        check_setting(name, value)
    rates = [0.0] + [float(value) for value in dropout_rates if value != 0]
    return {
        (int(size), int(width), rate_value): [
            RunConfig(seed=seed, train_samples=size, hidden_units=width, dropout_rate=rate_value, **settings)
            for seed in seeds
        ]
        for size in train_sizes
        for width in hidden_widths
        for rate_value in rates
    }


def training_cost(config: RunConfig) -> float:
    """A rough cost of a run (images seen per epoch × weights × epochs), to start the longest runs first."""
    images = (config.train_samples or TRAINING_IMAGES) + VALIDATION_IMAGES / 3  # validation: a forward pass only
    weights = config.hidden_units * (28 * 28 + config.hidden_units + 10)
    return images * weights * config.epochs


def run_groups(
    groups: Mapping[Key, Sequence[RunConfig]], mnist: Mnist, workers: int = 1
) -> dict[Key, list[Record]]:
    """The records of every group's runs, in the groups' order; missing runs are trained in one pool, longest first."""
    configs = list(dict.fromkeys(config for runs in groups.values() for config in runs))
    ordered = sorted(configs, key=training_cost, reverse=True)
    records = dict(zip(ordered, run_many(ordered, mnist, workers), strict=True))
    return {key: [records[config] for config in runs] for key, runs in groups.items()}


def test_accuracies(records: Sequence[Record]) -> list[float]:
    """The test accuracy of each run (of its final network: the restored one when early stopping was on)."""
    return [record["test"]["accuracy"] for record in records]


def cell_comparisons(groups: Mapping[Cell, Sequence[Record]]) -> dict[Cell, Comparison]:
    """For every cell with dropout: its test accuracy against the no-dropout cell of the same size and width, paired."""
    comparisons = {}
    for (size, width, dropout_rate), records in groups.items():
        if dropout_rate == 0:
            continue
        control = groups.get((size, width, 0.0))
        if control is None:
            raise ValueError(f"groups: cell {(size, width, dropout_rate)} has no no-dropout cell {(size, width, 0.0)}")
        comparisons[size, width, dropout_rate] = compare(test_accuracies(records), test_accuracies(control))
    return comparisons


def best_cell(groups: Mapping[Cell, Sequence[Record]], train_samples: int, dropout: bool) -> Cell:
    """At ``train_samples`` images, the cell with or without dropout whose runs have the best mean validation accuracy."""
    candidates = {cell: runs for cell, runs in groups.items() if cell[0] == train_samples and (cell[2] > 0) == dropout}
    if not candidates:
        raise ValueError(f"train_samples={train_samples!r}: no cell {'with' if dropout else 'without'} dropout")
    return choose_on_validation(candidates)


def describe_cell(cell: Cell) -> str:
    """A cell in words: "1,000 images, 512 units, rate 0.5"."""
    size, width, dropout_rate = cell
    return sentence("regimes.cell", "cell", size=size, width=width, rate=bare_number(dropout_rate, trim=True))
