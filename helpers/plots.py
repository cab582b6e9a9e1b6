"""The book's figures: one light style, and functions that return figures instead of showing them."""

from __future__ import annotations

from typing import Mapping, Sequence

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

BOOK_STYLE: dict[str, object] = {
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "axes.edgecolor": "#444444",
    "axes.grid": True,
    "grid.color": "#dddddd",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": mpl.cycler(color=["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"]),
    "font.size": 10,
    "legend.frameon": False,
    "figure.dpi": 100,
    "savefig.dpi": 100,
}
"""Matplotlib settings for every figure in the book (light background, as the book's theme)."""


def new_figure(width: float, height: float) -> Figure:
    """A figure that Jupyter displays when it is returned, and only then (pyplot does not hold on to it)."""
    figure = plt.figure(figsize=(width, height), layout="constrained")
    plt.close(figure)
    return figure


def use_book_style() -> None:
    """Apply the book's style to every figure drawn from now on."""
    mpl.rcParams.update(mpl.rcParamsDefault)
    mpl.rcParams.update(BOOK_STYLE)


def plot_histories(
    histories: Mapping[str, Mapping[str, Sequence[float]]],
    metrics: Sequence[str] = ("loss", "accuracy"),
) -> Figure:
    """One panel per metric; each run in its own colour, training solid and validation dashed."""
    if not histories:
        raise ValueError("histories must hold at least one run")
    return plot_bands({label: [history] for label, history in histories.items()}, metrics)


def plot_digits(images: np.ndarray, labels: Sequence[int | str], columns: int = 8) -> Figure:
    """A grid of digit images, each titled with its label (a digit or any text)."""
    if len(images) != len(labels):
        raise ValueError(f"images and labels must have the same length, got {len(images)} and {len(labels)}")
    rows = int(np.ceil(len(images) / columns))
    figure = new_figure(1.1 * columns, 1.25 * rows)
    axes = figure.subplots(rows, columns, squeeze=False).ravel()
    for panel, image, label in zip(axes, images, labels):
        panel.imshow(image, cmap="gray_r")
        panel.set_title(str(label))
    for panel in axes:
        panel.axis("off")
    return figure


def plot_bars(values: Mapping[str, Sequence[float]], ylabel: str) -> Figure:
    """Bars of ``values`` per group (x axis) and per series (colour), e.g. counts per digit."""
    if not values or any(len(heights) != len(next(iter(values.values()))) for heights in values.values()):
        raise ValueError("values must hold at least one series, all of the same length")
    figure = new_figure(7, 3.2)
    panel = figure.subplots()
    width = 0.8 / len(values)
    for offset, (series, heights) in enumerate(values.items()):
        positions = np.arange(len(heights)) + (offset - (len(values) - 1) / 2) * width
        panel.bar(positions, heights, width=width, label=series)
    panel.set_xticks(np.arange(len(next(iter(values.values())))))
    panel.set_ylabel(ylabel)
    panel.legend()
    return figure


def plot_mean_spread(
    curves: Mapping[str, Mapping[str, Sequence[Sequence[float]]]], ylabel: str, xlabel: str = "epoch"
) -> Figure:
    """One panel per key of ``curves``; per series, the mean over seeds as a line and their range as a band."""
    if not curves or not all(curves.values()):
        raise ValueError("curves must hold at least one panel, each with at least one series")
    figure = new_figure(4 * len(curves), 3.4)
    axes = figure.subplots(1, len(curves), squeeze=False, sharey=True)[0]
    colours = mpl.rcParams["axes.prop_cycle"].by_key()["color"]
    for panel, (title, series) in zip(axes, curves.items()):
        for (label, runs), colour in zip(series.items(), colours * len(series)):
            lengths = {len(run) for run in runs}
            if len(lengths) != 1 or 0 in lengths:
                raise ValueError(f"curves[{title!r}][{label!r}] must be non-empty equal-length curves, one per seed")
            values = np.asarray(runs, dtype=float)
            steps = np.arange(1, values.shape[1] + 1)
            panel.plot(steps, values.mean(axis=0), color=colour, marker="o", markersize=3, label=label)
            panel.fill_between(steps, values.min(axis=0), values.max(axis=0), color=colour, alpha=0.2, linewidth=0)
        panel.set_title(title)
        panel.set_xlabel(xlabel)
        panel.xaxis.get_major_locator().set_params(integer=True)
    axes[0].set_ylabel(ylabel)
    axes[0].legend()
    return figure


