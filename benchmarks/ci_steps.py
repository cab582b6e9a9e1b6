"""How long CI took: each step, each chapter's execution and the tests, against the budgets; one line per run.

    python benchmarks/ci_steps.py report [--status N]    what .ci/run prints at its end (also after a failure),
                                                         from what it wrote in _build/logs/; adds the run's line
                                                         to benchmarks/ci-history.jsonl
    python benchmarks/ci_steps.py report --log CI.LOG    the same from a saved log of `bash .ci/run` (its
                                                         "== step (at N s)" lines), e.g. of an older commit
    python benchmarks/ci_steps.py history                the recorded runs, one line each: the trend

The budgets (on CI's machine, 2 cores): each chapter 4 min at its defaults, the tests 5 min, the fast tests
(`python -m pytest -m "not slow"`) 60 s, the whole run on a fresh clone 22 min. The fast tier's time is CI's step that
runs it alone ("fast tests"); a log without that step shows the sum of the fast tests' durations inside the whole
test run instead ("fast tests (summed)", over two processes: not their own run's time). Timings are noisy:
this reports them and says which are over; it fails nothing. Only the standard library, so it runs before the venv
exists.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOGS = ROOT / "_build" / "logs"
HISTORY = Path(__file__).with_name("ci-history.jsonl")
BUDGETS = {"chapter": 240, "tests": 300, "fast tests": 60, "CI": 22 * 60}
"""Seconds: a chapter's execution at its defaults, the README's test command, the fast tier, the whole run."""

STEP = re.compile(r"^== (?P<name>.+?) \(at (?P<at>\d+) s\)$")
EXECUTED = re.compile(r"chapters/(?P<chapter>[\w-]+)\.ipynb: Executed notebook in (?P<seconds>[\d.]+) seconds")
REAL = re.compile(r"^real\s+(?P<minutes>\d+)m(?P<seconds>[\d.]+)s$")  # `time bash .ci/run`
PYTEST_TOTAL = re.compile(r"^=+ .*\b(?:passed|failed)\b.* in (?P<seconds>[\d.]+)s")


def steps_from_log(lines: list[str]) -> dict[str, float]:
    """Step → seconds, from the "== step (at N s)" lines of a CI log; the last step ends at the next mark, else at
    the total that `time` printed."""
    marks = [(match["name"], int(match["at"])) for line in lines if (match := STEP.match(line.strip()))]
    ends = [60 * int(match["minutes"]) + float(match["seconds"]) for line in lines if (match := REAL.match(line.strip()))]
    if marks and ends and marks[-1][0] != "done":
        marks.append(("done", ends[-1]))
    if marks and marks[0][1] > 0:
        marks.insert(0, ("set-up", 0))
    steps = {name: float(end - start) for (name, start), (_, end) in zip(marks, marks[1:], strict=False)}
    return {name: seconds for name, seconds in steps.items() if name != "done"}


def steps_from_file(path: Path) -> dict[str, float]:
    """Step → seconds, from the tab-separated file .ci/run writes."""
    steps = {}
    for line in path.read_text().splitlines():
        name, _, seconds = line.rpartition("\t")
        if name:
            steps[name] = float(seconds)
    return steps


def chapters(lines: list[str]) -> dict[str, float]:
    """Chapter → seconds of execution, from a build log (myst-nb's "Executed notebook in ... seconds")."""
    return {match["chapter"]: float(match["seconds"]) for line in lines if (match := EXECUTED.search(line))}


def test_times(lines: list[str], path: Path) -> dict[str, float]:
    """The tests' seconds: all of them, and the fast and slow tiers when tests/conftest.py wrote them."""
    times = json.loads(path.read_text()) if path.is_file() else {}
    totals = [float(match["seconds"]) for line in lines if (match := PYTEST_TOTAL.match(line.strip()))]
    if totals and "tests" not in times:
        times["tests"] = totals[-1]
    return times


def commit() -> str:
    """The commit CI ran on (short), or "?" outside a git checkout."""
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False)
    return done.stdout.strip() or "?"


def verdict(seconds: float | None, budget: float) -> str:
    """"within" or "OVER" the budget, or "not measured"."""
    if seconds is None:
        return "not measured"
    return "within" if seconds <= budget else "OVER"


