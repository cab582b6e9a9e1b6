"""Figures of paired differences and choices: in percentage points or percent, with the intervals asked for."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from helpers import comparison_plots as plots
from helpers.stats import Interval

HISTORY = {"loss": [0.5, 0.3], "val_loss": [0.4, 0.35], "accuracy": [0.8, 0.9], "val_accuracy": [0.85, 0.88]}


@pytest.mark.parametrize("interval", [(0.97, 0.96, 0.98), Interval(0.97, 0.01, 0.96, 0.98, 3)])
def test_sweep_error_bars_from_intervals_or_triples_on_the_rates_true_spacing(interval):
    rates = [0.0, 0.1, 0.5]
    figure = plots.plot_sweep(rates, {"test accuracy": [interval] * 3, "gap": [interval] * 3}, xlabel="the rate")
    panel, gap = figure.axes
    assert panel.get_xlabel() == "the rate"
    np.testing.assert_allclose(panel.lines[0].get_xdata(), rates)
    np.testing.assert_allclose(panel.get_xticks(), rates)
    np.testing.assert_allclose(panel.lines[0].get_ydata(), [97.0] * 3)  # an accuracy, in %
    np.testing.assert_allclose(gap.lines[0].get_ydata(), [0.97] * 3)  # any other quantity as it is
    assert "95 % interval" in panel.get_legend_handles_labels()[1][0]


@pytest.mark.parametrize("reference", [0.97, (0.97, 0.965, 0.975), Interval(0.97, 0.01, 0.965, 0.975, 3)])
def test_sweep_draws_the_reference_line_and_its_interval(reference):
    triples = [(0.97, 0.96, 0.98), (0.98, 0.975, 0.985)]
    figure = plots.plot_sweep([0.0, 0.5], {"test accuracy": triples, "gap": triples}, reference={"test accuracy": reference},
                              reference_label="the reference")
    with_reference, without = figure.axes
    assert "the reference" in with_reference.get_legend_handles_labels()[1]
    assert with_reference.lines[-1].get_ydata()[0] == pytest.approx(97.0)
    assert len(with_reference.patches) == 1
    assert len(without.patches) == 0


@pytest.mark.parametrize(
    ("rates", "intervals", "reference", "match"),
    [([0.0], {"gap": [(1, 0, 2), (1, 0, 2)]}, None, "entries"), ([0.0], {}, None, "intervals"),
     ([], {"gap": []}, None, "rates"), ([0.0], {"gap": [(1, 0)]}, None, "mean, low, high"),
     ([0.0], {"gap": [(1, 0, 2)]}, {"loss": 1.0}, "reference")],
)
def test_sweep_refuses_bad_input(rates, intervals, reference, match):
    with pytest.raises(ValueError, match=match):
        plots.plot_sweep(rates, intervals, reference=reference)


@pytest.mark.parametrize("arms", [1, 4])
def test_differences_one_bar_per_arm_in_order_and_a_zero_line(arms):
    intervals = {f"arm {index}": Interval(0.01 * index, 0.01, 0.01 * index - 0.005, 0.01 * index + 0.005, 3)
                 for index in range(arms)}
    figure = plots.plot_differences(intervals, "difference")
    panel = figure.axes[0]
    top_to_bottom = sorted(zip(panel.get_yticks(), panel.get_yticklabels(), strict=True), key=lambda tick: -tick[0])
    assert [label.get_text() for _, label in top_to_bottom] == list(intervals)
    assert len(panel.lines) >= 2  # the means and the zero line
    assert panel.get_xlabel() == "difference"
    np.testing.assert_allclose(sorted(panel.lines[0].get_xdata()), list(range(arms)))  # in pp


def test_differences_accept_triples_and_refuse_nothing():
    assert isinstance(plots.plot_differences({"a": (0.0, -1.0, 1.0)}, "x"), Figure)
    with pytest.raises(ValueError, match="intervals"):
        plots.plot_differences({}, "x")


REGIME_CELLS = {(1000, 128, 0.2): Interval(0.002, 0.001, -0.001, 0.005, 3),
                (1000, 512, 0.2): Interval(0.006, 0.001, 0.002, 0.010, 3),
                (4000, 128, 0.5): (-0.004, -0.007, -0.001),
                (1000, 128, 0.5): (0.001, -0.002, 0.004)}


def test_regime_map_one_panel_per_rate_sizes_as_rows_widths_as_columns():
    figure = plots.plot_regime_map(REGIME_CELLS)
    panels = [panel for panel in figure.axes if panel.get_title()]
    assert [panel.get_title() for panel in panels] == ["dropout rate 0.2", "dropout rate 0.5"]
    assert [label.get_text() for label in panels[0].get_yticklabels()] == ["1,000", "4,000"]
    assert [label.get_text() for label in panels[0].get_xticklabels()] == ["128", "512"]
    assert len(figure.axes) == 3  # and the colour bar


def test_regime_map_writes_differences_in_points_and_frames_cells_whose_interval_excludes_zero():
    rate_02, rate_05 = (panel for panel in plots.plot_regime_map(REGIME_CELLS).axes if panel.get_title())
    texts = [text.get_text() for text in rate_02.texts]
    assert {"+0.20", "+0.60 *", "[+0.20, +1.00]"} <= set(texts)
    assert texts.count("not run") == 2  # 4,000 images: neither width has rate 0.2
    framed = [[patch for patch in panel.patches if not patch.get_fill()] for panel in (rate_02, rate_05)]
    assert [len(frames) for frames in framed] == [1, 1]  # +0.6 [0.2, 1.0] and −0.4 [−0.7, −0.1]
    assert len(rate_02.patches) == 2  # and the cell whose interval includes 0 is veiled
    assert "\u22120.40 *" in [text.get_text() for text in rate_05.texts]  # typographic minus
    image = rate_02.images[0]
    assert image.get_array()[0, 1] == pytest.approx(0.6)
    assert image.norm.vmin == -image.norm.vmax  # 0 sits in the middle of the colour scale


def test_one_noisy_cell_does_not_set_the_regime_maps_colours():
    cells = {**REGIME_CELLS, (4000, 512, 0.5): (-0.09, -0.2, 0.02)}  # −9 pp, far beyond the others
    image = next(panel for panel in plots.plot_regime_map(cells).axes if panel.get_title()).images[0]
    assert image.norm.vmax < 9  # the colours saturate there; its number is written in the cell


def test_regime_map_needs_a_cell():
    with pytest.raises(ValueError, match="differences"):
        plots.plot_regime_map({})


def test_size_differences_a_paired_difference_per_size_on_a_log_axis_with_notes():
    differences = {1000: (0.004, -0.002, 0.010), 4000: Interval(-0.003, 0.001, -0.005, -0.001, 3)}
    figure = plots.plot_size_differences(differences, notes={1000: "512 units, rate 0.2"})
    panel = figure.axes[0]
    assert panel.get_xscale() == "log"
    assert len(panel.containers) == 1  # one errorbar: the paired differences
    np.testing.assert_allclose(panel.lines[0].get_ydata(), [0.4, -0.3])  # in pp
    assert [text.get_text() for text in panel.texts] == ["512 units, rate 0.2"]
    assert [label.get_text() for label in panel.get_xticklabels()] == ["1,000", "4,000"]


def test_size_differences_need_a_size():
    with pytest.raises(ValueError, match="differences"):
        plots.plot_size_differences({})


@pytest.mark.parametrize("seeds", [3, 10])
def test_detectable_falls_with_the_seeds_and_marks_the_seeds_used(seeds):
    figure = plots.plot_detectable(std=0.004, seeds=seeds, observed=0.002)
    panel = figure.axes[0]
    curve = panel.lines[0].get_ydata()
    assert all(later < earlier for earlier, later in zip(curve, curve[1:], strict=False))
    assert panel.lines[1].get_ydata()[0] == pytest.approx(0.2)  # the observed difference, in pp
    assert panel.lines[2].get_xdata()[0] == seeds
