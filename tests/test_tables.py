"""Markdown tables."""

from __future__ import annotations

import pytest

from helpers.tables import markdown_table


@pytest.mark.parametrize("rows, lines", [([], 2), ([["a", 1]], 3), ([["a", 1], ["b|c", 2.5]], 4)])
def test_one_line_per_row_plus_header(rows, lines):
    text = markdown_table(["name", "value"], rows).data
    assert len(text.splitlines()) == lines
    assert text.splitlines()[1] == "|---|---|"


def test_pipes_in_cells_are_escaped():
    assert "b\\|c" in markdown_table(["x"], [["b|c"]]).data


def test_rows_must_match_the_header():
    with pytest.raises(ValueError, match="2 cells"):
        markdown_table(["a", "b"], [["only one"]])
