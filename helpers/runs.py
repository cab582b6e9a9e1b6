"""How runs are *run*: one configuration trained or loaded from its record, many in parallel, networks rebuilt.

One training serves both ways of judging a run. Training is deterministic, so a run with early stopping is the
first epochs of the same run trained for all its epochs: when the record of that longer run exists (or is being
made), the early-stopped record is read from it (early stopping replayed on its history, the kept epoch's
weights reloaded and tested once) instead of trained again. The two records are the same either way.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import keras
import numpy as np

from helpers.config import RunConfig
from helpers.data import Mnist, prepare_splits
from helpers.models import build_mlp, describe_layers
from helpers.parameters import check_setting
from helpers.records import (
    RECORDS_VARIABLE,
    Record,
    load_checkpoint,
    load_record,
    records_dir,
    save_record,
    weights_path,
)
from helpers.training import History, best_epoch, compile_model, early_stopping_epochs, evaluate, train_mlp

__all__ = ["run_many", "run_or_load", "save_run", "trained_network"]


def run_or_load(config: RunConfig, mnist: Mnist, folder: Path | None = None) -> Record:
    """The record of ``config``: loaded if it exists, read from its longer twin's record if it can be, else trained."""
    record = load_record(config, folder)
    if record is None:
        record = early_stopped_from_twin(config, mnist, folder)
    if record is None:
        splits = prepare_splits(mnist, config.train_samples)
        run = train_mlp(splits, config)
        train = evaluate(run.model, splits.x_train, splits.y_train)
        restored = best_epoch(run.history, config.monitor) if config.patience else len(run.history["loss"])
        record = save_record(config, run.model, run.history, run.test, train, restored, folder, run.checkpoints)
    return record


def early_stopped_from_twin(config: RunConfig, mnist: Mnist, folder: Path | None = None) -> Record | None:
    """The record of an early-stopped ``config`` read from its twin trained for all epochs, or None if it cannot be."""
    twin = config.without_early_stopping()
    full = None if config.patience is None else load_record(twin, folder)
    if full is None:
        return None
    stopped, restored = early_stopping_epochs(full["history"], config.patience, config.monitor)
    model = build_mlp(**config.model_settings())
    if restored == full["epochs_trained"]:
        model.load_weights(weights_path(twin, folder))
    else:
        weights = load_checkpoint(twin, restored, folder)
        if weights is None:  # a record stored without its checkpoints (helpers.save_run)
            return None
        model.set_weights(weights)
    compile_model(model, config.optimizer, config.learning_rate)
    splits = prepare_splits(mnist, config.train_samples)
    history = {name: values[:stopped] for name, values in full["history"].items()}
    test, train = (evaluate(model, x, y) for x, y in ((splits.x_test, splits.y_test), (splits.x_train, splits.y_train)))
    return save_record(config, model, history, test, train, restored, folder)


def save_run(
    config: RunConfig,
    model: keras.Model,
    history: History,
    test: dict[str, float],
    train: dict[str, float],
    checkpoints: dict[int, list[np.ndarray]] | None = None,
) -> bool:
    """Store a run trained outside ``train_mlp`` only if ``model`` is the network ``config`` describes.

    ``checkpoints`` (``helpers.BestWeights(...).checkpoints(history)``) lets later chapters read the run's
    early-stopped twins from this record.
    """
    if describe_layers(model) != describe_layers(build_mlp(**config.model_settings())):
        return False
    restored = best_epoch(history, config.monitor) if config.patience else len(history["loss"])
    save_record(config, model, history, test, train, restored, checkpoints=checkpoints)
    return True


def trained_network(config: RunConfig, mnist: Mnist, folder: Path | None = None) -> keras.Model:
    """The trained network of ``config``, rebuilt from its record's weights (trained and stored first if missing)."""
    run_or_load(config, mnist, folder)
    model = build_mlp(**config.model_settings())
    model.load_weights(weights_path(config, folder))  # before compiling: the training's optimiser state stays out
    return compile_model(model, config.optimizer, config.learning_rate)


_worker_mnist: Mnist | None = None


def _start_worker(mnist: Mnist, folder: str) -> None:
    """Set up a training process: the parent's records folder and the data (threads: helpers.training)."""
    global _worker_mnist
    os.environ[RECORDS_VARIABLE] = folder
    _worker_mnist = mnist


def _train_in_worker(config: RunConfig) -> None:
    """Train and store one configuration in a worker process."""
    run_or_load(config, _worker_mnist)


def run_many(configs: Sequence[RunConfig], mnist: Mnist, workers: int = 1) -> list[Record]:
    """The records of ``configs``, in order; missing ones are trained, ``workers`` processes at a time.

    An early-stopped run whose twin without early stopping is asked for too (or recorded) waits for that twin and is
    read from it: one training for both. Every process trains with the same number of threads
    (``helpers.training.TRAINING_THREADS``) and runs are deterministic, so ``workers`` changes only the speed, never
    a number.
    """
    check_setting("workers", workers)
    unique = list(dict.fromkeys(configs))
    missing = [config for config in unique if load_record(config) is None]
    asked = set(unique)
    from_twin = [config for config in missing if config.patience is not None
                 and (config.without_early_stopping() in asked or load_record(config.without_early_stopping()))]
    stages = [[config for config in missing if config not in from_twin], from_twin]
    if workers > 1 and len(missing) > 1:
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(min(workers, len(missing)), mp_context=context,
                                 initializer=_start_worker, initargs=(mnist, str(records_dir()))) as pool:
            for stage in stages:  # a stage after the one before it has finished
                list(pool.map(_train_in_worker, stage))
    else:
        for config in (config for stage in stages for config in stage):
            run_or_load(config, mnist)
    return [run_or_load(config, mnist) for config in configs]
