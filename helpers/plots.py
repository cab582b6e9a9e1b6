"""The book's figures: one light style, the pieces every figure shares, and the figures of data and training
(digits, curves over epochs and seeds, bars, distributions, thinned networks, what an epoch costs). Figures of
paired differences are in ``helpers.comparison_plots``, those of predictive uncertainty in
``helpers.uncertainty_plots``. Each function returns a figure instead of showing it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from helpers.parameters import check_setting

__all__ = [
    "BOOK_STYLE",
    "new_figure",
    "plot_bands",
    "plot_bars",
    "plot_digits",
    "plot_distributions",
    "plot_epoch_costs",
    "plot_histories",
    "plot_intensities",
    "plot_mean_spread",
    "use_book_style",
]

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

REFERENCE_STYLE: dict[str, object] = {"color": "#555555", "linestyle": ":", "linewidth": 1.5}
"""How a reference line (no dropout, chance level) is drawn."""


def new_figure(width: float, height: float) -> Figure:
    """A figure that Jupyter displays when it is returned, and only then (pyplot does not hold on to it)."""
    figure = plt.figure(figsize=(width, height), layout="constrained")
    plt.close(figure)
    return figure


def use_book_style() -> None:
    """Apply the book's style to every figure drawn from now on."""
    mpl.rcParams.update(mpl.rcParamsDefault)
    mpl.rcParams.update(BOOK_STYLE)


PERCENT_METRICS = ("accuracy", "ece", "error")
"""Quantities the book writes in % (fractions in the code): the figures draw them in % too."""


def percent_scale(name: str) -> tuple[float, str]:
    """(scale, label suffix) to draw a quantity in the unit the text uses: accuracies and ECE in %."""
    lowered = name.lower()
    return (100.0, " (%)") if any(metric in lowered for metric in PERCENT_METRICS) else (1.0, "")


def colours(count: int) -> list[str]:
    """``count`` colours of the style's cycle, repeating it when needed."""
    cycle = mpl.rcParams["axes.prop_cycle"].by_key()["color"]
    return [cycle[index % len(cycle)] for index in range(count)]


def curves_array(curves: Sequence[Sequence[float]], name: str) -> np.ndarray:
    """Equal-length, non-empty curves (one per seed) as a (seeds, steps) array; ValueError naming ``name``."""
    lengths = {len(curve) for curve in curves}
    if len(lengths) != 1 or 0 in lengths:
        raise ValueError(f"{name} must be non-empty equal-length curves, one per seed, got lengths {sorted(lengths)}")
    return np.asarray(curves, dtype=float)


def draw_band(panel: Axes, values: np.ndarray, colour: str, label: str, x: np.ndarray | None = None) -> None:
    """The mean over seeds (rows of ``values``) as a line against ``x`` (default: epochs 1, 2, … on integer ticks),
    and the lowest-to-highest seed as a band."""
    steps = np.arange(1, values.shape[1] + 1) if x is None else x
    panel.plot(steps, values.mean(axis=0), color=colour, marker="o", markersize=3, label=label)
    if len(values) > 1:
        panel.fill_between(steps, values.min(axis=0), values.max(axis=0), color=colour, alpha=0.2, linewidth=0)
    if x is None:
        panel.xaxis.set_major_locator(MaxNLocator(integer=True, min_n_ticks=1))


def legend_above(figure: Figure, panel: Axes) -> None:
    """``panel``'s legend above the figure's panels, in one row, where it hides no data."""
    handles, labels = panel.get_legend_handles_labels()
    figure.legend(handles, labels, loc="outside upper center", ncols=min(len(labels), 4))


def mean_low_high(value: Any) -> tuple[float, float, float]:
    """(mean, low, high) of an interval (anything with ``mean``, ``low``, ``high``), a triple or a single number."""
    if all(hasattr(value, field) for field in ("mean", "low", "high")):
        return float(value.mean), float(value.low), float(value.high)
    if np.ndim(value) == 0:
        return (float(value),) * 3
    if len(value) != 3:
        raise ValueError(f"an interval must be (mean, low, high), got {value!r}")
    return tuple(float(number) for number in value)  # type: ignore[return-value]


