"""The MLP builder: the seed's architecture, dropout where asked, clear errors for bad settings."""

from __future__ import annotations

import numpy as np
import pytest
from keras import layers

from helpers.models import build_mlp, describe_layers
from helpers.parameters import PLACEMENTS


def layer_kinds(model) -> list[str]:
    return [type(layer).__name__ for layer in model.layers]


def test_baseline_is_the_seeds_mlp():
    model = build_mlp()
    assert layer_kinds(model) == ["Flatten", "Dense", "Activation", "Dense", "Activation", "Dense"]
    assert [layer.units for layer in model.layers if isinstance(layer, layers.Dense)] == [128, 128, 10]
    assert model.count_params() == 784 * 128 + 128 + 128 * 128 + 128 + 128 * 10 + 10
    assert model.output_shape == (None, 10)


@pytest.mark.parametrize(
    ("placement", "kinds"),
    [
        ("before_activation", ["Dense", "Dropout", "Activation"]),
        ("after_activation", ["Dense", "Activation", "Dropout"]),
        ("dropout_before_batchnorm", ["Dense", "Dropout", "BatchNormalization", "Activation"]),
        ("batchnorm_before_dropout", ["Dense", "BatchNormalization", "Activation", "Dropout"]),
    ],
)
def test_placements_order_the_layers(placement, kinds):
    model = build_mlp(dropout_rate=0.5, placement=placement)
    assert layer_kinds(model) == ["Flatten", *kinds, *kinds, "Dense"]
    assert all(layer.rate == 0.5 for layer in model.layers if isinstance(layer, layers.Dropout))


@pytest.mark.parametrize("activation", ["relu", "sigmoid", "tanh"])
@pytest.mark.parametrize(("hidden_units", "hidden_layers"), [(16, 1), (32, 3)])
def test_output_is_a_probability_distribution(activation, hidden_units, hidden_layers):
    model = build_mlp(dropout_rate=0.2, hidden_units=hidden_units, hidden_layers=hidden_layers, activation=activation)
    probabilities = np.asarray(model(np.random.default_rng(0).random((4, 28, 28), dtype=np.float32)))
    assert probabilities.shape == (4, 10)
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0, rtol=1e-5)
    assert sum(isinstance(layer, layers.Dense) for layer in model.layers) == hidden_layers + 1


def test_dropout_acts_in_training_only():
    model = build_mlp(dropout_rate=0.5)
    images = np.random.default_rng(0).random((8, 28, 28), dtype=np.float32)
    inference = [np.asarray(model(images, training=False)) for _ in range(2)]
    training = [np.asarray(model(images, training=True)) for _ in range(2)]
    np.testing.assert_array_equal(inference[0], inference[1])
    assert not np.array_equal(training[0], training[1])


@pytest.mark.parametrize(
    ("arguments", "name"),
    [
        ({"dropout_rate": 1.0}, "dropout_rate"),
        ({"dropout_rate": -0.1}, "dropout_rate"),
        ({"hidden_units": 0}, "hidden_units"),
        ({"hidden_layers": 0}, "hidden_layers"),
        ({"activation": "gelu"}, "activation"),
        ({"placement": "middle"}, "placement"),
        ({"hidden_units": "128"}, "hidden_units"),
        ({"hidden_layers": 2.0}, "hidden_layers"),
        ({"dropout_rate": "0.5"}, "dropout_rate"),
        ({"input_dropout_rate": 1.0}, "input_dropout_rate"),
        ({"max_norm": 0.0}, "max_norm"),
        ({"weight_decay": -0.1}, "weight_decay"),
    ],
)
def test_bad_settings_raise_value_error_naming_them(arguments, name):
    with pytest.raises(ValueError, match=name):
        build_mlp(**arguments)


def test_every_placement_is_buildable():
    for placement in PLACEMENTS:
        assert build_mlp(dropout_rate=0.3, placement=placement).output_shape == (None, 10)


@pytest.mark.parametrize(
    ("dropout_rate", "placement", "expected"),
    [
        (0.0, "before_activation", ["Flatten", "Dense(128)", "Activation(relu)", "Dense(128)", "Activation(relu)", "Dense(10) + softmax"]),
        (0.5, "before_activation", ["Flatten", "Dense(128)", "Dropout(0.5)", "Activation(relu)"]),
        (0.2, "after_activation", ["Flatten", "Dense(128)", "Activation(relu)", "Dropout(0.2)"]),
    ],
)
def test_describe_layers(dropout_rate, placement, expected):
    described = describe_layers(build_mlp(dropout_rate=dropout_rate, placement=placement))
    assert described[: len(expected)] == expected


def test_input_dropout_comes_right_after_flatten():
    described = describe_layers(build_mlp(dropout_rate=0.5, input_dropout_rate=0.2))
    assert described[:3] == ["Flatten", "Dropout(0.2)", "Dense(128)"]


@pytest.mark.parametrize(("max_norm", "weight_decay"), [(3.0, 0.0), (None, 1e-4), (2.0, 1e-3)])
def test_max_norm_and_weight_decay_act_on_the_hidden_kernels_only(max_norm, weight_decay):
    model = build_mlp(max_norm=max_norm, weight_decay=weight_decay)
    dense = [layer for layer in model.layers if isinstance(layer, layers.Dense)]
    for layer in dense[:-1]:
        assert (layer.kernel_constraint is not None) is (max_norm is not None)
        assert (layer.kernel_regularizer is not None) is (weight_decay > 0)
    assert dense[-1].kernel_constraint is None
    assert dense[-1].kernel_regularizer is None
    assert len(model.losses) == (2 if weight_decay > 0 else 0)


def test_max_norm_caps_each_units_incoming_weights():
    model = build_mlp(max_norm=0.5, hidden_units=8)
    kernel = model.layers[1].kernel
    kernel.assign(np.full(kernel.shape, 1.0, dtype="float32"))
    capped = np.asarray(model.layers[1].kernel_constraint(kernel))
    np.testing.assert_allclose(np.linalg.norm(capped, axis=0), 0.5, rtol=1e-5)
