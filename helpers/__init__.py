"""Shared code for the executable book "Dropout, explained": data, models, training, plots, parameters."""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # before TensorFlow loads: keep its C++ chatter out of the book

from helpers.data import Splits, load_mnist, one_hot, prepare_splits, scale_pixels  # noqa: E402
from helpers.models import ACTIVATIONS, PLACEMENTS, build_mlp, describe_layers  # noqa: E402
from helpers.parameters import check_parameters  # noqa: E402
from helpers.plots import plot_bars, plot_digits, plot_histories, use_book_style  # noqa: E402
from helpers.training import (  # noqa: E402
    STEPS_PER_EXECUTION,
    EpochLog,
    best_epoch,
    compile_model,
    evaluate,
    evaluation_batches,
    fit,
    generalisation_gap,
    set_seed,
    train_mlp,
    training_batches,
)

__version__ = "0.1.0"

__all__ = [
    "ACTIVATIONS",
    "PLACEMENTS",
    "STEPS_PER_EXECUTION",
    "EpochLog",
    "Splits",
    "best_epoch",
    "build_mlp",
    "check_parameters",
    "compile_model",
    "describe_layers",
    "evaluate",
    "evaluation_batches",
    "fit",
    "generalisation_gap",
    "load_mnist",
    "one_hot",
    "plot_bars",
    "plot_digits",
    "plot_histories",
    "prepare_splits",
    "scale_pixels",
    "set_seed",
    "train_mlp",
    "training_batches",
    "use_book_style",
]
