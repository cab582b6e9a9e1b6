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
