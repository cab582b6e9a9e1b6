"""What a training run *is*: every setting that decides its outcome, in one frozen, validated configuration."""

from __future__ import annotations

import dataclasses
from typing import Any

from helpers.parameters import MONITORS, check_setting

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
        for field in dataclasses.fields(self):
            if not (field.default is None and getattr(self, field.name) is None):  # None: the default, allowed
                check_setting(field.name, getattr(self, field.name))
        if self.patience is None:  # the monitor only matters for early stopping: one record per run without it
            object.__setattr__(self, "monitor", MONITORS[0])
        # one spelling per value, so that dropout_rate=0 and 0.0 (or seed=np.int64(1) and 1) share a record
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            if value is not None and not isinstance(value, str):
                kind = float if "float" in str(field.type) else int
                object.__setattr__(self, field.name, kind(value))

    def model_settings(self) -> dict[str, Any]:
        """The keyword arguments of ``helpers.build_mlp`` for this run's network."""
        return {name: getattr(self, name) for name in MODEL_SETTINGS}

    def without_early_stopping(self) -> RunConfig:
        """The same run trained for all its epochs: an early-stopped run is its first epochs (training is
        deterministic), so its record can be read from this one's (``helpers.run_or_load``)."""
        return dataclasses.replace(self, patience=None)
