"""Figures of paired differences and of choices, all in percentage points or percent: a sweep against a reference,
many arms against one control, the regime map, and test accuracy against training-set size."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib as mpl
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import NullFormatter

from helpers.plots import REFERENCE_STYLE, legend_above, mean_low_high, new_figure, percent_scale
from helpers.stats import CONFIDENCE, POWER, detectable_difference
from helpers.wording import bare_number, confidence_text

__all__ = ["plot_detectable", "plot_differences", "plot_regime_map", "plot_size_differences", "plot_sweep"]

INTERVAL_LABEL = f"{confidence_text(CONFIDENCE)} interval"
"""How the bars of an interval are named in a legend."""


def plot_sweep(
    rates: Sequence[float],
    intervals: Mapping[str, Sequence[Any]],
    xlabel: str = "dropout rate",
    reference: Mapping[str, Any] | None = None,
    reference_label: str = "no dropout",
    error_label: str = f"{INTERVAL_LABEL} over seeds",
) -> Figure:
    """One panel per quantity: its mean at each rate (on the rates' true spacing) with error bars from each interval,
    and a horizontal reference line (with its interval shaded) per quantity in ``reference``; accuracies in %."""
    if not intervals or len(rates) == 0:
        raise ValueError("intervals must hold at least one quantity, and rates at least one rate")
    if reference is not None and set(reference) - set(intervals):
        raise ValueError(f"reference names quantities that intervals lacks: {sorted(set(reference) - set(intervals))}")
    rates = np.asarray(rates, dtype=float)
    figure = new_figure(4.6 * len(intervals), 3.4)
    axes = figure.subplots(1, len(intervals), squeeze=False)[0]
    for panel, (name, values) in zip(axes, intervals.items(), strict=True):
        if len(values) != len(rates):
            raise ValueError(f"intervals[{name!r}] has {len(values)} entries for {len(rates)} rates")
        scale, unit = percent_scale(name)
        mean, low, high = (scale * np.array(column) for column in zip(*map(mean_low_high, values), strict=True))
        panel.errorbar(rates, mean, yerr=[mean - low, high - mean], marker="o", capsize=3,
                       label=f"mean (bars: {error_label})")
        if reference is not None and name in reference:
            centre, bottom, top = (scale * value for value in mean_low_high(reference[name]))
            panel.axhline(centre, label=reference_label, **REFERENCE_STYLE)
            panel.axhspan(bottom, top, color=REFERENCE_STYLE["color"], alpha=0.12, linewidth=0)
        panel.set(xticks=rates, xlabel=xlabel, ylabel=name + unit)
    legend_above(figure, axes[0])
    return figure


def plot_differences(
    intervals: Mapping[str, Any], xlabel: str, error_label: str = f"{INTERVAL_LABEL} of the paired difference"
) -> Figure:
    """One row per arm: its mean paired difference against the control (a dot) with the interval as a horizontal bar,
    and a dotted line at 0 (no difference); arms are drawn top to bottom in the order given. ``intervals`` are
    differences of accuracies (fractions), drawn in percentage points."""
    if not intervals:
        raise ValueError("intervals must hold at least one arm")
    rows = np.arange(len(intervals))[::-1]
    mean, low, high = (100 * np.array(column) for column in zip(*map(mean_low_high, intervals.values()), strict=True))
    figure = new_figure(6.4, 0.9 + 0.45 * len(intervals))
    panel = figure.subplots()
    panel.errorbar(mean, rows, xerr=[mean - low, high - mean], marker="o", linestyle="none", capsize=3,
                   label=f"mean (bars: {error_label})")
    panel.axvline(0, label="no difference", **REFERENCE_STYLE)
    panel.set(yticks=rows, yticklabels=list(intervals), xlabel=xlabel)
    panel.grid(axis="y", visible=False)
    legend_above(figure, panel)
    return figure


def plot_regime_map(
    differences: Mapping[tuple[int, int, float], Any], label: str = "test accuracy, dropout − none (pp)"
) -> Figure:
    """Per dropout rate a panel of training-set size (rows) × hidden width (columns); each cell coloured and labelled
    with its paired difference in percentage points (``differences``: intervals of fractions, keyed by
    (train_samples, hidden_units, dropout_rate)). A cell whose interval excludes 0 is framed and starred, the others
    are paler; a combination missing from ``differences`` is grey ("not run"). The colours reach their darkest at twice
    the median size of the cells' means (at least 0.1 pp), so that one noisy cell does not wash the others out: its
    number is written in it anyway."""
    if not differences:
        raise ValueError("differences must hold at least one (train_samples, hidden_units, dropout_rate) cell")
    sizes, widths, rates = (sorted({cell[axis] for cell in differences}) for axis in range(3))
    cells = {cell: tuple(100 * value for value in mean_low_high(interval)) for cell, interval in differences.items()}
    limit = max(0.1, 2 * float(np.median([abs(mean) for mean, _, _ in cells.values()])))
    figure = new_figure(1.8 + (1.5 * len(widths) + 0.5) * len(rates), 1.3 + 0.85 * len(sizes))
    axes = figure.subplots(1, len(rates), squeeze=False, sharey=True)[0]
    for panel, dropout_rate in zip(axes, rates, strict=True):
        means = np.full((len(sizes), len(widths)), np.nan)
        for row, size in enumerate(sizes):
            for column, width in enumerate(widths):
                values = cells.get((size, width, dropout_rate))
                means[row, column] = np.nan if values is None else values[0]
                draw_regime_cell(panel, row, column, values, limit)
        shown = panel.imshow(np.ma.masked_invalid(means), cmap="RdBu", vmin=-limit, vmax=limit, origin="lower",
                             aspect="auto")
        panel.set_facecolor("#eeeeee")
        panel.set(title=f"dropout rate {dropout_rate:g}", xticks=range(len(widths)), xticklabels=widths,
                  yticks=range(len(sizes)), yticklabels=[f"{size:,}" for size in sizes],
                  xlabel="hidden units per layer")
        panel.grid(False)
    axes[0].set_ylabel("training images")
    figure.colorbar(shown, ax=list(axes), label=label, shrink=0.9, extend="both")
    return figure


def draw_regime_cell(panel: Axes, row: int, column: int, values: tuple[float, ...] | None, limit: float) -> None:
    """One cell's mean and interval as text; framed and starred if the interval excludes 0, else veiled (paler)."""
    if values is None:
        panel.text(column, row, "not run", ha="center", va="center", color="#777777", fontsize=8)
        return
    mean, low, high = values
    excludes_zero = low > 0 or high < 0
    decimals = 1 if high - low >= 2 else 2  # what the spread supports
    colour = "white" if excludes_zero and abs(mean) > 0.6 * limit else "black"
    panel.text(column, row + 0.12, bare_number(mean / 100, 'pp', decimals, sign=True) + (" *" if excludes_zero else ""), ha="center", va="center",
               color=colour, fontsize=10, fontweight="bold" if excludes_zero else "normal")
    panel.text(column, row - 0.2, f"[{bare_number(low / 100, 'pp', decimals, sign=True)}, {bare_number(high / 100, 'pp', decimals, sign=True)}]", ha="center", va="center", color=colour, fontsize=7)
    if excludes_zero:
        panel.add_patch(mpl.patches.Rectangle((column - 0.46, row - 0.46), 0.92, 0.92, fill=False, edgecolor="black",
                                              linewidth=2.5))
    else:
        panel.add_patch(mpl.patches.Rectangle((column - 0.5, row - 0.5), 1, 1, color="white", alpha=0.55, linewidth=0))


def plot_size_differences(
    differences: Mapping[int, Any],
    notes: Mapping[int, str] | None = None,
    ylabel: str = "test accuracy, dropout − none (pp)",
    error_label: str = f"{INTERVAL_LABEL} of the paired difference",
) -> Figure:
    """The paired difference of two arms (fractions, drawn in pp) against the number of training images on a log
    scale: a point per size with its interval, a dotted line at 0; ``notes`` writes a short text by a point (the
    settings chosen there, say)."""
    if not differences:
        raise ValueError("differences must hold at least one training-set size")
    sizes = sorted(differences)
    mean, low, high = (100 * np.array(column)
                       for column in zip(*(mean_low_high(differences[size]) for size in sizes), strict=True))
    figure = new_figure(6.4, 3.6)
    panel = figure.subplots()
    panel.errorbar(sizes, mean, yerr=[mean - low, high - mean], marker="o", capsize=3, linestyle="none",
                   label=f"mean (bars: {error_label})")
    panel.axhline(0, label="no difference", **REFERENCE_STYLE)
    for size, value in zip(sizes, mean, strict=True):
        text = (notes or {}).get(size)
        if text:
            panel.annotate(text, (size, value), textcoords="offset points", xytext=(8, -3), fontsize=8)
    panel.set(xscale="log", xlabel="training images (log scale)", ylabel=ylabel)
    panel.set_xticks(sizes, [f"{size:,}" for size in sizes])
    panel.xaxis.set_minor_formatter(NullFormatter())
    if len(sizes) > 1:
        panel.set_xlim(sizes[0] / 1.6, sizes[-1] * 2.5)
    legend_above(figure, panel)
    return figure


def plot_detectable(std: float, seeds: int, observed: float, unit: str = "pp", most_seeds: int = 40) -> Figure:
    """The smallest difference a paired comparison detects (with probability POWER) against the number of seeds, for
    the spread ``std`` of its paired differences; the observed difference as a dotted line, the seeds used marked."""
    scale = 100.0 if unit == "pp" else 1.0
    counts = np.arange(2, max(most_seeds, seeds) + 1)
    detectable = np.array([detectable_difference(std, int(count)) for count in counts]) * scale
    figure = new_figure(6.4, 3.4)
    panel = figure.subplots()
    panel.plot(counts, detectable, marker="o", markersize=3,
               label=f"detectable difference ({bare_number(POWER, 'percent', trim=True)} % of the time)")
    panel.axhline(abs(observed) * scale, label="the difference observed", **REFERENCE_STYLE)
    panel.plot([seeds], [detectable_difference(std, seeds) * scale], marker="D", markersize=8, color="#d62728",
               linestyle="none", label=f"these {seeds} seeds")
    panel.set(xlabel="paired seeds", ylabel="difference" + (" (pp)" if unit == "pp" else ""), yscale="log")
    legend_above(figure, panel)
    return figure
