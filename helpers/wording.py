"""How the book words its results, in one place: numbers in their units, intervals, verdicts, directions, the
confidence level, names, and every sentence a result can choose among.

Units: "percent" for accuracies and shares ("97.8 %"), "pp" for differences of accuracies in percentage points
("+0.24 pp"), "plain" for losses, epochs and counts. A single number gets 3 significant figures (2 for pp); an
interval gets as many decimals as its spread supports (2 significant figures of its half-width, at most the
mean's). Negative numbers use the typographic minus "−".

Every text a result can produce is written here, as a template marked ``N_``: its slots (``{mean}``, ``{seeds}``)
take numbers only. So the whole set can be listed without running the book (``messages()``), and the Chinese
edition translates any text the chapters glue: ``_ext/glued_words.py`` turns a pasted text back into its template
(numbers → slots) and looks it up in ``locales/zh_CN/LC_MESSAGES/glue.po``, which ``python tools/translation.py
update`` extracts from this file (Babel, keyword ``N_``). Nothing here imports TensorFlow, IPython or myst-nb.
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from helpers import stats
from helpers.stats import CONFIDENCE, Comparison, Interval

__all__ = [
    "CLAIM_VERDICTS",
    "COMPARATIVES",
    "NAMES",
    "SENTENCES",
    "UNITS",
    "bare_number",
    "comparative",
    "confidence_text",
    "fill",
    "interval_text",
    "judgement_text",
    "messages",
    "name_text",
    "number_list",
    "number_text",
    "percent",
    "points",
    "sentence",
    "verdict_text",
]


def N_(message: str) -> str:  # noqa: N802 (gettext's name for "mark for translation, translate later")
    """Mark ``message`` for the translation catalogue; it is returned unchanged."""
    return message


UNITS: dict[str, tuple[float, int]] = {"percent": (100.0, 3), "pp": (100.0, 2), "plain": (1.0, 3)}
"""Unit → (scale, significant figures of a single number)."""
MINUS = "\u2212"

NUMBER = re.compile(r"[+\-−]?\d+(?:[,.]\d+)*(?:e[+\-−]?\d+)?")
"""What a slot holds: 12, 2,000, −0.08, +0.44, 1e-4 (the same pattern _ext/glued_words.py finds in a pasted text)."""
SLOT = re.compile(r"\{(\w+)\}")

NUMBER_TEMPLATES = {"percent": N_("{value} %"), "pp": N_("{value} pp"), "plain": "{value}"}
"""A number in its unit (a plain number is no message: it reads the same in every language)."""
INTERVAL_TEMPLATES = {
    "percent": N_("{mean} % ({level} % CI {low} to {high})"),
    "pp": N_("{mean} pp ({level} % CI {low} to {high})"),
    "plain": N_("{mean} ({level} % CI {low} to {high})"),
}
"""A mean with its interval at the confidence ``level`` of the test it belongs to."""
POINT_TEMPLATES = {
    "percent": N_("{mean} % (the same for every seed)"),
    "pp": N_("{mean} pp (the same for every seed)"),
    "plain": N_("{mean} (the same for every seed)"),
}
"""An interval without spread: every seed gave the same number."""

VERDICT_TEMPLATES: dict[str, dict[str, str]] = {
    "pp": {
        stats.IDENTICAL: N_("identical"),
        stats.HIGHER: N_("higher"),
        stats.LOWER: N_("lower"),
        stats.NO_DETECTABLE_DIFFERENCE: N_("no detectable difference (these {seeds} seeds detect {detectable} pp or "
                                           "more; {observed} pp would need about {needed} seeds)"),
        stats.EQUIVALENT: N_("equivalent within ±{margin} pp"),
        stats.HIGHER_BUT_EQUIVALENT: N_("higher, but equivalent within ±{margin} pp"),
        stats.LOWER_BUT_EQUIVALENT: N_("lower, but equivalent within ±{margin} pp"),
        stats.HIGHER_BEYOND_MARGIN: N_("higher, by more than {margin} pp"),
        stats.LOWER_BEYOND_MARGIN: N_("lower, by more than {margin} pp"),
        stats.HIGHER_MARGIN_UNDECIDED: N_("higher; whether by more than {margin} pp is undecided (about {needed} "
                                          "seeds would decide it)"),
        stats.LOWER_MARGIN_UNDECIDED: N_("lower; whether by more than {margin} pp is undecided (about {needed} seeds "
                                         "would decide it)"),
        stats.UNDECIDED: N_("undecided: neither a difference nor an equivalence within ±{margin} pp (about {needed} "
                            "seeds would decide it)"),
    },
    "plain": {
        stats.IDENTICAL: N_("identical"),
        stats.HIGHER: N_("higher"),
        stats.LOWER: N_("lower"),
        stats.NO_DETECTABLE_DIFFERENCE: N_("no detectable difference (these {seeds} seeds detect {detectable} or more; "
                                           "{observed} would need about {needed} seeds)"),
        stats.EQUIVALENT: N_("equivalent within ±{margin}"),
        stats.HIGHER_BUT_EQUIVALENT: N_("higher, but equivalent within ±{margin}"),
        stats.LOWER_BUT_EQUIVALENT: N_("lower, but equivalent within ±{margin}"),
        stats.HIGHER_BEYOND_MARGIN: N_("higher, by more than {margin}"),
        stats.LOWER_BEYOND_MARGIN: N_("lower, by more than {margin}"),
        stats.HIGHER_MARGIN_UNDECIDED: N_("higher; whether by more than {margin} is undecided (about {needed} seeds "
                                          "would decide it)"),
        stats.LOWER_MARGIN_UNDECIDED: N_("lower; whether by more than {margin} is undecided (about {needed} seeds "
                                         "would decide it)"),
        stats.UNDECIDED: N_("undecided: neither a difference nor an equivalence within ±{margin} (about {needed} seeds "
                            "would decide it)"),
    },
}
"""Verdict key (helpers.stats.VERDICTS) → its words, for differences in pp and in plain numbers."""
BEYOND_REACH = {
    "pp": {
        stats.NO_DETECTABLE_DIFFERENCE: N_("no detectable difference (these {seeds} seeds detect {detectable} pp or "
                                           "more; {observed} pp would need more than {most} seeds)"),
        stats.HIGHER_MARGIN_UNDECIDED: N_("higher; whether by more than {margin} pp is undecided (more than {most} "
                                          "seeds would be needed)"),
        stats.LOWER_MARGIN_UNDECIDED: N_("lower; whether by more than {margin} pp is undecided (more than {most} "
                                         "seeds would be needed)"),
        stats.UNDECIDED: N_("undecided: neither a difference nor an equivalence within ±{margin} pp (more than {most} "
                            "seeds would be needed)"),
    },
    "plain": {
        stats.NO_DETECTABLE_DIFFERENCE: N_("no detectable difference (these {seeds} seeds detect {detectable} or more; "
                                           "{observed} would need more than {most} seeds)"),
        stats.HIGHER_MARGIN_UNDECIDED: N_("higher; whether by more than {margin} is undecided (more than {most} seeds "
                                          "would be needed)"),
        stats.LOWER_MARGIN_UNDECIDED: N_("lower; whether by more than {margin} is undecided (more than {most} seeds "
                                         "would be needed)"),
        stats.UNDECIDED: N_("undecided: neither a difference nor an equivalence within ±{margin} (more than {most} "
                            "seeds would be needed)"),
    },
}
"""The undecided verdicts when deciding the observed difference takes more than helpers.MOST_SEEDS seeds."""

LIST_TEMPLATES = {
    1: "{a}",
    2: N_("{a} and {b}"),
    3: N_("{a}, {b} and {c}"),
    4: N_("{a}, {b}, {c} and {d}"),
    5: N_("{a}, {b}, {c}, {d} and {e}"),
}
"""A few numbers in a row (a grid of settings); a longer list reads as MANY_TEMPLATE."""
MANY_TEMPLATE = N_("{count} values from {low} to {high}")

COMPARATIVES: dict[str, tuple[str, str, str]] = {
    "lower": (N_("lower than"), N_("the same as"), N_("higher than")),
    "smaller": (N_("smaller than"), N_("the same as"), N_("larger than")),
    "less": (N_("less"), N_("as much"), N_("more")),
    "weaker": (N_("a weaker"), N_("an equally strong"), N_("a stronger")),
    "earlier": (N_("earlier than"), N_("at about the same time as"), N_("later than")),
}
"""Scale → its words for a value below, equal to and above its reference."""

CLAIM_VERDICTS: dict[str, str] = {
    "holds": N_("holds"),
    "does_not_hold": N_("does not hold"),
    "undecided": N_("undecided"),
    "holds_in_some_runs": N_("holds in {inside} of {runs} runs"),
    "holds_at_the_lowest_only": N_("holds at the lowest validation loss only"),
    "holds_at_the_last_epoch_only": N_("holds at the last epoch only"),
}
"""A claim's verdict key (helpers.claims) → its words."""

