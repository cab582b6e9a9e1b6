"""Training the book's way: one seed policy, a fast ``model.fit`` path, early stopping and one line of log per epoch."""

from __future__ import annotations

import warnings
from typing import NamedTuple

import keras
import numpy as np
import tensorflow as tf

from helpers.checks import integer_at_least, number_in, one_of, optional, require
from helpers.data import Splits
from helpers.models import build_mlp

__all__ = [
    "LEARNING_RATES",
    "MONITORS",
    "OPTIMIZERS",
    "SGD_MOMENTUM",
    "STEPS_PER_EXECUTION",
    "EpochLog",
    "History",
    "TrainingRun",
    "best_epoch",
    "compile_model",
    "evaluate",
    "evaluation_batches",
    "fit",
    "generalisation_gap",
    "make_optimizer",
    "set_seed",
    "train_mlp",
    "training_batches",
]

tf.get_logger().setLevel("ERROR")  # no "retracing" warnings: each new model traces its own functions, by design

TRAINING_THREADS = 1
"""TensorFlow threads per process, in a chapter's kernel and in every training worker alike.

Float sums depend on how the work is split between threads (last-digit differences that can move an early
stopping decision), so one setting everywhere makes a run's numbers independent of where it was trained; the
book's parallelism comes from training several runs at once in worker processes (``helpers.run_many``).
"""


def use_training_threads() -> None:
    """Give TensorFlow ``TRAINING_THREADS`` threads; it must happen before its first operation, so at import."""
    try:
        tf.config.threading.set_intra_op_parallelism_threads(TRAINING_THREADS)
        tf.config.threading.set_inter_op_parallelism_threads(TRAINING_THREADS)
    except RuntimeError:  # TensorFlow already ran an operation: keep its setting, but say if it differs
        if tf.config.threading.get_intra_op_parallelism_threads() != TRAINING_THREADS:
            warnings.warn("TensorFlow ran before helpers was imported: its thread count differs from the book's, "
                          "so runs trained here may differ in the last digits from the records", stacklevel=2)


use_training_threads()

STEPS_PER_EXECUTION = 256
"""Training steps run per call into compiled code; it changes speed, never the numbers."""

EVALUATION_BATCH_SIZE = 1000
"""Batch size for validation and test: it changes speed, never the numbers (up to float rounding)."""

OPTIMIZERS = ("adam", "sgd_momentum")
"""The optimisers a run can use: Adam (the seed's), and SGD with momentum (Srivastava et al.'s)."""

LEARNING_RATES = {"adam": 0.001, "sgd_momentum": 0.05}
"""Each optimiser's learning rate when a run does not set one (Adam's is Keras' default)."""

SGD_MOMENTUM = 0.9
"""The momentum of ``sgd_momentum``."""

MONITORS = ("val_loss", "val_accuracy")
"""What early stopping may watch: the lowest validation loss or the highest validation accuracy."""

History = dict[str, list[float]]


class TrainingRun(NamedTuple):
    """A trained model, its per-epoch history and its test metrics."""

    model: keras.Model
    history: History
    test: dict[str, float]


def set_seed(seed: int) -> None:
    """The book's seed policy: seed Python, NumPy and TensorFlow, and make TensorFlow's ops deterministic."""
    require("seed", seed, integer_at_least(0))
    keras.utils.set_random_seed(int(seed))
    tf.config.experimental.enable_op_determinism()


def make_optimizer(optimizer: str = "adam", learning_rate: float | None = None) -> keras.optimizers.Optimizer:
    """A fresh Keras optimiser named by ``optimizer``, at ``learning_rate`` (None: ``LEARNING_RATES``)."""
    require("optimizer", optimizer, one_of(OPTIMIZERS))
    require("learning_rate", learning_rate, optional(number_in(1e-8, 10.0)))
    step = LEARNING_RATES[optimizer] if learning_rate is None else float(learning_rate)
    if optimizer == "adam":
        return keras.optimizers.Adam(learning_rate=step)
    return keras.optimizers.SGD(learning_rate=step, momentum=SGD_MOMENTUM)


