"""Notebook hygiene: a notebook is committed without outputs, with the cell tagged ``parameters`` that holds
all of its settings (the cell papermill and readers change), and with a caption for every figure.

Outputs belong to the build, not to git: they bloat diffs, go stale, and would be shown instead of fresh
results. ``nbstripout`` (a pre-commit hook, see .pre-commit-config.yaml) removes them.
"""

from __future__ import annotations

import ast
import json
import re
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
    unclean = sorted(set(with_outputs + counted))
    assert not unclean, (
        f"{relative(notebook)}: cells {unclean} carry outputs or execution counts; "
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


# Figures: every figure is shown through helpers.glue_figure and a {glue:figure} directive with a caption.
GLUE_FIGURE = re.compile(r"^(?P<fence>`{3,}|:{3,})\{glue:figure\}\s+(?P<name>\S+)\s*$")
FIGURE_NAMES = {"figure", "fig"}


def captions(markdown: str) -> dict[str, str]:
    """Each ``{glue:figure}`` directive of a markdown cell: figure name → caption (options left out)."""
    found, lines, index = {}, markdown.splitlines(), 0
    while index < len(lines):
        match = GLUE_FIGURE.match(lines[index].strip())
        index += 1
        if not match:
            continue
        fence, body = match["fence"], []
        while index < len(lines) and not (lines[index].strip().startswith(fence) and len(set(lines[index].strip())) == 1):
            body.append(lines[index].strip())
            index += 1
        index += 1
        while body and (body[0].startswith(":") or not body[0]):  # :name: and other options, then a blank line
            body.pop(0)
        found[match["name"]] = " ".join(" ".join(body).split())
    return found


def called(node: ast.AST) -> str:
    """The name of the function a call calls (``helpers.plot_sweep(...)`` → "plot_sweep"), else ""."""
    if isinstance(node, ast.Call):
        return node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
    return ""


def shows_a_figure(node: ast.AST) -> bool:
    """True for an expression that evaluates to a figure: a plot_* call, plt.figure/subplots, a figure variable."""
    if isinstance(node, ast.Name):
        return node.id in FIGURE_NAMES or node.id.endswith("_figure")
    return called(node).startswith("plot_") or called(node) in {"figure", "subplots", "imshow", "plot"}


def code_problems(source: str) -> tuple[list[str], list[str]]:
    """(names glued with glue_figure, ways the cell shows a figure without a caption) of one code cell."""
    lines = ["pass" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines()]
    try:
        tree = ast.parse("\n".join(lines))
    except SyntaxError as error:
        return [], [f"cannot be parsed ({error.msg}), so its figures cannot be checked"]
    glued, problems = [], []
    for node in ast.walk(tree):
        if called(node) == "glue_figure":
            name = node.args[0] if node.args else None
            if isinstance(name, ast.Constant) and isinstance(name.value, str):
                glued.append(name.value)
            else:
                problems.append("calls glue_figure without a literal name, so its caption cannot be checked")
        elif called(node) == "show" and "plt" in ast.unparse(node.func):
            problems.append("calls plt.show(): the figure appears without a caption; use helpers.glue_figure")
        elif called(node) == "display" and any(shows_a_figure(argument) for argument in node.args):
            problems.append("display()s a figure without a caption; use helpers.glue_figure")
    if tree.body and isinstance(tree.body[-1], ast.Expr) and shows_a_figure(tree.body[-1].value):
        problems.append(f"ends with `{ast.unparse(tree.body[-1])[:60]}`, which Jupyter shows as an uncaptioned "
                        "figure; end with helpers.glue_figure(\"fig-<chapter>-<what>\", figure) instead")
    return glued, problems


def figure_problems(notebook: Path) -> list[str]:
    """Every way a figure of ``notebook`` lacks its caption, naming the cell or the figure."""
    cells = json.loads(notebook.read_text())["cells"]
    directives: dict[str, str] = {}
    for cell in cells:
        if cell["cell_type"] == "markdown":
            directives.update(captions("".join(cell["source"])))
    problems, glued_anywhere = [], []
    for index, cell in enumerate(cells):
        if cell["cell_type"] != "code":
            continue
        glued, cell_problems = code_problems("".join(cell["source"]))
        problems += [f"code cell {index} {problem}" for problem in cell_problems]
        if glued and "remove-output" not in cell.get("metadata", {}).get("tags", []):
            problems.append(f"code cell {index} glues {', '.join(glued)} but is not tagged remove-output: "
                            "the book would show the figure twice (in the cell and in its {glue:figure})")
        for name in glued:
            if name in glued_anywhere:
                problems.append(f"figure {name!r} is glued twice (code cell {index} again)")
            elif not directives.get(name):
                problems.append(f"figure {name!r} (code cell {index}) has no ```{{glue:figure}} {name}``` directive "
                                "with a caption in a markdown cell")
            glued_anywhere.append(name)
    problems += [f"the {{glue:figure}} directive {name!r} shows a figure no code cell glues with glue_figure"
                 for name in directives if name not in glued_anywhere]
    return problems


@pytest.mark.parametrize("notebook", notebooks(), ids=relative)
def test_every_figure_has_a_caption(notebook):
    problems = figure_problems(notebook)
    assert not problems, f"{relative(notebook)}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize(
    ("cells", "problem"),
    [
        ([("code", "helpers.plot_sweep(rates, intervals)", [])], "uncaptioned figure"),
        ([("code", "figure = helpers.plot_sweep(rates)\nfigure", [])], "uncaptioned figure"),
        ([("code", "import matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.show()", [])], "plt.show()"),
        ([("code", "display(helpers.plot_bands(runs))", [])], "display()s a figure"),
        ([("code", "helpers.glue_figure(name, figure)", ["remove-output"])], "without a literal name"),
        ([("code", 'helpers.glue_figure("fig-a-b", figure)', ["remove-output"])], "'fig-a-b' (code cell 0) has no"),
        ([("code", 'helpers.glue_figure("fig-a-b", figure)', ["remove-output"]),
          ("markdown", "```{glue:figure} fig-a-b\n:name: fig-a-b\n```", [])], "has no"),
        ([("code", 'helpers.glue_figure("fig-a-b", figure)', []),
          ("markdown", "```{glue:figure} fig-a-b\n:name: fig-a-b\n\nA caption.\n```", [])], "not tagged remove-output"),
        ([("markdown", ":::{glue:figure} fig-a-c\nA caption.\n:::", [])], "no code cell glues"),
        ([("code", 'helpers.glue_figure("fig-a-b", one)\nhelpers.glue_figure("fig-a-b", two)', ["remove-output"]),
          ("markdown", "````{glue:figure} fig-a-b\nA caption.\n````", [])], "glued twice"),
        ([("code", 'helpers.glue_figure("fig-a-b", figure)', ["remove-output"]),
          ("markdown", "Prose.\n\n```{glue:figure} fig-a-b\n:name: fig-a-b\n:align: center\n\nWhat is drawn. What to see.\n"
                       "```\n\nMore prose.", [])], None),
    ],
)
def test_the_caption_check_finds_each_missing_caption(tmp_path, cells, problem):
    notebook = tmp_path / "chapter.ipynb"
    notebook.write_text(json.dumps({"cells": [
        {"cell_type": kind, "source": source, "metadata": {"tags": tags}} for kind, source, tags in cells
    ]}))
    problems = figure_problems(notebook)
    if problem is None:
        assert problems == []
    else:
        assert any(problem in found for found in problems), problems