JUDGEMENTS = {
    "pp": {stats.BETTER: N_("better ({difference} pp)"), stats.WORSE: N_("worse ({difference} pp)")},
    "plain": {stats.BETTER: N_("better ({difference})"), stats.WORSE: N_("worse ({difference})")},
}
"""A score with a better side, compared: the words of helpers.judgement's keys, with the mean difference."""

NAMES: dict[str, str] = {
    "softmax": N_("the softmax"),
    "weight scaling": N_("weight scaling"),
    "MC dropout": N_("MC dropout"),
    "deep ensemble": N_("the deep ensemble"),
    "none": N_("none"),
    "dropout": N_("dropout"),
    "L2 weight decay": N_("L2 weight decay"),
    "max-norm": N_("max-norm"),
    "input + hidden dropout": N_("input + hidden dropout"),
    "dropout + weight decay": N_("dropout + weight decay"),
}
"""A name the chapters glue (a method of helpers.METHODS, an arm) → its words in a sentence."""

SENTENCES: dict[str, dict[str, str]] = {}
"""Topic ("<chapter>.<what>") → key of the outcome → the sentence for it; filled in below, by chapter."""


def real(value: Any, name: str) -> float:
    """``value`` as a finite float, else a ValueError naming ``name``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return float(value)


def slot_text(value: Any, name: str) -> str:
    """A slot's value as text: an integer with thousands separators, or a number text (``number_text``)."""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return f"{int(value):,}".replace("-", MINUS)
    if isinstance(value, str) and NUMBER.fullmatch(value):
        return value
    raise ValueError(f"{name} must be an integer or a number written by helpers.number_text, got {value!r}")


