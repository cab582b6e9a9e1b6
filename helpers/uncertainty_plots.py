"""Figures of predictive uncertainty (chapter 7): reliability diagrams and histograms of predictive entropy."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import NullFormatter

from helpers.plots import REFERENCE_STYLE, legend_above, new_figure, panel_grid

__all__ = ["plot_entropy_histograms", "plot_reliability"]


def plot_reliability(tables: Mapping[str, Any]) -> Figure:
    """Per method (a column): the share of images in each confidence bin (top, log scale) and the bins' accuracy
    as bars against their mean confidence (red ticks) and the diagonal of perfect calibration (bottom).

    Each table has ``edges``, ``confidence``, ``accuracy`` and ``counts`` per bin, as ``helpers.reliability`` gives.
    """
    if not tables:
        raise ValueError("tables must hold at least one method's reliability table")
    figure = new_figure(3.0 * len(tables), 5.0)
    axes = figure.subplots(2, len(tables), squeeze=False, sharex=True, height_ratios=(1, 2))
    for (shares, calibration), (method, table) in zip(axes.T, tables.items(), strict=True):
        edges, counts = np.asarray(table.edges), np.asarray(table.counts)
        filled = counts > 0
        widths, centres = np.diff(edges), (edges[:-1] + edges[1:]) / 2
        shares.bar(edges[:-1][filled], counts[filled] / counts.sum(), width=widths[filled], align="edge",
                   color="#999999", edgecolor="white")
        shares.set(title=method, yscale="log")
        shares.yaxis.set_minor_formatter(NullFormatter())
        calibration.bar(edges[:-1][filled], np.asarray(table.accuracy)[filled], width=widths[filled], align="edge",
                        edgecolor="white", label="accuracy in the bin")
        calibration.plot(centres[filled], np.asarray(table.confidence)[filled], linestyle="none", marker="_",
                         markersize=12, markeredgewidth=2, color="#d62728", label="mean confidence in the bin")
        calibration.plot([0, 1], [0, 1], label="perfect calibration", **REFERENCE_STYLE)
        calibration.set(xlim=(0, 1), ylim=(0, 1), xlabel="confidence (top probability)")
    axes[0][0].set_ylabel("share of images")
    axes[1][0].set_ylabel("accuracy")
    legend_above(figure, axes[1][0])
    return figure


def plot_entropy_histograms(
    entropies: Mapping[str, Mapping[str, np.ndarray]], classes: int = 10, bins: int = 20, columns: int | None = None
) -> Figure:
    """One panel per method: per set of images, the share of images at each predictive entropy, from 0 (certain)
    to log(classes) (a uniform guess, dotted), in ``bins`` equal bins; ``columns`` panels a row."""
    if not entropies or not all(entropies.values()):
        raise ValueError("entropies must hold at least one method, each with at least one set of images")
    edges = np.linspace(0.0, np.log(classes), bins + 1)
    axes = panel_grid(len(entropies), columns, width=3.8, height=3.0)
    for panel, (method, sets) in zip(axes, entropies.items(), strict=False):
        for index, (name, values) in enumerate(sets.items()):
            values = np.clip(np.ravel(np.asarray(values, dtype=float)), 0.0, edges[-1])
            panel.hist(values, bins=edges, weights=np.full(values.size, 1 / values.size), histtype="step",
                       linestyle=("-", "--", ":", "-.")[index % 4], linewidth=1.5, label=name)
        panel.axvline(edges[-1], label="uniform guess", **REFERENCE_STYLE)
        panel.set(title=method, xlabel="predictive entropy (nats)", ylabel="share of images")
    legend_above(axes[0].get_figure(), axes[0])
    return axes[0].get_figure()
