"""Results into the book: values glued for the prose, Markdown tables and captioned figures.

The words are ``helpers.wording``'s; this module only hands them, and the numbers, to myst-nb's ``glue``. A chapter
glues through these functions only (``tests/test_notebooks.py`` checks it), so every glued text is a number, a
verdict, a name or a sentence of ``helpers.wording``: none is assembled in the chapter.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from helpers import wording
from helpers.stats import CONFIDENCE, EQUIVALENCE_CONFIDENCE, Comparison, Interval, compare, mean_interval

if TYPE_CHECKING:
    from IPython.display import Markdown
    from matplotlib.figure import Figure

__all__ = [
    "comparison_row",
    "glue_claim",
    "glue_comparative",
    "glue_comparison",
    "glue_confidence",
    "glue_figure",
    "glue_interval",
    "glue_judgement",
    "glue_name",
    "glue_number",
    "glue_numbers",
    "glue_sentence",
    "judgement_table",
    "markdown_table",
]


def glue_text(name: str, text: str) -> None:
    """Glue ``text`` under ``name`` for {glue:text}`name`, without displaying it."""
    from myst_nb import glue

    if not isinstance(name, str) or not name.isidentifier():
        raise ValueError(f"name must be an identifier, got {name!r}")
    glue(name, text, display=False)


def glue_number(name: str, value: float, unit: str = "plain", decimals: int | None = None, sign: bool = False,
                trim: bool = False) -> None:
    """Glue one number in its unit (``helpers.number_text``); an integer as it is, with thousands separators."""
    if isinstance(value, int) and not isinstance(value, bool) and unit == "plain" and decimals is None:
        glue_text(name, wording.slot_text(value, "value"))
    else:
        glue_text(name, wording.number_text(value, unit, decimals, sign, trim))


def glue_numbers(name: str, values: Sequence[float]) -> None:
    """Glue settings in a row ("0.2 and 0.5"; ``helpers.number_list``)."""
    glue_text(name, wording.number_list(values))


def glue_interval(name: str, interval: Interval, unit: str = "pp") -> None:
    """Glue an interval's text as ``name``, and its mean, bounds as ``name_mean``, ``name_low``, ``name_high``."""
    glue_text(name, wording.interval_text(interval, unit))
    decimals = wording.interval_decimals(interval, unit)
    sign = unit == "pp"
    for part, value in (("mean", interval.mean), ("low", interval.low), ("high", interval.high)):
        glue_text(f"{name}_{part}", wording.number_text(value, unit, decimals, sign))


def glue_comparison(name: str, comparison: Comparison, unit: str = "pp") -> None:
    """Glue a paired comparison: ``name`` the difference with the interval of its test (TOST's with a margin),
    ``name_verdict`` the verdict (an undecided one with what the seeds could detect), ``name_detectable``."""
    glue_text(name, wording.interval_text(comparison.shown_interval, unit, sign=True))  # a difference: signed
    glue_text(f"{name}_verdict", wording.verdict_text(comparison, unit))
    glue_text(f"{name}_detectable", wording.number_text(comparison.detectable, unit))


def glue_judgement(name: str, comparison: Comparison, better: str | None, unit: str = "pp") -> None:
    """Glue a comparison of a score with a ``better`` side (HIGHER or LOWER): as ``glue_comparison``, and
    ``name_judged``, "better" or "worse" (or the verdict when the interval includes 0)."""
    glue_comparison(name, comparison, unit)
    glue_text(f"{name}_judged", wording.judgement_text(comparison, better, unit))


def glue_confidence() -> None:
    """Glue the book's confidence levels as ``confidence`` ("95 %") and ``equivalence_confidence`` ("90 %")."""
    glue_text("confidence", wording.confidence_text(CONFIDENCE))
    glue_text("equivalence_confidence", wording.confidence_text(EQUIVALENCE_CONFIDENCE))


def glue_sentence(name: str, topic: str, key: str, **slots: Any) -> None:
    """Glue the sentence of ``helpers.wording.SENTENCES[topic][key]``, its slots filled with numbers."""
    glue_text(name, wording.sentence(topic, key, **slots))


def glue_claim(name: str, verdict: str, **slots: int) -> None:
    """Glue a claim's verdict (a key of ``helpers.wording.CLAIM_VERDICTS``, with its numbers)."""
    glue_text(name, wording.claim_text(verdict, **slots))


def glue_name(name: str, key: str) -> None:
    """Glue a name of ``helpers.wording.NAMES`` (a method, an arm)."""
    glue_text(name, wording.name_text(key))


def glue_comparative(name: str, value: float, reference: float, scale: str = "lower", tolerance: float = 0.0) -> None:
    """Glue how ``value`` compares with ``reference``: "lower than", "the same as" (within ``tolerance``), "higher
    than" (or another scale of ``helpers.wording.COMPARATIVES``)."""
    glue_text(name, wording.comparative(value, reference, scale, tolerance))


def comparison_row(
    name: str, treated: Sequence[float], control: Sequence[float], unit: str = "plain", decimals: int | None = None
) -> list[str]:
    """A table row: name, control and treated (mean with interval), their paired difference, the verdict.

    Accuracies (``unit="percent"``) differ in percentage points; ``decimals`` fixes the decimals (epochs: 1).
    """
    comparison = compare(treated, control)
    difference_unit = "pp" if unit == "percent" else unit
    arms = [wording.interval_text(mean_interval(values), unit, decimals) for values in (control, treated)]
    difference = wording.interval_text(comparison.difference, difference_unit, decimals, sign=True)
    return [name, *arms, difference, wording.verdict_text(comparison, difference_unit)]


def judgement_table(comparisons: Mapping[tuple[str, str, str], Comparison],
                    scores: Mapping[str, tuple[str, str, str | None]], label: str = "quantity") -> Markdown:
    """A table of paired comparisons keyed (quantity, treated, control): a row per quantity, a column per pair; each
    cell the difference with its interval and, in bold, "better"/"worse" (``scores``: quantity → (label, unit, better
    side)) or the verdict."""
    pairs = list(dict.fromkeys((treated, control) for _, treated, control in comparisons))
    quantities = list(dict.fromkeys(quantity for quantity, _, _ in comparisons))
    rows = []
    for quantity in quantities:
        name, unit, better = scores[quantity]
        rows.append([name, *(f"{wording.interval_text(comparisons[quantity, treated, control].difference, unit, sign=True)}: "
                             f"**{wording.judgement_text(comparisons[quantity, treated, control], better, unit)}**"
                             for treated, control in pairs)])
    return markdown_table([label, *(f"{treated} − {control}" for treated, control in pairs)], rows)


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
