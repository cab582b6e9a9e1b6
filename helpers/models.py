"""The seed's multilayer perceptron, with dropout where and how much the chapter asks for."""

from __future__ import annotations

import keras
from keras import layers

from helpers.parameters import PLACEMENTS, check_setting

__all__ = ["build_mlp", "describe_layers"]


def hidden_block(
    hidden_units: int,
    dropout_rate: float,
    activation: str,
    placement: str,
    index: int,
    max_norm: float | None = None,
    weight_decay: float = 0.0,
) -> list[keras.layers.Layer]:
    """One hidden Dense layer (with its kernel's constraint and penalty) and the layers that follow it."""
    dense = layers.Dense(
        hidden_units,
        kernel_constraint=None if max_norm is None else keras.constraints.MaxNorm(max_norm),
        kernel_regularizer=keras.regularizers.L2(weight_decay) if weight_decay > 0 else None,
        name=f"dense_{index}",
    )
    block: list[keras.layers.Layer] = [dense]
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
    input_dropout_rate: float = 0.0,
    max_norm: float | None = None,
    weight_decay: float = 0.0,
    num_classes: int = 10,
    input_shape: tuple[int, ...] = (28, 28),
) -> keras.Sequential:
    """Flatten → [input Dropout] → (Dense → dropout/activation per ``placement``) × hidden_layers → Dense softmax.

    With ``dropout_rate=0`` there are no hidden Dropout layers: the seed's baseline. ``max_norm`` caps the norm of
    each hidden unit's incoming weights (``keras.constraints.MaxNorm``); ``weight_decay`` adds an L2 penalty on the
    hidden kernels (``keras.regularizers.L2``).
    """
    for name, value in (("dropout_rate", dropout_rate), ("input_dropout_rate", input_dropout_rate),
                        ("hidden_units", hidden_units), ("hidden_layers", hidden_layers), ("activation", activation),
                        ("placement", placement), ("max_norm", max_norm), ("weight_decay", weight_decay)):
        check_setting(name, value)
    model_layers: list[keras.layers.Layer] = [keras.Input(shape=input_shape), layers.Flatten()]
    if input_dropout_rate > 0:
        model_layers.append(layers.Dropout(float(input_dropout_rate), name="input_dropout"))
    for index in range(1, int(hidden_layers) + 1):
        model_layers += hidden_block(int(hidden_units), float(dropout_rate), activation, placement, index,
                                     max_norm=max_norm, weight_decay=float(weight_decay))
    model_layers.append(layers.Dense(num_classes, activation="softmax", name="output"))
    name = "mlp_dropout" if dropout_rate > 0 or input_dropout_rate > 0 else "mlp_baseline"
    return keras.Sequential(model_layers, name=name)


def describe_layers(model: keras.Model) -> list[str]:
    """The model's layers in order, as short strings such as ``Dense(128)`` or ``Dropout(0.5)``."""
    described = []
    for layer in model.layers:
        if isinstance(layer, layers.Dense):
            activation = layer.activation.__name__
            text = f"Dense({layer.units})" + ("" if activation == "linear" else f" + {activation}")
            if layer.kernel_constraint is not None:
                text += f" max-norm {layer.kernel_constraint.max_value:g}"
            if layer.kernel_regularizer is not None:
                text += f" L2 {float(layer.kernel_regularizer.l2):g}"
            described.append(text)
        elif isinstance(layer, layers.Dropout):
            described.append(f"Dropout({layer.rate})")
        elif isinstance(layer, layers.Activation):
            described.append(f"Activation({layer.activation.__name__})")
        else:
            described.append(type(layer).__name__)
    return described
