"""Uncertainty and calibration on synthetic arrays whose answers are known; MC dropout on a tiny network."""

from __future__ import annotations

import math

import keras
import numpy as np
import pytest
from keras import layers

from helpers import uncertainty


def one_hot(indices, classes=10):
    return np.eye(classes)[np.asarray(indices)]


def calibrated_predictions():
    """Two groups of images: confidence 0.8 right 8 times in 10, confidence 0.6 right 3 times in 5."""
    first = np.tile([0.8, 0.2] + [0.0] * 8, (10, 1))
    second = np.tile([0.0, 0.0, 0.6, 0.4] + [0.0] * 6, (5, 1))
    labels = [0] * 8 + [1] * 2 + [2] * 3 + [3] * 2
    return np.vstack([first, second]), np.array(labels)


@pytest.mark.parametrize("classes", [2, 10])
def test_entropy_of_a_uniform_prediction_is_log_classes_and_of_a_certain_one_zero(classes):
    assert uncertainty.predictive_entropy(np.full((3, classes), 1 / classes)) == pytest.approx([math.log(classes)] * 3)
    assert uncertainty.predictive_entropy(one_hot([0, 1], classes)) == pytest.approx([0.0, 0.0])


def test_mutual_information_is_zero_when_samples_agree_and_log_two_for_two_certain_disagreeing_ones():
    agreeing = np.tile(np.array([[0.7, 0.2, 0.1]]), (5, 4, 1))
    assert uncertainty.mutual_information(agreeing) == pytest.approx(np.zeros(4), abs=1e-12)
    disagreeing = np.stack([one_hot([0], 3), one_hot([1], 3)])
    assert uncertainty.mutual_information(disagreeing) == pytest.approx([math.log(2)])


def test_predictive_mean_averages_the_samples():
    samples = np.stack([one_hot([0, 1], 2), one_hot([1, 1], 2)])
    np.testing.assert_allclose(uncertainty.predictive_mean(samples), [[0.5, 0.5], [0.0, 1.0]])


@pytest.mark.parametrize("shape", [(4, 10), (0, 4, 10)])
def test_predictive_mean_needs_samples_images_classes(shape):
    with pytest.raises(ValueError, match="samples"):
        uncertainty.predictive_mean(np.zeros(shape))


def test_labels_may_be_indices_or_one_hot():
    np.testing.assert_array_equal(uncertainty.class_indices(one_hot([3, 1])), [3, 1])
    np.testing.assert_array_equal(uncertainty.class_indices(np.array([3, 1])), [3, 1])
    with pytest.raises(ValueError, match="labels"):
        uncertainty.class_indices(np.zeros((2, 2, 2)))


@pytest.mark.parametrize(("name", "perfect", "uniform"), [
    ("negative_log_likelihood", 0.0, math.log(10)),
    ("brier_score", 0.0, 0.9),
])
def test_scores_of_a_perfect_and_of_a_uniform_prediction(name, perfect, uniform):
    score = getattr(uncertainty, name)
    labels = np.array([0, 3, 9, 3])
    assert score(one_hot(labels), labels) == pytest.approx(perfect, abs=1e-9)
    assert score(np.full((4, 10), 0.1), one_hot(labels)) == pytest.approx(uniform)


def test_a_confident_mistake_costs_a_large_finite_loss():
    loss = uncertainty.negative_log_likelihood(one_hot([1]), np.array([0]))
    assert loss == pytest.approx(-math.log(uncertainty.SMALLEST_PROBABILITY))


def test_a_constant_prediction_of_the_class_prior_is_calibrated_and_scores_the_prior():
    labels = np.array([0] * 6 + [1] * 3 + [2] * 1)
    prior = np.bincount(labels) / labels.size
    probabilities = np.tile(prior, (labels.size, 1))
    table = uncertainty.reliability(probabilities, labels, bins=10)
    filled = table.counts > 0
    assert table.counts[filled].tolist() == [10]
    assert table.accuracy[filled] == pytest.approx([prior.max()])
    assert uncertainty.expected_calibration_error(probabilities, labels, bins=10) == pytest.approx(0.0, abs=1e-12)
    assert uncertainty.negative_log_likelihood(probabilities, labels) == pytest.approx(-(prior * np.log(prior)).sum())
    assert uncertainty.brier_score(probabilities, labels) == pytest.approx(1 - (prior**2).sum())


