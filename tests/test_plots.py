"""Plots return figures (never show them) with the panels and lines asked for."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from helpers import plots

HISTORY = {"loss": [0.5, 0.3], "val_loss": [0.4, 0.35], "accuracy": [0.8, 0.9], "val_accuracy": [0.85, 0.88]}


@pytest.mark.parametrize("runs", [1, 3])
@pytest.mark.parametrize("metrics", [("loss",), ("loss", "accuracy")])
def test_histories_one_panel_per_metric_two_lines_per_run(runs, metrics):
    figure = plots.plot_histories({f"run {i}": HISTORY for i in range(runs)}, metrics=metrics)
    assert isinstance(figure, Figure)
    assert len(figure.axes) == len(metrics)
    assert all(len(panel.lines) == 2 * runs for panel in figure.axes)
    assert figure.axes[0].lines[1].get_linestyle() == "--"


def test_histories_needs_a_run():
    with pytest.raises(ValueError, match="histories"):
        plots.plot_histories({})


@pytest.mark.parametrize("count, columns, panels", [(16, 8, 16), (10, 4, 12)])
def test_digits_grid(count, columns, panels):
    figure = plots.plot_digits(np.zeros((count, 28, 28)), list(range(count)), columns=columns)
    assert len(figure.axes) == panels
    assert figure.axes[3].get_title() == "3"


def test_digits_needs_matching_labels():
    with pytest.raises(ValueError, match="labels"):
        plots.plot_digits(np.zeros((3, 28, 28)), [1, 2])


def test_bars_one_container_per_series():
    figure = plots.plot_bars({"train": [1, 2, 3], "test": [3, 2, 1]}, ylabel="images")
    assert len(figure.axes[0].containers) == 2


def test_book_style_is_light():
    plots.use_book_style()
    import matplotlib as mpl

    assert mpl.rcParams["axes.facecolor"] == "white"


@pytest.mark.parametrize("arms, seeds", [(1, 1), (2, 3)])
def test_bands_two_lines_and_two_bands_per_arm(arms, seeds):
    figure = plots.plot_bands({f"arm {a}": [HISTORY] * seeds for a in range(arms)})
    assert len(figure.axes) == 2
    assert len(figure.axes[0].lines) == 2 * arms
    assert len(figure.axes[0].collections) == (2 * arms if seeds > 1 else 0)


@pytest.mark.parametrize("runs", [{}, {"empty arm": []}])
def test_bands_need_runs(runs):
    with pytest.raises(ValueError, match="runs"):
        plots.plot_bands(runs)


def test_against_one_panel_per_quantity():
    triples = [(0.97, 0.96, 0.98), (0.98, 0.975, 0.985)]
    figure = plots.plot_against([0.0, 0.5], {"test accuracy": triples, "gap": triples}, xlabel="dropout rate")
    assert len(figure.axes) == 2 and figure.axes[0].get_xlabel() == "dropout rate"


def test_against_refuses_mismatched_lengths():
    with pytest.raises(ValueError, match="entries"):
        plots.plot_against([0.0], {"gap": [(1, 0, 2), (1, 0, 2)]}, xlabel="rate")


@pytest.mark.parametrize("panels, series, seeds, epochs", [(1, 1, 1, 1), (3, 2, 3, 5)])
def test_mean_spread_one_panel_per_key_one_line_and_band_per_series(panels, series, seeds, epochs):
    curves = {
        f"panel {p}": {f"series {s}": [list(np.linspace(0.5, 0.9, epochs) + 0.01 * k) for k in range(seeds)] for s in range(series)}
        for p in range(panels)
    }
    figure = plots.plot_mean_spread(curves, ylabel="validation accuracy")
    assert len(figure.axes) == panels
    for panel in figure.axes:
        assert len(panel.lines) == series and len(panel.collections) == series
    np.testing.assert_allclose(figure.axes[0].lines[0].get_ydata(), np.linspace(0.5, 0.9, epochs) + 0.01 * (seeds - 1) / 2)


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


@pytest.mark.parametrize("values", [{}, {"train": [1, 2], "test": [1]}])
def test_bars_refuse_empty_or_ragged_values(values):
    with pytest.raises(ValueError, match="values"):
        plots.plot_bars(values, ylabel="images")