def fill(template: str, **slots: Any) -> str:
    """``template`` with each ``{slot}`` replaced by its number (slots it does not have are ignored, so that one call
    can serve every outcome of a topic); ValueError for a missing slot or a value that is no number."""
    needed = set(SLOT.findall(template))
    if not needed <= set(slots):
        raise ValueError(f"slots must include {sorted(needed)} for {template!r}, got {sorted(slots)}")
    return SLOT.sub(lambda match: slot_text(slots[match.group(1)], match.group(1)), template)


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


def unit_of(unit: str) -> tuple[float, int]:
    """The scale and significant figures of ``unit``, else a ValueError naming it."""
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {list(UNITS)}, got {unit!r}")
    return UNITS[unit]


def bare_number(value: float, unit: str = "plain", decimals: int | None = None, sign: bool = False,
                trim: bool = False) -> str:
    """The number of ``number_text`` without its unit."""
    scale, figures = unit_of(unit)
    scaled = real(value, "value") * scale
    if decimals is not None and (isinstance(decimals, bool) or not isinstance(decimals, int) or decimals < 0):
        raise ValueError(f"decimals must be None or an integer >= 0, got {decimals!r}")
    text = fixed(scaled, decimals_for(scaled, figures) if decimals is None else decimals, sign)
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def number_text(value: float, unit: str = "plain", decimals: int | None = None, sign: bool = False,
                trim: bool = False) -> str:
    """One number in ``unit``: ``number_text(0.9781, "percent")`` → "97.8 %"; 3 significant figures (pp: 2).

    ``trim`` drops trailing zeros, for settings rather than measurements: a margin of 0.005 → "0.5 pp".
    """
    text = bare_number(value, unit, decimals, sign, trim)  # checks the unit
    return fill(NUMBER_TEMPLATES[unit], value=text)


