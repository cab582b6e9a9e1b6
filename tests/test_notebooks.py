"""Notebook hygiene: a notebook is committed without outputs, and with the cell tagged ``parameters`` that holds
all of its settings (the cell papermill and readers change).

Outputs belong to the build, not to git: they bloat diffs, go stale, and would be shown instead of fresh
results. ``nbstripout`` (a pre-commit hook, see .pre-commit-config.yaml) removes them.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def notebooks() -> list[Path]:
    """The repository's notebooks: every one git tracks, and every one in chapters/ (committed or about to be)."""
    found = set((ROOT / "chapters").glob("*.ipynb"))
    if shutil.which("git") and (ROOT / ".git").exists():
        tracked = subprocess.run(["git", "ls-files", "-z", "--", "*.ipynb"], cwd=ROOT, capture_output=True,
                                 text=True, check=False).stdout
        found |= {ROOT / name for name in tracked.split("\0") if name and (ROOT / name).is_file()}
    return sorted(found)


def relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_there_are_notebooks_to_check():
    assert notebooks(), "found no notebook in chapters/"


@pytest.mark.parametrize("notebook", notebooks(), ids=relative)
def test_notebook_is_committed_without_outputs(notebook):
    cells = json.loads(notebook.read_text())["cells"]
    with_outputs = [index for index, cell in enumerate(cells) if cell["cell_type"] == "code" and cell.get("outputs")]
    counted = [index for index, cell in enumerate(cells)
               if cell["cell_type"] == "code" and cell.get("execution_count") is not None]
    assert not with_outputs and not counted, (
        f"{relative(notebook)}: cells {sorted(set(with_outputs + counted))} carry outputs or execution counts; "
        f"strip them with: nbstripout {relative(notebook)}"
    )


@pytest.mark.parametrize("notebook", notebooks(), ids=relative)
def test_notebook_has_one_parameters_cell(notebook):
    cells = json.loads(notebook.read_text())["cells"]
    tagged = [cell for cell in cells if "parameters" in cell.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1, (
        f"{relative(notebook)}: needs exactly one cell tagged 'parameters' holding its settings, found {len(tagged)}"
    )
    assert tagged[0]["cell_type"] == "code", f"{relative(notebook)}: the 'parameters' cell must be a code cell"
