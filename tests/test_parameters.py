"""Parameter checks: every bad value is refused with its name, the value and what is allowed."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from helpers.parameters import check_parameters

GOOD = {
    "epochs": 10,
    "batch_size": 32,
    "seed": 0,
    "seeds": [0, 1, 2],
    "dropout_rate": 0.5,
    "dropout_rates": [0.0, 0.2, 0.5],
    "hidden_units": 128,
    "train_samples": None,
    "activation": "relu",
    "activations": ["relu", "tanh"],
    "placement": "after_activation",
    "sample_digits": 16,
    "probe_images": 1000,
    "mnist_path": None,
}


def test_good_parameters_pass():
    check_parameters(**GOOD)
    check_parameters(epochs=np.int64(3), train_samples=54000, dropout_rate=0)


@pytest.mark.parametrize(
    ("name", "value", "allowed"),
    [
        ("dropout_rate", 1.0, "[0, 1)"),
        ("dropout_rate", 1.5, "[0, 1)"),
        ("dropout_rate", -0.1, "[0, 1)"),
        ("dropout_rate", "0.5", "[0, 1)"),
        ("dropout_rate", True, "[0, 1)"),
        ("epochs", 0, "integer >= 1"),
        ("epochs", 2.5, "integer >= 1"),
        ("epochs", "10", "integer >= 1"),
        ("batch_size", 0, "from 1 to 54000"),
        ("batch_size", 100000, "from 1 to 54000"),
        ("seed", -1, "integer >= 0"),
        ("seed", 0.5, "integer >= 0"),
        ("seeds", [], "non-empty list"),
        ("seeds", [1, 1], "without repeated"),
        ("seeds", 3, "non-empty list"),
        ("seeds", [3], "at least 2 items"),
        ("dropout_rates", [0.2, 1.0], "[0, 1)"),
        ("train_samples", 0, "None or an integer from 1 to 54000"),
        ("train_samples", 60000, "None or an integer from 1 to 54000"),
        ("activation", "gelu", "one of ['relu', 'sigmoid', 'tanh']"),
        ("activations", ["relu", "swish"], "one of"),
        ("placement", "before", "one of ['before_activation'"),
        ("hidden_units", 0, "integer >= 1"),
        ("sample_digits", 500, "from 1 to 200"),
        ("probe_images", 0, "from 1 to 6000"),
        ("probe_images", 6001, "from 1 to 6000"),
        ("probe_images", 10.0, "from 1 to 6000"),
        ("mnist_path", "/nonexistent/mnist.npz", "existing mnist.npz"),
        ("patience", 0, "integer >= 1"),
        ("weight_decays", [-0.1], "[0.0, 1.0]"),
        ("timing_sizes", [5000, 1000], "two increasing training-set sizes"),
        ("timing_sizes", [100, 200, 300], "two increasing training-set sizes"),
    ],
)
def test_bad_value_is_refused_with_name_value_and_allowed(name, value, allowed):
    with pytest.raises(ValueError, match="invalid parameter") as error:
        check_parameters(**{**GOOD, name: value})
    message = str(error.value)
    assert f"{name}={value!r}" in message
    assert allowed in message


def test_unknown_parameter_is_refused():
    with pytest.raises(ValueError, match="dropout: unknown parameter"):
        check_parameters(dropout=0.5)


def test_all_problems_are_reported_at_once():
    with pytest.raises(ValueError, match="invalid parameter") as error:
        check_parameters(epochs=0, dropout_rate=2.0)
    assert "epochs=0" in str(error.value)
    assert "dropout_rate=2.0" in str(error.value)


def test_an_existing_mnist_path_is_accepted(good_file):
    check_parameters(mnist_path=str(good_file))


@pytest.mark.parametrize(
    "bad",
    [  # what the regime and test-time chapters were once checked with, in a kernel each
        {"train_sizes": [100, 60000], "dropout_rates": [], "hidden_widths": [0], "patience": 0,
         "recipe_optimizer": "rmsprop"},
        {"mc_samples": 0, "rotation_angles": [0, 400], "methods": [], "calibration_bins": 1},
    ],
)
def test_a_chapters_bad_parameters_are_named_all_at_once(bad):
    with pytest.raises(ValueError, match="invalid parameter") as error:
        check_parameters(**bad)
    for name, value in bad.items():
        assert f"{name}={value!r} is not allowed" in str(error.value)


def test_checking_a_chapters_parameters_loads_no_tensorflow():
    """A bad value stops a chapter in about a second, before TensorFlow loads (its import takes ~5 s here)."""
    check = ("import sys, helpers; helpers.check_parameters(placement='after_activation', methods=['MC dropout']); "
             "print(sorted({'tensorflow', 'keras'} & set(sys.modules)))")
    loaded = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"
