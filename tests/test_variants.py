from __future__ import annotations

import numpy as np
import pytest
from keras import layers

from helpers import variants


@pytest.mark.parametrize("dropout_rate", [0.2, 0.5])
@pytest.mark.parametrize("kind", [layers.Dropout, layers.GaussianDropout])
def test_noise_has_mean_one_and_variance_rate_over_keep(kind, dropout_rate):
    moments = variants.noise_moments(kind(dropout_rate, seed=0), samples=200_000)
    assert moments.mean == pytest.approx(1.0, abs=0.01)
    assert moments.variance == pytest.approx(dropout_rate / (1 - dropout_rate), rel=0.03)


def test_standardise_flattens_to_mean_zero_and_variance_one():
    rows = variants.standardise(np.random.default_rng(0).random((10, 4, 4)) * 255)
    assert rows.shape == (10, 16)
    assert rows.mean() == pytest.approx(0.0, abs=1e-5)
    assert rows.var() == pytest.approx(1.0, rel=1e-4)
    with pytest.raises(ValueError, match="images"):
        variants.standardise(np.ones((3, 2, 2)))


@pytest.mark.parametrize("noise_layer", [None, layers.Dropout, layers.AlphaDropout])
def test_selu_stack_outputs_every_block(noise_layer):
    stack = variants.build_selu_stack(noise_layer, 0.2, depth=3, units=8, input_size=5)
    moments = variants.layer_moments(stack, np.random.default_rng(0).normal(size=(64, 5)).astype("float32"), True)
    assert len(moments) == 3
    assert all(isinstance(value, variants.Moments) for value in moments)


def test_selu_stack_keeps_variance_near_one_without_dropout_and_dropout_raises_it():
    x = np.random.default_rng(1).normal(size=(512, 64)).astype("float32")
    plain = variants.layer_moments(variants.build_selu_stack(None, 0.2, 8, 128, 64), x, training=True)
    dropped = variants.layer_moments(variants.build_selu_stack(layers.Dropout, 0.2, 8, 128, 64), x, training=True)
    alpha = variants.layer_moments(variants.build_selu_stack(layers.AlphaDropout, 0.2, 8, 128, 64), x, training=True)
    assert plain[-1].variance == pytest.approx(1.0, abs=0.2)
    assert alpha[-1].variance == pytest.approx(1.0, abs=0.2)
    assert dropped[-1].variance > 1.5


def test_inference_mode_switches_the_noise_off():
    x = np.random.default_rng(2).normal(size=(32, 6)).astype("float32")
    plain = variants.layer_moments(variants.build_selu_stack(None, 0.3, 2, 8, 6, seed=3), x, training=False)
    noisy = variants.layer_moments(variants.build_selu_stack(layers.Dropout, 0.3, 2, 8, 6, seed=3), x, training=False)
    assert plain == noisy


@pytest.mark.parametrize(("depth", "units", "dropout_rate"), [(0, 8, 0.1), (2, 0, 0.1), (2, 8, 1.0)])
def test_selu_stack_refuses_bad_settings(depth, units, dropout_rate):
    with pytest.raises(ValueError, match="depth|units|dropout_rate"):
        variants.build_selu_stack(None, dropout_rate, depth, units)


@pytest.mark.parametrize(("dropout_layer", "dropout_rate", "dropouts"), [(None, 0.2, 0), (layers.SpatialDropout2D, 0.2, 2),
                                                                         (layers.Dropout, 0.0, 0)])
def test_conv_net_layers(dropout_layer, dropout_rate, dropouts):
    net = variants.build_conv_net(dropout_layer, dropout_rate, filters=(4, 8))
    kinds = [type(layer).__name__ for layer in net.layers]
    assert kinds.count("Conv2D") == 2
    assert sum(isinstance(layer, layers.Dropout) for layer in net.layers) == dropouts
    assert net.output_shape == (None, 10)


@pytest.mark.parametrize("filters", [(), (0,)])
def test_conv_net_refuses_bad_filters(filters):
    with pytest.raises(ValueError, match="filters"):
        variants.build_conv_net(None, 0.1, filters=filters)


def test_feature_maps_of_a_named_layer():
    net = variants.build_conv_net(layers.SpatialDropout2D, 0.5, filters=(3,))
    maps = variants.feature_maps(net, np.zeros((2, 28, 28), dtype="float32"), "conv_1")
    assert maps.shape == (2, 28, 28, 3)
    with pytest.raises(ValueError, match="layer_name"):
        variants.feature_maps(net, np.zeros((2, 28, 28), dtype="float32"), "no such layer")


def test_dropped_share_counts_pixels_whole_maps_and_pooled_values():
    before = np.ones((1, 2, 4, 2))
    after = before.copy()
    after[0, :, :, 0] = 0  # channel 0 dropped whole
    after[0, 0, 0, 1] = 0  # one pixel of channel 1
    share = variants.dropped_share(before, after)
    assert share.pixels == pytest.approx(9 / 16)
    assert share.channels == pytest.approx(1 / 2)
    assert share.pooled == pytest.approx(2 / 4)  # both pooled values of channel 0; none of channel 1


def test_dropped_share_ignores_maps_that_were_already_zero():
    before = np.zeros((1, 2, 2, 2))
    before[..., 1] = 1
    share = variants.dropped_share(before, before.copy())
    assert share == variants.DroppedShare(0.0, 0.0, 0.0)


@pytest.mark.parametrize(("before", "after"), [(np.ones((2, 2, 2)), np.ones((2, 2, 2))),
                                               (np.ones((1, 2, 2, 1)), np.ones((1, 2, 3, 1))),
                                               (np.zeros((1, 2, 2, 1)), np.zeros((1, 2, 2, 1)))])
def test_dropped_share_refuses_bad_maps(before, after):
    with pytest.raises(ValueError, match="before"):
        variants.dropped_share(before, after)


def test_neighbour_correlation_of_smooth_and_of_independent_maps():
    generator = np.random.default_rng(0)
    smooth = np.repeat(generator.normal(size=(50, 6, 1, 2)), 6, axis=2)  # every row constant: neighbours equal
    noise = generator.normal(size=(200, 6, 6, 2))
    assert variants.neighbour_correlation(smooth) == pytest.approx(1.0)
    assert abs(variants.neighbour_correlation(noise)) < 0.1
    with pytest.raises(ValueError, match="maps"):
        variants.neighbour_correlation(np.ones((2, 3, 3, 1)))
