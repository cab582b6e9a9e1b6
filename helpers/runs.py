"""How runs are *run*: one configuration trained or loaded from its record, many in parallel, networks rebuilt.

One training serves both ways of judging a run. Training is deterministic, so a run with early stopping is the
first epochs of the same run trained for all its epochs: when the record of that longer run exists (or is being
made), the early-stopped record is read from it (early stopping replayed on its history, the kept epoch's
weights reloaded and tested once) instead of trained again. The two records are the same either way.
"""

from __future__ import annotations

import concurrent.futures
import functools
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from pathlib import Path

import keras
import numpy as np

from helpers.config import RunConfig
from helpers.data import Mnist, is_genuine, load_mnist, mnist_source, prepare_splits
from helpers.models import build_mlp, describe_layers
from helpers.parameters import check_setting
from helpers.records import (
    RECORDS_VARIABLE,
    Record,
    load_checkpoint,
    load_record,
    record_path,
    records_dir,
    save_record,
    weights_path,
)
from helpers.training import History, best_epoch, compile_model, early_stopping_epochs, evaluate, train_mlp

__all__ = ["SCHEDULER_VARIABLE", "run_many", "run_or_load", "save_run", "trained_network"]


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


SCHEDULER_VARIABLE = "DROPOUT_BOOK_SCHEDULER"
"""Environment variable naming a Dask scheduler ("tcp://host:8786"): ``run_many`` then trains on its workers."""

_worker_mnist: Mnist | None = None
_training = threading.Lock()  # one training at a time in a process: the seed policy's state is the process's
_local_pools: dict[tuple[int, int], tuple[ProcessPoolExecutor, Mnist]] = {}


def _start_worker(mnist: Mnist) -> None:
    """Set up a local training process with the data (its TensorFlow threads: helpers.training). It ignores Ctrl-C
    (and a Jupyter kernel's interrupt), which is meant for the process that runs the chapter: that one stops the
    pool, and a worker does not print a traceback of its own."""
    global _worker_mnist
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_mnist = mnist


@functools.lru_cache(maxsize=2)
def _mnist_from(path: str) -> Mnist:
    """MNIST of a worker that was sent its path, loaded and verified once per process."""
    return load_mnist(path)


def train_task(config: RunConfig, folder: str, mnist: Mnist | str | None) -> str:
    """Train (or read) one configuration and store its record in ``folder``: what a worker process runs.

    ``mnist`` is the data itself, the path of a verified copy (``helpers.load_mnist`` checks it there), or None for
    the data a local pool gave its processes when they started. Returns the record's folder name.
    """
    data = _worker_mnist if mnist is None else _mnist_from(mnist) if isinstance(mnist, str) else mnist
    if data is None:
        raise ValueError("mnist is None, but this process was started without the data")
    with _training:
        run_or_load(config, data, Path(folder))
    return record_path(config, Path(folder)).name


def local_pool(workers: int, mnist: Mnist) -> ProcessPoolExecutor:
    """``workers`` local training processes holding ``mnist``, started once and reused by later calls."""
    key = (workers, id(mnist))
    if key not in _local_pools or _local_pools[key][1] is not mnist:
        context = multiprocessing.get_context("spawn")
        _local_pools[key] = (ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                                                 initargs=(mnist,)), mnist)
    return _local_pools[key][0]


@functools.lru_cache(maxsize=4)
def scheduler_executor(address: str) -> Executor:
    """A ``concurrent.futures`` executor on the Dask scheduler at ``address`` (one client per address)."""
    from dask.distributed import Client

    return Client(address).get_executor()


def shipped_mnist(mnist: Mnist) -> Mnist | str:
    """What to send another machine's worker: the path of the verified copy this data came from ($MNIST_PATH), when
    the data is MNIST itself, else the arrays (Keras' download, or data of a test)."""
    source = mnist_source(None)
    return str(source) if source is not None and is_genuine(mnist) else mnist


def run_many(configs: Sequence[RunConfig], mnist: Mnist, workers: int = 1,
             executor: Executor | None = None) -> list[Record]:
    """The records of ``configs``, in order; missing ones are trained on ``executor``.

    ``executor`` is any ``concurrent.futures.Executor``, such as a Dask client's ``client.get_executor()``; without
    one, the Dask scheduler named by ``$DROPOUT_BOOK_SCHEDULER``, else ``workers`` local processes (started once, then
    reused), or this process for one worker. An early-stopped run whose twin without early stopping is asked for too
    (or recorded) waits for that twin and is read from it: one training for both. Every process trains with the same
    number of threads (``helpers.training.TRAINING_THREADS``), one run at a time, and runs are deterministic, so
    where a run trains changes only the speed, never a number. Records land in ``helpers.records_dir()``, which the
    workers of a cluster must see as the same folder.
    """
    check_setting("workers", workers)
    unique = list(dict.fromkeys(configs))
    missing = [config for config in unique if load_record(config) is None]
    asked = set(unique)
    from_twin = [config for config in missing if config.patience is not None
                 and (config.without_early_stopping() in asked or load_record(config.without_early_stopping()))]
    stages = [[config for config in missing if config not in from_twin], from_twin]
    folder = str(records_dir())
    payload: Mnist | str | None = None
    if executor is None and os.environ.get(SCHEDULER_VARIABLE) and missing:
        executor = scheduler_executor(os.environ[SCHEDULER_VARIABLE])
    if executor is not None:
        payload = shipped_mnist(mnist)
    elif workers > 1 and len(missing) > 1:
        executor = local_pool(workers, mnist)
    for stage in stages:  # a stage after the one before it has finished
        if executor is None:
            for config in stage:
                run_or_load(config, mnist)
            continue
        futures = [executor.submit(train_task, config, folder, payload) for config in stage]
        for done, future in enumerate(concurrent.futures.as_completed(futures), start=1):
            future.result()  # a failed run raises here
            if payload is not None:  # a cluster's progress, on stderr: the book keeps it out of its pages
                print(f"run_many: {done} of {len(futures)} runs done", file=sys.stderr, flush=True)
        unseen = [config for config in stage if load_record(config) is None]
        if unseen:  # else every one of them would train again here, unnoticed
            raise RuntimeError(f"{len(unseen)} of {len(stage)} runs trained by the workers left no record this process "
                               f"can read in {folder}: the workers must write to this same folder "
                               f"(${RECORDS_VARIABLE}, shared by every machine) with the same code and libraries")
    return [run_or_load(config, mnist) for config in configs]
