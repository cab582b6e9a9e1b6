"""What a grid costs: an epoch's time as a line in the training images, multiplied out over a grid's runs."""

from __future__ import annotations

import pytest
from conftest import small_arrays

from helpers import costs
from helpers.config import RunConfig
from helpers.data import TRAINING_IMAGES, Mnist


@pytest.fixture
def mnist() -> Mnist:
    arrays = small_arrays()
    return Mnist(*(arrays[name] for name in Mnist._fields))


@pytest.mark.parametrize(("cost", "images", "seconds"),
                         [(costs.EpochCost(0.001, 2.0), 1000, 3.0), (costs.EpochCost(0.0, 5.0), 10, 5.0),
                          (costs.EpochCost(0.0001, 0.0), None, TRAINING_IMAGES * 0.0001),
                          (costs.EpochCost(0.001, 2.0), 0, 2.0)])
def test_an_epoch_costs_its_images_and_a_fixed_part(cost, images, seconds):
    assert cost.seconds(images) == pytest.approx(seconds)


@pytest.mark.parametrize(("epochs", "images", "hours"), [(10, 1000, 10 * 3.0 / 3600), (360, 1000, 0.3)])
def test_a_run_costs_its_cap_of_epochs(epochs, images, hours):
    config = RunConfig(seed=0, epochs=epochs, train_samples=images)
    assert costs.run_hours(config, costs.EpochCost(0.001, 2.0)) == pytest.approx(hours)


def test_a_grid_costs_each_distinct_run_once_at_the_cost_of_its_width():
    narrow, wide = costs.EpochCost(0.001, 0.0), costs.EpochCost(0.002, 0.0)
    configs = [RunConfig(seed=seed, epochs=36, train_samples=1000, hidden_units=units)
               for units in (128, 512) for seed in (0, 1)]
    expected = 2 * 36 * 1.0 / 3600 + 2 * 36 * 2.0 / 3600
    assert costs.grid_hours(configs + configs[:1], {128: narrow, 512: wide}) == pytest.approx(expected)
    with pytest.raises(ValueError, match="hidden_units"):
        costs.grid_hours(configs, {128: narrow})


@pytest.mark.parametrize("sizes", [(5000,), (5000, 1000), (10, 10), (10, 20, 30), (0, 10), (10, 10**6)])
def test_epoch_cost_needs_two_increasing_sizes(mnist, sizes):
    with pytest.raises(ValueError, match="timing_sizes=.* two increasing training-set sizes"):
        costs.epoch_cost(RunConfig(seed=0), mnist, sizes)


def test_epoch_seconds_times_an_epoch_after_the_first_and_records_nothing(mnist, tmp_path, monkeypatch):
    monkeypatch.setenv("DROPOUT_BOOK_RECORDS", str(tmp_path / "records"))
    seconds = costs.epoch_seconds(RunConfig(seed=0, hidden_units=8, train_samples=40), mnist)
    assert 0 < seconds < 60
    assert not (tmp_path / "records").exists()
    with pytest.raises(ValueError, match="epochs"):
        costs.epoch_seconds(RunConfig(seed=0), mnist, epochs=1)


def test_epoch_cost_is_a_line_through_two_measured_sizes(mnist, monkeypatch):
    measured = {20: 1.5, 40: 2.5}  # seconds at 20 and 40 training images
    monkeypatch.setattr(costs, "epoch_seconds", lambda config, data: measured[config.train_samples])
    cost = costs.epoch_cost(RunConfig(seed=0), mnist, (20, 40))
    assert cost.per_image == pytest.approx(0.05)
    assert cost.fixed == pytest.approx(0.5)