def fast_tier(run: dict) -> tuple[str, str, float | None]:
    """The fast tier's row: CI's step that runs it alone, or, in older runs, the sum of its tests' durations."""
    if "fast tests" in run["steps"]:
        return "fast tests", "fast tests", run["steps"]["fast tests"]
    return "fast tests (summed)", "fast tests", run["tests"].get("fast tests (summed)")


def table(run: dict) -> str:
    """The run as a plain-text table: steps, chapters, tests, each with its budget where it has one."""
    rows = [("step", "seconds", "budget")]
    rows += [(name, f"{seconds:.0f}", "") for name, seconds in run["steps"].items()]
    total = sum(run["steps"].values())
    rows.append(("whole run", f"{total:.0f}", f"{BUDGETS['CI']} s: {verdict(total, BUDGETS['CI'])}"))
    rows += [(f"  chapter {name}", f"{seconds:.0f}", f"{BUDGETS['chapter']} s: {verdict(seconds, BUDGETS['chapter'])}")
             for name, seconds in run["chapters"].items()]
    for name, budget, seconds in (("tests", "tests", run["tests"].get("tests")), fast_tier(run)):
        shown = "—" if seconds is None else f"{seconds:.0f}"
        rows.append((f"  {name}", shown, f"{BUDGETS[budget]} s: {verdict(seconds, BUDGETS[budget])}"))
    width = max(len(row[0]) for row in rows)
    return "\n".join(f"{name:<{width}}  {seconds:>7}  {budget}" for name, seconds, budget in rows)


def report(options: argparse.Namespace) -> int:
    """Print the run's table and add its line to the history."""
    if options.log:
        lines = Path(options.log).read_text(errors="replace").splitlines()
        steps = steps_from_log(lines)
    else:
        lines = (LOGS / "book.log").read_text(errors="replace").splitlines() if (LOGS / "book.log").is_file() else []
        steps = steps_from_file(LOGS / "ci-steps.tsv") if (LOGS / "ci-steps.tsv").is_file() else {}
    run = {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M"),
        "commit": options.commit or commit(),
        "status": options.status,
        "cores": os.cpu_count(),
        "steps": steps,
        "chapters": chapters(lines),
        "tests": test_times(lines, LOGS / "test-times.json"),
    }
    print(f"\nCI times of {run['commit']} ({'passed' if run['status'] == 0 else 'FAILED'}, {run['cores']} cores):")
    print(table(run))
    if not options.no_history:
        with HISTORY.open("a") as history:
            history.write(json.dumps(run, ensure_ascii=False) + "\n")
    return 0


def history(options: argparse.Namespace) -> int:
    """One line per recorded run: date, commit, status, whole run, slowest chapter, tests, fast tests."""
    if not HISTORY.is_file():
        print("no run recorded yet")
        return 0
    print(f"{'date':16}  {'commit':9}  {'status':6}  {'whole':>6}  {'slowest chapter':>24}  {'tests':>6}  {'fast':>5}")
    for line in HISTORY.read_text().splitlines():
        run = json.loads(line)
        slowest = max(run["chapters"].items(), key=lambda item: item[1], default=("—", 0))
        tests, fast = (("—" if seconds is None else format(seconds, ".0f"))
                       for seconds in (run["tests"].get("tests"), fast_tier(run)[2]))
        print(f"{run['date']:16}  {run['commit']:9}  {'passed' if run['status'] == 0 else 'failed':6}  "
              f"{sum(run['steps'].values()):6.0f}  {slowest[0] + ' ' + format(slowest[1], '.0f'):>24}  "
              f"{tests:>6}  {fast:>5}")
    return 0


def main(arguments: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    reporting = commands.add_parser("report", help="the table of this run, and its line in the history")
    reporting.add_argument("--status", type=int, default=0, help="CI's exit status")
    reporting.add_argument("--log", help="a saved log of `bash .ci/run` instead of _build/logs/")
    reporting.add_argument("--commit", help="the commit the log is of (default: HEAD)")
    reporting.add_argument("--no-history", action="store_true", help="print only, add no line")
    commands.add_parser("history", help="the recorded runs, one line each")
    options = parser.parse_args(arguments)
    return report(options) if options.command == "report" else history(options)


if __name__ == "__main__":
    sys.exit(main())
