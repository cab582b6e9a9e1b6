"""Shared code for the executable book "Dropout, explained": data, models, training, plots, parameters, placement."""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # before TensorFlow loads: keep its C++ chatter out of the book

from helpers.data import Splits, load_mnist, one_hot, prepare_splits, scale_pixels  # noqa: E402
from helpers.models import ACTIVATIONS, PLACEMENTS, build_mlp, describe_layers  # noqa: E402
from helpers.parameters import check_parameters  # noqa: E402
from helpers.placement import (  # noqa: E402
    BatchNormInput,
    MaskedDropout,
    OrderDifference,
    batchnorm_input_variances,
    batchnorm_layers,
    layer_input,
    order_difference,
    recalibrate_batchnorm,
)
from helpers.plots import (  # noqa: E402
    plot_against,
    plot_bands,
    plot_bars,
    plot_digits,
    plot_distributions,
    plot_histories,
    plot_mean_spread,
    use_book_style,
)
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
    "BatchNormInput",
    "EpochLog",
    "MaskedDropout",
    "OrderDifference",
    "PLACEMENTS",
    "STEPS_PER_EXECUTION",
    "Splits",
    "batchnorm_input_variances",
    "batchnorm_layers",
    "best_epoch",
    "build_mlp",
    "check_parameters",
    "compile_model",
    "describe_layers",
    "evaluate",
    "evaluation_batches",
    "fit",
    "generalisation_gap",
    "layer_input",
    "load_mnist",
    "one_hot",
    "order_difference",
    "plot_against",
    "plot_bands",
    "plot_bars",
    "plot_digits",
    "plot_distributions",
    "plot_histories",
    "plot_mean_spread",
    "prepare_splits",
    "recalibrate_batchnorm",
    "scale_pixels",
    "set_seed",
    "train_mlp",
    "training_batches",
    "use_book_style",
]
