"""The MNIST loader accepts the genuine arrays and refuses everything else, clearly and quickly."""

from __future__ import annotations

import os
import time
import zipfile

import keras
import numpy as np
import pytest

import helpers.data as data
from helpers.data import MnistIntegrityError, MnistUnavailableError


def test_good_file_is_accepted(good_file, arrays, expected):
    mnist = data.read_mnist_file(good_file, expected=expected)
    for name in data.Mnist._fields:
        np.testing.assert_array_equal(getattr(mnist, name), arrays[name])


def write(path, arrays):
    np.savez(path, **arrays)
    return path


@pytest.mark.parametrize(
    ("corrupt", "message"),
    [
        (lambda a: a.pop("y_test"), "missing array"),
        (lambda a: a.update(x_train=a["x_train"].astype(np.float32)), "dtype float32, expected uint8"),
        (lambda a: a.update(x_train=a["x_train"][:-1]), "has shape (49, 28, 28)"),
        (lambda a: a.update(y_train=a["y_train"].reshape(5, 10)), "has shape (5, 10)"),
        (lambda a: a["x_test"].__setitem__((0, 0, 0), a["x_test"][0, 0, 0] ^ 1), "x_test has SHA-256"),
        (lambda a: a.update(y_train=(a["y_train"] + 1) % 10), "y_train has SHA-256"),
    ],
    ids=["missing-array", "wrong-dtype", "truncated-array", "wrong-shape", "one-pixel-changed", "labels-shifted"],
)
def test_wrong_arrays_are_refused_naming_file_and_check(tmp_path, arrays, expected, corrupt, message):
    corrupt(arrays)
    path = write(tmp_path / "bad.npz", arrays)
    with pytest.raises(MnistIntegrityError) as error:
        data.read_mnist_file(path, expected=expected)
    assert str(path) in str(error.value)
    assert message in str(error.value)


