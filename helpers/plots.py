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
    figure = new_figure(5 * len(metrics), 3.6)
    axes = figure.subplots(1, len(metrics), squeeze=False)[0]
    colours = mpl.rcParams["axes.prop_cycle"].by_key()["color"]
    for panel, metric in zip(axes, metrics):
        for (label, history), colour in zip(histories.items(), colours * len(histories)):
            epochs = np.arange(1, len(history[metric]) + 1)
            panel.plot(epochs, history[metric], color=colour, label=f"{label}, training")
            if f"val_{metric}" in history:
                panel.plot(epochs, history[f"val_{metric}"], color=colour, linestyle="--", label=f"{label}, validation")
        panel.set_xlabel("epoch")
        panel.set_ylabel(metric)
        panel.xaxis.get_major_locator().set_params(integer=True)
    axes[0].legend()
    return figure


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
