"""RunConfig: one spelling per value, every field checked with a message naming it."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import records
from helpers.config import RunConfig
from helpers.models import build_mlp, describe_layers


@pytest.mark.parametrize(
    ("same", "other"),
    [({"dropout_rate": 0}, {"dropout_rate": 0.0}), ({"seed": np.int64(2)}, {"seed": 2}),
     ({"train_samples": np.int32(500)}, {"train_samples": 500}),
     ({"max_norm": 3}, {"max_norm": 3.0}), ({"patience": np.int64(2)}, {"patience": 2})],
)
def test_equal_values_spelled_differently_share_a_record(same, other):
    first, second = RunConfig(**{"seed": 1, **same}), RunConfig(**{"seed": 1, **other})
    assert first == second
    assert records.record_key(first) == records.record_key(second)


@pytest.mark.parametrize(
    "arguments",
    [{"seed": 1.5}, {"epochs": "10"}, {"batch_size": True}, {"dropout_rate": 1.0}, {"epochs": 0},
     {"activation": "elu"}, {"placement": "x"}, {"hidden_units": 0}, {"input_dropout_rate": -0.1},
     {"max_norm": 0}, {"weight_decay": -1e-4}, {"optimizer": "rmsprop"}, {"learning_rate": 0},
     {"patience": 0}, {"monitor": "loss"}, {"train_samples": 0}],
)
def test_bad_configurations_are_refused_naming_the_field(arguments):
    name = next(iter(arguments))
    with pytest.raises(ValueError, match=f"^{name}="):
        RunConfig(**{"seed": 0, **arguments})


@pytest.mark.parametrize(
    "arguments",
    [{}, {"dropout_rate": 0.5}, {"input_dropout_rate": 0.2, "max_norm": 3.0}, {"weight_decay": 1e-4, "hidden_units": 64}],
)
def test_model_settings_build_the_configured_network(arguments):
    config = RunConfig(seed=0, **arguments)
    assert describe_layers(build_mlp(**config.model_settings())) == describe_layers(build_mlp(**arguments))


def test_without_early_stopping_is_the_same_run_trained_for_all_its_epochs():
    config = RunConfig(seed=3, dropout_rate=0.5, patience=2, monitor="val_accuracy")
    assert config.without_early_stopping() == RunConfig(seed=3, dropout_rate=0.5)


@pytest.mark.parametrize("monitor", ["val_loss", "val_accuracy"])
def test_the_monitor_of_a_run_without_early_stopping_is_not_part_of_its_record(monitor):
    assert records.record_key(RunConfig(seed=1, monitor=monitor)) == records.record_key(RunConfig(seed=1))
