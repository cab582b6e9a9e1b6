"""Check a chapter's parameters (as papermill or a reader set them) before anything trains."""

from __future__ import annotations

from typing import Any

from helpers.checks import (
    Rule,
    existing_file,
    integer_at_least,
    list_of,
    number_in,
    one_of,
    optional,
    problem,
    rate,
)
from helpers.data import TRAINING_IMAGES, VALIDATION_IMAGES
from helpers.models import ACTIVATIONS
from helpers.placement import PLACEMENTS
from helpers.training import MONITORS, OPTIMIZERS
from helpers.uncertainty import METHODS

__all__ = ["CHECKS", "check_parameters"]


def mnist_file(value: Any) -> str | None:
    """None (use $MNIST_PATH or Keras' download) or the path of an existing mnist.npz."""
    if value is None or existing_file(value) is None:
        return None
    return "None (use $MNIST_PATH or Keras' download) or the path of an existing mnist.npz"


CHECKS: dict[str, Rule] = {
    "epochs": integer_at_least(1),
    "batch_size": integer_at_least(1, TRAINING_IMAGES),
    "seed": integer_at_least(0),
    "seeds": list_of(integer_at_least(0), min_length=2),
    "sweep_seeds": list_of(integer_at_least(0), min_length=2),
    "workers": integer_at_least(1, 64),
    "patience": integer_at_least(1),
    "dropout_rate": rate,
    "dropout_rates": list_of(rate),
    "hidden_units": integer_at_least(1),
    "train_samples": optional(integer_at_least(1, TRAINING_IMAGES)),
    "activation": one_of(ACTIVATIONS),
    "activations": list_of(one_of(ACTIVATIONS)),
    "placement": one_of(tuple(PLACEMENTS)),
    "sample_digits": integer_at_least(1, 200),
    "probe_images": integer_at_least(1, VALIDATION_IMAGES),
    "mnist_path": mnist_file,
    "mc_samples": integer_at_least(1, 1000),
    "mask_counts": list_of(integer_at_least(1, 1000)),
    "calibration_bins": integer_at_least(2, 100),
    "rotation_angles": list_of(number_in(0, 360)),
    "methods": list_of(one_of(METHODS)),
    "shift_images": integer_at_least(1, 10000),
    "train_sizes": list_of(integer_at_least(1, TRAINING_IMAGES)),
    "hidden_widths": list_of(integer_at_least(1)),
    "monitor": one_of(MONITORS),
    "recipe_train_samples": integer_at_least(1, TRAINING_IMAGES),
    "recipe_hidden_units": integer_at_least(1),
    "recipe_dropout_rate": rate,
    "recipe_input_dropout_rate": rate,
    "recipe_max_norm": number_in(1e-6, 1e6),
    "recipe_optimizer": one_of(OPTIMIZERS),
    "rejected_share": number_in(0.0, 0.9),
    "weight_decays": list_of(number_in(0.0, 1.0)),
    "max_norms": list_of(number_in(1e-6, 1e6)),
    "input_dropout_rate": rate,
    "variant_rate": rate,
    "selu_depth": integer_at_least(1, 100),
    "conv_epochs": integer_at_least(1, 100),
}
"""Parameter name → rule (helpers.checks) returning None when the value is allowed, else what is allowed."""


def check_parameters(**parameters: Any) -> None:
    """Raise one ValueError naming every bad parameter, its value and what is allowed."""
    problems = []
    for name, value in parameters.items():
        if name not in CHECKS:
            problems.append(f"{name}: unknown parameter (known: {', '.join(sorted(CHECKS))})")
        elif (message := problem(name, value, CHECKS[name])) is not None:
            problems.append(message)
    if problems:
        raise ValueError("invalid parameter(s):\n  " + "\n  ".join(problems))
