"""Dropout at test time: Monte Carlo predictions, uncertainty, calibration, and shifted or foreign inputs.

Probabilities are NumPy arrays of shape (images, classes), or (samples, images, classes) for the T stochastic
forward passes of MC dropout or the members of an ensemble. Labels are class indices (images,) or one-hot
(images, classes). Logarithms are natural, so uncertainties are in nats: a uniform guess over 10 classes has
entropy log 10 ≈ 2.30.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

import keras
import numpy as np
import tensorflow as tf
from keras import layers
from scipy import ndimage, stats

from helpers.stats import HIGHER, LOWER, Comparison, compare

__all__ = [
    "ECE_BINS",
    "SCORES",
    "Reliability",
    "brier_score",
    "class_indices",
    "compare_methods",
    "detection_auc",
    "ensemble_predictions",
    "expected_calibration_error",
    "inverted_images",
    "least_sure",
    "mask_average_errors",
    "mc_predictions",
    "mutual_information",
    "negative_log_likelihood",
    "noise_images",
    "prediction_metrics",
    "predictive_entropy",
    "predictive_mean",
    "predictions",
    "rejection_curve",
    "rejection_references",
    "reliability",
    "reseed_dropout",
    "rotate_images",
]

SCORES: dict[str, tuple[str, str, str | None]] = {
    "accuracy": ("accuracy", "pp", HIGHER),
    "nll": ("NLL", "plain", LOWER),
    "brier": ("Brier score", "plain", LOWER),
    "ece": ("ECE", "pp", LOWER),
    "entropy": ("mean entropy (nats)", "plain", None),
    "kept accuracy": ("accuracy on the digits kept", "pp", HIGHER),
    "auroc": ("area under the ROC curve", "plain", HIGHER),
}
"""Each score of a method's predictions: its label, the unit of a difference of it, and its better side (HIGHER,
LOWER, or None for a score that is neither good nor bad in itself, as the entropy)."""
"""The predictions compared at test time: the baseline's softmax, the dropout network with dropout off (weight
scaling), the same network averaged over T passes with dropout on, and the average of several baselines."""

ECE_BINS = 15
"""Equal-width confidence bins over [0, 1] for the expected calibration error, as in Guo et al. (2017)."""

PREDICTION_BATCH_SIZE = 10_000
"""Images per forward pass. It changes speed and memory; with dropout on it also lays out the random masks,
so MC dropout's numbers hold for this value."""

SMALLEST_PROBABILITY = 1e-12
"""Probabilities are clipped to this before a logarithm, so that a confident mistake costs a large, finite loss."""


def class_indices(labels: np.ndarray) -> np.ndarray:
    """Class indices from one-hot labels (images, classes) or from indices (images,)."""
    labels = np.asarray(labels)
    if labels.ndim == 2:
        return labels.argmax(axis=1)
    if labels.ndim != 1:
        raise ValueError(f"labels must be indices (images,) or one-hot (images, classes), got shape {labels.shape}")
    return labels.astype(int)