def parameter_names(source: str) -> list[str]:
    """The names a parameters cell assigns, in order."""
    return [target.id for node in ast.parse(source).body if isinstance(node, ast.Assign)
            for target in node.targets if isinstance(target, ast.Name)]


def checked_parameters(source: str) -> dict[str, str] | None:
    """keyword → the expression it passes, of the cell's ``helpers.check_parameters(...)`` call; None without one."""
    for node in ast.walk(ast.parse(source)):
        if called(node) == "check_parameters":
            return {keyword.arg: ast.unparse(keyword.value) for keyword in node.keywords}
    return None


@pytest.mark.parametrize("notebook", [path for path in notebooks() if path.parent.name == "chapters"], ids=relative)
def test_every_parameter_is_checked_right_after_the_parameters_cell(notebook):
    """The first code cell after the parameters cell passes each parameter, as itself, to helpers.check_parameters,
    so a bad value (from papermill or a reader) stops the chapter before anything runs. The rules themselves are
    tested on helpers.check_parameters directly (tests/test_parameters.py)."""
    cells = json.loads(notebook.read_text())["cells"]
    index = next(i for i, cell in enumerate(cells) if "parameters" in cell.get("metadata", {}).get("tags", []))
    names = parameter_names("".join(cells[index]["source"]))
    following = next(cell for cell in cells[index + 1:] if cell["cell_type"] == "code")
    checked = checked_parameters("".join(following["source"]))
    assert checked is not None, f"{relative(notebook)}: the code cell after the parameters does not check them"
    assert checked == {name: name for name in names}, (
        f"{relative(notebook)}: helpers.check_parameters must get every parameter as itself ({', '.join(names)})")


# Words in the source: a chapter glues numbers, figures, tables and keys of helpers.wording, never a sentence it built.
GLUE_CALLS = {"glue_number", "glue_interval", "glue_comparison", "glue_confidence", "glue_sentence", "glue_name",
              "glue_comparative", "glue_claim", "glue_figure"}
