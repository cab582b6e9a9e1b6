"""Experiment records: one training configuration's history and test metrics, kept on disk and reused.

A record is keyed by its configuration *and* by the code that produced it (the helpers' source and the
versions of TensorFlow, Keras and NumPy), so a change in either trains anew instead of serving a stale
result. Records are written atomically: a run killed halfway leaves no record, never half of one.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import multiprocessing
import os
import tempfile
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

import keras
import numpy as np
import tensorflow as tf

from helpers.data import Mnist, prepare_splits
from helpers.models import ACTIVATIONS, PLACEMENTS
from helpers.training import History, evaluate, train_mlp

RECORDS_VARIABLE = "DROPOUT_BOOK_RECORDS"
"""Environment variable naming the folder of records (default: _build/records in the book, else a user cache)."""


@dataclasses.dataclass(frozen=True)
class RunConfig:
    """Everything that decides the outcome of one training run."""

    seed: int
    dropout_rate: float = 0.0
    epochs: int = 10
    batch_size: int = 32
    train_samples: int | None = None
    activation: str = "relu"
    placement: str = "before_activation"
    hidden_units: int = 128

    def __post_init__(self) -> None:
        # one spelling per value, so that dropout_rate=0 and 0.0 (or seed=np.int64(1) and 1) share a record
        for name, kind in (("seed", int), ("dropout_rate", float), ("epochs", int), ("batch_size", int),
                           ("hidden_units", int)):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
                raise ValueError(f"{name} must be a number, got {value!r}")
            if kind is int and value != int(value):
                raise ValueError(f"{name} must be a whole number, got {value!r}")
            object.__setattr__(self, name, kind(value))
        if self.train_samples is not None:
            object.__setattr__(self, "train_samples", int(self.train_samples))
        if not 0.0 <= self.dropout_rate < 1.0:
            raise ValueError(f"dropout_rate must be in [0, 1), got {self.dropout_rate!r}")
        if self.epochs < 1:
            raise ValueError(f"epochs must be >= 1, got {self.epochs!r}")
        if self.activation not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {ACTIVATIONS}, got {self.activation!r}")
        if self.placement not in PLACEMENTS:
            raise ValueError(f"placement must be one of {tuple(PLACEMENTS)}, got {self.placement!r}")


TRAINING_MODULES = ("data.py", "models.py", "training.py", "records.py")
"""The helpers modules a record's numbers depend on (plots, tables or statistics do not change them)."""


@lru_cache(maxsize=1)
def code_version() -> str:
    """Digest of the training code's source and the numerical libraries' versions: what a record depends on."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in (package / name for name in TRAINING_MODULES):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for library in (tf, keras, np):
        digest.update(f"{library.__name__}=={library.__version__}\0".encode())
    return digest.hexdigest()[:16]


def record_key(config: RunConfig) -> str:
    """A file-name-safe key for the configuration under the current code."""
    settings = json.dumps(dataclasses.asdict(config), sort_keys=True)
    return hashlib.sha256(f"{settings}|{code_version()}".encode()).hexdigest()[:24]


def book_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` holding the book's ``_config.yml``."""
    for folder in (start, *start.parents):
        if (folder / "_config.yml").is_file() and (folder / "_toc.yml").is_file():
            return folder
    return None


def records_dir() -> Path:
    """``$DROPOUT_BOOK_RECORDS``, else ``_build/records`` of the book we run in, else ``~/.cache``."""
    if os.environ.get(RECORDS_VARIABLE):
        return Path(os.environ[RECORDS_VARIABLE]).expanduser()
    root = book_root(Path.cwd().resolve())
    if root is not None:
        return root / "_build" / "records"
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return cache / "dropout-book" / "records"


def record_path(config: RunConfig, folder: Path | None = None) -> Path:
    """Where the record of ``config`` lives."""
    return (folder or records_dir()) / f"{record_key(config)}.json"


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the whole new one, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def save_record(
    config: RunConfig, history: History, test: dict[str, float], train: dict[str, float], folder: Path | None = None
) -> dict[str, Any]:
    """Store a finished run: its history, test metrics and training-set metrics at inference."""
    record = {
        "config": dataclasses.asdict(config),
        "code_version": code_version(),
        "history": {name: [float(value) for value in values] for name, values in history.items()},
        "test": {name: float(value) for name, value in test.items()},
        "train": {name: float(value) for name, value in train.items()},
    }
    write_atomically(record_path(config, folder), json.dumps(record, indent=1))
    return record


def save_run(
    config: RunConfig, model: keras.Model, history: History, test: dict[str, float], train: dict[str, float]
) -> bool:
    """Store a run trained outside ``train_mlp`` only if ``model`` is the network ``config`` describes."""
    from helpers.models import build_mlp, describe_layers

    expected = build_mlp(dropout_rate=config.dropout_rate, hidden_units=config.hidden_units,
                         activation=config.activation, placement=config.placement)
    if describe_layers(model) != describe_layers(expected):
        return False
    save_record(config, history, test, train)
    return True


def load_record(config: RunConfig, folder: Path | None = None) -> dict[str, Any] | None:
    """The stored record of ``config`` under the current code, or None."""
    path = record_path(config, folder)
    if not path.is_file():
        return None
    try:
        record = json.loads(path.read_text())
    except json.JSONDecodeError:
        return None  # unreadable: treated as absent, and overwritten by the next run
    if record.get("config") != dataclasses.asdict(config) or record.get("code_version") != code_version():
        return None
    return record


def run_or_load(config: RunConfig, mnist: Mnist, folder: Path | None = None) -> dict[str, Any]:
    """The record of ``config``: loaded if it exists, else trained now and stored."""
    record = load_record(config, folder)
    if record is not None:
        return record
    splits = prepare_splits(mnist, config.train_samples)
    run = train_mlp(
        splits,
        epochs=config.epochs,
        batch_size=config.batch_size,
        seed=config.seed,
        dropout_rate=config.dropout_rate,
        activation=config.activation,
        placement=config.placement,
        hidden_units=config.hidden_units,
    )
    train = evaluate(run.model, splits.x_train, splits.y_train)
    return save_record(config, run.history, run.test, train, folder)


_worker_mnist: Mnist | None = None


def _start_worker(mnist: Mnist, folder: str) -> None:
    """Set up a training process: one TensorFlow thread, the parent's records folder, the data."""
    global _worker_mnist
    tf.config.threading.set_intra_op_parallelism_threads(1)
    tf.config.threading.set_inter_op_parallelism_threads(1)
    os.environ[RECORDS_VARIABLE] = folder
    _worker_mnist = mnist


def _train_in_worker(config: RunConfig) -> None:
    """Train and store one configuration in a worker process."""
    run_or_load(config, _worker_mnist)


def run_many(configs: Sequence[RunConfig], mnist: Mnist, workers: int = 1) -> list[dict[str, Any]]:
    """The records of ``configs``, in order; missing ones are trained, ``workers`` processes at a time.

    Runs are deterministic whatever the number of threads or processes, so ``workers`` changes only speed.
    """
    if workers < 1:
        raise ValueError(f"workers must be >= 1, got {workers!r}")
    missing = [config for config in dict.fromkeys(configs) if load_record(config) is None]
    if workers > 1 and len(missing) > 1:
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(min(workers, len(missing)), mp_context=context,
                                 initializer=_start_worker, initargs=(mnist, str(records_dir()))) as pool:
            list(pool.map(_train_in_worker, missing))
    return [run_or_load(config, mnist) for config in configs]