def checked_probabilities(probabilities: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``probabilities`` as floats (images, classes) and ``labels`` as indices, checked to match."""
    probabilities = np.asarray(probabilities, dtype=float)
    indices = class_indices(labels)
    if probabilities.ndim != 2 or len(probabilities) != len(indices) or len(indices) == 0:
        raise ValueError(
            f"probabilities must be (images, classes) with one row per label, got {probabilities.shape} "
            f"for {len(indices)} labels"
        )
    return probabilities, indices


def random_layers(model: keras.Model) -> list[layers.Layer]:
    """The layers of ``model`` that draw random numbers in training mode (Dropout with a rate above 0, noise)."""
    return [layer for layer in model.layers if hasattr(layer, "seed_generator")]


def reseed_dropout(model: keras.Model, seed: int) -> int:
    """Restart the mask generator of every random layer of ``model`` from ``seed``; returns how many there are."""
    for offset, layer in enumerate(random_layers(model)):
        state = layer.seed_generator.state
        state.assign(np.array([seed + offset, 0], dtype=state.dtype))
    return len(random_layers(model))


def compiled_stack(stack: Sequence[layers.Layer], training: bool) -> Callable[[np.ndarray], np.ndarray]:
    """A function passing inputs through ``stack`` in order, in batches, as ``Sequential`` does (traced once)."""

    @tf.function(reduce_retracing=True)
    def forward(values: tf.Tensor) -> tf.Tensor:
        for layer in stack:
            values = layer(values, training=training)
        return values

    def run(inputs: np.ndarray) -> np.ndarray:
        return np.concatenate([forward(inputs[start:start + PREDICTION_BATCH_SIZE]).numpy()
                               for start in range(0, len(inputs), PREDICTION_BATCH_SIZE)])

    return run


def predictions(model: keras.Model, images: np.ndarray) -> np.ndarray:
    """The model's class probabilities for ``images`` in inference mode (dropout off): ``model(x)``, batched."""
    return compiled_stack([model], training=False)(np.asarray(images))


def mc_predictions(model: keras.Sequential, images: np.ndarray, samples: int, seed: int = 0) -> np.ndarray:
    """MC dropout: ``samples`` forward passes with dropout on, shape (samples, images, classes).

    Each pass is ``model(x, training=True)``: every image gets fresh masks in every pass. The layers before the
    first Dropout give the same output in every pass, so they run once (that saves most of the time and
    changes no number). The masks are drawn from ``seed`` (see ``reseed_dropout``): the same call gives the
    same numbers.
    """
    if isinstance(samples, bool) or not isinstance(samples, (int, np.integer)) or samples < 1:
        raise ValueError(f"samples must be an integer >= 1, got {samples!r}")
    if not isinstance(model, keras.Sequential):
        raise ValueError(f"model must be a keras.Sequential, got {type(model).__name__}")
    if reseed_dropout(model, seed) == 0:
        raise ValueError(f"model {model.name!r} has no Dropout layer with a rate above 0: MC dropout needs one")
    first = model.layers.index(random_layers(model)[0])
    shared = compiled_stack(model.layers[:first], training=True)(np.asarray(images))
    stochastic = compiled_stack(model.layers[first:], training=True)
    return np.stack([stochastic(shared) for _ in range(samples)])


def ensemble_predictions(models: Sequence[keras.Model], images: np.ndarray) -> np.ndarray:
    """Each member's probabilities in inference mode, shape (members, images, classes)."""
    if not models:
        raise ValueError("models must hold at least one network")
    return np.stack([predictions(model, images) for model in models])


def predictive_mean(samples: np.ndarray) -> np.ndarray:
    """The average of the sampled probabilities (MC passes or ensemble members): (images, classes)."""
    samples = np.asarray(samples, dtype=float)
    if samples.ndim != 3 or samples.shape[0] == 0:
        raise ValueError(f"samples must be (samples, images, classes) with at least one sample, got {samples.shape}")
    return samples.mean(axis=0)


def predictive_entropy(probabilities: np.ndarray) -> np.ndarray:
    """Entropy of each predicted distribution, in nats: 0 for a certain guess, log(classes) for a uniform one."""
    probabilities = np.asarray(probabilities, dtype=float)
    logs = np.log(np.clip(probabilities, SMALLEST_PROBABILITY, 1.0))
    return -(probabilities * logs).sum(axis=-1)


def mutual_information(samples: np.ndarray) -> np.ndarray:
    """BALD: entropy of the mean minus mean entropy of the samples, per image; 0 when all samples agree."""
    expected_entropy = predictive_entropy(np.asarray(samples, dtype=float)).mean(axis=0)
    return np.maximum(predictive_entropy(predictive_mean(samples)) - expected_entropy, 0.0)


def negative_log_likelihood(probabilities: np.ndarray, labels: np.ndarray) -> float:
    """Mean of −log p(true class) over the images, in nats (probabilities clipped at ``SMALLEST_PROBABILITY``)."""
    probabilities, indices = checked_probabilities(probabilities, labels)
    true = probabilities[np.arange(len(indices)), indices]
    return float(-np.log(np.clip(true, SMALLEST_PROBABILITY, 1.0)).mean())


def brier_score(probabilities: np.ndarray, labels: np.ndarray) -> float:
    """Mean over images of the squared distance between the probabilities and the one-hot label (0 to 2)."""
    probabilities, indices = checked_probabilities(probabilities, labels)
    one_hot = np.eye(probabilities.shape[1])[indices]
    return float(((probabilities - one_hot) ** 2).sum(axis=1).mean())


class Reliability(NamedTuple):
    """Per confidence bin: mean confidence, accuracy and number of images (NaN where a bin is empty)."""

    edges: np.ndarray
    confidence: np.ndarray
    accuracy: np.ndarray
    counts: np.ndarray


def reliability(probabilities: np.ndarray, labels: np.ndarray, bins: int = ECE_BINS) -> Reliability:
    """Bin the images by confidence (top probability) in ``bins`` equal-width bins of [0, 1]; bins are (a, b]."""
    if isinstance(bins, bool) or not isinstance(bins, (int, np.integer)) or bins < 2:
        raise ValueError(f"bins must be an integer >= 2, got {bins!r}")
    probabilities, indices = checked_probabilities(probabilities, labels)
    confidence = probabilities.max(axis=1)
    correct = probabilities.argmax(axis=1) == indices
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.searchsorted(edges, confidence, side="left") - 1, 0, bins - 1)
    counts = np.bincount(which, minlength=bins)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_confidence = np.bincount(which, weights=confidence, minlength=bins) / counts
        accuracy = np.bincount(which, weights=correct, minlength=bins) / counts
    return Reliability(edges, mean_confidence, accuracy, counts)