def compile_model(
    model: keras.Model,
    optimizer: str = "adam",
    learning_rate: float | None = None,
    steps_per_execution: int = STEPS_PER_EXECUTION,
) -> keras.Model:
    """Categorical cross-entropy and accuracy (the seed's choices), the optimiser asked for, many steps per call.

    No ``jit_compile``: Keras turns XLA off anyway once op determinism is on (the seed policy).
    """
    model.compile(
        optimizer=make_optimizer(optimizer, learning_rate),
        loss="categorical_crossentropy",
        metrics=["accuracy"],
        steps_per_execution=steps_per_execution,
    )
    return model


def training_batches(x: np.ndarray, y: np.ndarray, batch_size: int, seed: int) -> tf.data.Dataset:
    """Shuffled (anew each epoch, from ``seed``) batches of ``batch_size``, cached and prefetched."""
    require("batch_size", batch_size, integer_at_least(1))
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
        """Print the epoch's number and metrics."""
        metrics = "  ".join(f"{name} {value:.4f}" for name, value in (logs or {}).items())
        print(f"epoch {epoch + 1:>{len(str(self.epochs))}}/{self.epochs}  {metrics}")


def early_stopping(patience: int, monitor: str = "val_loss") -> keras.callbacks.EarlyStopping:
    """Stop after ``patience`` epochs without a better ``monitor``, and end with the best epoch's weights."""
    require("patience", patience, integer_at_least(1))
    require("monitor", monitor, one_of(MONITORS))
    return keras.callbacks.EarlyStopping(monitor=monitor, patience=patience, restore_best_weights=True)


def fit(
    model: keras.Model,
    splits: Splits,
    epochs: int,
    batch_size: int,
    seed: int,
    log: bool = True,
    patience: int | None = None,
    monitor: str = "val_loss",
) -> History:
    """``model.fit`` on the training split, validating on the validation split; the history as lists.

    With ``patience``, training stops early and the model ends with the weights of its best validation epoch.
    """
    require("epochs", epochs, integer_at_least(1))
    callbacks: list[keras.callbacks.Callback] = [EpochLog(epochs)] if log else []
    if patience is not None:
        callbacks.append(early_stopping(patience, monitor))
    history = model.fit(
        training_batches(splits.x_train, splits.y_train, batch_size, seed),
        validation_data=evaluation_batches(splits.x_val, splits.y_val),
        epochs=epochs,
        shuffle=False,  # the training batches reshuffle themselves every epoch
        verbose=0,
        callbacks=callbacks,
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
    input_dropout_rate: float = 0.0,
    max_norm: float | None = None,
    weight_decay: float = 0.0,
    optimizer: str = "adam",
    learning_rate: float | None = None,
    patience: int | None = None,
    monitor: str = "val_loss",
    log: bool = False,
) -> TrainingRun:
    """Seed, build, compile, fit and test one MLP: the whole recipe of the baseline chapter."""
    set_seed(seed)
    model = build_mlp(dropout_rate=dropout_rate, hidden_units=hidden_units, activation=activation, placement=placement,
                      input_dropout_rate=input_dropout_rate, max_norm=max_norm, weight_decay=weight_decay)
    compile_model(model, optimizer, learning_rate)
    history = fit(model, splits, epochs, batch_size, seed, log=log, patience=patience, monitor=monitor)
    return TrainingRun(model, history, evaluate(model, splits.x_test, splits.y_test))


def best_epoch(history: History, metric: str = "val_loss") -> int:
    """The 1-based epoch at which ``metric`` is best: lowest for a loss, highest for an accuracy (first on ties)."""
    values = history.get(metric)
    if not values:
        raise ValueError(f"metric={metric!r} is not in the history (it has {sorted(history)})")
    return int(np.argmax(values) if "accuracy" in metric else np.argmin(values)) + 1


def generalisation_gap(history: History, epoch: int | None = None) -> float:
    """Validation loss minus training loss at ``epoch`` (1-based; the last one by default)."""
    index = -1 if epoch is None else epoch - 1
    return history["val_loss"][index] - history["loss"][index]
