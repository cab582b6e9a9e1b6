"""Plots return figures (never show them) with the panels, lines, bands and reference lines asked for."""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
import pytest
from matplotlib.figure import Figure

from helpers import plots
from helpers.costs import EpochCost

HISTORY = {"loss": [0.5, 0.3], "val_loss": [0.4, 0.35], "accuracy": [0.8, 0.9], "val_accuracy": [0.85, 0.88]}


@pytest.mark.parametrize(("arms", "seeds"), [(1, 1), (2, 3)])
@pytest.mark.parametrize("metrics", [("loss",), ("loss", "accuracy")])
def test_bands_a_training_and_a_validation_panel_per_metric(arms, seeds, metrics):
    figure = plots.plot_bands({f"arm {a}": [HISTORY] * seeds for a in range(arms)}, metrics=metrics)
    assert isinstance(figure, Figure)
    assert len(figure.axes) == 2 * len(metrics)
    assert [panel.get_title() for panel in figure.axes[:2]] == [f"training {metrics[0]} (as logged)", f"validation {metrics[0]}"]
    for panel in figure.axes:
        assert len(panel.lines) == arms
        assert len(panel.collections) == (arms if seeds > 1 else 0)


def test_bands_validation_panel_has_its_own_scale():
    figure = plots.plot_bands({"run": [{**HISTORY, "loss": [5.0, 3.0]}]}, metrics=("loss",))
    training, validation = figure.axes
    assert training.get_ylim()[1] > 2
    assert validation.get_ylim()[1] < 1


def test_bands_mean_is_the_mean_over_seeds():
    other = {**HISTORY, "val_loss": [0.6, 0.55]}
    figure = plots.plot_bands({"arm": [HISTORY, other]}, metrics=("loss",))
    np.testing.assert_allclose(figure.axes[1].lines[0].get_ydata(), [0.5, 0.45])


def test_bands_mark_the_inference_mode_training_value_at_the_last_epoch():
    runs = {"baseline": [HISTORY] * 2, "dropout": [HISTORY] * 2}
    figure = plots.plot_bands(runs, metrics=("loss",), inference_training={"dropout": [{"loss": 0.1}, {"loss": 0.2}]})
    training = figure.axes[0]
    marker = training.lines[-1]
    assert (marker.get_xdata()[0], marker.get_ydata()[0]) == (2, pytest.approx(0.15))
    assert "inference mode" in marker.get_label()
    assert len(figure.axes[1].lines) == 2  # nothing added to the validation panel


@pytest.mark.parametrize(
    ("runs", "metrics", "inference", "match"),
    [({}, ("loss",), None, "runs"), ({"arm": []}, ("loss",), None, "runs"), ({"arm": [HISTORY]}, (), None, "metrics"),
     ({"arm": [HISTORY]}, ("loss",), {"other": [{"loss": 0.1}]}, "inference_training"),
     ({"arm": [HISTORY, {**HISTORY, "loss": [0.1]}]}, ("loss",), None, "equal-length")],
)
def test_bands_refuse_bad_input(runs, metrics, inference, match):
    with pytest.raises(ValueError, match=match):
        plots.plot_bands(runs, metrics, inference)


@pytest.mark.parametrize("runs", [1, 3])
def test_histories_one_line_per_run_and_panel(runs):
    figure = plots.plot_histories({f"run {i}": HISTORY for i in range(runs)}, inference_training={"run 0": {"loss": 0.2, "accuracy": 0.9}})
    assert len(figure.axes) == 4
    assert len(figure.axes[0].lines) == runs + 1
    assert len(figure.axes[1].lines) == runs


def test_histories_needs_a_run():
    with pytest.raises(ValueError, match="histories"):
        plots.plot_histories({})


@pytest.mark.parametrize(("count", "columns", "panels"), [(16, 8, 16), (10, 4, 12)])
def test_digits_grid(count, columns, panels):
    figure = plots.plot_digits(np.zeros((count, 28, 28)), list(range(count)), columns=columns)
    assert len(figure.axes) == panels
    assert figure.axes[3].get_title() == "3"


