"""Run a chapter once per combination of parameters with papermill, keeping each executed notebook.

    python tools/sweep.py chapters/03_dropout.ipynb sweeps/rates \\
        --grid dropout_rate=0.0,0.2,0.5 --grid seed=0,1,2 -p epochs=10

Each executed notebook is written atomically to ``OUTPUT/<chapter>__<name=value-...>.ipynb``. A combination
whose notebook exists is skipped, so a sweep that was interrupted resumes where it stopped. A combination
that fails is reported, its partial notebook removed, and the sweep goes on; the exit status is then 1.
"""

from __future__ import annotations

import argparse
import ast
import itertools
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def parse_value(text: str) -> Any:
    """A Python literal if ``text`` is one (``0.5``, ``None``, ``[1, 2]``), else the text itself."""
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text


def parse_assignment(text: str, many: bool) -> tuple[str, Any]:
    """``name=value`` (or ``name=v1,v2,...`` when ``many``) as a name and its parsed value(s)."""
    name, separator, value = text.partition("=")
    if not separator or not name.isidentifier():
        raise ValueError(f"expected name=value, got {text!r}")
    if many:
        return name, [parse_value(part) for part in value.split(",")]
    return name, parse_value(value)


def combinations(grid: dict[str, list[Any]]) -> Iterator[dict[str, Any]]:
    """Every combination of the grid's values, in a fixed order."""
    names = list(grid)
    for values in itertools.product(*(grid[name] for name in names)):
        yield dict(zip(names, values, strict=False))


def artifact_name(notebook: Path, combination: dict[str, Any]) -> str:
    """The executed notebook's file name for one combination."""
    settings = "-".join(f"{name}={value}" for name, value in combination.items())
    return f"{notebook.stem}__{settings}.ipynb"


def run_sweep(
    notebook: Path, output: Path, grid: dict[str, list[Any]], fixed: dict[str, Any], kernel_name: str = "python3"
) -> int:
    """Execute ``notebook`` for every grid combination not yet done; return the number of failures."""
    import papermill

    output.mkdir(parents=True, exist_ok=True)
    todo = list(combinations(grid))
    failures = 0
    for index, combination in enumerate(todo, start=1):
        final = output / artifact_name(notebook, combination)
        prefix = f"[{index}/{len(todo)}] {final.name}:"
        if final.is_file():
            print(prefix, "done already, skipped", flush=True)
            continue
        partial = final.with_name(f".partial-{final.name}")
        started = time.monotonic()
        try:
            papermill.execute_notebook(
                notebook, partial, parameters={**fixed, **combination}, kernel_name=kernel_name,
                cwd=notebook.parent, progress_bar=False,
            )
        except Exception as error:  # one failed combination must not stop the others
            failures += 1
            partial.unlink(missing_ok=True)
            print(prefix, f"FAILED ({type(error).__name__}: {str(error).strip().splitlines()[-1]})", flush=True)
            continue
        os.replace(partial, final)
        print(prefix, f"done in {time.monotonic() - started:.1f} s", flush=True)
    return failures


def main(arguments: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python tools/sweep.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("notebook", type=Path, help="the chapter to run")
    parser.add_argument("output", type=Path, help="folder for the executed notebooks")
    parser.add_argument("--grid", action="append", default=[], metavar="NAME=V1,V2,...", help="a swept parameter")
    parser.add_argument("-p", "--parameter", action="append", default=[], metavar="NAME=VALUE", help="a fixed parameter")
    parser.add_argument("--kernel", default="python3", help="Jupyter kernel name (default: python3)")
    options = parser.parse_args(arguments)
    try:
        grid = dict(parse_assignment(text, many=True) for text in options.grid)
        fixed = dict(parse_assignment(text, many=False) for text in options.parameter)
    except ValueError as error:
        parser.error(str(error))
    if not grid:
        parser.error("give at least one --grid NAME=V1,V2,...")
    if not options.notebook.is_file():
        parser.error(f"notebook {options.notebook} does not exist")
    failures = run_sweep(options.notebook.resolve(), options.output, grid, fixed, options.kernel)
    print(f"{failures} failed" if failures else "sweep complete", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
