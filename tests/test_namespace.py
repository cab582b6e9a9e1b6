"""One way in: every public name of helpers is ``helpers.<name>``, defined in one module, used so by every chapter."""

from __future__ import annotations

import ast
import importlib
import json
import pkgutil
import re
from pathlib import Path

import pytest

import helpers

ROOT = Path(__file__).resolve().parent.parent
MODULES = sorted(info.name for info in pkgutil.iter_modules(helpers.__path__))
CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))


def code_cells(path: Path) -> list[str]:
    """The sources of a notebook's code cells."""
    return ["".join(cell["source"]) for cell in json.loads(path.read_text())["cells"] if cell["cell_type"] == "code"]


@pytest.mark.parametrize("name", MODULES)
def test_every_module_lists_its_public_names_and_defines_them(name):
    module = importlib.import_module(f"helpers.{name}")
    assert hasattr(module, "__all__"), f"helpers/{name}.py has no __all__"
    tree = ast.parse(Path(module.__file__).read_text())
    defined = {node.name for node in tree.body if isinstance(node, (ast.FunctionDef, ast.ClassDef))}
    defined |= {target.id for node in tree.body if isinstance(node, (ast.Assign, ast.AnnAssign))
                for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
                if isinstance(target, ast.Name)}
    assert set(module.__all__) <= defined, f"helpers/{name}.py re-exports {set(module.__all__) - defined}"


def test_every_public_name_is_reachable_from_the_package_and_has_one_home():
    homes: dict[str, list[str]] = {}
    for name in MODULES:
        for public in importlib.import_module(f"helpers.{name}").__all__:
            homes.setdefault(public, []).append(name)
    assert {public: where for public, where in homes.items() if len(where) > 1} == {}
    assert [public for public in homes if not hasattr(helpers, public)] == []


def test_the_package_docstring_lists_every_module():
    listed = set(re.findall(r"^- ``(\w+)``", helpers.__doc__, flags=re.MULTILINE))
    assert listed == set(MODULES)


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda path: path.stem)
def test_chapters_reach_helpers_through_the_package_only(chapter):
    pattern = re.compile(r"from helpers\b|import helpers\.|helpers\.(" + "|".join(MODULES) + r")\.")
    offending = [line.strip() for source in code_cells(chapter) for line in source.splitlines() if pattern.search(line)]
    assert offending == []


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda path: path.stem)
def test_chapters_do_not_redefine_what_helpers_has(chapter):
    public = {name for module in MODULES for name in importlib.import_module(f"helpers.{module}").__all__}
    defined = {node.name for source in code_cells(chapter) for node in ast.walk(ast.parse(source))
               if isinstance(node, (ast.FunctionDef, ast.ClassDef))}
    assert defined & public == set()