def plot_distributions(
    samples: Mapping[str, Mapping[str, np.ndarray]], xlabel: str, bins: int = 60
) -> Figure:
    """One panel per key of ``samples``; per series, a histogram (share of values per bin) drawn as a step line."""
    if not samples or not all(samples.values()):
        raise ValueError("samples must hold at least one panel, each with at least one series")
    figure = new_figure(4 * len(samples), 3.2)
    axes = figure.subplots(1, len(samples), squeeze=False)[0]
    for panel, (title, series) in zip(axes, samples.items()):
        values = [np.ravel(np.asarray(value, dtype=float)) for value in series.values()]
        edges = np.histogram_bin_edges(np.concatenate(values), bins=bins)
        for (label, value), style in zip(zip(series, values), ["-", "--", ":", "-."] * len(series)):
            panel.hist(value, bins=edges, weights=np.full(value.size, 1 / value.size), histtype="step",
                       linestyle=style, linewidth=1.5, label=label)
        panel.set_title(title)
        panel.set_xlabel(xlabel)
        panel.set_yscale("log")
    axes[0].set_ylabel("share of values")
    axes[0].legend()
    return figure


def plot_bands(
    runs: Mapping[str, Sequence[Mapping[str, Sequence[float]]]],
    metrics: Sequence[str] = ("loss", "accuracy"),
) -> Figure:
    """Mean over seeds per arm (training solid, validation dashed), banded from the lowest to the highest seed."""
    if not runs or any(len(histories) == 0 for histories in runs.values()):
        raise ValueError("runs must map each arm to at least one history")
    figure = new_figure(5 * len(metrics), 3.6)
    axes = figure.subplots(1, len(metrics), squeeze=False)[0]
    colours = mpl.rcParams["axes.prop_cycle"].by_key()["color"]
    for panel, metric in zip(axes, metrics):
        for (label, histories), colour in zip(runs.items(), colours * len(runs)):
            for key, style, part in ((metric, "-", "training"), (f"val_{metric}", "--", "validation")):
                values = np.array([history[key] for history in histories])
                epochs = np.arange(1, values.shape[1] + 1)
                panel.plot(epochs, values.mean(axis=0), color=colour, linestyle=style, label=f"{label}, {part}")
                if len(histories) > 1:
                    panel.fill_between(epochs, values.min(axis=0), values.max(axis=0), color=colour, alpha=0.15, linewidth=0)
        panel.set_xlabel("epoch")
        panel.set_ylabel(metric)
        panel.xaxis.get_major_locator().set_params(integer=True)
    axes[0].legend()
    return figure


def plot_against(
    x: Sequence[float], intervals: Mapping[str, Sequence[tuple[float, float, float]]], xlabel: str
) -> Figure:
    """One panel per quantity: its mean against ``x``, with error bars from each (mean, low, high) triple."""
    if not intervals:
        raise ValueError("intervals must hold at least one quantity")
    figure = new_figure(5 * len(intervals), 3.4)
    axes = figure.subplots(1, len(intervals), squeeze=False)[0]
    for panel, (name, triples) in zip(axes, intervals.items()):
        if len(triples) != len(x):
            raise ValueError(f"intervals[{name!r}] has {len(triples)} entries for {len(x)} x values")
        mean, low, high = (np.array(column) for column in zip(*triples))
        panel.errorbar(x, mean, yerr=[mean - low, high - mean], marker="o", capsize=3)
        panel.set_xlabel(xlabel)
        panel.set_ylabel(name)
    return figure