@pytest.mark.parametrize(("labels", "columns", "row_labels", "match"),
                         [([1, 2], 8, None, "labels"), ([1, 2, 3], 0, None, "columns"), ([1, 2, 3], 2, ["a"], "row_labels")])
def test_digits_refuse_bad_input(labels, columns, row_labels, match):
    with pytest.raises(ValueError, match=match):
        plots.plot_digits(np.zeros((3, 28, 28)), labels, columns=columns, row_labels=row_labels)


@pytest.mark.parametrize("methods", [["softmax"], ["softmax", "weight scaling", "MC dropout"]])
def test_digits_name_each_row_on_its_left(methods):
    figure = plots.plot_digits(np.zeros((2 * len(methods), 28, 28)), ["7→1"] * 2 * len(methods), columns=2,
                               row_labels=methods)
    first_column = figure.axes[::2]
    assert [panel.texts[0].get_text() for panel in first_column] == methods
    assert all(not panel.texts for panel in figure.axes[1::2])


@pytest.mark.parametrize(("row", "panels"), [(None, 2 * 2), (5, 2 * 2 + 1)])
def test_intensities_an_image_and_a_colour_bar_each_and_an_optional_row_profile(row, panels):
    image = np.random.default_rng(0).random((28, 28))
    figure = plots.plot_intensities({"x / 255": image, "normalize": 2 * image}, row=row)
    assert len(figure.axes) == panels  # each image panel has its colour bar as an extra axes
    if row is not None:
        profile = next(panel for panel in figure.axes if panel.get_xlabel().startswith("column"))
        np.testing.assert_allclose(profile.lines[1].get_ydata(), 2 * image[row])


@pytest.mark.parametrize(("images", "row", "match"), [({}, None, "images"), ({"a": np.zeros(3)}, None, "images"),
                                                ({"a": np.zeros((4, 4))}, 4, "row")])
def test_intensities_refuse_bad_input(images, row, match):
    with pytest.raises(ValueError, match=match):
        plots.plot_intensities(images, row=row)


@pytest.mark.parametrize(("reference", "lines"), [(None, 0), (0.1, 1)])
def test_bars_one_container_per_series_labelled_axes_and_a_reference_line(reference, lines):
    figure = plots.plot_bars({"train": [1, 2, 3], "test": [3, 2, 1]}, xlabel="digit", ylabel="share",
                             reference=reference, reference_label="1/10")
    panel = figure.axes[0]
    assert len(panel.containers) == 2
    assert (panel.get_xlabel(), panel.get_ylabel()) == ("digit", "share")
    assert len(panel.lines) == lines


@pytest.mark.parametrize("values", [{}, {"train": [1, 2], "test": [1]}, {"train": []}])
def test_bars_refuse_empty_or_ragged_values(values):
    with pytest.raises(ValueError, match="values"):
        plots.plot_bars(values, xlabel="digit", ylabel="images")


def test_book_style_is_light():
    plots.use_book_style()
    assert mpl.rcParams["axes.facecolor"] == "white"


@pytest.mark.parametrize(("panels", "series", "seeds", "epochs"), [(1, 1, 1, 1), (3, 2, 3, 5)])
def test_mean_spread_one_panel_per_key_one_line_and_band_per_series(panels, series, seeds, epochs):
    curves = {
        f"panel {p}": {f"series {s}": [list(np.linspace(0.5, 0.9, epochs) + 0.01 * k) for k in range(seeds)] for s in range(series)}
        for p in range(panels)
    }
    figure = plots.plot_mean_spread(curves, ylabel="validation accuracy")
    assert len(figure.axes) == panels
    for panel in figure.axes:
        assert len(panel.lines) == series
        assert len(panel.collections) == (series if seeds > 1 else 0)
    np.testing.assert_allclose(figure.axes[0].lines[0].get_ydata(),
                               100 * (np.linspace(0.5, 0.9, epochs) + 0.01 * (seeds - 1) / 2))  # accuracy in %
    assert figure.axes[0].get_ylabel() == "validation accuracy (%)"