def percent(value: float, decimals: int | None = None) -> str:
    """An accuracy or a share (a fraction) as a percentage: 0.9781 → "97.8 %"."""
    return number_text(value, "percent", decimals)


def points(value: float, decimals: int | None = None) -> str:
    """A difference of accuracies (fractions) in percentage points, signed: 0.0024 → "+0.24 pp"."""
    return number_text(value, "pp", decimals, sign=True)


def confidence_text(confidence: float = CONFIDENCE) -> str:
    """A confidence level as the book writes it: "95 %"."""
    return number_text(confidence, "percent", trim=True)


def interval_decimals(interval: Interval, unit: str) -> int:
    """Decimals the spread supports: 2 significant figures of the half-width, at most the mean's own figures."""
    scale, figures = unit_of(unit)
    half_width = (interval.high - interval.low) * scale / 2
    mean_decimals = decimals_for(interval.mean * scale, figures)
    return min(decimals_for(half_width, 2), mean_decimals) if half_width > 0 else mean_decimals


def interval_text(interval: Interval, unit: str = "pp", decimals: int | None = None, sign: bool | None = None) -> str:
    """``mean unit (95 % CI low to high)`` at the interval's own level, e.g. "−0.66 pp (95 % CI −0.86 to −0.46)";
    signed for pp by default. Without spread (every seed gave the same number): "mean (the same for every seed)"."""
    decimals = interval_decimals(interval, unit) if decimals is None else decimals
    sign = unit == "pp" if sign is None else sign
    mean = bare_number(interval.mean, unit, decimals, sign)
    if interval.low == interval.high:
        return fill(POINT_TEMPLATES[unit], mean=mean)
    low, high = (bare_number(bound, unit, decimals, sign) for bound in (interval.low, interval.high))
    level = bare_number(interval.confidence, "percent", decimals=0)
    return fill(INTERVAL_TEMPLATES[unit], mean=mean, level=level, low=low, high=high)


def verdict_text(comparison: Comparison, unit: str = "pp") -> str:
    """The comparison's verdict in words; an undecided one with what its seeds could detect and would need.

    ``unit`` is the unit of the difference: "pp" (accuracies, shares) or "plain" (losses, epochs, scores).
    """
    kind = "pp" if unit in ("pp", "percent") else "plain"
    template = VERDICT_TEMPLATES[kind][comparison.verdict]
    if comparison.needed is None and comparison.verdict in BEYOND_REACH[kind]:
        template = BEYOND_REACH[kind][comparison.verdict]
    values = {
        "seeds": comparison.difference.n,
        "detectable": bare_number(comparison.detectable, kind, trim=False),
        "observed": bare_number(comparison.difference.mean, kind, sign=True),
        "needed": comparison.needed if comparison.needed is not None else 0,
        "most": stats.MOST_SEEDS,
        "margin": bare_number(comparison.margin, kind, trim=True) if comparison.margin is not None else "0",
    }
    return fill(template, **{name: values[name] for name in set(SLOT.findall(template))})


def judgement_text(comparison: Comparison, better: str | None, unit: str = "pp") -> str:
    """"better (+0.31 pp)" or "worse (−0.048 pp)" when the comparison reaches a side of a score with a better one,
    else its verdict."""
    found = stats.judgement(comparison, better)
    if found is None:
        return verdict_text(comparison, unit)
    kind = "pp" if unit in ("pp", "percent") else "plain"
    return fill(JUDGEMENTS[kind][found], difference=bare_number(comparison.difference.mean, kind, sign=True))


def comparative(value: float, reference: float, scale: str = "lower", tolerance: float = 0.0) -> str:
    """How ``value`` compares with ``reference`` in the words of ``scale``: "lower than", "the same as" (within
    ``tolerance``), "higher than"."""
    if scale not in COMPARATIVES:
        raise ValueError(f"scale must be one of {list(COMPARATIVES)}, got {scale!r}")
    below, same, above = COMPARATIVES[scale]
    return below if value < reference - tolerance else above if value > reference + tolerance else same


