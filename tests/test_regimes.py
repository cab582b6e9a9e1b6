"""Regime grids: one paired run per seed and cell, run longest first, compared against the cell without dropout."""

from __future__ import annotations

import pytest

from helpers import regimes
from helpers.config import RunConfig
from helpers.stats import HIGHER, LOWER, NO_DETECTABLE_DIFFERENCE


def record(test: float, validation: list[float], restored: int | None = None) -> dict:
    """A record as helpers.run_or_load gives it, with only what the regime summaries read."""
    return {
        "history": {"loss": [1.0 / epoch for epoch in range(1, len(validation) + 1)], "val_accuracy": validation},
        "test": {"accuracy": test},
        "epochs_trained": len(validation),
        "restored_epoch": len(validation) if restored is None else restored,
    }


@pytest.mark.parametrize(("rates", "expected"), [([0.5], [0.0, 0.5]), ([0.2, 0.5], [0.0, 0.2, 0.5]),
                                                 ([0.0, 0.5], [0.0, 0.5])])
def test_grid_has_a_no_dropout_cell_for_every_size_and_width(rates, expected):
    grid = regimes.regime_grid([1000, 4000], [128, 512], rates, [0, 1, 2], epochs=5, patience=2)
    assert list(grid) == [(size, width, rate) for size in (1000, 4000) for width in (128, 512) for rate in expected]
    for (size, width, rate), configs in grid.items():
        assert [config.seed for config in configs] == [0, 1, 2]
        assert {(c.train_samples, c.hidden_units, c.dropout_rate, c.epochs, c.patience) for c in configs} == {
            (size, width, rate, 5, 2)}


@pytest.mark.parametrize(
    ("arguments", "name"),
    [(([0], [128], [0.5], [0, 1]), "train_sizes"), (([54001], [128], [0.5], [0, 1]), "train_sizes"),
     (([], [128], [0.5], [0, 1]), "train_sizes"), (([1000], [0], [0.5], [0, 1]), "hidden_widths"),
     (([1000], [], [0.5], [0, 1]), "hidden_widths"), (([1000], [128], [1.0], [0, 1]), "dropout_rates"),
     (([1000], [128], [0.5], [0]), "seeds")],
)
def test_grid_refuses_bad_settings_naming_them(arguments, name):
    with pytest.raises(ValueError, match=name):
        regimes.regime_grid(*arguments)


def test_cost_grows_with_images_width_and_epochs():
    base = RunConfig(seed=0, train_samples=1000, hidden_units=128, epochs=10)
    for larger in (RunConfig(seed=0, train_samples=4000, hidden_units=128, epochs=10),
                   RunConfig(seed=0, train_samples=1000, hidden_units=512, epochs=10),
                   RunConfig(seed=0, train_samples=1000, hidden_units=128, epochs=20),
                   RunConfig(seed=0, train_samples=None, hidden_units=128, epochs=10)):
        assert regimes.training_cost(larger) > regimes.training_cost(base)


def test_run_groups_trains_each_run_once_longest_first_and_regroups(monkeypatch):
    small, large = (RunConfig(seed=0, train_samples=size) for size in (100, 5000))
    middle = RunConfig(seed=1, train_samples=1000)
    seen = []

    def fake_run_many(configs, mnist, workers):
        seen.append((list(configs), workers))
        return [{"config": config} for config in configs]

    monkeypatch.setattr(regimes, "run_many", fake_run_many)
    groups = {"a": [small, large], ("b", 1): [middle, small]}
    records = regimes.run_groups(groups, mnist=None, workers=2)
    assert seen == [([large, middle, small], 2)]
    assert records == {"a": [{"config": small}, {"config": large}], ("b", 1): [{"config": middle}, {"config": small}]}


def test_accuracies_read_the_test():
    runs = [record(0.91, [0.80, 0.90, 0.85], restored=2), record(0.92, [0.70, 0.75])]
    assert regimes.test_accuracies(runs) == [0.91, 0.92]


@pytest.mark.parametrize(("shift", "verdict"), [(0.01, HIGHER), (-0.01, LOWER), (0.0, NO_DETECTABLE_DIFFERENCE)])
def test_cells_are_compared_with_the_no_dropout_cell_seed_by_seed(shift, verdict):
    control = [0.90, 0.92, 0.91]
    noise = [0.0, 0.001, -0.001] if shift else [0.002, -0.002, 0.001]
    groups = {(1000, 128, 0.0): [record(value, [0.9]) for value in control],
              (1000, 128, 0.5): [record(value + shift + wiggle, [0.9]) for value, wiggle in zip(control, noise, strict=True)]}
    comparisons = regimes.cell_comparisons(groups)
    assert list(comparisons) == [(1000, 128, 0.5)]
    assert comparisons[1000, 128, 0.5].verdict == verdict
    assert comparisons[1000, 128, 0.5].difference.mean == pytest.approx(shift + sum(noise) / 3)


def test_a_cell_without_its_control_is_refused():
    with pytest.raises(ValueError, match="groups"):
        regimes.cell_comparisons({(1000, 128, 0.5): [record(0.9, [0.9])] * 2})


@pytest.mark.parametrize(("dropout", "expected"), [(False, (1000, 512, 0.0)), (True, (1000, 128, 0.2))])
def test_best_cell_is_chosen_on_validation_not_test(dropout, expected):
    groups = {
        (1000, 128, 0.0): [record(0.99, [0.80])] * 2,  # best on test, worst on validation
        (1000, 512, 0.0): [record(0.90, [0.85])] * 2,
        (1000, 128, 0.2): [record(0.90, [0.70, 0.88, 0.80], restored=2)] * 2,
        (1000, 128, 0.5): [record(0.99, [0.86])] * 2,
        (4000, 128, 0.5): [record(0.99, [0.99])] * 2,  # another size
    }
    assert regimes.best_cell(groups, 1000, dropout) == expected


def test_best_cell_needs_a_candidate():
    with pytest.raises(ValueError, match="train_samples"):
        regimes.best_cell({(1000, 128, 0.0): [record(0.9, [0.9])]}, 1000, dropout=True)


def test_cells_are_described_in_words():
    assert regimes.describe_cell((54000, 1024, 0.5)) == "54,000 images, 1,024 units, rate 0.5"
