"""Small Markdown tables for results, rendered by Jupyter and by the book alike."""

from __future__ import annotations

from typing import Sequence

from IPython.display import Markdown


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> Markdown:
    """A Markdown table with ``header`` and one line per row (cells are shown with ``str``)."""
    if any(len(row) != len(header) for row in rows):
        raise ValueError(f"every row must have {len(header)} cells, as the header")
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell).replace("|", "\\|") for cell in row) + " |" for row in rows]
    return Markdown("\n".join(lines))