def number_list(values: Sequence[float]) -> str:
    """Settings in a row, as written in a parameters cell: "0.2 and 0.5"; a long list as its count and range."""
    texts = [bare_number(value, trim=True) for value in values]
    if not texts:
        raise ValueError("values must hold at least one number")
    if len(texts) > len(LIST_TEMPLATES):
        low, high = (bare_number(value, trim=True) for value in (min(values), max(values)))
        return fill(MANY_TEMPLATE, count=len(texts), low=low, high=high)
    return fill(LIST_TEMPLATES[len(texts)], **dict(zip("abcde", texts, strict=False)))


def name_text(key: str) -> str:
    """The words of a name the chapters glue (a key of ``NAMES``)."""
    if key not in NAMES:
        raise ValueError(f"key must be one of {sorted(NAMES)}, got {key!r}")
    return NAMES[key]


def sentence(topic: str, key: str, **slots: Any) -> str:
    """The sentence ``SENTENCES[topic][key]``, its slots filled with numbers."""
    if topic not in SENTENCES:
        raise ValueError(f"topic must be one of {sorted(SENTENCES)}, got {topic!r}")
    if key not in SENTENCES[topic]:
        raise ValueError(f"key must be one of {sorted(SENTENCES[topic])} for topic {topic!r}, got {key!r}")
    return fill(SENTENCES[topic][key], **slots)


def claim_text(key: str, **slots: Any) -> str:
    """A claim's verdict in words (a key of ``CLAIM_VERDICTS``)."""
    if key not in CLAIM_VERDICTS:
        raise ValueError(f"key must be one of {sorted(CLAIM_VERDICTS)}, got {key!r}")
    return fill(CLAIM_VERDICTS[key], **slots)


def messages() -> Iterator[str]:
    """Every template of this module that has words: what the translation catalogue must hold."""
    tables: list[Mapping[Any, str]] = [NUMBER_TEMPLATES, INTERVAL_TEMPLATES, POINT_TEMPLATES, CLAIM_VERDICTS, NAMES,
                                       *JUDGEMENTS.values(), LIST_TEMPLATES, {"many": MANY_TEMPLATE},
                                       *VERDICT_TEMPLATES.values(), *BEYOND_REACH.values(), *SENTENCES.values()]
    seen = set()
    for table in tables:
        for template in table.values():
            if template not in seen and SLOT.sub("", template).strip():
                seen.add(template)
                yield template
    for words in COMPARATIVES.values():
        for template in words:
            if template not in seen:
                seen.add(template)
                yield template



# The chapters' sentences: every outcome a result can have, written out. A chapter glues the key of the outcome its
# runs had (``helpers.glue_sentence(name, topic, key, **numbers)``); the prose around it is the chapter's markdown.

SENTENCES["baseline.overfitting"] = {
    "none": N_("the validation loss was still at its lowest at the last epoch: no overfitting yet"),
    "both": N_("the validation loss rose after its lowest point and the validation accuracy fell: both overfit"),
    "loss": N_("the validation loss rose after its lowest point while the validation accuracy did not fall: the loss "
               "overfits (over-confidence), the accuracy does not"),
}

SENTENCES["dropout.mask_takeaway"] = {
    "closer": N_("averaging more thinned networks brings the error closer to weight scaling's (test error minus "
                 "weight scaling's: {fewest_gap} pp at k = {fewest}, {most_gap} pp at k = {most})"),
    "not_closer": N_("averaging more thinned networks does not bring the error closer to weight scaling's (test error "
                     "minus weight scaling's: {fewest_gap} pp at k = {fewest}, {most_gap} pp at k = {most})"),
}
SENTENCES["dropout.masks_to_match"] = {
    "from": N_("The sampled average is first at least as good as weight scaling at k = {k} (one draw of masks: a larger "
               "k need not stay there)."),
    "none": N_("For none of the k tried is the sampled average as good as weight scaling."),
}
SENTENCES["dropout.mask_lesson"] = {
    "matched": N_("averaging sampled thinned networks catches up with weight scaling at k = {k}, at the cost of {k} "
                  "forward passes instead of one"),
    "never": N_("the single pass of weight scaling does at least as well as averaging up to {most} sampled thinned "
                "networks, each of which costs a pass of its own"),
}

