"""Dropout's relatives measured: the noise a layer multiplies by, SELU's self-normalisation, whole feature maps."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

import keras
import numpy as np
from keras import layers

from helpers.checks import integer_at_least, rate, require
from helpers.data import NUM_CLASSES
from helpers.training import set_seed

__all__ = [
    "POOL_SIZE",
    "DroppedShare",
    "Moments",
    "build_conv_net",
    "build_selu_stack",
    "dropped_share",
    "feature_maps",
    "layer_moments",
    "neighbour_correlation",
    "noise_moments",
    "standardise",
]


class Moments(NamedTuple):
    """Mean and variance of a set of values."""

    mean: float
    variance: float


def noise_moments(layer: layers.Layer, samples: int = 100_000) -> Moments:
    """Mean and variance of what ``layer`` multiplies its input by in training mode (measured on ones)."""
    require("samples", samples, integer_at_least(2))
    noise = keras.ops.convert_to_numpy(layer(np.ones((samples,), dtype="float32"), training=True))
    return Moments(float(noise.mean()), float(noise.var()))


def standardise(images: np.ndarray) -> np.ndarray:
    """Images flattened to rows and shifted and scaled to mean 0 and variance 1 over all pixels (SELU's inputs)."""
    rows = np.asarray(images, dtype="float32").reshape(len(images), -1)
    spread = rows.std()
    if not np.isfinite(spread) or spread == 0:
        raise ValueError("images must not all hold the same value")
    return (rows - rows.mean()) / spread


def build_selu_stack(
    noise_layer: type[layers.Layer] | None, dropout_rate: float, depth: int = 16, units: int = 256,
    input_size: int = 784, seed: int = 0,
) -> keras.Model:
    """``depth`` × (Dense(units, SELU, LeCun-normal) → ``noise_layer(dropout_rate)``); outputs every block's activations.

    Untrained: the weights are SELU's intended initialisation, so the activations of a standardised input should stay
    near mean 0 and variance 1 from block to block (self-normalisation).
    """
    require("depth", depth, integer_at_least(1))
    require("units", units, integer_at_least(1))
    require("dropout_rate", dropout_rate, rate)
    set_seed(seed)
    inputs = keras.Input(shape=(input_size,))
    hidden, outputs = inputs, []
    for index in range(1, depth + 1):
        hidden = layers.Dense(units, activation="selu", kernel_initializer="lecun_normal", name=f"dense_{index}")(hidden)
        if noise_layer is not None:
            hidden = noise_layer(dropout_rate, seed=seed + index, name=f"noise_{index}")(hidden)
        outputs.append(hidden)
    return keras.Model(inputs, outputs, name="selu_stack")


def layer_moments(model: keras.Model, x: np.ndarray, training: bool) -> list[Moments]:
    """Mean and variance of each of ``model``'s outputs (one per block) on ``x``, over images and units."""
    outputs = model(x, training=training)
    arrays = [keras.ops.convert_to_numpy(output) for output in (outputs if isinstance(outputs, list) else [outputs])]
    return [Moments(float(array.mean()), float(array.var())) for array in arrays]


POOL_SIZE = 2
"""The side of the conv net's max-pooling window (POOL_SIZE × POOL_SIZE), which ``dropped_share`` reproduces."""


def build_conv_net(
    dropout_layer: type[layers.Layer] | None, dropout_rate: float, filters: Sequence[int] = (16, 32),
    num_classes: int = NUM_CLASSES,
) -> keras.Sequential:
    """A small convolutional net for 28×28 digits: per entry of ``filters``, Conv2D(3×3, ReLU) → ``dropout_layer`` →
    POOL_SIZE × POOL_SIZE max-pooling; then Flatten → Dense softmax. ``dropout_layer`` None: no dropout."""
    require("dropout_rate", dropout_rate, rate)
    if not filters:
        raise ValueError("filters must name at least one convolutional layer")
    for count in filters:
        require("filters", count, integer_at_least(1))
    model_layers: list[Any] = [keras.Input(shape=(28, 28)), layers.Reshape((28, 28, 1), name="channels")]
    for index, count in enumerate(filters, start=1):
        model_layers.append(layers.Conv2D(int(count), 3, padding="same", activation="relu", name=f"conv_{index}"))
        if dropout_layer is not None and dropout_rate > 0:
            model_layers.append(dropout_layer(dropout_rate, name=f"dropout_{index}"))
        model_layers.append(layers.MaxPooling2D(POOL_SIZE, name=f"pool_{index}"))
    model_layers += [layers.Flatten(), layers.Dense(num_classes, activation="softmax", name="output")]
    return keras.Sequential(model_layers, name="conv_net")


def feature_maps(model: keras.Sequential, x: np.ndarray, layer_name: str) -> np.ndarray:
    """The output of ``model``'s layer ``layer_name`` on ``x`` (inference mode): (images, rows, columns, channels)."""
    names = [layer.name for layer in model.layers]
    if layer_name not in names:
        raise ValueError(f"layer_name must be one of {names}, got {layer_name!r}")
    values = keras.ops.convert_to_tensor(np.asarray(x, dtype="float32"))
    for layer in model.layers:
        values = layer(values, training=False)
        if layer.name == layer_name:
            break
    return keras.ops.convert_to_numpy(values)


class DroppedShare(NamedTuple):
    """What a dropout layer zeroed of feature maps: of the active (non-zero) pixels, of the active maps (some pixel
    non-zero) and of the active values after the max-pooling that follows it (POOL_SIZE × POOL_SIZE)."""

    pixels: float
    channels: float
    pooled: float


def max_pool(maps: np.ndarray, size: int = POOL_SIZE) -> np.ndarray:
    """``size`` × ``size`` max-pooling of (images, rows, columns, channels) maps (a last partial window is dropped,
    as Keras' MaxPooling2D does)."""
    images, rows, columns, channels = maps.shape
    cropped = maps[:, : rows - rows % size, : columns - columns % size]
    return cropped.reshape(images, rows // size, size, columns // size, size, channels).max(axis=(2, 4))


def dropped_share(before: np.ndarray, after: np.ndarray) -> DroppedShare:
    """How much of ``before`` (images, rows, columns, channels) a dropout layer zeroed in ``after``."""
    before, after = np.asarray(before), np.asarray(after)
    if before.shape != after.shape or before.ndim != 4 or min(before.shape[1:3]) < POOL_SIZE:
        raise ValueError(f"before and after must be feature maps of one shape, got {before.shape} and {after.shape}")
    active = before != 0
    active_maps = active.any(axis=(1, 2))
    if not active_maps.any():
        raise ValueError("before must hold at least one non-zero value")
    dropped_maps = ~(after != 0).any(axis=(1, 2))
    pooled_before, pooled_after = max_pool(before), max_pool(after)
    pooled = (pooled_after[pooled_before != 0] == 0).mean() if (pooled_before != 0).any() else 0.0
    return DroppedShare(float((after[active] == 0).mean()), float(dropped_maps[active_maps].mean()), float(pooled))


def neighbour_correlation(maps: np.ndarray) -> float:
    """Median over channels of the correlation between each pixel of a feature map and its right-hand neighbour."""
    maps = np.asarray(maps, dtype=float)
    if maps.ndim != 4 or maps.shape[2] < 2:
        raise ValueError(f"maps must be (images, rows, columns >= 2, channels), got shape {maps.shape}")
    correlations = []
    for channel in range(maps.shape[3]):
        left, right = maps[:, :, :-1, channel].ravel(), maps[:, :, 1:, channel].ravel()
        if left.std() > 0 and right.std() > 0:
            correlations.append(np.corrcoef(left, right)[0, 1])
    if not correlations:
        raise ValueError("maps must have at least one channel whose values vary")
    return float(np.median(correlations))
