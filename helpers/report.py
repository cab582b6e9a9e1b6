"""Numbers, intervals, tables and figures as the book shows them: formatted once, glued into the prose.

Units: "percent" for accuracies ("97.8 %"), "pp" for differences of accuracies in percentage points
("+0.24 pp"), "plain" for losses and epochs. A single number gets 3 significant figures (2 for pp); an interval
gets as many decimals as its spread supports (2 significant figures of its half-width, at most the mean's).
Negative numbers use the typographic minus "−".
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from helpers.stats import Comparison, Interval, compare, mean_interval

if TYPE_CHECKING:
    from IPython.display import Markdown
    from matplotlib.figure import Figure

__all__ = [
    "UNITS",
    "comparison_row",
    "glue_comparison",
    "glue_figure",
    "glue_interval",
    "interval_text",
    "listing",
    "markdown_table",
    "number_text",
    "percent",
    "points",
]

UNITS: dict[str, tuple[float, str, int]] = {"percent": (100.0, " %", 3), "pp": (100.0, " pp", 2), "plain": (1.0, "", 3)}
"""Unit → (scale, suffix, significant figures of a single number)."""
MINUS = "\u2212"


def unit_of(unit: str) -> tuple[float, str, int]:
    """The scale, suffix and significant figures of ``unit``, else a ValueError naming it."""
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {list(UNITS)}, got {unit!r}")
    return UNITS[unit]


def real(value: Any, name: str) -> float:
    """``value`` as a finite float, else a ValueError naming ``name``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return float(value)


def decimals_for(value: float, figures: int) -> int:
    """Decimals that show ``value`` with ``figures`` significant figures (never negative)."""
    if value == 0:
        return figures - 1
    decimals = max(0, figures - 1 - math.floor(math.log10(abs(value))))
    rounded = round(abs(value), decimals)  # 0.0996 → 0.100: count the figures of the rounded value
    return max(0, figures - 1 - math.floor(math.log10(rounded))) if rounded else decimals


def fixed(value: float, decimals: int, sign: bool) -> str:
    """``value`` with ``decimals`` decimals, "−" for negatives, "+" for positives if ``sign``; never "−0"."""
    text = f"{value:.{decimals}f}"
    if float(text) == 0:
        return text.lstrip("-")
    if text.startswith("-"):
        return MINUS + text[1:]
    return f"+{text}" if sign else text


def number_text(
    value: float, unit: str = "plain", decimals: int | None = None, sign: bool = False, trim: bool = False
) -> str:
    """One number in ``unit``: ``number_text(0.9781, "percent")`` → "97.8 %"; 3 significant figures (pp: 2).

    ``trim`` drops trailing zeros, for settings rather than measurements: a margin of 0.005 → "0.5 pp".
    """
    scale, suffix, figures = unit_of(unit)
    scaled = real(value, "value") * scale
    if decimals is not None and (isinstance(decimals, bool) or not isinstance(decimals, int) or decimals < 0):
        raise ValueError(f"decimals must be None or an integer >= 0, got {decimals!r}")
    text = fixed(scaled, decimals_for(scaled, figures) if decimals is None else decimals, sign)
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text + suffix


def percent(value: float, decimals: int | None = None) -> str:
    """An accuracy (a fraction) as a percentage: 0.9781 → "97.8 %"."""
    return number_text(value, "percent", decimals)


def points(value: float, decimals: int | None = None) -> str:
    """A difference of accuracies (fractions) in percentage points, signed: 0.0024 → "+0.24 pp"."""
    return number_text(value, "pp", decimals, sign=True)


def interval_decimals(interval: Interval, unit: str) -> int:
    """Decimals the spread supports: 2 significant figures of the half-width, at most the mean's own figures."""
    scale, _, figures = unit_of(unit)
    half_width = (interval.high - interval.low) * scale / 2
    mean_decimals = decimals_for(interval.mean * scale, figures)
    return min(decimals_for(half_width, 2), mean_decimals) if half_width > 0 else mean_decimals