SENTENCES["placement.relu_identical"] = {
    "same": N_("exactly the same"),
    "not_same": N_("not exactly the same"),
}
SENTENCES["placement.relu_pairs"] = {
    "identical": N_("bit-identical, epoch by epoch"),
    "not_identical": N_("not identical"),
    "not_trained": N_("absent: this run trained no ReLU pair"),
}
SENTENCES["placement.test_agreement"] = {
    "same": N_("the difference points the same way as on validation"),
    "other": N_("the difference points the opposite way to validation"),
    "undecided": N_("validation picked no placement, so the test images have no choice to confirm"),
}
SENTENCES["placement.advice"] = {
    "mattered": N_("In these runs, at this chapter's small budget, the order mattered on validation data for at least "
                   "one of them (the table above says which). Do not assume that one order always wins; measure it "
                   "for your network."),
    "free": N_("In these runs neither order won on validation data for sigmoid or tanh, so at this budget the choice "
               "is free; after the activation keeps the rate's meaning."),
    "untrained": N_("No sigmoid or tanh network was trained in this run, so these runs say nothing about them."),
}

SENTENCES["results.reading"] = {  # test accuracy, then test loss: each higher, lower or the same
    "lower_lower": N_("dropout costs this network accuracy, yet lowers its test loss: it makes the network less "
                      "over-confident (the baseline chapter's overfitting of the loss) without making it right more "
                      "often"),
    "lower_same": N_("dropout costs this network accuracy, and its test loss shows no detectable change"),
    "lower_higher": N_("dropout costs this network accuracy and raises its test loss: at this rate it only hurts"),
    "same_lower": N_("dropout lowers this network's test loss (it is less over-confident) without a detectable change "
                     "in how often it is right"),
    "same_same": N_("with these seeds, dropout changes neither the test accuracy nor the test loss detectably"),
    "same_higher": N_("dropout raises this network's test loss without a detectable change in how often it is right"),
    "higher_lower": N_("dropout makes this network both right more often and less over-confident"),
    "higher_same": N_("dropout makes this network right more often, with no detectable change in its test loss"),
    "higher_higher": N_("dropout makes this network right more often, yet raises its test loss: it is surer of its "
                        "mistakes"),
}
SENTENCES["results.choice"] = {  # the chosen rate against the runner-up, paired on validation data
    "tie": N_("a tie: these seeds cannot tell the two rates apart on validation data, so the rule's pick between "
              "them is no finding"),
    "clear": N_("validation tells the chosen rate apart from the runner-up"),
}
SENTENCES["results.by_loss"] = {
    "same": N_("picks the same rate"),
    "other": N_("would pick rate {rate} instead"),
}

