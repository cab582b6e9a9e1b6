"""How a run is *stored*: experiment records on disk, keyed on the configuration and the code, written atomically.

A record is a folder ``<key>/`` holding ``record.json`` (history, test and training-set metrics) and
``model.weights.h5`` (the trained network's weights); a run trained for all its epochs also keeps
``checkpoints.npz``, the weights of the earlier epochs that early stopping could have ended with, from which its
early-stopped twins are read without training again (``helpers.run_or_load``). The key covers the configuration *and* the code that
produced it (the training modules' source and the versions of TensorFlow, Keras and NumPy), so a change in
either trains anew instead of serving a stale result. The folder is written under a temporary name and renamed
into place, so a run killed halfway leaves no record, never half of one, and a record always has both files.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import keras
import numpy as np
import tensorflow as tf

from helpers.config import RunConfig
from helpers.training import History
from helpers.versioning import source_digest

__all__ = ["RECORDS_VARIABLE", "Record", "code_version", "load_checkpoint", "load_record", "records_dir", "save_record"]

Record = dict[str, Any]

RECORDS_VARIABLE = "DROPOUT_BOOK_RECORDS"
"""Environment variable naming the folder of records (default: _build/records in the book, else a user cache)."""

TRAINING_MODULES = ("checks.py", "data.py", "placement.py", "models.py", "training.py", "config.py", "records.py",
                    "runs.py")
"""The helpers modules a record's numbers depend on (plots, tables or statistics do not change them)."""

RECORD_FILE = "record.json"
WEIGHTS_FILE = "model.weights.h5"
CHECKPOINTS_FILE = "checkpoints.npz"


@lru_cache(maxsize=1)
def code_version() -> str:
    """Digest of the training code's source and the numerical libraries' versions: what a record depends on."""
    package = Path(__file__).resolve().parent
    libraries = (f"{library.__name__}=={library.__version__}" for library in (tf, keras, np))
    return source_digest((package / name for name in TRAINING_MODULES), package, libraries)


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
    """The folder that holds the record of ``config``."""
    return (folder or records_dir()) / record_key(config)


def replace_folder(temporary: Path, path: Path, finished: Callable[[], bool]) -> None:
    """Move the finished folder ``temporary`` to ``path``, replacing the one there; when another process renames its
    own ``finished`` record of the same configuration and code (the same record) into place in between, keep that."""
    if path.exists():
        shutil.rmtree(path, ignore_errors=True)
    try:
        os.replace(temporary, path)
    except OSError:  # another process renamed its copy into place in between
        if not finished():
            raise
        shutil.rmtree(temporary, ignore_errors=True)


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
    config: RunConfig,
    model: keras.Model,
    history: History,
    test: dict[str, float],
    train: dict[str, float],
    restored_epoch: int,
    folder: Path | None = None,
    checkpoints: Mapping[int, Sequence[np.ndarray]] | None = None,
) -> Record:
    """Store a finished run, its weights (and ``checkpoints``: earlier epochs' weights) and its numbers, all or nothing."""
    record = {
        "config": dataclasses.asdict(config),
        "code_version": code_version(),
        "history": {name: [float(value) for value in values] for name, values in history.items()},
        "epochs_trained": len(history["loss"]),
        "restored_epoch": int(restored_epoch),
        "test": {name: float(value) for name, value in test.items()},
        "train": {name: float(value) for name, value in train.items()},
    }
    path = record_path(config, folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"))
    try:
        model.save_weights(temporary / WEIGHTS_FILE)
        if checkpoints:
            np.savez(temporary / CHECKPOINTS_FILE, **{f"epoch_{epoch}_{index}": array for epoch, weights in
                                                      checkpoints.items() for index, array in enumerate(weights)})
        write_atomically(temporary / RECORD_FILE, json.dumps(record, indent=1))
        replace_folder(temporary, path, lambda: load_record(config, folder) is not None)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    return record


def load_record(config: RunConfig, folder: Path | None = None) -> Record | None:
    """The stored record of ``config`` under the current code, or None (absent, unreadable or without weights)."""
    path = record_path(config, folder)
    if not (path / RECORD_FILE).is_file() or not (path / WEIGHTS_FILE).is_file():
        return None
    try:
        record = json.loads((path / RECORD_FILE).read_text())
    except json.JSONDecodeError:
        return None  # unreadable: treated as absent, and replaced by the next run
    if record.get("config") != dataclasses.asdict(config) or record.get("code_version") != code_version():
        return None
    return record


def weights_path(config: RunConfig, folder: Path | None = None) -> Path:
    """The weights file of the record of ``config``."""
    return record_path(config, folder) / WEIGHTS_FILE



def load_checkpoint(config: RunConfig, epoch: int, folder: Path | None = None) -> list[np.ndarray] | None:
    """The weights the run of ``config`` had after ``epoch`` (1-based, before its last), if its record kept them."""
    path = record_path(config, folder) / CHECKPOINTS_FILE
    if load_record(config, folder) is None or not path.is_file():
        return None
    prefix = f"epoch_{epoch}_"
    with np.load(path) as stored:
        names = sorted((name for name in stored.files if name.startswith(prefix)), key=lambda name: int(name[len(prefix):]))
        return [stored[name] for name in names] or None
