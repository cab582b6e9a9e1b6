"""Where dropout sits: a dropout layer with a fixed mask, the gap between two orders of layers, and BatchNormalization's view of dropout."""

from __future__ import annotations

from typing import NamedTuple

import keras
import numpy as np
import tensorflow as tf
from keras import layers

from helpers import checks
from helpers.checks import require

__all__ = [
    "BatchNormInput",
    "MaskedDropout",
    "OrderDifference",
    "batchnorm_input_variances",
    "batchnorm_layers",
    "layer_input",
    "order_difference",
    "recalibrate_batchnorm",
]

class MaskedDropout(layers.Layer):
    """Inverted dropout with a given 0/1 mask: ``inputs * mask / (1 - rate)`` in training, the identity at inference."""

    def __init__(self, mask: np.ndarray, rate: float, **kwargs):
        super().__init__(**kwargs)
        require("rate", rate, checks.rate)
        mask = np.asarray(mask)
        if not np.isin(mask, (0, 1)).all():
            raise ValueError("mask must hold only 0 (dropped) and 1 (kept)")
        self.mask = mask.astype("float32")
        self.rate = float(rate)

    def call(self, inputs: tf.Tensor, training: bool = False) -> tf.Tensor:
        """The masked, rescaled inputs in training; the inputs unchanged at inference."""
        if not training:
            return inputs
        return inputs * self.mask / (1 - self.rate)


class OrderDifference(NamedTuple):
    """Largest absolute differences between two models' training-mode outputs and between their weights' gradients."""

    outputs: float
    gradients: float
    largest_gradient: float
    """The largest absolute gradient entry of the first model, to read ``gradients`` against."""


def outputs_and_gradients(model: keras.Model, x: np.ndarray) -> tuple[np.ndarray, list[np.ndarray]]:
    """The model's training-mode output on ``x``, and the gradients of its sum with respect to the model's weights."""
    with tf.GradientTape() as tape:
        outputs = model(x, training=True)
        total = tf.reduce_sum(outputs)
    gradients = tape.gradient(total, model.trainable_variables)
    return np.asarray(outputs), [np.asarray(gradient) for gradient in gradients]


def order_difference(first: keras.Model, second: keras.Model, x: np.ndarray) -> OrderDifference:
    """Max |first − second| over the training-mode outputs on ``x`` and over the gradients of the outputs' sum."""
    first_outputs, first_gradients = outputs_and_gradients(first, x)
    second_outputs, second_gradients = outputs_and_gradients(second, x)
    shapes = [[gradient.shape for gradient in gradients] for gradients in (first_gradients, second_gradients)]
    if first_outputs.shape != second_outputs.shape or shapes[0] != shapes[1]:
        raise ValueError(f"second must have first's output and weight shapes, got {shapes[1]} for {shapes[0]}")
    gradient_gaps = [float(np.max(np.abs(a - b), initial=0.0)) for a, b in zip(first_gradients, second_gradients, strict=True)]
    largest = max((float(np.max(np.abs(gradient), initial=0.0)) for gradient in first_gradients), default=0.0)
    return OrderDifference(float(np.max(np.abs(first_outputs - second_outputs))), max(gradient_gaps, default=0.0), largest)


def layer_input(model: keras.Sequential, x: np.ndarray, layer: keras.layers.Layer, dropout_on: bool) -> np.ndarray:
    """What ``layer`` of ``model`` receives for ``x``: Dropout layers on or off as asked, every other layer in inference mode."""
    if not any(candidate is layer for candidate in model.layers):
        raise ValueError(f"layer {layer.name!r} is not a layer of model {model.name!r}")
    h = x
    for candidate in model.layers:
        if candidate is layer:
            break
        h = candidate(h, training=dropout_on and isinstance(candidate, layers.Dropout))
    return np.asarray(h)


def batchnorm_layers(model: keras.Model) -> list[layers.BatchNormalization]:
    """The model's BatchNormalization layers, in order."""
    return [layer for layer in model.layers if isinstance(layer, layers.BatchNormalization)]


class BatchNormInput(NamedTuple):
    """Variance of a BatchNormalization layer's input (averaged over units), in training and at inference."""

    dropout_on: float
    dropout_off: float
    moving: float

    @property
    def shift(self) -> float:
        """Li et al.'s variance shift: the variance at inference over the variance in training."""
        return self.dropout_off / self.dropout_on


def batchnorm_input_variances(model: keras.Sequential, x: np.ndarray) -> dict[str, BatchNormInput]:
    """Per BatchNormalization layer: its input's variance over ``x`` with dropout on and off, and its moving variance."""
    if not batchnorm_layers(model):
        raise ValueError(f"model {model.name!r} has no BatchNormalization layer")
    return {
        layer.name: BatchNormInput(
            dropout_on=float(layer_input(model, x, layer, dropout_on=True).var(axis=0).mean()),
            dropout_off=float(layer_input(model, x, layer, dropout_on=False).var(axis=0).mean()),
            moving=float(np.mean(layer.moving_variance)),
        )
        for layer in batchnorm_layers(model)
    }


def recalibrate_batchnorm(model: keras.Sequential, x: np.ndarray) -> keras.Sequential:
    """A copy of ``model`` whose BatchNormalization statistics are re-estimated on ``x`` with dropout off."""
    copy = keras.models.clone_model(model)
    copy.set_weights(model.get_weights())
    for layer in batchnorm_layers(copy):
        inputs = layer_input(copy, x, layer, dropout_on=False)
        layer.moving_mean.assign(inputs.mean(axis=0))
        layer.moving_variance.assign(inputs.var(axis=0))
    return copy