SENTENCES["regimes.cell"] = {"cell": N_("{size} images, {width} units, rate {rate}")}
SENTENCES["regimes.recipe_cell"] = {"cell": N_("{size} images and {width} units")}
SENTENCES["regimes.optimizer"] = {
    "adam": N_("Adam at a learning rate of {rate}"),
    "sgd_momentum": N_("SGD with momentum {momentum} at a learning rate of {rate}"),
}
SENTENCES["regimes.hand_epochs"] = {
    "cap": N_("ran all {epochs} epochs (the cap)"),
    "stopped": N_("stopped after {epochs} epochs"),
}
SENTENCES["regimes.hand_same"] = {
    "same": N_("has the same history, epoch by epoch (to float rounding), because the seed fixes the weights, the "
               "batches and the dropout masks"),
    "different": N_("has a different history: the grid trains each run in a process of one thread, and float "
                    "rounding in another number of threads can tip an early-stopping decision"),
}
SENTENCES["regimes.map"] = {  # each cell tested on its own, then the family with Holm's adjustment
    "gains_losses": N_("each cell tested on its own, dropout raised test accuracy detectably in {higher} of {cells} "
                       "cells and lowered it in {lower}; read as one family, with Holm's adjustment, {holm} of the "
                       "{cells} cells still differ from zero."),
    "gains_no_losses": N_("each cell tested on its own, dropout raised test accuracy detectably in {higher} of {cells} "
                          "cells and lowered it in none; read as one family, with Holm's adjustment, {holm} of the "
                          "{cells} cells still differ from zero."),
    "no_gains_losses": N_("each cell tested on its own, no cell shows a gain these {seeds} seeds can tell from zero, "
                          "and {lower} of {cells} show a detectable loss; read as one family, with Holm's adjustment, "
                          "{holm} of the {cells} cells still differ from zero."),
    "no_gains_no_losses": N_("no cell shows a gain these {seeds} seeds can tell from zero; none shows a detectable "
                             "loss."),
}
SENTENCES["regimes.peaks"] = {  # in how many cells the arm without dropout kept an earlier epoch than dropout's
    "all": N_("the arm without dropout kept an earlier epoch than the dropout arm in every cell"),
    "some": N_("the arm without dropout kept an earlier epoch than the dropout arm in {earlier} of the {cells} cells, "
               "and not in the others: a tendency at most, not a rule"),
    "none": N_("the arm without dropout kept an earlier epoch than the dropout arm in no cell"),
}
SENTENCES["regimes.sizes"] = {
    "some": N_("the setting chosen with dropout beats the one chosen without dropout detectably at {higher} of the "
               "{sizes} training-set sizes (the table says which)"),
    "none": N_("at no size does the best dropout setting beat the best setting without dropout detectably"),
}

SENTENCES["test_time.top_bin"] = {
    "one": N_("{share} %"),
    "range": N_("between {low} % and {high} %"),
}
SENTENCES["test_time.calibration"] = {  # mean confidence minus accuracy, over the confidence bins
    "over": N_("over-confident on average (confidence {gap} pp above accuracy)"),
    "under": N_("under-confident on average (confidence {gap} pp below accuracy)"),
}
SENTENCES["test_time.rejection"] = {
    "ranks": N_("setting aside the most uncertain {share} % of the digits changes each method's accuracy by {low} pp "
                "to {high} pp, so the entropy ranks mistakes ahead of right answers"),
    "not_every": N_("setting aside the most uncertain {share} % of the digits changes each method's accuracy by {low} "
                    "pp to {high} pp: not for every method does the entropy rank mistakes first"),
}
SENTENCES["test_time.rotation"] = {
    "below": N_("the accuracy, averaged over the methods, falls below {half} % at {angle}°"),
    "above": N_("the accuracy, averaged over the methods, stays above {half} % at every angle"),
}
SENTENCES["test_time.lesson"] = {  # MC dropout against weight scaling: on the test digits, then on rotated digits
    "worse_better": N_("So keeping dropout on is no free improvement. On digits like the training ones, averaging "
                       "thinned networks makes the dropout network's probabilities worse than Keras' single pass; "
                       "away from the training data its doubt is what is needed, and there it scores better. Which to "
                       "use depends on how far the inputs will stray from the training data."),
    "better_better": N_("MC dropout improves on weight scaling both on the test digits and on the rotated ones."),
    "worse_worse": N_("MC dropout does not improve on weight scaling here, on the test digits nor on rotated ones."),
    "mixed": N_("MC dropout's effect is mixed: better on some scores, not on others (see the tables)."),
}

SENTENCES["practice.takeaway"] = {
    "gains": N_("With these seeds, {gains} of the {arms} regularised arms raised test accuracy detectably (the table "
                "says which)."),
    "none": N_("With these seeds, no regulariser raised test accuracy detectably."),
}
SENTENCES["practice.losers"] = {
    "some": N_("{losses} lowered it detectably"),
    "none": N_("none lowered it detectably"),
}
SENTENCES["practice.selu"] = {
    "drift": N_("With Dropout the variance drifts away from {target} block after block; with AlphaDropout it stays "
                "near {target}."),
    "no_drift": N_("At this rate neither dropout layer moves the variance far from {target}."),
}