@pytest.mark.parametrize("bins", [2, 5, 10, 15])
def test_a_perfectly_calibrated_predictor_has_ece_zero(bins):
    probabilities, labels = calibrated_predictions()
    assert uncertainty.expected_calibration_error(probabilities, labels, bins) == pytest.approx(0.0, abs=1e-12)


@pytest.mark.parametrize("accuracy", [0.5, 0.7, 1.0])
def test_a_certain_predictor_has_ece_one_minus_its_accuracy(accuracy):
    labels = np.array([0] * int(10 * accuracy) + [1] * (10 - int(10 * accuracy)))
    probabilities = one_hot(np.zeros(10, dtype=int), 2)
    assert uncertainty.expected_calibration_error(probabilities, labels) == pytest.approx(1 - accuracy)


def test_reliability_bins_are_equal_width_and_closed_on_the_right():
    probabilities = np.array([[0.5, 0.5], [0.75, 0.25], [1.0, 0.0]])
    table = uncertainty.reliability(probabilities, np.array([0, 0, 1]), bins=4)
    np.testing.assert_allclose(table.edges, [0.0, 0.25, 0.5, 0.75, 1.0])
    assert table.counts.tolist() == [0, 1, 1, 1]
    np.testing.assert_allclose(table.accuracy[1:], [1.0, 1.0, 0.0])
    assert np.isnan(table.confidence[0])


@pytest.mark.parametrize("bins", [1, 0, 2.5, True])
def test_reliability_needs_two_bins_or_more(bins):
    with pytest.raises(ValueError, match="bins"):
        uncertainty.reliability(np.full((2, 2), 0.5), np.array([0, 1]), bins=bins)


def test_scores_refuse_mismatched_labels():
    with pytest.raises(ValueError, match="probabilities"):
        uncertainty.brier_score(np.full((3, 10), 0.1), np.array([0, 1]))


def test_prediction_metrics_gathers_the_scores():
    probabilities, labels = calibrated_predictions()
    metrics = uncertainty.prediction_metrics(probabilities, labels, bins=5)
    assert set(metrics) == {"accuracy", "nll", "brier", "ece", "entropy"}
    assert metrics["accuracy"] == pytest.approx(11 / 15)
    assert metrics["ece"] == pytest.approx(0.0, abs=1e-12)
    assert metrics["brier"] == pytest.approx(uncertainty.brier_score(probabilities, labels))


def test_rejection_curve_of_an_oracle_reaches_full_accuracy_once_the_errors_are_set_aside():
    correct = np.array([1, 0, 1, 1, 0, 1, 1, 1, 1, 1])
    oracle = 1.0 - correct  # the errors are the most uncertain images
    accuracies = uncertainty.rejection_curve(correct, oracle, [0.0, 0.1, 0.2, 0.5])
    np.testing.assert_allclose(accuracies, [0.8, 8 / 9, 1.0, 1.0])


def test_rejection_curve_sets_aside_the_most_uncertain_images():
    correct = np.array([0, 1, 1, 0])
    backwards = np.array([0.1, 0.2, 0.3, 0.4])  # the least uncertain image is wrong
    np.testing.assert_allclose(uncertainty.rejection_curve(correct, backwards, [0.25, 0.5, 0.75]), [2 / 3, 0.5, 0.0])


@pytest.mark.parametrize("correct", [[1, 0, 1, 1, 0, 1, 1, 1, 1, 1], [1, 1, 1, 1], [0, 0, 1, 0]])
def test_rejection_references_match_a_blind_and_a_perfect_ranking(correct):
    correct = np.array(correct)
    shares = [0.0, 0.25, 0.5]
    references = uncertainty.rejection_references(correct.mean(), shares)
    np.testing.assert_allclose(references["random"], [correct.mean()] * 3)  # blind: the accuracy stays
    perfect = uncertainty.rejection_curve(correct, 1.0 - correct, shares)  # the errors set aside first
    np.testing.assert_allclose(references["oracle"], perfect, atol=1 / correct.size)  # up to rounding the kept count


