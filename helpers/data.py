"""MNIST for the book: a verified load, pixel scaling, one-hot labels and the one train/validation split."""

from __future__ import annotations

import hashlib
import os
import socket
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

import numpy as np

from helpers.checks import integer_at_least, is_number, require

__all__ = [
    "MNIST_PATH_VARIABLE",
    "NUM_CLASSES",
    "TRAINING_IMAGES",
    "VALIDATION_FRACTION",
    "VALIDATION_IMAGES",
    "Mnist",
    "MnistIntegrityError",
    "MnistUnavailableError",
    "Splits",
    "load_mnist",
    "one_hot",
    "prepare_splits",
    "scale_pixels",
]

MNIST_PATH_VARIABLE = "MNIST_PATH"
"""Environment variable naming a local ``mnist.npz``; used when no path is passed."""

NUM_CLASSES = 10
VALIDATION_FRACTION = 0.1
"""The last 10 % of the training images validate, as Keras' ``validation_split=0.1`` would."""
TRAINING_IMAGES = int(60000 * (1 - VALIDATION_FRACTION))
"""Images that train: the first 54,000 of MNIST's 60,000 training images."""
VALIDATION_IMAGES = 60000 - TRAINING_IMAGES
"""Images that validate: the last 6,000 of MNIST's training images."""

DOWNLOAD_TIMEOUT_SECONDS = 30

MNIST_ARRAYS: dict[str, tuple[tuple[int, ...], str]] = {
    "x_train": ((60000, 28, 28), "741c988805d008ac6e4c904b69001ba184c24b2c540a4ef403f4c71b676cf757"),
    "y_train": ((60000,), "1feba77c54802fa5339a11837ea4b2866434b83314ec45192930f1df69120c13"),
    "x_test": ((10000, 28, 28), "6d87418db22cc8025d05968bec9bd5c3932904b23485740db143a061a2c9d161"),
    "y_test": ((10000,), "ddeff807876a9661a1110d45c266c86239a3a1b7d37da0c3716a7a683c852ff5"),
}
"""Name → (shape, SHA-256 of ``array.tobytes()``) of the four uint8 arrays of the genuine MNIST."""


class MnistIntegrityError(ValueError):
    """The MNIST source exists but is not the genuine data set."""


class MnistUnavailableError(RuntimeError):
    """No MNIST source could be reached."""


class Mnist(NamedTuple):
    """The four raw MNIST arrays, as ``keras.datasets.mnist.load_data`` gives them."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray


class Splits(NamedTuple):
    """Scaled images and one-hot labels for training, validation and test."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray


def sha256_of_array(array: np.ndarray) -> str:
    """SHA-256 hex digest of an array's raw bytes."""
    return hashlib.sha256(np.ascontiguousarray(array).tobytes()).hexdigest()


def verify_arrays(
    arrays: Mapping[str, np.ndarray],
    source: str,
    expected: Mapping[str, tuple[tuple[int, ...], str]] = MNIST_ARRAYS,
) -> Mnist:
    """Check names, dtype, shapes and digests of the arrays; raise MnistIntegrityError naming ``source``."""
    missing = sorted(set(expected) - set(arrays))
    if missing:
        raise MnistIntegrityError(f"{source}: missing array(s) {missing}; expected {sorted(expected)}")
    for name, (shape, digest) in expected.items():
        array = arrays[name]
        if not isinstance(array, np.ndarray):
            raise MnistIntegrityError(f"{source}: {name} is not a NumPy array")
        if array.dtype != np.uint8:
            raise MnistIntegrityError(f"{source}: {name} has dtype {array.dtype}, expected uint8")
        if array.shape != shape:
            raise MnistIntegrityError(f"{source}: {name} has shape {array.shape}, expected {shape}")
        actual = sha256_of_array(array)
        if actual != digest:
            raise MnistIntegrityError(
                f"{source}: {name} has SHA-256 {actual}, expected {digest} (content differs from MNIST)"
            )
    return Mnist(*(np.asarray(arrays[name]) for name in Mnist._fields))