def test_mean_spread_leaves_a_quantity_that_is_no_accuracy_in_its_unit():
    figure = plots.plot_mean_spread({"panel": {"series": [[0.5, 0.4]]}}, ylabel="validation loss")
    np.testing.assert_allclose(figure.axes[0].lines[0].get_ydata(), [0.5, 0.4])
    assert figure.axes[0].get_ylabel() == "validation loss"


@pytest.mark.parametrize("curves", [{}, {"panel": {}}, {"panel": {"series": [[0.1, 0.2], [0.3]]}}])
def test_mean_spread_refuses_missing_or_ragged_curves(curves):
    with pytest.raises(ValueError, match="curves"):
        plots.plot_mean_spread(curves, ylabel="accuracy")


def test_distributions_one_panel_per_key_one_histogram_per_series():
    generator = np.random.default_rng(0)
    samples = {"sigmoid": {"a": generator.random(100), "b": generator.random((10, 10))}, "tanh": {"a": generator.random(50)}}
    figure = plots.plot_distributions(samples, xlabel="activation", bins=10)
    assert len(figure.axes) == 2
    assert [len(panel.patches) for panel in figure.axes] == [2, 1]
    assert figure.axes[0].get_yscale() == "log"


@pytest.mark.parametrize("samples", [{}, {"panel": {}}])
def test_distributions_refuses_empty_samples(samples):
    with pytest.raises(ValueError, match="samples"):
        plots.plot_distributions(samples, xlabel="x")


@pytest.mark.parametrize(("quantities", "methods", "seeds"), [(1, 1, 1), (3, 4, 5)])
def test_curves_one_panel_per_quantity_one_line_per_method_bands_over_seeds(quantities, methods, seeds):
    x = [0, 15, 30]
    curves = {f"quantity {q}": {f"method {m}": [[0.9 - 0.1 * k, 0.8, 0.7 + 0.01 * k] for k in range(seeds)]
                                for m in range(methods)} for q in range(quantities)}
    figure = plots.plot_curves(x, curves, xlabel="rotation (degrees)")
    assert len(figure.axes) == quantities
    for panel in figure.axes:
        assert len(panel.lines) == methods
        assert len(panel.collections) == (methods if seeds > 1 else 0)
        np.testing.assert_allclose(panel.lines[0].get_xdata(), x)
    assert figure.axes[-1].get_ylabel() == f"quantity {quantities - 1}"
    np.testing.assert_allclose(figure.axes[0].lines[0].get_ydata()[1], 0.8)


def test_curves_draw_a_reference_line_on_a_log_axis():
    figure = plots.plot_curves([1, 5, 100], {"test error": {"k masks": [[0.03, 0.02, 0.019]]}}, xlabel="k",
                               reference={"test error": 0.0185}, reference_label="weight scaling", xscale="log")
    panel = figure.axes[0]
    assert panel.get_xscale() == "log"
    assert [label.get_text() for label in panel.get_xticklabels()] == ["1", "5", "100"]
    assert panel.lines[-1].get_ydata()[0] == pytest.approx(1.85)  # an error in %
    assert panel.get_ylabel() == "test error (%)"
    assert "weight scaling" in panel.get_legend_handles_labels()[1]


@pytest.mark.parametrize("references", [{}, {"random": [0.9, 0.9, 0.9]}, {"random": [0.9] * 3, "oracle": [0.9, 0.95, 1.0]}])
def test_curves_draw_one_grey_reference_curve_per_label_on_integer_ticks(references):
    figure = plots.plot_curves([0, 1, 2], {"accuracy": {"method": [[0.9, 0.92, 0.95]]}}, xlabel="rejected",
                               reference_curves={"accuracy": references})
    panel = figure.axes[0]
    assert len(panel.lines) == 1 + len(references)
    for line, values in zip(panel.lines[1:], references.values(), strict=True):
        np.testing.assert_allclose(line.get_ydata(), 100 * np.asarray(values))
    assert all(float(tick).is_integer() for tick in panel.get_xticks())