def interval_text(interval: Interval, unit: str = "pp", decimals: int | None = None, sign: bool | None = None) -> str:
    """``mean unit (95 % CI low to high)``, e.g. "−0.66 pp (95 % CI −0.86 to −0.46)"; signed for pp by default.

    An interval without spread (every seed gave the same number) reads "mean (the same for every seed)".
    """
    decimals = interval_decimals(interval, unit) if decimals is None else decimals
    sign = unit == "pp" if sign is None else sign
    if interval.low == interval.high:
        return f"{number_text(interval.mean, unit, decimals, sign)} (the same for every seed)"
    low, high = (number_text(bound, unit, decimals, sign).removesuffix(unit_of(unit)[1]) for bound in interval[2:4])
    level = number_text(interval.confidence, "percent", decimals=0)
    return f"{number_text(interval.mean, unit, decimals, sign)} ({level} CI {low} to {high})"


def glue_text(name: str, text: str) -> None:
    """Glue ``text`` under ``name`` for {glue:text}`name`, without displaying it."""
    from myst_nb import glue

    glue(name, text, display=False)


def glue_interval(name: str, interval: Interval, unit: str = "pp", sign: bool | None = None) -> None:
    """Glue the mean as ``name``, the bounds as ``name_low`` and ``name_high`` and ``name_interval`` (all text)."""
    decimals = interval_decimals(interval, unit)
    sign = unit == "pp" if sign is None else sign
    glue_text(name, number_text(interval.mean, unit, decimals, sign))
    glue_text(f"{name}_low", number_text(interval.low, unit, decimals, sign))
    glue_text(f"{name}_high", number_text(interval.high, unit, decimals, sign))
    glue_text(f"{name}_interval", interval_text(interval, unit, decimals, sign))


def glue_comparison(name: str, comparison: Comparison, unit: str = "pp") -> None:
    """Glue the paired difference as ``name`` ("−0.66 pp (95 % CI −0.86 to −0.46)") and ``name_verdict``."""
    glue_text(name, interval_text(comparison.difference, unit, sign=True))
    glue_text(f"{name}_verdict", comparison.verdict)


def comparison_row(
    name: str, treated: Sequence[float], control: Sequence[float], unit: str = "plain", decimals: int | None = None
) -> list[str]:
    """A table row: name, control and treated (mean with interval), their paired difference, the verdict.

    Accuracies (``unit="percent"``) differ in percentage points; ``decimals`` fixes the decimals (epochs: 1).
    """
    comparison = compare(treated, control)
    arms = [interval_text(mean_interval(values), unit, decimals) for values in (control, treated)]
    difference = interval_text(comparison.difference, "pp" if unit == "percent" else unit, decimals, sign=True)
    return [name, *arms, difference, comparison.verdict]


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> Markdown:
    """A Markdown table with ``header`` and one line per row (cells are shown with ``str``)."""
    from IPython.display import Markdown

    if not header:
        raise ValueError("header must name at least one column")
    if any(len(row) != len(header) for row in rows):
        raise ValueError(f"rows: every row must have {len(header)} cells, as the header")
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell).replace("|", "\\|") for cell in row) + " |" for row in rows]
    return Markdown("\n".join(lines))


def listing(items: Sequence[object]) -> str:
    """Items as prose: ["a", "b", "c"] → "a, b and c"."""
    words = [str(item) for item in items]
    if not words:
        raise ValueError("items must hold at least one item")
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def glue_figure(name: str, figure: Figure) -> None:
    """Show ``figure`` under ``name`` ("fig-<chapter>-<what>") for a ```{glue:figure} name``` with its caption.

    The figure is displayed in the cell's output too, so that readers of the notebook (Jupyter, Colab) see it
    where it is drawn. Tag that cell ``remove-output``: the book then shows the figure once, where the
    ``{glue:figure}`` directive puts it with its caption (myst-nb collects glued data before it drops a cell's
    outputs; checked in a Jupyter Book build, where an untagged cell shows the figure twice). The tag hides the
    cell's other outputs in the book too, so the cell draws the figure and prints nothing.
    """
    from matplotlib.figure import Figure
    from myst_nb import glue

    if not isinstance(name, str) or not name.startswith("fig-") or name.strip() != name or len(name) <= 4:
        raise ValueError(f"name must look like 'fig-<chapter>-<what>', got {name!r}")
    if not isinstance(figure, Figure):
        raise ValueError(f"figure must be a matplotlib Figure, got {type(figure).__name__}")
    import matplotlib.pyplot as plt

    plt.close(figure)  # pyplot must not show it a second time at the end of the cell
    glue(name, figure, display=True)
