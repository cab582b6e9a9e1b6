"""Write every ``{glue:text}`` role of the chapters in the ``path::key`` form, which keeps its value when translated.

myst-nb pastes a glued value into a role of the notebook that glued it by looking the key up in that notebook's
outputs, which a translated message does not have: Sphinx parses each translation on its own, and
``{glue:text}`best_rate``` in a translated paragraph pastes nothing (a warning, and a gap in the sentence). The
form with the notebook's path, ``{glue:text}`05_results.ipynb::best_rate:.1f```, makes a reference that Sphinx
resolves after parsing, from the notebook's glue data in the build folder: it works in the English and in the
translated build alike. The path is relative to the chapter, so a chapter names its own file.

The format is always written (``:s`` when there was none): myst-nb splits the role's text at its last colon, so
``05_results.ipynb::best_rate`` would read as key ``05_results.ipynb:`` with format ``best_rate``.

The other glue roles: ``{glue}`` / ``{glue:any}`` get the path too (no format); ``{glue:md}`` has no path form in
myst-nb 1.4, so it is reported and left alone (its value would be lost in translation: glue text instead).
The ``{glue:figure}`` (and ``{glue}``, ``{glue:math}``) *directives* need nothing: a directive is not part of a
translated message; only its caption is, and a role in the caption is rewritten like any other.

Only Markdown cells are touched; code cells, outputs and the notebook's JSON layout (key order, indent) are kept.
Running it twice changes nothing.

    python tools/glue_paths.py                      rewrite the chapters of _toc.yml
    python tools/glue_paths.py chapters/05_results.ipynb
    python tools/glue_paths.py --check              exit 1, naming each role not yet in the path form
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

ROLE = re.compile(r"\{glue(?::(?P<kind>[a-z]*))?\}`(?P<text>[^`]*)`")


def rewrite_role(match: re.Match, notebook_name: str) -> str:
    """One glue role in the ``path::key`` form (unchanged if it already is, or if it has no such form)."""
    kind, text = match.group("kind"), match.group("text")
    if "::" in text or kind not in (None, "", "any", "text"):
        return match.group(0)
    if kind == "text":
        key, _, fmt = text.partition(":")
        return f"{{glue:text}}`{notebook_name}::{key}:{fmt or 's'}`"
    return f"{{glue{':' + kind if kind else ''}}}`{notebook_name}::{text}`"


def rewrite_markdown(source: str, notebook_name: str) -> str:
    """Every glue role of one Markdown cell's source in the path form."""
    return ROLE.sub(lambda match: rewrite_role(match, notebook_name), source)


def unconvertible(source: str) -> list[str]:
    """Glue roles that have no path form (``{glue:md}``, ...)."""
    return [match.group(0) for match in ROLE.finditer(source)
            if "::" not in match.group("text") and match.group("kind") not in (None, "", "any", "text")]


def bare_roles(source: str) -> list[str]:
    """Glue roles that would lose their value in a translation."""
    return [match.group(0) for match in ROLE.finditer(source) if "::" not in match.group("text")]


def cell_source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def set_cell_source(cell: dict, text: str) -> None:
    """Store ``text`` in the layout the cell had (nbformat's list of lines, or one string)."""
    cell["source"] = text.splitlines(keepends=True) if isinstance(cell.get("source"), list) else text


def rewrite_notebook(path: Path, write: bool = True) -> tuple[int, list[str], list[str]]:
    """Rewrite the glue roles of a notebook's Markdown cells: (roles rewritten, unconvertible roles, bare roles)."""
    raw = path.read_text(encoding="utf-8")
    notebook = json.loads(raw)
    rewritten, left, bare = 0, [], []
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        source = cell_source(cell)
        bare += bare_roles(source)
        left += unconvertible(source)
        new = rewrite_markdown(source, path.name)
        if new != source:
            rewritten += sum(1 for old, fresh in zip(ROLE.findall(source), ROLE.findall(new), strict=True)
                             if old != fresh)
            set_cell_source(cell, new)
    if rewritten and write:
        text = json.dumps(notebook, indent=1, ensure_ascii=False)
        path.write_text(text + ("\n" if raw.endswith("\n") else ""), encoding="utf-8")
    return rewritten, left, [role for role in bare if role not in left]


def toc_notebooks(root: Path = ROOT) -> list[Path]:
    names = re.findall(r"file:\s*(\S+)", (root / "_toc.yml").read_text())
    return [root / f"{name}.ipynb" for name in names if (root / f"{name}.ipynb").is_file()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: every notebook of _toc.yml")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a role needs rewriting")
    arguments = parser.parse_args(argv)
    status = 0
    for path in arguments.notebooks or toc_notebooks():
        rewritten, left, bare = rewrite_notebook(path, write=not arguments.check)
        for role in left:
            print(f"{path}: {role} has no path form: use {{glue:text}} (its value is lost in a translation)")
            status = 1
        if arguments.check:
            for role in bare:
                print(f"{path}: {role} is not in the path form (python tools/glue_paths.py {path})")
                status = 1
        elif rewritten:
            print(f"{path}: {rewritten} glue role(s) rewritten")
    return status


if __name__ == "__main__":
    sys.exit(main())
