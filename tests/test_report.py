"""Numbers, intervals, verdicts, tables and figures as the book prints and glues them."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import pytest
from matplotlib.figure import Figure

from helpers import report
from helpers.report import (
    comparison_row,
    glue_comparison,
    glue_figure,
    glue_interval,
    interval_text,
    listing,
    markdown_table,
    number_text,
    percent,
    points,
)
from helpers.stats import Interval, compare


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
        (lambda: listing([]), "items"),
        (lambda: markdown_table([], []), "header"),
        (lambda: markdown_table(["a", "b"], [["only one"]]), "rows"),
        (lambda: glue_figure("loss", Figure()), "name"),
        (lambda: glue_figure("fig-results-loss", "not a figure"), "figure"),
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


@pytest.fixture
def glued(monkeypatch):
    """The texts glued by name, instead of notebook outputs."""
    store: dict[str, object] = {}
    monkeypatch.setattr(report, "glue_text", lambda name, text: store.__setitem__(name, text))
    return store


def test_glue_interval(glued):
    glue_interval("test_difference", Interval(-0.0066, 0.001, -0.0086, -0.0046, 5), "pp")
    assert glued == {
        "test_difference": "\u22120.66 pp",
        "test_difference_low": "\u22120.86 pp",
        "test_difference_high": "\u22120.46 pp",
        "test_difference_interval": "\u22120.66 pp (95 % CI \u22120.86 to \u22120.46)",
    }


def test_glue_comparison(glued):
    glue_comparison("rate", compare([1.0, 2.0, 3.0], [1.0, 2.0, 3.0]), "plain")
    assert glued == {"rate": "0.00 (the same for every seed)", "rate_verdict": "identical"}


@pytest.mark.parametrize(
    ("items", "expected"), [(["a"], "a"), (["a", "b"], "a and b"), ([0.1, 0.2, 0.5], "0.1, 0.2 and 0.5")]
)
def test_listing(items, expected):
    assert listing(items) == expected


@pytest.mark.parametrize(("rows", "lines"), [([], 2), ([["a", 1]], 3), ([["a", 1], ["b|c", 2.5]], 4)])
def test_markdown_table_has_one_line_per_row_plus_header(rows, lines):
    text = markdown_table(["name", "value"], rows).data
    assert len(text.splitlines()) == lines
    assert text.splitlines()[1] == "|---|---|"


def test_markdown_table_escapes_pipes_in_cells():
    assert "b\\|c" in markdown_table(["x"], [["b|c"]]).data


def test_glue_figure_displays_the_figure_once_under_its_name(monkeypatch):
    shown = []
    monkeypatch.setattr("myst_nb.glue", lambda name, figure, display: shown.append((name, figure, display)))
    figure, _ = plt.subplots()
    glue_figure("fig-results-sweep", figure)
    assert shown == [("fig-results-sweep", figure, True)]
    assert figure.number not in plt.get_fignums()  # pyplot will not show it again at the end of the cell


def test_comparison_row_shows_both_arms_the_difference_and_the_verdict():
    row = comparison_row("test accuracy", [0.97, 0.975, 0.972], [0.976, 0.978, 0.977], "percent")
    assert row == ["test accuracy", "97.7 % (95 % CI 97.5 to 97.9)", "97.2 % (95 % CI 96.6 to 97.9)",
                   "\u22120.47 pp (95 % CI \u22120.85 to \u22120.09)", "lower"]


def test_comparison_row_of_identical_runs():
    assert comparison_row("epoch", [3.0, 4.0], [3.0, 4.0], decimals=1)[3:] == ["0.0 (the same for every seed)",
                                                                              "identical"]