def read_mnist_file(
    path: str | os.PathLike, expected: Mapping[str, tuple[tuple[int, ...], str]] = MNIST_ARRAYS
) -> Mnist:
    """Read an ``mnist.npz`` and verify it; raise MnistIntegrityError or FileNotFoundError naming the file."""
    path = Path(path).expanduser()
    if not path.is_file():
        raise FileNotFoundError(f"MNIST file {path} does not exist")
    try:
        with path.open("rb") as handle, np.load(handle, allow_pickle=False) as archive:  # closed even when unreadable
            arrays = {name: archive[name] for name in archive.files}
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as error:
        raise MnistIntegrityError(f"{path}: not a readable .npz archive ({error})") from error
    return verify_arrays(arrays, source=str(path), expected=expected)


def download_mnist() -> Mnist:
    """Keras' download (cached in ~/.keras/datasets), verified; fail fast with a how-to when offline."""
    previous_timeout = socket.getdefaulttimeout()
    socket.setdefaulttimeout(DOWNLOAD_TIMEOUT_SECONDS)
    try:
        import keras  # here, not at import: the data's checks need no TensorFlow

        (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
    except Exception as error:  # Keras wraps network failures in a bare Exception
        raise MnistUnavailableError(
            f"MNIST could not be downloaded ({error}). Offline, supply a local copy: pass its path "
            f"to load_mnist(path=...) or the chapter's `mnist_path` parameter, or set the environment "
            f"variable {MNIST_PATH_VARIABLE}=/path/to/mnist.npz."
        ) from error
    finally:
        socket.setdefaulttimeout(previous_timeout)
    arrays = {"x_train": x_train, "y_train": y_train, "x_test": x_test, "y_test": y_test}
    return verify_arrays(arrays, source="Keras' download (~/.keras/datasets/mnist.npz)")


def is_genuine(mnist: Mnist) -> bool:
    """Whether ``mnist`` holds exactly the arrays of the genuine MNIST (:func:`verify_arrays` finds nothing wrong)."""
    try:
        verify_arrays(mnist._asdict(), "the data")
    except MnistIntegrityError:
        return False
    return True


def mnist_source(path: str | os.PathLike | None = None) -> Path | None:
    """The local file to load: ``path`` if given, else ``$MNIST_PATH`` if set, else None (download)."""
    if path is not None:
        return Path(path).expanduser()
    from_environment = os.environ.get(MNIST_PATH_VARIABLE)
    return Path(from_environment).expanduser() if from_environment else None


def load_mnist(path: str | os.PathLike | None = None) -> Mnist:
    """Verified MNIST from ``path``, else ``$MNIST_PATH``, else Keras' download."""
    source = mnist_source(path)
    return download_mnist() if source is None else read_mnist_file(source)


def scale_pixels(images: np.ndarray) -> np.ndarray:
    """Pixels from 0–255 integers to float32 in [0, 1]."""
    return images.astype("float32") / 255.0


def one_hot(labels: np.ndarray) -> np.ndarray:
    """Digit labels as one-hot rows of length 10."""
    return np.eye(NUM_CLASSES)[np.asarray(labels, dtype="int64")]  # float64, as keras.utils.to_categorical gives


def split_train_validation(
    x: np.ndarray, y: np.ndarray, validation_fraction: float = VALIDATION_FRACTION
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The first part trains, the last ``validation_fraction`` validates (no shuffling)."""
    if not is_number(validation_fraction) or not 0.0 < validation_fraction < 1.0:
        raise ValueError(f"validation_fraction={validation_fraction!r} is not allowed: expected a number in (0, 1)")
    if len(x) != len(y):
        raise ValueError(f"x and y must have the same length, got {len(x)} and {len(y)}")
    first_validation = int(len(x) * (1.0 - validation_fraction))
    return x[:first_validation], y[:first_validation], x[first_validation:], y[first_validation:]


def prepare_splits(mnist: Mnist, train_samples: int | None = None) -> Splits:
    """Scale, one-hot and split MNIST; ``train_samples`` keeps only the first n training images."""
    x_train, y_train, x_val, y_val = split_train_validation(scale_pixels(mnist.x_train), one_hot(mnist.y_train))
    if train_samples is not None:
        require("train_samples", train_samples, integer_at_least(1, len(x_train)))
        x_train, y_train = x_train[:train_samples], y_train[:train_samples]
    return Splits(x_train, y_train, x_val, y_val, scale_pixels(mnist.x_test), one_hot(mnist.y_test))