def plot_digits(images: np.ndarray, labels: Sequence[int | str], columns: int = 8,
                row_labels: Sequence[str] | None = None) -> Figure:
    """A grid of digit images, each titled with its label (a digit or any text); ``row_labels`` names each row on
    its left (the method whose digits a row shows, say)."""
    if len(images) != len(labels):
        raise ValueError(f"images and labels must have the same length, got {len(images)} and {len(labels)}")
    if columns < 1:
        raise ValueError(f"columns must be at least 1, got {columns!r}")
    rows = int(np.ceil(len(images) / columns))
    if row_labels is not None and len(row_labels) != rows:
        raise ValueError(f"row_labels must name each of the {rows} rows, got {len(row_labels)}")
    margin = 1.6 if row_labels is not None else 0.0
    figure = new_figure(1.1 * columns + margin, 1.25 * rows)
    grid = figure.subplots(rows, columns, squeeze=False)
    if row_labels is not None:
        for panel, label in zip(grid[:, 0], row_labels, strict=True):
            panel.text(-0.12, 0.5, label, transform=panel.transAxes, ha="right", va="center", fontsize=10)
    axes = grid.ravel()
    for panel, image, label in zip(axes, images, labels, strict=False):
        panel.imshow(image, cmap="gray_r")
        panel.set_title(str(label))
    for panel in axes:
        panel.axis("off")
    return figure


def plot_intensities(images: Mapping[str, np.ndarray], row: int | None = None) -> Figure:
    """Each image with its own colour bar and, if ``row`` is given, every image's pixel values along that row."""
    if not images or any(np.ndim(image) != 2 for image in images.values()):
        raise ValueError("images must hold at least one 2-D image")
    height = next(iter(images.values())).shape[0]
    if row is not None and not 0 <= row < height:
        raise ValueError(f"row must be in [0, {height}), got {row!r}")
    layout = [list(images)] + ([["row profile"] * len(images)] if row is not None else [])
    figure = new_figure(3.8 * len(images), 3.4 * len(layout))
    axes = figure.subplot_mosaic(layout)
    for (title, image), colour in zip(images.items(), colours(len(images)), strict=True):
        shown = axes[title].imshow(image, cmap="gray_r")
        figure.colorbar(shown, ax=axes[title], shrink=0.85, label="pixel value")
        axes[title].set_title(title)
        axes[title].grid(False)
        if row is not None:
            axes[title].axhline(row, color=colour, linestyle="--", linewidth=1)
            axes["row profile"].plot(np.asarray(image)[row], color=colour, marker="o", markersize=3, label=title)
    if row is not None:
        axes["row profile"].set(xlabel=f"column (along row {row})", ylabel="pixel value")
        axes["row profile"].legend()
    return figure


def plot_bars(
    values: Mapping[str, Sequence[float]],
    xlabel: str,
    ylabel: str,
    reference: float | None = None,
    reference_label: str = "",
) -> Figure:
    """Bars of ``values`` per group (x axis, 0, 1, …) and per series (colour), with an optional horizontal reference line."""
    lengths = {len(heights) for heights in values.values()}
    if not values or len(lengths) != 1 or 0 in lengths:
        raise ValueError("values must hold at least one series, all of the same non-zero length")
    groups = np.arange(lengths.pop())
    figure = new_figure(7, 3.2)
    panel = figure.subplots()
    width = 0.8 / len(values)
    for offset, (series, heights) in enumerate(values.items()):
        panel.bar(groups + (offset - (len(values) - 1) / 2) * width, heights, width=width, label=series)
    if reference is not None:
        panel.axhline(reference, label=reference_label or None, **REFERENCE_STYLE)
    panel.set(xticks=groups, xlabel=xlabel, ylabel=ylabel)
    legend_above(figure, panel)
    return figure


