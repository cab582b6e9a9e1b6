"""How runs are *run*: one configuration trained or loaded from its record, many in parallel, networks rebuilt."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import keras

from helpers.checks import integer_at_least, require
from helpers.config import RunConfig
from helpers.data import Mnist, prepare_splits
from helpers.models import build_mlp, describe_layers
from helpers.records import RECORDS_VARIABLE, Record, load_record, records_dir, save_record, weights_path
from helpers.training import History, best_epoch, compile_model, evaluate, train_mlp

__all__ = ["run_many", "run_or_load", "save_run", "trained_network"]


def run_or_load(config: RunConfig, mnist: Mnist, folder: Path | None = None) -> Record:
    """The record of ``config``: loaded if it exists, else trained now and stored."""
    record = load_record(config, folder)
    if record is not None:
        return record
    splits = prepare_splits(mnist, config.train_samples)
    run = train_mlp(splits, **config.training_settings())
    train = evaluate(run.model, splits.x_train, splits.y_train)
    restored = best_epoch(run.history, config.monitor) if config.patience else len(run.history["loss"])
    return save_record(config, run.model, run.history, run.test, train, restored, folder)


def save_run(
    config: RunConfig, model: keras.Model, history: History, test: dict[str, float], train: dict[str, float]
) -> bool:
    """Store a run trained outside ``train_mlp`` only if ``model`` is the network ``config`` describes."""
    if describe_layers(model) != describe_layers(build_mlp(**config.model_settings())):
        return False
    restored = best_epoch(history, config.monitor) if config.patience else len(history["loss"])
    save_record(config, model, history, test, train, restored)
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

    Every process trains with the same number of threads (``helpers.training.TRAINING_THREADS``) and runs are
    deterministic, so ``workers`` changes only the speed, never a number.
    """
    require("workers", workers, integer_at_least(1))
    missing = [config for config in dict.fromkeys(configs) if load_record(config) is None]
    if workers > 1 and len(missing) > 1:
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(min(workers, len(missing)), mp_context=context,
                                 initializer=_start_worker, initargs=(mnist, str(records_dir()))) as pool:
            list(pool.map(_train_in_worker, missing))
    return [run_or_load(config, mnist) for config in configs]