KEY_ARGUMENTS = {"glue_sentence": (1, 2), "glue_name": (1,), "glue_claim": (1,)}
"""Positional arguments that must be literal keys of helpers.wording (a topic and its key; a name; a claim verdict)
when they are literals; a variable is checked when the chapter runs."""


def known_keys() -> set[str]:
    """Every literal a glue call may take besides its name: helpers.wording's topics, keys, names, units, scales."""
    from helpers import wording

    keys = set(wording.SENTENCES) | {key for table in wording.SENTENCES.values() for key in table}
    return keys | set(wording.NAMES) | set(wording.CLAIM_VERDICTS) | set(wording.UNITS) | set(wording.COMPARATIVES)


def glue_problems(source: str) -> list[str]:
    """How one code cell glues something that is not a number, a figure, a table or a key of helpers.wording."""
    tree = ast.parse("\n".join("pass" if line.lstrip().startswith(("%", "!")) else line
                               for line in source.splitlines()))
    problems, keys = [], known_keys()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)) and any(
                "myst_nb" in (getattr(node, "module", "") or "") or "myst_nb" in alias.name for alias in node.names):
            problems.append("imports myst_nb: glue through helpers.glue_* only")
        if called(node) == "glue":
            problems.append(f"calls glue() directly: `{ast.unparse(node)[:60]}`")
        if called(node) not in GLUE_CALLS:
            continue
        arguments = [*node.args[1:], *(keyword.value for keyword in node.keywords)]
        for argument in arguments:
            for part in text_parts(argument):
                if part is None:
                    problems.append(f"glues a text built in code: `{ast.unparse(node)[:70]}`")
                elif part not in keys:
                    problems.append(f"glues the text {part!r}, which is no key of helpers.wording")
    return problems


def text_parts(node: ast.AST) -> list[str | None]:
    """The literal texts an argument can be (None for a text built from parts: an f-string, a concatenation); a
    name, a call or a subscript is checked when the chapter runs (helpers.wording refuses what is no key)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr) or (isinstance(node, ast.BinOp) and (text_parts(node.left) or
                                                                          text_parts(node.right))):
        return [None]
    if isinstance(node, ast.IfExp):
        return text_parts(node.body) + text_parts(node.orelse)
    return []


def only_glues(statements: list[ast.stmt]) -> bool:
    """Whether every statement glues a value (a glue call, or a loop or branch of them): nothing to show a reader."""
    def glues(statement: ast.stmt) -> bool:
        if isinstance(statement, (ast.For, ast.If)):
            return only_glues(statement.body) and only_glues(statement.orelse or [])
        return isinstance(statement, ast.Expr) and called(statement.value) in GLUE_CALLS - {"glue_figure"}

    return all(glues(statement) for statement in statements)


def shows_nothing(source: str) -> bool:
    """Whether a code cell only glues values (so its code would show readers nothing but plumbing)."""
    tree = ast.parse(source)
    return bool(tree.body) and only_glues(tree.body)


@pytest.mark.parametrize("notebook", [path for path in notebooks() if path.parent.name == "chapters"], ids=relative)
def test_chapters_glue_numbers_and_keys_never_sentences(notebook):
    cells = json.loads(notebook.read_text())["cells"]
    problems = [f"code cell {index}: {problem}" for index, cell in enumerate(cells) if cell["cell_type"] == "code"
                for problem in glue_problems("".join(cell["source"]))]
    problems += [f"code cell {index} only glues: tag it remove-input (the page shows the values, not their code)"
                 for index, cell in enumerate(cells) if cell["cell_type"] == "code"
                 and shows_nothing("".join(cell["source"]))
                 and "remove-input" not in cell.get("metadata", {}).get("tags", [])
                 and "remove-cell" not in cell.get("metadata", {}).get("tags", [])]
    assert not problems, f"{relative(notebook)}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize(
    ("source", "problem"),
    [('from myst_nb import glue\nglue("x", 1)', "imports myst_nb"),
     ('helpers.glue_number("x", f"{a} runs")', "a text built in code"),
     ('helpers.glue_sentence("lesson", "no.such.topic", key)', "'no.such.topic'"),
     ('helpers.glue_name("best", "the " + name)', "'the '"),
     ('helpers.glue_comparison("gain", comparison, "pp")', None),
     ('helpers.glue_number("epochs", epochs)', None)],
)
def test_the_glue_check_finds_sentences_built_in_code(source, problem):
    problems = glue_problems(source)
    if problem is None:
        assert problems == []
    else:
        assert any(problem in found for found in problems), problems
