"""The seed's multilayer perceptron, with dropout where and how much the chapter asks for."""

from __future__ import annotations

import numbers

import keras
from keras import layers

ACTIVATIONS = ("relu", "sigmoid", "tanh")

PLACEMENTS: dict[str, tuple[str, ...]] = {
    "before_activation": ("dropout", "activation"),
    "after_activation": ("activation", "dropout"),
    "dropout_before_batchnorm": ("dropout", "batchnorm", "activation"),
    "batchnorm_before_dropout": ("batchnorm", "activation", "dropout"),
}
"""Placement name → the layers that follow each hidden Dense, in order.

``before_activation`` is the seed article's order: Dense → Dropout → ReLU.
"""


def hidden_block(
    hidden_units: int, dropout_rate: float, activation: str, placement: str, index: int
) -> list[keras.layers.Layer]:
    """One hidden Dense layer and the layers that follow it under ``placement``."""
    block: list[keras.layers.Layer] = [layers.Dense(hidden_units, name=f"dense_{index}")]
    for kind in PLACEMENTS[placement]:
        if kind == "activation":
            block.append(layers.Activation(activation, name=f"{activation}_{index}"))
        elif kind == "batchnorm":
            block.append(layers.BatchNormalization(name=f"batchnorm_{index}"))
        elif dropout_rate > 0:
            block.append(layers.Dropout(dropout_rate, name=f"dropout_{index}"))
    return block


def build_mlp(
    dropout_rate: float = 0.0,
    hidden_units: int = 128,
    hidden_layers: int = 2,
    activation: str = "relu",
    placement: str = "before_activation",
    num_classes: int = 10,
    input_shape: tuple[int, ...] = (28, 28),
) -> keras.Sequential:
    """Flatten → (Dense → dropout/activation per ``placement``) × hidden_layers → Dense softmax.

    With ``dropout_rate=0`` there are no Dropout layers: the seed's baseline.
    """
    if isinstance(dropout_rate, bool) or not isinstance(dropout_rate, numbers.Real) or not 0 <= dropout_rate < 1:
        raise ValueError(f"dropout_rate must be a number in [0, 1), got {dropout_rate!r}")
    for name, value in (("hidden_units", hidden_units), ("hidden_layers", hidden_layers)):
        if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
            raise ValueError(f"{name} must be an integer >= 1, got {value!r}")
    dropout_rate, hidden_units, hidden_layers = float(dropout_rate), int(hidden_units), int(hidden_layers)
    if activation not in ACTIVATIONS:
        raise ValueError(f"activation must be one of {ACTIVATIONS}, got {activation!r}")
    if placement not in PLACEMENTS:
        raise ValueError(f"placement must be one of {tuple(PLACEMENTS)}, got {placement!r}")
    model_layers: list[keras.layers.Layer] = [keras.Input(shape=input_shape), layers.Flatten()]
    for index in range(1, hidden_layers + 1):
        model_layers += hidden_block(hidden_units, dropout_rate, activation, placement, index)
    model_layers.append(layers.Dense(num_classes, activation="softmax", name="output"))
    name = "mlp_dropout" if dropout_rate > 0 else "mlp_baseline"
    return keras.Sequential(model_layers, name=name)


def describe_layers(model: keras.Model) -> list[str]:
    """The model's layers in order, as short strings such as ``Dense(128)`` or ``Dropout(0.5)``."""
    described = []
    for layer in model.layers:
        kind = type(layer).__name__
        if isinstance(layer, layers.Dense):
            activation = layer.activation.__name__
            described.append(f"Dense({layer.units})" + ("" if activation == "linear" else f" + {activation}"))
        elif isinstance(layer, layers.Dropout):
            described.append(f"Dropout({layer.rate})")
        elif isinstance(layer, layers.Activation):
            described.append(f"Activation({layer.activation.__name__})")
        else:
            described.append(kind)
    return described
