"""Training the book's way: one seed policy, a fast ``model.fit`` path, early stopping and one line of log per epoch."""

from __future__ import annotations

import random
import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

import keras
import numpy as np
import tensorflow as tf

from helpers.data import Splits
from helpers.models import build_mlp
from helpers.parameters import MONITORS, check_setting

if TYPE_CHECKING:
    from helpers.config import RunConfig

__all__ = [
    "LEARNING_RATES",
    "SGD_MOMENTUM",
    "STEPS_PER_EXECUTION",
    "BestWeights",
    "EpochLog",
    "History",
    "TrainingRun",
    "best_epoch",
    "compile_model",
    "evaluate",
    "early_stopping_epochs",
    "evaluation_batches",
    "fit",
    "generalisation_gap",
    "make_optimizer",
    "on_training_threads",
    "restorable_epochs",
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


class KerasSeeds:
    """The seeds Keras draws for the layers and initialisers built without one, on a generator of their own.

    Keras draws them from Python's global ``random`` (``keras.utils.set_random_seed`` seeds it), which every thread of
    the process shares: on a Dask worker, whose own threads draw from it too, the layers of a run would get other
    seeds from one run to the next. ``isolate`` gives Keras its own generator, seeded by ``keras.utils.set_random_seed``
    together with the global one, so that a seed builds the same network whatever else runs in the process; with no
    other thread drawing, it draws exactly the seeds Keras drew before.
    """

    generator = random.Random()

    def seed(self, value: int) -> None:
        """Seed Python's global generator, as Keras does, and Keras' own."""
        random.seed(value)
        self.generator.seed(value)

    @classmethod
    def isolate(cls) -> None:
        """Point Keras' seed drawing at the generator of its own, and its seeding at both (Keras 3's modules)."""
        from keras.src.random import seed_generator
        from keras.src.utils import rng_utils

        seed_generator.python_random = cls.generator
        rng_utils.random = cls()


KerasSeeds.isolate()

STEPS_PER_EXECUTION = 256
"""Training steps run per call into compiled code; it changes speed, never the numbers."""

EVALUATION_BATCH_SIZE = 1000
"""Batch size for validation and test: it changes speed, never the numbers (up to float rounding)."""

LEARNING_RATES = {"adam": 0.001, "sgd_momentum": 0.05}
"""Each optimiser's learning rate when a run does not set one (Adam's is Keras' default)."""

SGD_MOMENTUM = 0.9
"""The momentum of ``sgd_momentum``."""

History = dict[str, list[float]]


class TrainingRun(NamedTuple):
    """A trained model, its per-epoch history, its test metrics, and (trained to the last epoch) the weights of the
    epochs early stopping could have ended with (``BestWeights``), by 1-based epoch."""

    model: keras.Model
    history: History
    test: dict[str, float]
    checkpoints: dict[int, list[np.ndarray]]


def set_seed(seed: int) -> None:
    """The book's seed policy: seed Python, NumPy and TensorFlow, and make TensorFlow's ops deterministic."""
    check_setting("seed", seed)
    keras.utils.set_random_seed(int(seed))
    tf.config.experimental.enable_op_determinism()


def make_optimizer(optimizer: str = "adam", learning_rate: float | None = None) -> keras.optimizers.Optimizer:
    """A fresh Keras optimiser named by ``optimizer``, at ``learning_rate`` (None: ``LEARNING_RATES``)."""
    check_setting("optimizer", optimizer)
    check_setting("learning_rate", learning_rate)
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


def on_training_threads(dataset: tf.data.Dataset) -> tf.data.Dataset:
    """``dataset`` read on the caller's ``TRAINING_THREADS`` thread: no tf.data thread pool, autotuning or prefetch.

    tf.data otherwise starts threads of its own (as many as the machine has cores) in every process: with two runs
    training at once on two cores, their hand-offs left the cores about a quarter idle. The batches and their order
    are the same either way, so this changes the speed, never a number.
    """
    options = tf.data.Options()
    options.threading.max_intra_op_parallelism = TRAINING_THREADS
    options.autotune.enabled = False
    return dataset.with_options(options)


def training_batches(x: np.ndarray, y: np.ndarray, batch_size: int, seed: int) -> tf.data.Dataset:
    """Shuffled (anew each epoch, from ``seed``) batches of ``batch_size``, cached, on the training thread."""
    check_setting("batch_size", batch_size)
    dataset = tf.data.Dataset.from_tensor_slices((x, y)).cache()
    dataset = dataset.shuffle(len(x), seed=seed, reshuffle_each_iteration=True)
    return on_training_threads(dataset.batch(batch_size))


def evaluation_batches(x: np.ndarray, y: np.ndarray) -> tf.data.Dataset:
    """Unshuffled batches for validation and test, cached, on the training thread."""
    return on_training_threads(tf.data.Dataset.from_tensor_slices((x, y)).batch(EVALUATION_BATCH_SIZE).cache())


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
    check_setting("patience", patience)
    check_setting("monitor", monitor)
    return keras.callbacks.EarlyStopping(monitor=monitor, patience=patience, restore_best_weights=True)


def improved(value: float, best: float | None, monitor: str) -> bool:
    """Whether ``value`` beats ``best`` as Keras' EarlyStopping judges it: strictly, higher for accuracy."""
    return best is None or (value > best if "accuracy" in monitor else value < best)


def early_stopping_epochs(history: History, patience: int, monitor: str = "val_loss") -> tuple[int, int]:
    """(epochs trained, epoch restored), 1-based: where ``EarlyStopping(patience, restore_best_weights=True)`` on
    ``monitor`` stops on this history, and whose weights it keeps; (all epochs, best epoch) if it never stops.

    Training is deterministic, so an early-stopped run is the first epochs of the same run trained longer: this
    replays the callback's rule on the longer run's history instead of training again.
    """
    check_setting("patience", patience)
    check_setting("monitor", monitor)
    if not history.get(monitor):
        raise ValueError(f"monitor={monitor!r} is not in the history (it has {sorted(history)})")
    best, best_index, wait = None, 0, 0
    for index, value in enumerate(history[monitor]):
        wait += 1
        if improved(value, best, monitor):
            best, best_index, wait = value, index, 0
        elif wait >= patience and index > 0:
            return index + 1, best_index + 1
    return len(history[monitor]), best_index + 1


def restorable_epochs(history: History) -> set[int]:
    """The 1-based epochs whose weights early stopping on any monitor, with any patience, can end with.

    An epoch that improved a monitor is kept unless the very next epoch improved it again (early stopping cannot
    stop in between), and the last improvement of each monitor is kept.
    """
    epochs: set[int] = set()
    for monitor in MONITORS:
        best, improvements = None, []
        for epoch, value in enumerate(history.get(monitor, []), start=1):
            if improved(value, best, monitor):
                best = value
                improvements.append(epoch)
        epochs |= {epoch for epoch, following in zip(improvements, [*improvements[1:], None], strict=True)
                   if following is None or following > epoch + 1}
    return epochs


class BestWeights(keras.callbacks.Callback):
    """Keep the weights of every epoch that early stopping could end with (``restorable_epochs``), in memory."""

    def on_train_begin(self, logs: dict | None = None) -> None:
        """Start with no weights and no bests."""
        self.best: dict[str, float | None] = dict.fromkeys(MONITORS)
        self.weights: dict[int, list[np.ndarray]] = {}

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        """Copy the weights when a validation metric reached a new best."""
        logs = logs or {}
        better = [monitor for monitor in MONITORS if monitor in logs and improved(logs[monitor], self.best[monitor], monitor)]
        for monitor in better:
            self.best[monitor] = logs[monitor]
        if better:
            self.weights[epoch + 1] = self.model.get_weights()

    def checkpoints(self, history: History) -> dict[int, list[np.ndarray]]:
        """The kept weights of the restorable epochs before the last (the last epoch's are the model's own)."""
        wanted = restorable_epochs(history) - {len(history["loss"])}
        return {epoch: weights for epoch, weights in sorted(self.weights.items()) if epoch in wanted}


def fit(
    model: keras.Model,
    splits: Splits,
    epochs: int,
    batch_size: int,
    seed: int,
    log: bool = True,
    patience: int | None = None,
    monitor: str = "val_loss",
    callbacks: Sequence[keras.callbacks.Callback] = (),
) -> History:
    """``model.fit`` on the training split, validating on the validation split; the history as lists.

    With ``patience``, training stops early and the model ends with the weights of its best validation epoch.
    """
    check_setting("epochs", epochs)
    callbacks = [*callbacks, *([EpochLog(epochs)] if log else [])]
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


def train_mlp(splits: Splits, config: RunConfig, log: bool = False) -> TrainingRun:
    """Seed, build, compile, fit and test the MLP that ``config`` describes: the whole recipe of the baseline chapter.

    A run without early stopping also keeps the weights of the epochs early stopping could have ended with, so that
    its early-stopped twins are read from it (``helpers.run_or_load``) instead of trained again.
    """
    set_seed(config.seed)
    model = compile_model(build_mlp(**config.model_settings()), config.optimizer, config.learning_rate)
    best_weights = BestWeights()
    history = fit(model, splits, config.epochs, config.batch_size, config.seed, log=log, patience=config.patience,
                  monitor=config.monitor, callbacks=[best_weights] if config.patience is None else [])
    checkpoints = best_weights.checkpoints(history) if config.patience is None else {}
    return TrainingRun(model, history, evaluate(model, splits.x_test, splits.y_test), checkpoints)


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