def plot_bands(
    runs: Mapping[str, Sequence[Mapping[str, Sequence[float]]]],
    metrics: Sequence[str] = ("loss", "accuracy"),
    inference_training: Mapping[str, Sequence[Mapping[str, float]]] | None = None,
) -> Figure:
    """Per metric, a training panel and a validation panel, each on its own scale: per arm the mean over seeds, banded
    from the lowest to the highest seed; ``inference_training`` adds each arm's training value measured in inference
    mode after the last epoch (a diamond on the training panel)."""
    if not runs or not metrics or any(len(histories) == 0 for histories in runs.values()):
        raise ValueError("runs must map each arm to at least one history, and metrics must name at least one metric")
    if inference_training is not None and set(inference_training) - set(runs):
        raise ValueError(f"inference_training names arms that runs lacks: {sorted(set(inference_training) - set(runs))}")
    figure = new_figure(9, 3.0 * len(metrics))
    axes = figure.subplots(len(metrics), 2, squeeze=False, sharex=True)
    for (training, validation), metric in zip(axes, metrics, strict=True):
        scale, unit = percent_scale(metric)
        for (label, histories), colour in zip(runs.items(), colours(len(runs)), strict=True):
            for panel, key in ((training, metric), (validation, f"val_{metric}")):
                values = curves_array([history[key] for history in histories], f"runs[{label!r}][{key!r}]")
                draw_band(panel, scale * values, colour, label)
            if inference_training is not None and label in inference_training:
                final = scale * np.mean([values[metric] for values in inference_training[label]])
                epochs = len(histories[0][metric])
                training.plot([epochs], [final], marker="D", markersize=7, color=colour, markeredgecolor="black",
                              linestyle="none", label=f"{label}, inference mode")
        training.set(title=f"training {metric} (as logged)", ylabel=metric + unit)
        validation.set(title=f"validation {metric}", ylabel=metric + unit)
    for panel in axes[-1]:
        panel.set_xlabel("epoch")
    legend_above(figure, axes[0][0])
    return figure


def plot_histories(
    histories: Mapping[str, Mapping[str, Sequence[float]]],
    metrics: Sequence[str] = ("loss", "accuracy"),
    inference_training: Mapping[str, Mapping[str, float]] | None = None,
) -> Figure:
    """:func:`plot_bands` for one run per arm: training and validation curves on panels of their own."""
    if not histories:
        raise ValueError("histories must hold at least one run")
    inference = None if inference_training is None else {arm: [values] for arm, values in inference_training.items()}
    return plot_bands({label: [history] for label, history in histories.items()}, metrics, inference)


def plot_mean_spread(
    curves: Mapping[str, Mapping[str, Sequence[Sequence[float]]]], ylabel: str, xlabel: str = "epoch"
) -> Figure:
    """One panel per key of ``curves`` (each on its own scale); per series, the mean over seeds and their range as a band.
    An accuracy (by ``ylabel``) is drawn in %."""
    if not curves or not all(curves.values()):
        raise ValueError("curves must hold at least one panel, each with at least one series")
    scale, unit = percent_scale(ylabel)
    figure = new_figure(4 * len(curves), 3.4)
    axes = figure.subplots(1, len(curves), squeeze=False)[0]
    for panel, (title, series) in zip(axes, curves.items(), strict=True):
        for (label, runs), colour in zip(series.items(), colours(len(series)), strict=True):
            draw_band(panel, scale * curves_array(runs, f"curves[{title!r}][{label!r}]"), colour, label)
        panel.set(title=title, xlabel=xlabel)
    axes[0].set_ylabel(ylabel + unit)
    legend_above(figure, axes[0])
    return figure


def plot_distributions(
    samples: Mapping[str, Mapping[str, np.ndarray]], xlabel: str, bins: int = 60
) -> Figure:
    """One panel per key of ``samples``; per series, a histogram (share of values per bin) drawn as a step line."""
    if not samples or not all(samples.values()):
        raise ValueError("samples must hold at least one panel, each with at least one series")
    figure = new_figure(4 * len(samples), 3.2)
    axes = figure.subplots(1, len(samples), squeeze=False)[0]
    for panel, (title, series) in zip(axes, samples.items(), strict=True):
        values = [np.ravel(np.asarray(value, dtype=float)) for value in series.values()]
        edges = np.histogram_bin_edges(np.concatenate(values), bins=bins)
        for index, (label, value) in enumerate(zip(series, values, strict=True)):
            panel.hist(value, bins=edges, weights=np.full(value.size, 1 / value.size), histtype="step",
                       linestyle=("-", "--", ":", "-.")[index % 4], linewidth=1.5, label=label)
        panel.set(title=title, xlabel=xlabel, yscale="log")
    axes[0].set_ylabel("share of values")
    legend_above(figure, axes[0])
    return figure


