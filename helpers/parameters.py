"""Every setting the book has, a chapter's parameter or a field of a run, with its allowed values: written once.

``RULES`` maps each setting's name to its rule (``helpers.checks``); the chapters' parameter check, ``RunConfig``,
``helpers.build_mlp`` and the training functions all read it (``check_setting``), so a bound is never written twice.
The vocabularies (activations, optimisers, what early stopping watches, placements, test-time methods) live here for
the same reason. The module loads no TensorFlow, so a chapter's bad parameter stops it before TensorFlow's import.
"""

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
    require,
)
from helpers.data import TRAINING_IMAGES, VALIDATION_IMAGES

__all__ = ["ACTIVATIONS", "METHODS", "MONITORS", "OPTIMIZERS", "PLACEMENTS", "RULES", "check_parameters",
           "check_setting"]

ACTIVATIONS = ("relu", "sigmoid", "tanh")
"""The hidden layers' activations a run can use."""
OPTIMIZERS = ("adam", "sgd_momentum")
"""The optimisers a run can use: Adam (the seed's), and SGD with momentum (Srivastava et al.'s)."""
MONITORS = ("val_loss", "val_accuracy")
"""What early stopping may watch: the lowest validation loss or the highest validation accuracy."""
PLACEMENTS: dict[str, tuple[str, ...]] = {
    "before_activation": ("dropout", "activation"),
    "after_activation": ("activation", "dropout"),
    "dropout_before_batchnorm": ("dropout", "batchnorm", "activation"),
    "batchnorm_before_dropout": ("batchnorm", "activation", "dropout"),
}
"""Placement name → the layers that follow each hidden Dense, in order (``helpers.build_mlp``).

``before_activation`` is the seed article's order: Dense → Dropout → ReLU.
"""
METHODS = ("softmax", "weight scaling", "MC dropout", "deep ensemble")
"""How a trained network's predictions are read at test time (``helpers.uncertainty``)."""


def mnist_file(value: Any) -> str | None:
    """None (use $MNIST_PATH or Keras' download) or the path of an existing mnist.npz."""
    if value is None or existing_file(value) is None:
        return None
    return "None (use $MNIST_PATH or Keras' download) or the path of an existing mnist.npz"


SEEDS = list_of(integer_at_least(0), min_length=2)
TRAINING_SIZE = integer_at_least(1, TRAINING_IMAGES)


def two_sizes(value: Any) -> str | None:
    """Two increasing training-set sizes (an epoch is timed at each: helpers.epoch_cost)."""
    if (isinstance(value, (list, tuple)) and len(value) == 2 and all(TRAINING_SIZE(size) is None for size in value)
            and value[0] < value[1]):
        return None
    return f"two increasing training-set sizes, each {TRAINING_SIZE(0)}"


RULES: dict[str, Rule] = {
    # a run (helpers.RunConfig) and the network it trains (helpers.build_mlp)
    "seed": integer_at_least(0),
    "dropout_rate": rate,
    "epochs": integer_at_least(1),
    "batch_size": integer_at_least(1, TRAINING_IMAGES),
    "train_samples": optional(integer_at_least(1, TRAINING_IMAGES)),
    "activation": one_of(ACTIVATIONS),
    "placement": one_of(tuple(PLACEMENTS)),
    "hidden_units": integer_at_least(1),
    "hidden_layers": integer_at_least(1),
    "input_dropout_rate": rate,
    "max_norm": optional(number_in(1e-6, 1e6)),
    "weight_decay": number_in(0.0, 1.0),
    "optimizer": one_of(OPTIMIZERS),
    "learning_rate": optional(number_in(1e-8, 10.0)),
    "patience": integer_at_least(1),
    "monitor": one_of(MONITORS),
    # the chapters' other parameters
    "seeds": SEEDS,
    "sweep_seeds": SEEDS,
    "workers": integer_at_least(1, 64),
    "dropout_rates": list_of(rate),
    "activations": list_of(one_of(ACTIVATIONS)),
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
    "recipe_train_samples": integer_at_least(1, TRAINING_IMAGES),
    "recipe_hidden_units": integer_at_least(1),
    "recipe_dropout_rate": rate,
    "recipe_input_dropout_rate": rate,
    "recipe_max_norm": number_in(1e-6, 1e6),
    "recipe_optimizer": one_of(OPTIMIZERS),
    "rejected_share": number_in(0.0, 0.9),
    "least_sure_digits": integer_at_least(1, 20),
    "least_sure_list": integer_at_least(1, 10000),
    "confident_threshold": number_in(0.5, 1.0, include_high=False),
    "weight_decays": list_of(number_in(0.0, 1.0)),
    "max_norms": list_of(number_in(1e-6, 1e6)),
    "variant_rate": rate,
    "selu_depth": integer_at_least(1, 100),
    "conv_epochs": integer_at_least(1, 100),
    "parameters_file": existing_file,
    "chapter": existing_file,
    "timing_sizes": two_sizes,
}
"""Setting → rule (helpers.checks): None when a value is allowed, else what is allowed."""


def check_setting(name: str, value: Any) -> None:
    """Raise a ValueError naming ``name``, its value and what is allowed, unless ``RULES[name]`` allows ``value``."""
    require(name, value, RULES[name])


def check_parameters(**parameters: Any) -> None:
    """Raise one ValueError naming every bad parameter, its value and what is allowed."""
    problems = []
    for name, value in parameters.items():
        if name not in RULES:
            problems.append(f"{name}: unknown parameter (known: {', '.join(sorted(RULES))})")
        elif (message := problem(name, value, RULES[name])) is not None:
            problems.append(message)
    if problems:
        raise ValueError("invalid parameter(s):\n  " + "\n  ".join(problems))
