"""Results into the book: glued values (numbers and helpers.wording's texts only), tables and captioned figures."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest
from matplotlib.figure import Figure

from helpers import report
from helpers.report import (
    comparison_row,
    glue_comparison,
    glue_figure,
    glue_interval,
    markdown_table,
)
from helpers.stats import Interval, compare


@pytest.mark.parametrize(
    ("call", "parameter"),
    [
        (lambda: markdown_table([], []), "header"),
        (lambda: markdown_table(["a", "b"], [["only one"]]), "rows"),
        (lambda: glue_figure("loss", Figure()), "name"),
        (lambda: glue_figure("fig-results-loss", "not a figure"), "figure"),
        (lambda: report.glue_number("a sentence", 1.0), "name"),
        (lambda: report.glue_number("value", "a sentence"), "value"),
        (lambda: report.glue_sentence("lesson", "no.such.topic", "key"), "topic"),
    ],
)
def test_bad_input_names_the_parameter(call, parameter):
    with pytest.raises(ValueError, match=parameter):
        call()


@pytest.fixture
def glued(monkeypatch):
    """The texts glued by name, instead of notebook outputs."""
    store: dict[str, object] = {}
    monkeypatch.setattr(report, "glue_text", lambda name, text: store.__setitem__(name, text))
    return store


def test_glue_interval(glued):
    glue_interval("test_difference", Interval(-0.0066, 0.001, -0.0086, -0.0046, 5), "pp")
    assert glued == {
        "test_difference": "\u22120.66 pp (95 % CI \u22120.86 to \u22120.46)",
        "test_difference_mean": "\u22120.66 pp",
        "test_difference_low": "\u22120.86 pp",
        "test_difference_high": "\u22120.46 pp",
    }


def test_glue_comparison(glued):
    glue_comparison("rate", compare([1.0, 2.0, 3.0], [1.0, 2.0, 3.0]), "plain")
    assert glued == {"rate": "0.00 (the same for every seed)", "rate_verdict": "identical", "rate_detectable": "0.00"}


@pytest.mark.parametrize("unit", ["plain", "pp"])
def test_a_glued_difference_is_signed_in_every_unit(glued, unit):
    glue_comparison("gap", compare([0.10, 0.12, 0.13], [0.11, 0.10, 0.10]), unit)
    assert glued["gap"].startswith("+")
    assert " to +" in glued["gap"]


def test_an_equivalence_is_glued_with_the_interval_of_its_test(glued):
    glue_comparison("claim", compare([0.001, 0.002, 0.0015, 0.001], [0.0] * 4, margin=0.005), "pp")
    assert "(90 % CI" in glued["claim"]
    assert glued["claim_verdict"] == "higher, but equivalent within ±0.5 pp"


@pytest.mark.parametrize(("value", "unit", "expected"), [(2000, "plain", "2,000"), (0.9781, "percent", "97.8 %"),
                                                         (0.0031, "pp", "0.31 pp"), (3, "plain", "3")])
def test_glue_number(glued, value, unit, expected):
    report.glue_number("value", value, unit)
    assert glued == {"value": expected}


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
