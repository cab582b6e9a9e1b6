"""What a grid of training runs costs: the seconds of an epoch measured on this machine, and a grid's worker-hours.

An epoch trains on the training images and then validates on the VALIDATION_IMAGES: its time is about
``per_image × training images + fixed``, both depending on the network (its width, mainly). ``epoch_cost`` measures
that line for one kind of network from two training-set sizes; ``grid_hours`` multiplies it out over a grid's runs,
each taken to its cap of epochs (early stopping can only make a run shorter, so this is an upper bound).
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Sequence
from typing import NamedTuple

import keras

from helpers.config import RunConfig
from helpers.data import TRAINING_IMAGES, Mnist, prepare_splits
from helpers.models import build_mlp
from helpers.parameters import check_setting
from helpers.training import compile_model, fit, set_seed

__all__ = ["EpochCost", "epoch_cost", "epoch_seconds", "grid_hours", "run_hours"]


class EpochCost(NamedTuple):
    """Seconds of one epoch: ``per_image`` for each training image, plus ``fixed`` (validation and overhead)."""

    per_image: float
    fixed: float

    def seconds(self, train_samples: int | None) -> float:
        """One epoch's seconds with ``train_samples`` training images (None: all of them)."""
        return self.per_image * (TRAINING_IMAGES if train_samples is None else train_samples) + self.fixed


class EpochTimer(keras.callbacks.Callback):
    """The wall-clock seconds of each epoch, validation included."""

    def __init__(self) -> None:
        super().__init__()
        self.seconds: list[float] = []
        self.started = 0.0

    def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
        """Start the clock."""
        self.started = time.perf_counter()

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        """Stop the clock (after Keras validated the epoch)."""
        self.seconds.append(time.perf_counter() - self.started)


def epoch_seconds(config: RunConfig, mnist: Mnist, epochs: int = 2) -> float:
    """Seconds of the last of ``epochs`` epochs of ``config`` trained in this process (the first also builds the
    graph, so at least 2); nothing is recorded."""
    check_setting("epochs", epochs)
    if epochs < 2:
        raise ValueError(f"epochs must be at least 2 (the first epoch also builds the graph), got {epochs!r}")
    splits = prepare_splits(mnist, config.train_samples)
    set_seed(config.seed)
    model = build_mlp(**config.model_settings())
    compile_model(model, config.optimizer, config.learning_rate)
    timer = EpochTimer()
    fit(model, splits, epochs, config.batch_size, config.seed, log=False, callbacks=[timer])
    return timer.seconds[-1]


def epoch_cost(config: RunConfig, mnist: Mnist, timing_sizes: Sequence[int] = (1000, 5000)) -> EpochCost:
    """The epoch time of networks like ``config`` as a line in the number of training images, measured at two
    ``timing_sizes`` (its ``train_samples`` is replaced by each)."""
    check_setting("timing_sizes", timing_sizes)
    small, large = (epoch_seconds(dataclasses.replace(config, train_samples=size), mnist) for size in timing_sizes)
    per_image = max(0.0, (large - small) / (timing_sizes[1] - timing_sizes[0]))
    return EpochCost(per_image, max(0.0, small - per_image * timing_sizes[0]))


def run_hours(config: RunConfig, cost: EpochCost) -> float:
    """Hours of one run taken to its cap of ``config.epochs`` epochs."""
    return config.epochs * cost.seconds(config.train_samples) / 3600


def grid_hours(configs: Sequence[RunConfig], costs: dict[int, EpochCost]) -> float:
    """Worker-hours of every distinct run of ``configs`` taken to its cap, with the epoch cost of its width
    (``costs``: hidden units → EpochCost)."""
    missing = sorted({config.hidden_units for config in configs} - set(costs))
    if missing:
        raise ValueError(f"costs has no epoch cost for hidden_units {missing}")
    return sum(run_hours(config, costs[config.hidden_units]) for config in dict.fromkeys(configs))