# Curves per method (chapters 3 and 7), thinned networks (chapter 3).

__all__ += ["plot_curves", "plot_thinned_networks"]


def panel_grid(panels: int, columns: int | None, width: float, height: float) -> list[Axes]:
    """``panels`` panels of ``width`` × ``height`` inches, ``columns`` a row (all in one row by default)."""
    columns = panels if columns is None else columns
    if isinstance(columns, bool) or not isinstance(columns, int) or columns < 1:
        raise ValueError(f"columns must be None or an integer >= 1, got {columns!r}")
    columns = min(columns, panels)
    rows = -(-panels // columns)
    figure = new_figure(width * columns, height * rows)
    axes = list(figure.subplots(rows, columns, squeeze=False).ravel())
    for unused in axes[panels:]:
        unused.remove()
    return axes[:panels]


def plot_curves(
    x: Sequence[float],
    curves: Mapping[str, Mapping[str, Sequence[Sequence[float]]]],
    xlabel: str,
    reference: Mapping[str, float] | None = None,
    reference_label: str = "",
    xscale: str = "linear",
    columns: int | None = None,
    reference_curves: Mapping[str, Mapping[str, Sequence[float]]] | None = None,
) -> Figure:
    """One panel per quantity (its y label) against ``x``, ``columns`` panels a row (default: one row); per method,
    the mean over seeds as a line and their range as a band (one curve: no band); ``reference`` adds a horizontal
    line to the quantities it names, ``reference_curves`` grey reference curves (label → values at ``x``). Accuracies
    and ECE are drawn in %; integer ``x`` values get integer ticks."""
    if not curves or not all(curves.values()) or len(x) == 0:
        raise ValueError("curves must hold at least one quantity, each with at least one method, and x a value")
    if reference is not None and set(reference) - set(curves):
        raise ValueError(f"reference names quantities that curves lacks: {sorted(set(reference) - set(curves))}")
    axes = panel_grid(len(curves), columns, width=6.0 if len(curves) == 1 else 4.2, height=3.2)
    figure = axes[0].get_figure()
    integers = all(float(value).is_integer() for value in x)
    for panel, (quantity, methods) in zip(axes, curves.items(), strict=False):
        scale, unit = percent_scale(quantity)
        for (method, runs), colour in zip(methods.items(), colours(len(methods)), strict=True):
            values = curves_array(runs, f"curves[{quantity!r}][{method!r}]")
            if values.shape[1] != len(x):
                raise ValueError(f"curves[{quantity!r}][{method!r}] has {values.shape[1]} points for {len(x)} x values")
            draw_band(panel, scale * values, colour, method, x=np.asarray(x, dtype=float))
        if reference is not None and quantity in reference:
            panel.axhline(scale * reference[quantity], label=reference_label or None, **REFERENCE_STYLE)
        for (label, values), style in zip((reference_curves or {}).get(quantity, {}).items(), (":", "--", "-."),
                                          strict=False):
            panel.plot(np.asarray(x, dtype=float), scale * np.asarray(values, dtype=float), color="#555555",
                       linestyle=style, linewidth=1.5, label=label)
        panel.set(xlabel=xlabel, ylabel=quantity + unit, xscale=xscale)
        if xscale == "log":  # mark the x values themselves, not powers of ten
            panel.set_xticks(x, [f"{value:g}" for value in x])
            panel.minorticks_off()
        elif integers:
            panel.xaxis.set_major_locator(MaxNLocator(integer=True))
    legend_above(figure, axes[0])
    return figure


def thinned_masks(layer_sizes: Sequence[int], dropout_rate: float, generator: np.random.Generator) -> list[np.ndarray]:
    """Which units one dropout mask keeps: all inputs and outputs, each hidden unit with probability 1 − rate
    (at least one per layer)."""
    masks = [np.ones(layer_sizes[0], dtype=bool)]
    for size in layer_sizes[1:-1]:
        kept = generator.random(size) >= dropout_rate
        kept[generator.integers(size)] |= not kept.any()
        masks.append(kept)
    return masks + [np.ones(layer_sizes[-1], dtype=bool)]


def draw_network(panel: Axes, layer_sizes: Sequence[int], masks: Sequence[np.ndarray], title: str) -> None:
    """Units as circles in columns, kept units joined to every kept unit of the next layer; dropped ones crossed."""
    heights = [np.linspace(-(size - 1) / 2, (size - 1) / 2, size) for size in layer_sizes]
    for column, (left, right) in enumerate(zip(heights[:-1], heights[1:], strict=True)):
        for start in left[masks[column]]:
            for end in right[masks[column + 1]]:
                panel.plot([column, column + 1], [start, end], color="#888888", linewidth=0.6, zorder=1)
    for column, (height, kept) in enumerate(zip(heights, masks, strict=True)):
        panel.scatter(np.full(kept.sum(), column), height[kept], s=160, color="#1f77b4", edgecolor="black", zorder=2)
        panel.scatter(np.full((~kept).sum(), column), height[~kept], s=160, color="white", edgecolor="#bbbbbb", zorder=2)
        panel.scatter(np.full((~kept).sum(), column), height[~kept], s=90, marker="x", color="#d62728", zorder=3)
    panel.set_title(title)
    panel.set_xlim(-0.4, len(layer_sizes) - 0.6)
    panel.axis("off")


def plot_thinned_networks(
    layer_sizes: Sequence[int] = (4, 6, 6, 3), dropout_rate: float = 0.5, versions: int = 2, seed: int = 0
) -> Figure:
    """A small network, then ``versions`` thinned networks: one dropout mask each on the hidden units (crossed out)."""
    if len(layer_sizes) < 3 or any(size < 1 for size in layer_sizes):
        raise ValueError(f"layer_sizes must give inputs, at least one hidden layer and outputs, got {layer_sizes!r}")
    check_setting("dropout_rate", dropout_rate)
    if versions < 1:
        raise ValueError(f"versions must be at least 1, got {versions!r}")
    generator = np.random.default_rng(seed)
    figure = new_figure(2.6 * (versions + 1), 2.8)
    axes = figure.subplots(1, versions + 1, squeeze=False)[0]
    draw_network(axes[0], layer_sizes, [np.ones(size, dtype=bool) for size in layer_sizes], "the network")
    for number, panel in enumerate(axes[1:], start=1):
        draw_network(panel, layer_sizes, thinned_masks(layer_sizes, dropout_rate, generator), f"thinned network {number}")
    return figure


def plot_epoch_costs(costs: Mapping[int, Any], measured_sizes: Sequence[int], largest: int) -> Figure:
    """Seconds of one epoch against training images, a line per width (``costs``: width to anything with
    ``seconds(train_samples)``) from 0 to ``largest`` images, the sizes it was measured at marked on it."""
    if not costs or len(measured_sizes) == 0:
        raise ValueError("costs must hold at least one width and measured_sizes at least one size")
    if largest < max(measured_sizes):
        raise ValueError(f"largest must be at least the largest measured size, got {largest!r}")
    figure = new_figure(6.5, 3.6)
    panel = figure.subplots()
    sizes = np.linspace(0, largest, 50)
    for (width, cost), colour in zip(costs.items(), colours(len(costs)), strict=True):
        panel.plot(sizes, [cost.seconds(int(size)) for size in sizes], color=colour, label=f"{width} units a layer")
        panel.plot(measured_sizes, [cost.seconds(size) for size in measured_sizes], color=colour, marker="o",
                   linestyle="none")
    panel.set(xlabel="training images", ylabel="seconds per epoch", xlim=(0, largest))
    panel.set_ylim(bottom=0)
    legend_above(figure, panel)
    return figure
