"""Placement: with identical masks the two orders are one function for ReLU and two for sigmoid and tanh; BN's view of dropout."""

from __future__ import annotations

import keras
import numpy as np
import pytest
from keras import layers

from helpers.models import build_mlp
from helpers.placement import (
    MaskedDropout,
    batchnorm_input_variances,
    batchnorm_layers,
    layer_input,
    order_difference,
    recalibrate_batchnorm,
)
from helpers.training import set_seed

IMAGES, FEATURES, UNITS = 64, 20, 16


def inputs(seed: int = 0) -> np.ndarray:
    """Synthetic features, not MNIST: the identity must hold for any input."""
    return np.random.default_rng(seed).normal(size=(IMAGES, FEATURES)).astype("float32")


def two_orders(activation: str, rate: float, seed: int = 0) -> dict[str, keras.Sequential]:
    """Dense → Dropout → activation and Dense → activation → Dropout, sharing the Dense and the mask."""
    set_seed(seed)
    mask = np.random.default_rng(seed).random((IMAGES, UNITS)) >= rate
    dense, dropout, act = layers.Dense(UNITS), MaskedDropout(mask, rate), layers.Activation(activation)
    return {"before": keras.Sequential([dense, dropout, act]), "after": keras.Sequential([dense, act, dropout])}


@pytest.mark.parametrize("rate", [0.1, 0.5, 0.8])
@pytest.mark.parametrize("seed", [0, 1])
def test_relu_orders_are_identical_outputs_and_gradients(rate, seed):
    orders = two_orders("relu", rate, seed)
    difference = order_difference(orders["before"], orders["after"], inputs(seed))
    assert difference.outputs == 0.0
    assert difference.gradients == 0.0
    assert difference.largest_gradient > 0  # the gradients compared are not trivially zero


@pytest.mark.parametrize("activation", ["sigmoid", "tanh"])
@pytest.mark.parametrize("rate", [0.2, 0.5])
def test_sigmoid_and_tanh_orders_differ(activation, rate):
    orders = two_orders(activation, rate)
    difference = order_difference(orders["before"], orders["after"], inputs())
    assert difference.outputs > 0
    assert difference.gradients > 0


def test_keras_dropout_with_equal_seeds_gives_identical_relu_orders():
    set_seed(0)
    dense = layers.Dense(UNITS)
    before = keras.Sequential([dense, layers.Dropout(0.5, seed=3), layers.Activation("relu")])
    after = keras.Sequential([dense, layers.Activation("relu"), layers.Dropout(0.5, seed=3)])
    difference = order_difference(before, after, inputs())  # each Dropout's first call: the same mask
    assert (difference.outputs, difference.gradients) == (0.0, 0.0)
    assert difference.largest_gradient > 0


@pytest.mark.parametrize(("activation", "dropped"), [("sigmoid", 0.5), ("tanh", 0.0), ("relu", 0.0)])
def test_a_dropped_unit_reads_f_of_zero_before_and_zero_after(activation, dropped):
    orders = two_orders(activation, 0.5)
    mask = orders["before"].layers[1].mask
    before, after = (np.asarray(orders[order](inputs(), training=True)) for order in ("before", "after"))
    np.testing.assert_allclose(before[mask == 0], dropped, atol=1e-7)
    assert np.all(after[mask == 0] == 0)


@pytest.mark.parametrize("rate", [0.0, 0.25, 0.5])
def test_masked_dropout_scales_kept_units_in_training_and_passes_through_at_inference(rate):
    mask = np.array([[1, 0, 1], [0, 1, 1]])
    x = np.arange(1, 7, dtype="float32").reshape(2, 3)
    dropout = MaskedDropout(mask, rate)
    np.testing.assert_allclose(np.asarray(dropout(x, training=True)), x * mask / (1 - rate), rtol=1e-6)
    np.testing.assert_array_equal(np.asarray(dropout(x, training=False)), x)


@pytest.mark.parametrize("rate", [1.0, -0.1, True])
def test_masked_dropout_refuses_a_bad_rate(rate):
    with pytest.raises(ValueError, match="rate"):
        MaskedDropout(np.ones((2, 2)), rate)