@pytest.mark.parametrize(("accuracy", "shares", "match"),
                         [(1.2, [0.1], "accuracy"), (True, [0.1], "accuracy"), (0.9, [1.0], "rejected_shares")])
def test_rejection_references_refuse_bad_input(accuracy, shares, match):
    with pytest.raises(ValueError, match=match):
        uncertainty.rejection_references(accuracy, shares)


@pytest.mark.parametrize(("values", "count", "expected"),
                         [([0.1, 0.9, 0.5, 0.9], 2, [1, 3]), ([0.3, 0.2, 0.1], 3, [0, 1, 2]), ([1.0], 1, [0])])
def test_least_sure_takes_the_highest_uncertainty_first(values, count, expected):
    assert list(uncertainty.least_sure(np.array(values), count)) == expected


@pytest.mark.parametrize(("values", "count"), [([0.1, 0.2], 3), ([0.1], 0), ([], 1)])
def test_least_sure_refuses_a_count_out_of_range(values, count):
    with pytest.raises(ValueError, match="count|uncertainty"):
        uncertainty.least_sure(np.array(values), count)


@pytest.mark.parametrize("shares", [[], [1.0], [-0.1]])
def test_rejection_curve_needs_shares_in_zero_one(shares):
    with pytest.raises(ValueError, match="rejected_shares"):
        uncertainty.rejection_curve(np.ones(4), np.zeros(4), shares)


def test_mask_average_errors_of_identical_samples_do_not_depend_on_k():
    labels = np.array([0, 1, 1])
    samples = np.tile(one_hot([0, 0, 1], 2), (4, 1, 1))
    np.testing.assert_allclose(uncertainty.mask_average_errors(samples, labels, [1, 2, 4]), [1 / 3] * 3)


def test_mask_average_errors_average_the_first_k_samples():
    labels = np.array([0])
    samples = np.stack([one_hot([1], 2), np.array([[0.9, 0.1]]), np.array([[0.9, 0.1]])])
    np.testing.assert_allclose(uncertainty.mask_average_errors(samples, labels, [1, 2, 3]), [1.0, 1.0, 0.0])


@pytest.mark.parametrize("counts", [[0], [5], []])
def test_mask_average_errors_refuse_counts_outside_the_samples(counts):
    with pytest.raises(ValueError, match="counts"):
        uncertainty.mask_average_errors(np.zeros((4, 1, 2)), np.array([0]), counts)


def images(count=3):
    return np.random.default_rng(0).random((count, 28, 28), dtype=np.float32)


def test_rotating_by_zero_degrees_is_the_identity():
    original = images()
    rotated = uncertainty.rotate_images(original, 0)
    np.testing.assert_array_equal(rotated, original)
    assert rotated.dtype == original.dtype


@pytest.mark.parametrize(("angle", "quarter_turns"), [(90, 1), (180, 2), (270, 3), (-90, -1)])
def test_rotating_by_right_angles_turns_the_array_counter_clockwise(angle, quarter_turns):
    original = images()
    np.testing.assert_allclose(uncertainty.rotate_images(original, angle), np.rot90(original, quarter_turns, axes=(1, 2)),
                               atol=1e-6)


def test_rotation_keeps_pixels_in_zero_one_and_fills_corners_with_black():
    rotated = uncertainty.rotate_images(np.ones((1, 28, 28), dtype=np.float32), 45)
    assert rotated.min() >= 0
    assert rotated.max() <= 1
    assert rotated[0, 0, 0] == 0
    assert rotated[0, 14, 14] == pytest.approx(1)


def test_rotation_needs_a_stack_of_images():
    with pytest.raises(ValueError, match="images"):
        uncertainty.rotate_images(np.zeros((28, 28)), 15)


