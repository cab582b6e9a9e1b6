"""Figures of predictive uncertainty: reliability diagrams and entropy histograms."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import uncertainty_plots as plots

HISTORY = {"loss": [0.5, 0.3], "val_loss": [0.4, 0.35], "accuracy": [0.8, 0.9], "val_accuracy": [0.85, 0.88]}


class Table:
    """A reliability table with four bins, the first empty."""

    edges = np.array([0.0, 0.25, 0.5, 0.75, 1.0])
    confidence = np.array([np.nan, 0.4, 0.6, 0.95])
    accuracy = np.array([np.nan, 0.5, 0.5, 0.9])
    counts = np.array([0, 2, 4, 94])


@pytest.mark.parametrize("methods", [1, 4])
def test_reliability_a_column_per_method_with_shares_and_accuracy_bars_of_the_filled_bins(methods):
    figure = plots.plot_reliability({f"method {m}": Table() for m in range(methods)})
    assert len(figure.axes) == 2 * methods
    shares, calibration = figure.axes[0], figure.axes[methods]
    assert shares.get_title() == "method 0"
    assert len(shares.patches) == 3
    assert [patch.get_height() for patch in shares.patches] == pytest.approx([0.02, 0.04, 0.94])
    assert [patch.get_height() for patch in calibration.patches] == pytest.approx([0.5, 0.5, 0.9])
    assert "perfect calibration" in calibration.get_legend_handles_labels()[1]


def test_reliability_needs_a_table():
    with pytest.raises(ValueError, match="tables"):
        plots.plot_reliability({})


def test_entropy_histograms_one_panel_per_method_one_histogram_per_set_and_the_uniform_line():
    generator = np.random.default_rng(0)
    entropies = {f"method {m}": {"test digits": generator.random(100), "noise": 2 * generator.random(50)}
                 for m in range(3)}
    figure = plots.plot_entropy_histograms(entropies, classes=10, bins=10, columns=2)
    assert len(figure.axes) == 3
    panel = figure.axes[0]
    assert len(panel.patches) == 2
    assert panel.lines[-1].get_xdata()[0] == pytest.approx(np.log(10))
    heights = np.histogram(np.clip(entropies["method 0"]["test digits"], 0, np.log(10)),
                           bins=np.linspace(0, np.log(10), 11))[0]
    assert heights.sum() == 100


@pytest.mark.parametrize("entropies", [{}, {"method": {}}])
def test_entropy_histograms_refuse_empty_input(entropies):
    with pytest.raises(ValueError, match="entropies"):
        plots.plot_entropy_histograms(entropies)