@pytest.mark.parametrize("how", ["truncated", "not-a-zip", "empty"])
def test_unreadable_files_are_refused(tmp_path, good_file, expected, how):
    content = good_file.read_bytes()
    broken = tmp_path / "broken.npz"
    broken.write_bytes({"truncated": content[: len(content) // 2], "not-a-zip": b"<html>404</html>", "empty": b""}[how])
    with pytest.raises(MnistIntegrityError, match="not a readable .npz archive") as error:
        data.read_mnist_file(broken, expected=expected)
    assert str(broken) in str(error.value)


def test_missing_file_is_named(tmp_path):
    with pytest.raises(FileNotFoundError, match="nothere.npz"):
        data.load_mnist(tmp_path / "nothere.npz")


def test_pickled_object_arrays_are_not_loaded(tmp_path, arrays, expected):
    arrays["x_train"] = np.array([object()] * 3, dtype=object)
    path = write(tmp_path / "pickled.npz", arrays)
    with pytest.raises(MnistIntegrityError, match="not a readable"):
        data.read_mnist_file(path, expected=expected)


def test_source_order_path_then_environment_then_download(monkeypatch, tmp_path):
    monkeypatch.setenv(data.MNIST_PATH_VARIABLE, str(tmp_path / "from-env.npz"))
    assert data.mnist_source(tmp_path / "explicit.npz") == tmp_path / "explicit.npz"
    assert data.mnist_source() == tmp_path / "from-env.npz"
    monkeypatch.delenv(data.MNIST_PATH_VARIABLE)
    assert data.mnist_source() is None


def test_offline_without_copy_fails_fast_with_how_to(monkeypatch):
    def no_network():
        raise Exception("URL fetch failure on https://example.invalid/mnist.npz: [Errno -2] Name or service not known")

    monkeypatch.delenv(data.MNIST_PATH_VARIABLE, raising=False)
    monkeypatch.setattr(keras.datasets.mnist, "load_data", no_network)
    started = time.monotonic()
    with pytest.raises(MnistUnavailableError) as error:
        data.load_mnist()
    assert time.monotonic() - started < 5
    assert data.MNIST_PATH_VARIABLE in str(error.value)
    assert "mnist_path" in str(error.value)


def test_download_sets_a_socket_timeout(monkeypatch):
    import socket

    seen = []

    def record_timeout():
        seen.append(socket.getdefaulttimeout())
        raise Exception("offline")

    monkeypatch.setattr(keras.datasets.mnist, "load_data", record_timeout)
    with pytest.raises(MnistUnavailableError):
        data.download_mnist()
    assert seen == [data.DOWNLOAD_TIMEOUT_SECONDS]
    assert socket.getdefaulttimeout() is None


def test_a_corrupted_download_is_refused(monkeypatch, arrays):
    monkeypatch.setattr(
        keras.datasets.mnist,
        "load_data",
        lambda: ((arrays["x_train"], arrays["y_train"]), (arrays["x_test"], arrays["y_test"])),
    )
    with pytest.raises(MnistIntegrityError, match="Keras' download"):
        data.download_mnist()


@pytest.mark.parametrize(("size", "fraction", "train"), [(60000, 0.1, 54000), (100, 0.1, 90), (10, 0.5, 5)])
def test_split_keeps_the_last_fraction_for_validation(size, fraction, train):
    x = np.arange(size)
    x_train, y_train, x_val, y_val = data.split_train_validation(x, x, fraction)
    assert len(x_train) == train
    assert len(x_val) == size - train
    assert x_val[0] == train
    assert x_train[-1] == train - 1


@pytest.mark.parametrize("fraction", [0.0, 1.0, -0.1])
def test_split_refuses_bad_fraction(fraction):
    with pytest.raises(ValueError, match="validation_fraction"):
        data.split_train_validation(np.zeros(10), np.zeros(10), fraction)


def test_scaling_and_one_hot():
    images = np.array([[0, 255], [51, 102]], dtype=np.uint8)
    scaled = data.scale_pixels(images)
    assert scaled.dtype == np.float32
    assert scaled.min() == 0.0
    assert scaled.max() == 1.0
    np.testing.assert_allclose(scaled[1], [0.2, 0.4])
    encoded = data.one_hot(np.array([5, 0]))
    assert encoded.shape == (2, 10)
    assert encoded[0, 5] == 1
    assert encoded.sum() == 2


@pytest.mark.parametrize("train_samples", [None, 1, 30])
def test_prepare_splits_sizes(arrays, train_samples):
    splits = data.prepare_splits(data.Mnist(*(arrays[name] for name in data.Mnist._fields)), train_samples)
    assert len(splits.x_train) == (45 if train_samples is None else train_samples)
    assert len(splits.x_val) == 5
    assert len(splits.x_test) == 20
    assert splits.y_train.shape[1] == 10


@pytest.mark.parametrize("train_samples", [0, 46])
def test_prepare_splits_refuses_bad_sample_count(arrays, train_samples):
    with pytest.raises(ValueError, match="train_samples"):
        data.prepare_splits(data.Mnist(*(arrays[name] for name in data.Mnist._fields)), train_samples)


@pytest.mark.skipif(not os.environ.get("MNIST_PATH"), reason="MNIST_PATH is not set: no local copy of MNIST")
def test_the_real_copy_is_genuine():
    mnist = data.load_mnist()
    assert mnist.y_train[0] == 5
    assert np.bincount(mnist.y_test).tolist() == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]


def test_a_member_that_is_not_an_array_is_refused(tmp_path, arrays, expected):
    path = write(tmp_path / "odd-member.npz", {name: arrays[name] for name in ("y_train", "x_test", "y_test")})
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("x_train.npy", b"not a numpy header")
    with pytest.raises(MnistIntegrityError, match="x_train is not a NumPy array"):
        data.read_mnist_file(path, expected=expected)