@pytest.mark.parametrize(
    ("x", "curves", "reference", "match"),
    [([0, 1], {}, None, "curves"), ([0, 1], {"a": {}}, None, "curves"), ([], {"a": {"m": [[1.0]]}}, None, "curves"),
     ([0, 1], {"a": {"m": [[1.0, 2.0], [1.0]]}}, None, "curves"), ([0, 1], {"a": {"m": [[1.0, 2.0, 3.0]]}}, None, "points"),
     ([0, 1], {"a": {"m": [[1.0, 2.0]]}}, {"b": 1.0}, "reference")],
)
def test_curves_refuse_bad_input(x, curves, reference, match):
    with pytest.raises(ValueError, match=match):
        plots.plot_curves(x, curves, xlabel="x", reference=reference)


@pytest.mark.parametrize("versions", [1, 2])
def test_thinned_networks_show_the_network_then_each_thinned_version_with_fewer_connections(versions):
    figure = plots.plot_thinned_networks(layer_sizes=(3, 6, 6, 2), dropout_rate=0.5, versions=versions, seed=1)
    assert len(figure.axes) == versions + 1
    full = len(figure.axes[0].lines)
    assert full == 3 * 6 + 6 * 6 + 6 * 2
    assert all(len(panel.lines) < full for panel in figure.axes[1:])


def test_thinned_masks_keep_inputs_outputs_and_a_unit_in_every_hidden_layer():
    generator = np.random.default_rng(0)
    for _ in range(20):
        masks = plots.thinned_masks((2, 3, 1, 2), dropout_rate=0.9, generator=generator)
        assert masks[0].all()
        assert masks[-1].all()
        assert all(mask.any() for mask in masks[1:-1])


@pytest.mark.parametrize(
    ("settings", "match"),
    [({"layer_sizes": (3, 2)}, "layer_sizes"), ({"dropout_rate": 1.0}, "dropout_rate"), ({"versions": 0}, "versions")],
)
def test_thinned_networks_refuse_bad_settings(settings, match):
    with pytest.raises(ValueError, match=match):
        plots.plot_thinned_networks(**settings)


@pytest.mark.parametrize(("quantities", "columns", "rows"), [(4, 2, 2), (3, 2, 2), (3, None, 1), (2, 5, 1)])
def test_curves_lay_panels_out_in_rows_of_columns(quantities, columns, rows):
    curves = {f"q{q}": {"m": [[1.0, 2.0]]} for q in range(quantities)}
    figure = plots.plot_curves([0, 1], curves, xlabel="x", columns=columns)
    assert len(figure.axes) == quantities
    assert len({panel.get_position().y0 for panel in figure.axes}) == rows


def test_curves_refuse_zero_columns():
    with pytest.raises(ValueError, match="columns"):
        plots.plot_curves([0, 1], {"q": {"m": [[1.0, 2.0]]}}, xlabel="x", columns=0)


@pytest.mark.parametrize("widths", [[128], [128, 512, 2048]])
def test_epoch_costs_a_line_per_width_through_its_measured_points(widths):
    costs = {width: EpochCost(width / 1e6, 2.0) for width in widths}
    figure = plots.plot_epoch_costs(costs, [1000, 5000], 54000)
    panel = figure.axes[0]
    lines = panel.get_lines()
    assert len(lines) == 2 * len(widths)
    for (width, cost), line, points in zip(costs.items(), lines[::2], lines[1::2], strict=True):
        assert line.get_label() == f"{width} units a layer"
        np.testing.assert_allclose(line.get_ydata()[[0, -1]], [2.0, cost.seconds(54000)])
        np.testing.assert_allclose(points.get_xdata(), [1000, 5000])
        np.testing.assert_allclose(points.get_ydata(), [cost.seconds(1000), cost.seconds(5000)])
    assert panel.get_xlabel() == "training images"
    assert panel.get_ylabel() == "seconds per epoch"


@pytest.mark.parametrize(("costs", "measured", "largest", "match"), [
    ({}, [1000], 5000, "costs"), ({128: EpochCost(0.0, 1.0)}, [], 5000, "measured_sizes"),
    ({128: EpochCost(0.0, 1.0)}, [1000, 5000], 2000, "largest"),
])
def test_epoch_costs_refuse_bad_input(costs, measured, largest, match):
    with pytest.raises(ValueError, match=match):
        plots.plot_epoch_costs(costs, measured, largest)