def expected_calibration_error(probabilities: np.ndarray, labels: np.ndarray, bins: int = ECE_BINS) -> float:
    """ECE: the share-weighted mean over confidence bins of |accuracy − mean confidence| (Guo et al., 2017)."""
    table = reliability(probabilities, labels, bins)
    filled = table.counts > 0
    gaps = np.abs(table.accuracy[filled] - table.confidence[filled])
    return float((table.counts[filled] * gaps).sum() / table.counts.sum())


def prediction_metrics(probabilities: np.ndarray, labels: np.ndarray, bins: int = ECE_BINS) -> dict[str, float]:
    """Accuracy, NLL, Brier score, ECE and mean predictive entropy of one set of predictions."""
    probabilities, indices = checked_probabilities(probabilities, labels)
    return {
        "accuracy": float((probabilities.argmax(axis=1) == indices).mean()),
        "nll": negative_log_likelihood(probabilities, indices),
        "brier": brier_score(probabilities, indices),
        "ece": expected_calibration_error(probabilities, indices, bins),
        "entropy": float(predictive_entropy(probabilities).mean()),
    }


def rejection_curve(correct: np.ndarray, uncertainty: np.ndarray, rejected_shares: Sequence[float]) -> np.ndarray:
    """Accuracy on the images kept after setting aside the given shares of the most uncertain ones."""
    correct, uncertainty = np.asarray(correct, dtype=float), np.asarray(uncertainty, dtype=float)
    if correct.shape != uncertainty.shape or correct.ndim != 1 or correct.size == 0:
        raise ValueError(f"correct and uncertainty must be matching non-empty vectors, got {correct.shape} and "
                         f"{uncertainty.shape}")
    shares = np.asarray(rejected_shares, dtype=float)
    if shares.size == 0 or np.any(shares < 0) or np.any(shares >= 1):
        raise ValueError(f"rejected_shares must be shares in [0, 1), got {list(rejected_shares)}")
    most_certain_first = correct[np.argsort(uncertainty, kind="stable")]
    kept = np.maximum(np.round((1 - shares) * correct.size).astype(int), 1)
    return np.cumsum(most_certain_first)[kept - 1] / kept


def rejection_references(accuracy: float, rejected_shares: Sequence[float]) -> dict[str, np.ndarray]:
    """What a rejection curve is read against, for a method of this ``accuracy``: "random" sets digits aside blindly
    (the accuracy on those kept stays where it was, on average), "oracle" sets every mistake aside first (the best
    any uncertainty could do)."""
    if isinstance(accuracy, bool) or not isinstance(accuracy, (int, float, np.floating)) or not 0 <= accuracy <= 1:
        raise ValueError(f"accuracy must be a share in [0, 1], got {accuracy!r}")
    shares = np.asarray(rejected_shares, dtype=float)
    if shares.size == 0 or np.any(shares < 0) or np.any(shares >= 1):
        raise ValueError(f"rejected_shares must be shares in [0, 1), got {list(rejected_shares)}")
    return {"random": np.full(shares.shape, float(accuracy)), "oracle": np.minimum(1.0, accuracy / (1 - shares))}


