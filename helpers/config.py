"""What a training run *is*: every setting that decides its outcome, in one frozen, validated configuration."""

from __future__ import annotations

import dataclasses
from typing import Any

from helpers.checks import integer_at_least, number_in, one_of, optional, rate, require
from helpers.data import TRAINING_IMAGES
from helpers.models import ACTIVATIONS
from helpers.placement import PLACEMENTS
from helpers.training import MONITORS, OPTIMIZERS

__all__ = ["RunConfig"]

MODEL_SETTINGS = ("dropout_rate", "hidden_units", "activation", "placement", "input_dropout_rate", "max_norm",
                  "weight_decay")
"""The fields of a RunConfig that ``helpers.build_mlp`` takes."""


@dataclasses.dataclass(frozen=True)
class RunConfig:
    """Everything that decides the outcome of one training run (the network, the data, the training)."""

    seed: int
    dropout_rate: float = 0.0
    epochs: int = 10
    batch_size: int = 32
    train_samples: int | None = None
    activation: str = "relu"
    placement: str = "before_activation"
    hidden_units: int = 128
    input_dropout_rate: float = 0.0
    max_norm: float | None = None
    weight_decay: float = 0.0
    optimizer: str = "adam"
    learning_rate: float | None = None
    patience: int | None = None
    monitor: str = "val_loss"

    def __post_init__(self) -> None:
        rules = {
            "seed": integer_at_least(0),
            "dropout_rate": rate,
            "epochs": integer_at_least(1),
            "batch_size": integer_at_least(1, TRAINING_IMAGES),
            "train_samples": optional(integer_at_least(1, TRAINING_IMAGES)),
            "activation": one_of(ACTIVATIONS),
            "placement": one_of(tuple(PLACEMENTS)),
            "hidden_units": integer_at_least(1),
            "input_dropout_rate": rate,
            "max_norm": optional(number_in(1e-6, 1e6)),
            "weight_decay": number_in(0.0, 1.0),
            "optimizer": one_of(OPTIMIZERS),
            "learning_rate": optional(number_in(1e-8, 10.0)),
            "patience": optional(integer_at_least(1)),
            "monitor": one_of(MONITORS),
        }
        for name, rule in rules.items():
            require(name, getattr(self, name), rule)
        # one spelling per value, so that dropout_rate=0 and 0.0 (or seed=np.int64(1) and 1) share a record
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            if value is not None and not isinstance(value, str):
                kind = float if "float" in str(field.type) else int
                object.__setattr__(self, field.name, kind(value))

    def model_settings(self) -> dict[str, Any]:
        """The keyword arguments of ``helpers.build_mlp`` for this run's network."""
        return {name: getattr(self, name) for name in MODEL_SETTINGS}

    def training_settings(self) -> dict[str, Any]:
        """The keyword arguments of ``helpers.train_mlp`` for this run (the model's and the training's)."""
        settings = dataclasses.asdict(self)
        settings.pop("train_samples")
        return settings
