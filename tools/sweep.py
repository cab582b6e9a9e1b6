"""Run a chapter once per combination of parameters with papermill, keeping each executed notebook.

    python tools/sweep.py chapters/03_dropout.ipynb sweeps/rates \\
        --grid dropout_rate=0.0,0.2,0.5 --grid seed=0,1,2 -p epochs=10
    python tools/sweep.py chapters/06_regimes.ipynb full-scale/runs \\
        --parameters full-scale/06_regimes.yml --scheduler tcp://scheduler:8786

Each executed notebook is written atomically to ``OUTPUT/<chapter>__<name=value-...>.ipynb`` (without a grid:
``OUTPUT/<chapter>.ipynb``). A combination whose notebook exists is skipped, so a sweep that was interrupted
resumes where it stopped; inside a notebook, the training runs that already have a record are not trained again.
A combination that fails is reported, its partial notebook removed, and the sweep goes on; the exit status is then 1.

Parameters: ``--parameters FILE`` (a YAML mapping, as papermill's ``-f``), then ``-p NAME=VALUE`` (which wins),
then the grid. Where the training runs: by default as the chapter says (``workers`` local processes);
``--scheduler ADDRESS`` sends them to a running Dask scheduler, ``--local-cluster N`` starts a Dask
``LocalCluster`` of N single-threaded worker processes on this machine for the sweep. Either way the chapters'
``helpers.run_many`` finds the scheduler in ``$DROPOUT_BOOK_SCHEDULER``; its progress ("run_many: k of n runs
done") and the dashboard's address are printed. The cluster's workers must see the same records folder
(``$DROPOUT_BOOK_RECORDS``) and MNIST file (``$MNIST_PATH``) as this machine.
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
    """The executed notebook's file name for one combination (the chapter's own name for the empty one)."""
    if not combination:
        return notebook.name
    settings = "-".join(f"{name}={value}" for name, value in combination.items())
    return f"{notebook.stem}__{settings}.ipynb"


def read_parameters(path: Path) -> dict[str, Any]:
    """The parameters of a YAML file (a mapping of names to values), as papermill's ``-f`` reads them."""
    import yaml

    values = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(values, dict) or not all(isinstance(name, str) and name.isidentifier() for name in values):
        raise ValueError(f"{path} must hold a mapping of parameter names to values")
    return values


class Scheduler:
    """Where the chapters' training runs go during the sweep: a Dask scheduler's address in $DROPOUT_BOOK_SCHEDULER
    (and TensorFlow's log lines quietened), started here as a LocalCluster when asked; restored on exit."""

    def __init__(self, address: str | None = None, local_workers: int | None = None):
        self.address, self.local_workers = address, local_workers
        self.cluster = None
        self.saved: dict[str, str | None] = {}

    def __enter__(self) -> Scheduler:
        if self.local_workers is not None:
            from dask.distributed import LocalCluster

            # a free port for its dashboard (printed below): the scheduler's HTTP server takes one even without the
            # dashboard, and Dask's default, 8787, may belong to another cluster on this machine
            self.cluster = LocalCluster(n_workers=self.local_workers, threads_per_worker=1, processes=True,
                                        dashboard_address=":0")
            self.address = self.cluster.scheduler_address
        if self.address is not None:
            from dask.distributed import Client

            from helpers.runs import SCHEDULER_VARIABLE

            with Client(self.address, timeout="30s") as client:
                workers = len(client.scheduler_info()["workers"])
                print(f"Dask scheduler {self.address}: {workers} workers; dashboard {client.dashboard_link}",
                      flush=True)
            self.set(SCHEDULER_VARIABLE, self.address)
        self.set("TF_CPP_MIN_LOG_LEVEL", os.environ.get("TF_CPP_MIN_LOG_LEVEL", "2"))
        return self

    def set(self, name: str, value: str) -> None:
        """Set an environment variable for the kernels, keeping its old value to restore."""
        self.saved.setdefault(name, os.environ.get(name))
        os.environ[name] = value

    def __exit__(self, *exception: object) -> None:
        for name, value in self.saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        if self.cluster is not None:
            self.cluster.close()


def run_sweep(
    notebook: Path, output: Path, grid: dict[str, list[Any]], fixed: dict[str, Any], kernel_name: str = "python3",
    cluster: bool = False,
) -> int:
    """Execute ``notebook`` for every grid combination not yet done; return the number of failures. With
    ``cluster``, the kernels' stderr (where ``run_many`` reports a cluster's progress) is passed on."""
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
                cwd=notebook.parent, progress_bar=False, stderr_file=sys.stderr if cluster else None,
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
    parser.add_argument("--parameters", type=Path, metavar="FILE", help="fixed parameters from a YAML file")
    parser.add_argument("--kernel", default="python3", help="Jupyter kernel name (default: python3)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--scheduler", metavar="ADDRESS", help="train on the Dask scheduler at ADDRESS")
    where.add_argument("--local-cluster", type=int, metavar="N", help="train on a Dask LocalCluster of N workers")
    options = parser.parse_args(arguments)
    try:
        grid = dict(parse_assignment(text, many=True) for text in options.grid)
        fixed = read_parameters(options.parameters) if options.parameters else {}
        fixed |= dict(parse_assignment(text, many=False) for text in options.parameter)
    except (ValueError, OSError) as error:
        parser.error(str(error))
    if not options.notebook.is_file():
        parser.error(f"notebook {options.notebook} does not exist")
    if options.local_cluster is not None and options.local_cluster < 1:
        parser.error("--local-cluster needs at least 1 worker")
    cluster = options.scheduler is not None or options.local_cluster is not None
    with Scheduler(options.scheduler, options.local_cluster):
        failures = run_sweep(options.notebook.resolve(), options.output, grid, fixed, options.kernel, cluster)
    print(f"{failures} failed" if failures else "sweep complete", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
