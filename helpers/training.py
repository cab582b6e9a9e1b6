"""Training the book's way: one seed policy, a fast ``model.fit`` path and one line of log per epoch."""

from __future__ import annotations

from typing import NamedTuple

import keras
import numpy as np
import tensorflow as tf

from helpers.data import Splits
from helpers.models import build_mlp

tf.get_logger().setLevel("ERROR")  # no "retracing" warnings: each new model traces its own functions, by design

STEPS_PER_EXECUTION = 256
"""Training steps run per call into compiled code; it changes speed, never the numbers."""

EVALUATION_BATCH_SIZE = 1000
"""Batch size for validation and test: it changes speed, never the numbers (up to float rounding)."""

History = dict[str, list[float]]


class TrainingRun(NamedTuple):
    """A trained model, its per-epoch history and its test metrics."""

    model: keras.Model
    history: History
    test: dict[str, float]


def set_seed(seed: int) -> None:
    """The book's seed policy: seed Python, NumPy and TensorFlow, and make TensorFlow's ops deterministic."""
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"seed must be an integer >= 0, got {seed!r}")
    keras.utils.set_random_seed(int(seed))
    tf.config.experimental.enable_op_determinism()


def compile_model(model: keras.Model, steps_per_execution: int = STEPS_PER_EXECUTION) -> keras.Model:
    """Adam, categorical cross-entropy and accuracy (the seed's choices), many steps per compiled call.

    No ``jit_compile``: Keras turns XLA off anyway once op determinism is on (the seed policy).
    """
    model.compile(
        optimizer="adam",
        loss="categorical_crossentropy",
        metrics=["accuracy"],
        steps_per_execution=steps_per_execution,
    )
    return model


def training_batches(x: np.ndarray, y: np.ndarray, batch_size: int, seed: int) -> tf.data.Dataset:
    """Shuffled (anew each epoch, from ``seed``) batches of ``batch_size``, cached and prefetched."""
    if batch_size < 1:
        raise ValueError(f"batch_size must be >= 1, got {batch_size!r}")
    dataset = tf.data.Dataset.from_tensor_slices((x, y)).cache()
    dataset = dataset.shuffle(len(x), seed=seed, reshuffle_each_iteration=True)
    return dataset.batch(batch_size).prefetch(tf.data.AUTOTUNE)


def evaluation_batches(x: np.ndarray, y: np.ndarray) -> tf.data.Dataset:
    """Unshuffled batches for validation and test."""
    return tf.data.Dataset.from_tensor_slices((x, y)).batch(EVALUATION_BATCH_SIZE).cache().prefetch(tf.data.AUTOTUNE)


class EpochLog(keras.callbacks.Callback):
    """Print one compact line per epoch: the metrics Keras logged, no progress bar, no timings."""

    def __init__(self, epochs: int):
        super().__init__()
        self.epochs = epochs

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        metrics = "  ".join(f"{name} {value:.4f}" for name, value in (logs or {}).items())
        print(f"epoch {epoch + 1:>{len(str(self.epochs))}}/{self.epochs}  {metrics}")


def fit(model: keras.Model, splits: Splits, epochs: int, batch_size: int, seed: int, log: bool = True) -> History:
    """``model.fit`` on the training split, validating on the validation split; the history as lists."""
    if epochs < 1:
        raise ValueError(f"epochs must be >= 1, got {epochs!r}")
    history = model.fit(
        training_batches(splits.x_train, splits.y_train, batch_size, seed),
        validation_data=evaluation_batches(splits.x_val, splits.y_val),
        epochs=epochs,
        shuffle=False,  # the training batches reshuffle themselves every epoch
        verbose=0,
        callbacks=[EpochLog(epochs)] if log else [],
    )
    return {name: [float(value) for value in values] for name, values in history.history.items()}


def evaluate(model: keras.Model, x: np.ndarray, y: np.ndarray) -> dict[str, float]:
    """Loss and accuracy on ``(x, y)``."""
    results = model.evaluate(evaluation_batches(x, y), verbose=0, return_dict=True)
    return {name: float(value) for name, value in results.items()}


def train_mlp(
    splits: Splits,
    epochs: int,
    batch_size: int,
    seed: int,
    dropout_rate: float = 0.0,
    activation: str = "relu",
    placement: str = "before_activation",
    hidden_units: int = 128,
    log: bool = False,
) -> TrainingRun:
    """Seed, build, compile, fit and test one MLP: the whole recipe of the baseline chapter."""
    set_seed(seed)
    model = compile_model(
        build_mlp(dropout_rate=dropout_rate, hidden_units=hidden_units, activation=activation, placement=placement)
    )
    history = fit(model, splits, epochs=epochs, batch_size=batch_size, seed=seed, log=log)
    return TrainingRun(model, history, evaluate(model, splits.x_test, splits.y_test))


def best_epoch(history: History, metric: str = "val_loss") -> int:
    """The 1-based epoch at which ``metric`` is lowest (the first one, on ties)."""
    values = history.get(metric)
    if not values:
        raise ValueError(f"metric {metric!r} is not in the history (it has {sorted(history)})")
    return int(np.argmin(values)) + 1


def generalisation_gap(history: History, epoch: int | None = None) -> float:
    """Validation loss minus training loss at ``epoch`` (1-based; the last one by default)."""
    index = -1 if epoch is None else epoch - 1
    return history["val_loss"][index] - history["loss"][index]
