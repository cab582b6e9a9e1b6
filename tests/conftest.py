"""Shared fixtures: small synthetic MNIST-like files and splits, so unit tests never need the real data.

Tests marked ``slow`` execute chapters, build books, install packages or open a browser; the fast tier for
contributors is ``python -m pytest -m "not slow"``. When ``$BOOK_TEST_TIMES`` names a file (``.ci/run`` sets it),
the session's seconds and the seconds the fast and the slow tests took (summed over the processes that ran them)
are written there for CI's report (``benchmarks/ci_steps.py``).
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np
import pytest

from helpers.data import Splits, sha256_of_array

SMALL_SHAPES = {"x_train": (50, 28, 28), "y_train": (50,), "x_test": (20, 28, 28), "y_test": (20,)}


def small_arrays(seed: int = 0) -> dict[str, np.ndarray]:
    """Random uint8 arrays in MNIST's layout, but small."""
    generator = np.random.default_rng(seed)
    arrays = {}
    for name, shape in SMALL_SHAPES.items():
        high = 10 if name.startswith("y") else 256
        arrays[name] = generator.integers(0, high, size=shape, dtype=np.uint8)
    return arrays


@pytest.fixture
def arrays() -> dict[str, np.ndarray]:
    return small_arrays()


@pytest.fixture
def expected(arrays) -> dict[str, tuple[tuple[int, ...], str]]:
    """The shapes and digests the small arrays must have."""
    return {name: (array.shape, sha256_of_array(array)) for name, array in arrays.items()}


@pytest.fixture
def good_file(tmp_path, arrays):
    path = tmp_path / "mnist.npz"
    np.savez(path, **arrays)
    return path


@pytest.fixture
def splits() -> Splits:
    """A learnable toy problem in MNIST's shapes: the label is which image quadrant is bright."""
    generator = np.random.default_rng(1)

    def make(count: int) -> tuple[np.ndarray, np.ndarray]:
        labels = generator.integers(0, 4, size=count)
        images = generator.random((count, 28, 28), dtype=np.float32) * 0.2
        for index, label in enumerate(labels):
            row, column = divmod(int(label), 2)
            images[index, 14 * row : 14 * row + 14, 14 * column : 14 * column + 14] += 0.8
        return images, np.eye(10, dtype=np.float32)[labels]

    return Splits(*make(256), *make(64), *make(64))


def pytest_collection_modifyitems(items) -> None:
    """The chapters first, then the other slow tests, then the fast ones: handed out one at a time (``--dist
    loadgroup``), the long tests run side by side at the start and the short ones fill the end, instead of one
    process running a chapter alone while the other waits (55 s of a 330 s session, measured). xdist hands out the
    one group of tests (``xdist_group``: those that start worker processes) before them all, as one unit."""
    def group(item) -> int:
        return 0 if item.path.name == "test_chapters.py" else 1 if item.get_closest_marker("slow") else 2

    items.sort(key=group)


TIMES = {"started": time.monotonic(), "fast tests": 0.0, "slow tests": 0.0}


def pytest_runtest_logreport(report):
    TIMES["slow tests" if "slow" in report.keywords else "fast tests"] += report.duration


def pytest_sessionfinish(session):
    path = os.environ.get("BOOK_TEST_TIMES")
    if path and not hasattr(session.config, "workerinput"):  # the main process, which hears every test's report
        times = {"tests": time.monotonic() - TIMES["started"], "fast tests (summed)": TIMES["fast tests"],
                 "slow tests (summed)": TIMES["slow tests"]}
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(json.dumps({name: round(value, 1) for name, value in times.items()}))
