"""How results are worded: numbers in their units, intervals at their level, verdicts with what the seeds could
detect, and every template fills its slots with numbers only."""

from __future__ import annotations

import math

import pytest

from helpers import stats, wording
from helpers.stats import Interval, compare
from helpers.wording import interval_text, number_text, percent, points, verdict_text


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0.9781, "97.8 %"), (0.97, "97.0 %"), (0.012534, "1.25 %"), (0.0, "0.00 %"), (1.0, "100 %"), (0.00999, "0.999 %")],
)
def test_percent_has_three_significant_figures(value, expected):
    assert percent(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0.0024, "+0.24 pp"), (-0.0066, "\u22120.66 pp"), (0.012, "+1.2 pp"), (0.0, "0.0 pp"),
     (-0.00001, "\u22120.0010 pp"), (0.000996, "+0.10 pp")],
)
def test_points_are_signed_with_two_significant_figures(value, expected):
    assert points(value) == expected


@pytest.mark.parametrize(
    ("value", "unit", "decimals", "sign", "trim", "expected"),
    [
        (0.0712, "plain", None, False, False, "0.0712"),
        (-0.00004, "plain", 2, True, False, "0.00"),  # rounds to zero: no "−0.00"
        (3.0, "plain", 1, False, False, "3.0"),
        (0.005, "pp", None, False, True, "0.5 pp"),
        (0.97, "percent", None, False, True, "97 %"),
    ],
)
def test_number_text(value, unit, decimals, sign, trim, expected):
    assert number_text(value, unit, decimals, sign, trim) == expected


@pytest.mark.parametrize(
    ("call", "parameter"),
    [
        (lambda: number_text(0.1, "kg"), "unit"),
        (lambda: number_text(math.nan), "value"),
        (lambda: number_text(True), "value"),
        (lambda: number_text("0.1"), "value"),
        (lambda: number_text(0.1, decimals=-1), "decimals"),
        (lambda: wording.fill("{seeds} seeds", seeds="three"), "seeds"),
        (lambda: wording.fill("{seeds} seeds", runs=3), "slots"),
        (lambda: wording.sentence("no.such.topic", "key"), "topic"),
        (lambda: wording.name_text("no such name"), "key"),
        (lambda: wording.comparative(1.0, 2.0, "sideways"), "scale"),
    ],
)
def test_bad_input_names_the_parameter(call, parameter):
    with pytest.raises(ValueError, match=parameter):
        call()


@pytest.mark.parametrize(
    ("interval", "unit", "expected"),
    [
        (Interval(-0.0066, 0.001, -0.0086, -0.0046, 5), "pp", "\u22120.66 pp (95 % CI \u22120.86 to \u22120.46)"),
        (Interval(0.9781, 0.001, 0.9766, 0.9796, 5), "percent", "97.8 % (95 % CI 97.7 to 98.0)"),
        (Interval(3.6, 1.5166, 1.7169, 5.4831, 5), "plain", "3.6 (95 % CI 1.7 to 5.5)"),
        (Interval(0.3, 0.0, 0.3, 0.3, 5), "plain", "0.300 (the same for every seed)"),
        (Interval(-0.005, 0.001, -0.0055, -0.0045, 5, 0.9), "pp", "\u22120.50 pp (90 % CI \u22120.55 to \u22120.45)"),
    ],
)
def test_interval_text_rounds_to_what_the_spread_supports(interval, unit, expected):
    assert interval_text(interval, unit) == expected


def test_interval_text_signs_a_difference_on_request():
    text = interval_text(Interval(0.0021, 0.01, -0.0067, 0.0109, 5), "plain", sign=True)
    assert text == "+0.0021 (95 % CI \u22120.0067 to +0.0109)"




def comparison_of(differences: list[float], margin: float | None = None) -> stats.Comparison:
    """A comparison whose paired differences are ``differences`` (control all zero)."""
    return compare(differences, [0.0] * len(differences), margin)


@pytest.mark.parametrize(
    ("differences", "margin", "unit", "expected"),
    [
        ([0.0, 0.0, 0.0], None, "pp", "identical"),
        ([0.01, 0.012, 0.011], None, "pp", "higher"),
        ([-0.01, -0.012, -0.011], None, "plain", "lower"),
        ([0.004, -0.002, 0.001], 0.02, "pp", "equivalent within ±2 pp"),
        ([0.010, 0.011, 0.012, 0.010, 0.011], 0.02, "pp", "higher, but equivalent within ±2 pp"),
        ([-0.05, -0.051, -0.052], 0.02, "pp", "lower, by more than 2 pp"),
        ([0.1, 0.11, 0.12], 0.05, "plain", "higher, by more than 0.05"),
    ],
)
def test_decided_verdicts_in_words(differences, margin, unit, expected):
    assert verdict_text(comparison_of(differences, margin), unit) == expected


def test_no_detectable_difference_says_what_the_seeds_detect_and_would_need():
    comparison = comparison_of([0.004, -0.002, 0.003])
    assert comparison.verdict == stats.NO_DETECTABLE_DIFFERENCE
    text = verdict_text(comparison, "pp")
    detectable = wording.bare_number(comparison.detectable, "pp")
    assert text == (f"no detectable difference (these 3 seeds detect {detectable} pp or more; +0.17 pp would need "
                    f"about {comparison.needed} seeds)")


def test_an_undecided_margin_says_how_many_seeds_would_decide_it():
    comparison = comparison_of([-0.004, -0.007, -0.0045, -0.006, -0.0055], margin=0.005)
    assert comparison.verdict == stats.LOWER_MARGIN_UNDECIDED
    assert verdict_text(comparison, "pp") == (f"lower; whether by more than 0.5 pp is undecided (about "
                                              f"{comparison.needed} seeds would decide it)")


def test_a_difference_beyond_reach_is_said_so():
    comparison = comparison_of([0.0001, -0.01, 0.0099])
    assert comparison.needed is None
    assert "would need more than 10,000 seeds" in verdict_text(comparison, "pp")


@pytest.mark.parametrize(("value", "reference", "scale", "expected"),
                         [(1.0, 2.0, "lower", "lower than"), (2.0, 2.0, "lower", "the same as"),
                          (3.0, 2.0, "earlier", "later than"), (0.2, 0.3, "smaller", "smaller than")])
def test_comparatives(value, reference, scale, expected):
    assert wording.comparative(value, reference, scale) == expected


SAMPLE_NUMBERS = ("3", "+0.31", "−1.2", "2,000", "97.8", "0.0451", "12", "5", "90", "0.24")


def rendered(template: str) -> str:
    """``template`` filled with sample numbers, one per slot in order."""
    names = wording.SLOT.findall(template)
    return wording.fill(template, **dict(zip(names, SAMPLE_NUMBERS, strict=False)))


@pytest.mark.parametrize("template", sorted(wording.messages()))
def test_every_template_fills_with_numbers_and_is_found_again_from_its_text(template):
    from _ext import glued_words

    text = rendered(template)
    key, numbers = glued_words.template(text)
    assert key == glued_words.positional(template)[0], "the Chinese edition could not find this template's text"
    assert len(numbers) == len(wording.SLOT.findall(template))