def test_masked_dropout_refuses_a_mask_that_is_not_zero_one():
    with pytest.raises(ValueError, match="mask"):
        MaskedDropout(np.full((2, 2), 0.5), 0.5)


def test_order_difference_refuses_models_of_other_shapes():
    set_seed(0)
    first = keras.Sequential([layers.Dense(UNITS)])
    second = keras.Sequential([layers.Dense(UNITS + 1)])
    with pytest.raises(ValueError, match="second"):
        order_difference(first, second, inputs())


@pytest.fixture
def batchnorm_model() -> keras.Sequential:
    set_seed(0)
    return build_mlp(dropout_rate=0.5, hidden_units=32, placement="dropout_before_batchnorm")


def images(count: int = 200) -> np.ndarray:
    return np.random.default_rng(2).random((count, 28, 28), dtype=np.float32)


def test_layer_input_with_dropout_off_is_the_inference_path(batchnorm_model):
    first_bn = batchnorm_layers(batchnorm_model)[0]
    dense = batchnorm_model.get_layer("dense_1")
    expected = np.asarray(dense(images().reshape(len(images()), -1)))
    np.testing.assert_allclose(layer_input(batchnorm_model, images(), first_bn, dropout_on=False), expected, rtol=1e-6)
    with_dropout = layer_input(batchnorm_model, images(), first_bn, dropout_on=True)
    assert np.mean(with_dropout == 0) == pytest.approx(0.5, abs=0.05)


def test_layer_input_refuses_a_layer_of_another_model(batchnorm_model):
    with pytest.raises(ValueError, match="layer"):
        layer_input(batchnorm_model, images(), layers.BatchNormalization(), dropout_on=False)


def test_dropout_right_before_batchnorm_inflates_its_training_variance(batchnorm_model):
    variances = batchnorm_input_variances(batchnorm_model, images(500))
    assert list(variances) == ["batchnorm_1", "batchnorm_2"]
    first = variances["batchnorm_1"]
    inputs_off = layer_input(batchnorm_model, images(500), batchnorm_layers(batchnorm_model)[0], dropout_on=False)
    c, v = inputs_off.mean(axis=0), inputs_off.var(axis=0)
    assert first.dropout_on == pytest.approx(np.mean((c**2 + v) / 0.5 - c**2), rel=0.1)
    assert first.shift < 0.7
    assert first.moving == pytest.approx(1.0)  # an untrained BN layer's moving variance


def test_no_dropout_upstream_means_no_shift():
    set_seed(0)
    model = build_mlp(dropout_rate=0.5, hidden_units=32, placement="batchnorm_before_dropout")
    assert batchnorm_input_variances(model, images())["batchnorm_1"].shift == 1.0


def test_batchnorm_input_variances_needs_a_batchnorm_layer():
    with pytest.raises(ValueError, match="BatchNormalization"):
        batchnorm_input_variances(build_mlp(dropout_rate=0.5), images())


def test_recalibration_matches_the_inference_statistics_and_leaves_the_original_alone(batchnorm_model):
    x = images(300)
    before = [layer.moving_variance.numpy().copy() for layer in batchnorm_layers(batchnorm_model)]
    recalibrated = recalibrate_batchnorm(batchnorm_model, x)
    for layer in batchnorm_layers(recalibrated):
        inputs_off = layer_input(recalibrated, x, layer, dropout_on=False)
        np.testing.assert_allclose(layer.moving_mean.numpy(), inputs_off.mean(axis=0), rtol=1e-4, atol=1e-6)
        np.testing.assert_allclose(layer.moving_variance.numpy(), inputs_off.var(axis=0), rtol=1e-4, atol=1e-6)
    for layer, variance in zip(batchnorm_layers(batchnorm_model), before, strict=True):
        np.testing.assert_array_equal(layer.moving_variance.numpy(), variance)
    assert batchnorm_input_variances(recalibrated, x)["batchnorm_1"].moving == pytest.approx(
        batchnorm_input_variances(recalibrated, x)["batchnorm_1"].dropout_off, rel=1e-4
    )