def least_sure(uncertainty: np.ndarray, count: int) -> np.ndarray:
    """The indices of the ``count`` images with the highest ``uncertainty``, the least sure first (ties: the first
    image first)."""
    uncertainty = np.asarray(uncertainty, dtype=float)
    if uncertainty.ndim != 1 or uncertainty.size == 0:
        raise ValueError(f"uncertainty must be a non-empty vector, got shape {uncertainty.shape}")
    if isinstance(count, bool) or not isinstance(count, (int, np.integer)) or not 1 <= count <= uncertainty.size:
        raise ValueError(f"count must be an integer in [1, {uncertainty.size}], got {count!r}")
    return np.argsort(-uncertainty, kind="stable")[:count]


def detection_auc(in_distribution: np.ndarray, out_of_distribution: np.ndarray) -> float:
    """Chance that an out-of-distribution image gets a higher score (e.g. entropy) than an in-distribution one,
    ties counting half: 0.5 tells them apart no better than a coin, 1 perfectly (the ROC curve's area)."""
    inside, outside = np.ravel(in_distribution).astype(float), np.ravel(out_of_distribution).astype(float)
    if inside.size == 0 or outside.size == 0:
        raise ValueError("in_distribution and out_of_distribution must each hold at least one score")
    ranks = stats.rankdata(np.concatenate([inside, outside]))
    rank_sum = ranks[inside.size:].sum() - outside.size * (outside.size + 1) / 2
    return float(rank_sum / (inside.size * outside.size))


def mask_average_errors(samples: np.ndarray, labels: np.ndarray, counts: Sequence[int]) -> np.ndarray:
    """Test error of the average of the first k sampled predictions, for each k in ``counts``."""
    samples = np.asarray(samples, dtype=float)
    if any(not 1 <= count <= len(samples) for count in counts) or not counts:
        raise ValueError(f"counts must be between 1 and the {len(samples)} samples, got {list(counts)}")
    indices = class_indices(labels)
    return np.array([float((predictive_mean(samples[:count]).argmax(axis=1) != indices).mean()) for count in counts])


def rotate_images(images: np.ndarray, angle: float) -> np.ndarray:
    """Rotate (images, height, width) counter-clockwise by ``angle`` degrees about their centres.

    ``scipy.ndimage.rotate`` with bilinear interpolation (order 1), the frame kept (``reshape=False``) and
    black (0) filling the corners that rotate in.
    """
    images = np.asarray(images)
    if images.ndim != 3:
        raise ValueError(f"images must be (images, height, width), got shape {images.shape}")
    rotated = ndimage.rotate(images, angle, axes=(2, 1), reshape=False, order=1, mode="constant", cval=0.0)
    return np.clip(rotated, 0.0, 1.0).astype(images.dtype)


def noise_images(count: int, seed: int, shape: tuple[int, int] = (28, 28)) -> np.ndarray:
    """``count`` images of independent uniform noise in [0, 1]: inputs from no digit at all."""
    if isinstance(count, bool) or not isinstance(count, (int, np.integer)) or count < 1:
        raise ValueError(f"count must be an integer >= 1, got {count!r}")
    return np.random.default_rng(seed).random((count, *shape), dtype=np.float32)


def inverted_images(images: np.ndarray) -> np.ndarray:
    """Digits in negative (1 − pixel): the same shapes, dark strokes on a white ground."""
    return (1.0 - np.asarray(images)).astype(np.asarray(images).dtype)


def compare_methods(
    results: Mapping[str, Sequence[Mapping[str, float]]], quantities: Sequence[str], pairs: Sequence[tuple[str, str]]
) -> dict[tuple[str, str, str], Comparison]:
    """(quantity, treated, control) → the paired comparison over seeds of each pair of methods, for each quantity of
    ``results`` (a method → its runs, each a dict of quantities, in the same seed order)."""
    return {(quantity, treated, control): compare([run[quantity] for run in results[treated]],
                                                  [run[quantity] for run in results[control]])
            for quantity in quantities for treated, control in pairs}
