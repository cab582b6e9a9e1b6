"""The first cell of every chapter, which lets the chapter run on its own (Colab) — and the tool that adds it.

A chapter imports the book's ``helpers`` package. In the book's environment (the build, the tests, Binder, a
local ``pip install -r requirements.txt``) it is installed and the cell does nothing. Where it is missing, as on
Colab, which opens one notebook without the repository, the cell pip-installs ``helpers`` from the repository
at the tag of the helpers version the chapter was written against (``v`` + ``helpers.__version__``), with the
``notebooks`` extra (myst-nb, for ``glue``). MNIST then comes from Keras' download.

The cell is tagged ``remove-cell``: it is plumbing for running the notebook, not part of the lesson, and has no
output in the book, so the HTML leaves it out entirely (``hide-input`` would show an empty, puzzling toggle).
The downloaded notebook, Binder and Colab keep it.

This file is the cell's one canonical source: ``CELL_TEMPLATE`` below, filled in from ``_config.yml``
(``repository.url``), ``pyproject.toml`` (the distribution name) and ``helpers/__init__.py`` (``__version__``,
read without importing helpers). ``tests/test_bootstrap.py`` checks that every chapter in ``_toc.yml`` starts
with exactly this cell.

Usage (from the repository root, with nothing but the standard library and PyYAML):

    python tools/bootstrap_cell.py chapters/04_placement.ipynb   # add (or refresh) the cell in these notebooks
    python tools/bootstrap_cell.py                               # ... in every chapter listed in _toc.yml
    python tools/bootstrap_cell.py --check                       # exit 1 naming chapters without the exact cell
    python tools/bootstrap_cell.py --print                       # show the cell's source
    python tools/bootstrap_cell.py --tag                         # the git tag the cell installs from
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CELL_ID = "bootstrap-helpers"
CELL_TAGS = ["bootstrap", "remove-cell"]
CELL_TEMPLATE = """\
# Outside the book's environment (e.g. on Colab), install the book's helpers {version} that this chapter uses.
import importlib.util

if importlib.util.find_spec("helpers") is None:
    import subprocess
    import sys

    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet",
         "{distribution}[notebooks] @ git+{url}@{tag}"],
        check=True,
    )
    importlib.invalidate_caches()"""


def repository_url(root: Path = ROOT) -> str:
    """``repository.url`` of _config.yml: the one place the repository's address is written."""
    import yaml  # here, so that --tag works with the standard library alone

    config = yaml.safe_load((root / "_config.yml").read_text())
    url = (config.get("repository") or {}).get("url")
    if not url:
        raise ValueError(f"{root / '_config.yml'} has no repository.url")
    return url.rstrip("/")


def helpers_version(root: Path = ROOT) -> str:
    """``helpers.__version__``, read from helpers/__init__.py without importing helpers (and TensorFlow)."""
    tree = ast.parse((root / "helpers" / "__init__.py").read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "__version__" for t in node.targets):
            return ast.literal_eval(node.value)
    raise ValueError("helpers/__init__.py does not set __version__")


def distribution_name(root: Path = ROOT) -> str:
    return tomllib.loads((root / "pyproject.toml").read_text())["project"]["name"]


def tag(root: Path = ROOT) -> str:
    """The git tag the bootstrap cell installs helpers from."""
    return f"v{helpers_version(root)}"


def cell_source(root: Path = ROOT) -> str:
    return CELL_TEMPLATE.format(
        version=helpers_version(root), distribution=distribution_name(root), url=repository_url(root), tag=tag(root)
    )


def cell(root: Path = ROOT) -> dict:
    """The bootstrap cell as it is stored in a notebook (nbformat 4.5, no outputs)."""
    return {
        "cell_type": "code",
        "execution_count": None,
        "id": CELL_ID,
        "metadata": {"tags": list(CELL_TAGS)},
        "outputs": [],
        "source": cell_source(root).splitlines(keepends=True),
    }


def is_bootstrap(candidate: dict) -> bool:
    """True for this cell in any version (to be refreshed rather than added twice)."""
    return candidate.get("id") == CELL_ID or "bootstrap" in candidate.get("metadata", {}).get("tags", [])


def chapters(root: Path = ROOT) -> list[Path]:
    """The chapter notebooks listed in _toc.yml, in order."""
    names = re.findall(r"file:\s*(chapters/[^\s#]+)", (root / "_toc.yml").read_text())
    return [root / (name if name.endswith(".ipynb") else f"{name}.ipynb") for name in names]


def starts_with_cell(path: Path, root: Path = ROOT) -> bool:
    cells = json.loads(path.read_text())["cells"]
    return bool(cells) and cells[0] == cell(root)


def add_cell(path: Path, root: Path = ROOT) -> bool:
    """Put the current bootstrap cell first in the notebook at ``path``; True when the file changed."""
    text = path.read_text()
    notebook = json.loads(text)
    cells = [existing for existing in notebook["cells"] if not is_bootstrap(existing)]
    notebook["cells"] = [cell(root), *cells]
    if notebook.get("nbformat_minor", 0) < 5:  # cell ids need nbformat 4.5
        notebook["nbformat_minor"] = 5
    updated = json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"
    if updated != text:
        path.write_text(updated)
    return updated != text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: every chapter in _toc.yml")
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--check", action="store_true", help="only check; exit 1 if a notebook lacks the cell")
    action.add_argument("--print", action="store_true", help="print the cell's source")
    action.add_argument("--tag", action="store_true", help="print the git tag the cell installs from")
    arguments = parser.parse_args(argv)
    if arguments.print:
        print(cell_source())
        return 0
    if arguments.tag:
        print(tag())
        return 0
    notebooks = arguments.notebooks or chapters()
    if arguments.check:
        missing = [path for path in notebooks if not starts_with_cell(path)]
        for path in missing:
            print(f"{path}: does not start with the bootstrap cell; run: python tools/bootstrap_cell.py {path}")
        return 1 if missing else 0
    for path in notebooks:
        print(f"{path}: {'bootstrap cell added or refreshed' if add_cell(path) else 'already up to date'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