def test_noise_images_are_uniform_in_zero_one_and_seeded():
    noise = uncertainty.noise_images(50, seed=1)
    assert noise.shape == (50, 28, 28)
    assert noise.dtype == np.float32
    assert noise.min() >= 0
    assert noise.max() < 1
    assert noise.mean() == pytest.approx(0.5, abs=0.01)
    np.testing.assert_array_equal(noise, uncertainty.noise_images(50, seed=1))
    assert not np.array_equal(noise, uncertainty.noise_images(50, seed=2))


@pytest.mark.parametrize("count", [0, 2.0])
def test_noise_images_need_a_count(count):
    with pytest.raises(ValueError, match="count"):
        uncertainty.noise_images(count, seed=0)


def test_inverting_twice_gives_the_digits_back():
    original = images()
    np.testing.assert_allclose(uncertainty.inverted_images(original), 1 - original)
    np.testing.assert_allclose(uncertainty.inverted_images(uncertainty.inverted_images(original)), original, atol=1e-7)


def tiny_network(dropout_rate=0.5):
    keras.utils.set_random_seed(0)
    return keras.Sequential([
        keras.Input(shape=(28, 28)), layers.Flatten(), layers.Dense(16), layers.Dropout(dropout_rate),
        layers.Activation("relu"), layers.Dense(3, activation="softmax"),
    ])


def test_predictions_are_the_model_in_inference_mode():
    model, inputs = tiny_network(), images(5)
    np.testing.assert_allclose(uncertainty.predictions(model, inputs), np.asarray(model(inputs)), rtol=1e-6)


def test_mc_predictions_are_model_calls_in_training_mode_from_the_seed():
    model, inputs = tiny_network(), images(5)
    samples = uncertainty.mc_predictions(model, inputs, samples=4, seed=3)
    assert samples.shape == (4, 5, 3)
    np.testing.assert_allclose(samples.sum(axis=2), 1.0, rtol=1e-6)
    uncertainty.reseed_dropout(model, 3)
    by_hand = np.stack([np.asarray(model(inputs, training=True)) for _ in range(4)])
    np.testing.assert_allclose(samples, by_hand, rtol=1e-6)
    np.testing.assert_array_equal(samples, uncertainty.mc_predictions(model, inputs, samples=4, seed=3))
    assert not np.allclose(samples, uncertainty.mc_predictions(model, inputs, samples=4, seed=4))
    assert not np.allclose(samples[0], samples[1])  # fresh masks in every pass


@pytest.mark.parametrize("samples", [0, -1, 2.0, True])
def test_mc_predictions_need_one_pass_or_more(samples):
    with pytest.raises(ValueError, match="samples"):
        uncertainty.mc_predictions(tiny_network(), images(2), samples=samples)


def test_mc_predictions_need_a_dropout_layer():
    with pytest.raises(ValueError, match="Dropout"):
        uncertainty.mc_predictions(tiny_network(dropout_rate=0.0), images(2), samples=2)


def test_ensemble_predictions_stack_the_members():
    members = [tiny_network(), tiny_network(dropout_rate=0.0)]
    stacked = uncertainty.ensemble_predictions(members, images(4))
    assert stacked.shape == (2, 4, 3)
    with pytest.raises(ValueError, match="models"):
        uncertainty.ensemble_predictions([], images(4))


@pytest.mark.parametrize(
    ("inside", "outside", "area"),
    [([0.1, 0.2], [0.8, 0.9], 1.0), ([0.8, 0.9], [0.1, 0.2], 0.0), ([0.5, 0.5], [0.5, 0.5], 0.5),
     ([0.1, 0.5], [0.3], 0.5), ([0.1, 0.2, 0.3], [0.25, 0.35], 5 / 6)],
)
def test_detection_auc_is_the_chance_an_outside_score_beats_an_inside_one(inside, outside, area):
    assert uncertainty.detection_auc(np.array(inside), np.array(outside)) == pytest.approx(area)


def test_detection_auc_needs_scores_on_both_sides():
    with pytest.raises(ValueError, match="out_of_distribution"):
        uncertainty.detection_auc(np.array([0.1]), np.array([]))
