"""Warm builds: the key of the workflows' execution cache, and the proof that a warm build cannot go stale.

The GitHub workflows keep the execution cache (_build/.jupyter_cache) and the experiment records (_build/records)
between runs (.github/workflows/book.yml). This script gives them their key, and checks what a warm build does.

    python3 .ci/warm_builds.py key
        prints `key=…` and `prefix=…` (for $GITHUB_OUTPUT). Standard library only: the workflow runs it before
        .ci/run has made the virtual environment.
    python .ci/warm_builds.py check [--full] [--keep]
        after the README's build command (.ci/run calls it): copies the book's sources, _build/.jupyter_cache and
        _build/records (what a workflow restores, nothing else of _build/) into a new folder, then rebuilds that copy
        three times with the README's command, reading in each build's own log which chapters myst-nb executed
        ("Executing notebook") and which it took from the cache ("Using cached notebook"):
          (a) one markdown cell of one chapter edited: no chapter executed, the build done in 60 s or less, and the
              new prose on the page;
          (b) one code cell of 01_data edited: 01_data executed, every other chapter from the cache;
          (c) helpers/ edited: every chapter executed. By default a probe: the rebuild runs with each cell cut off
              after 1 s, so each chapter the cache reports stale starts executing (the log says so) and stops at
              once — the cache's own verdict on every chapter, for a minute instead of a full re-execution.
              --full lets every chapter run to the end (as long as a clean build).
        Exits 1, naming the case, when a case does not hold.
    python .ci/warm_builds.py prune
        removes from _build/records every record of older training code (helpers.code_version()), before main
        saves the cache: records are keyed on the code, so those can never be read again.

The key is `book-exec-v1-<os>-<machine>-py<X.Y>-<digest>`. The digest (helpers/versioning.py's source_digest) is
over everything that can change an output: each chapter's code cells (source and cell metadata, and the kernel
— what jupyter-cache itself hashes; markdown cells are left out, so a prose edit keeps the key), the other files
in chapters/, helpers/ (its code and MNIST's SHA-256 digests in helpers/data.py), requirements*.txt and
pyproject.toml. The prefix (the runtime: OS, machine, Python) is what a workflow may fall back to: every entry
under one prefix is safe to start from, because jupyter-cache re-executes a chapter whose code cells changed,
_ext/helpers_cache.py gives a changed helpers/ an empty cache, and a record names its code version.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run before the book's environment exists (the workflows' key): helpers from here

from helpers.versioning import source_digest  # noqa: E402  (no TensorFlow: helpers imports its modules on use)

CACHE_VERSION = "v1"  # bump to start every workflow from an empty cache once
KEYED_FILES = ("helpers/**/*", "chapters/**/*", "requirements*.txt", "pyproject.toml")
CACHED_FOLDERS = ("_build/.jupyter_cache", "_build/records")  # what the workflows restore and save
NOT_SOURCES = {".git", ".venv", "_build", "__pycache__", ".pytest_cache", ".ruff_cache", ".ipynb_checkpoints"}
PROSE_LIMIT_SECONDS = 60.0
PROBE_TIMEOUT_SECONDS = 1
CODE_CHAPTER = "chapters/01_data"
HELPERS_FILE = "helpers/__init__.py"
MARKER = "warm-build check"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
EVENT = re.compile(
    r"^(?P<path>\S+\.ipynb): (?:WARNING: )?(?P<event>Executing notebook using|Using cached notebook|Executed notebook in"
    r"|Executing notebook failed)"
)
EVENTS = {
    "Executing notebook using": "executing",
    "Using cached notebook": "cached",
    "Executed notebook in": "executed",
    "Executing notebook failed": "failed",
}


# ---- the key ----------------------------------------------------------------------------------------------------


def code_cells(notebook: Path) -> str:
    """The part of a notebook that jupyter-cache hashes: the kernel, and each code cell's source and metadata."""
    content = json.loads(notebook.read_text(encoding="utf-8"))
    cells = [
        {"source": "".join(cell.get("source", "")), "metadata": cell.get("metadata", {})}
        for cell in content.get("cells", [])
        if cell.get("cell_type") == "code"
    ]
    kernel = content.get("metadata", {}).get("kernelspec", {})
    return json.dumps({"kernelspec": kernel, "cells": cells}, sort_keys=True, ensure_ascii=False)


def keyed_files(root: Path) -> tuple[list[Path], list[Path]]:
    """The files the key covers whole, and the notebooks it covers by their code cells."""
    files, notebooks = set(), set()
    for pattern in KEYED_FILES:
        for path in root.glob(pattern):
            parts = path.relative_to(root).parts
            if not path.is_file() or "__pycache__" in parts or ".ipynb_checkpoints" in parts:
                continue
            (notebooks if path.suffix == ".ipynb" else files).add(path)
    return sorted(files), sorted(notebooks)


def runtime_prefix() -> str:
    """`book-exec-v1-<os>-<machine>-py<X.Y>-`: the part of the key a workflow never falls back across."""
    try:
        release = platform.freedesktop_os_release()
        system = release.get("ID", "linux") + release.get("VERSION_ID", "")
    except OSError:
        system = sys.platform
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    return f"book-exec-{CACHE_VERSION}-{system}-{platform.machine()}-py{python}-"


def cache_key(root: Path = ROOT) -> tuple[str, str]:
    """The workflows' cache key and its restore prefix for the book at ``root``."""
    files, notebooks = keyed_files(root)
    extra = [f"{notebook.relative_to(root).as_posix()}\0{code_cells(notebook)}" for notebook in notebooks]
    prefix = runtime_prefix()
    return prefix + source_digest(files, root, extra), prefix


# ---- the check --------------------------------------------------------------------------------------------------


@dataclass
class Build:
    """One rebuild of the copy: its log, how long it took, and what myst-nb did with each chapter."""

    returncode: int
    seconds: float
    log: str
    events: dict[str, set[str]] = field(default_factory=dict)
    cache_folder: str = ""


class CaseFailed(Exception):
    """A warm-build case did not hold."""


def chapters_of(root: Path) -> list[str]:
    """The documents of _toc.yml that are notebooks: the chapters the build executes, in order."""
    names = re.findall(r"file:\s*(\S+)", (root / "_toc.yml").read_text(encoding="utf-8"))
    return [name for name in names if (root / f"{name}.ipynb").is_file()]


def book_files(root: Path) -> list[str]:
    """The book's source files as git sees them: tracked and untracked, less what .gitignore ignores (_build/).

    Without a usable git (none, or a checkout git calls unsafe because another user owns it), every file but
    those of NOT_SOURCES.
    """
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=root,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split("\0")
    except (OSError, subprocess.CalledProcessError):
        listed = [
            path.relative_to(root).as_posix()
            for path in root.rglob("*")
            if not any(part in NOT_SOURCES or part.endswith(".egg-info") for part in path.relative_to(root).parts)
        ]
    return sorted({name for name in listed if name and (root / name).is_file()})


def copy_book(root: Path, destination: Path) -> None:
    """Copy the sources and the two cached folders of ``root`` into ``destination``, as a workflow would see them."""
    for name in book_files(root):
        target = destination / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / name, target)
    for folder in CACHED_FOLDERS:
        if not (root / folder).is_dir():
            raise CaseFailed(f"{root / folder} is missing: run the README's build command first")
        shutil.copytree(root / folder, destination / folder, symlinks=True)


def build_environment(book: Path) -> dict[str, str]:
    """The environment of a rebuild: the copy's own helpers first on the path, records in the copy's _build/."""
    environment = dict(os.environ)
    environment["PYTHONPATH"] = os.pathsep.join(filter(None, [str(book), environment.get("PYTHONPATH")]))
    environment.pop("DROPOUT_BOOK_RECORDS", None)
    environment.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    return environment


def imported_helpers(book: Path, environment: dict[str, str]) -> Path:
    """Where a chapter of the copy (running in chapters/) imports helpers from."""
    found = subprocess.run(
        [sys.executable, "-c", "import helpers; print(helpers.__file__)"],
        cwd=book / "chapters",
        env=environment,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return Path(found).resolve().parent


def parse_log(log: str, book: Path) -> tuple[dict[str, set[str]], str]:
    """Chapter → what myst-nb did ("executing", "cached", "executed", "failed") and the cache folder it used."""
    events: dict[str, set[str]] = {name: set() for name in EVENTS.values()}
    cache_folder = ""
    for raw in log.splitlines():
        line = ANSI.sub("", raw).strip()
        if line.startswith("Using jupyter-cache at:"):
            cache_folder = Path(line.split(":", 1)[1].strip()).name
        match = EVENT.match(line)
        if match:
            path = Path(match["path"]).resolve()
            document = path.relative_to(book.resolve()).with_suffix("").as_posix()
            events[EVENTS[match["event"]]].add(document)
    return events, cache_folder


def rebuild(book: Path, environment: dict[str, str], logs: Path, name: str, strict: bool = True) -> Build:
    """The README's build command in the copy, from the cached folders only (as a fresh workflow job)."""
    for output in ("html", ".doctrees", "jupyter_execute"):
        shutil.rmtree(book / "_build" / output, ignore_errors=True)
    command = [str(Path(sys.executable).with_name("jupyter-book")), "build", ".", *(["-W"] if strict else [])]
    start = time.monotonic()
    finished = subprocess.run(command, cwd=book, env=environment, capture_output=True, text=True)
    seconds = time.monotonic() - start
    log = finished.stdout + finished.stderr
    logs.mkdir(parents=True, exist_ok=True)
    (logs / f"{name}.log").write_text(log, encoding="utf-8")
    events, cache_folder = parse_log(log, book)
    return Build(finished.returncode, seconds, log, events, cache_folder)


def read_notebook(path: Path) -> dict:
    """A notebook's JSON."""
    return json.loads(path.read_text(encoding="utf-8"))


def write_notebook(path: Path, content: dict) -> None:
    """Write a notebook's JSON as Jupyter does (one-space indent)."""
    path.write_text(json.dumps(content, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def append_to_cell(path: Path, cell_type: str, text: str) -> None:
    """Append ``text`` to the last cell of ``cell_type`` that is neither the bootstrap nor the parameters cell."""
    content = read_notebook(path)
    cells = [
        cell
        for cell in content["cells"]
        if cell["cell_type"] == cell_type
        and not {"bootstrap", "parameters"} & set(cell.get("metadata", {}).get("tags", []))
    ]
    if not cells:
        raise CaseFailed(f"{path} has no {cell_type} cell to edit")
    cells[-1]["source"] = "".join(cells[-1]["source"]).rstrip("\n") + text
    write_notebook(path, content)


def probe_configuration(book: Path) -> None:
    """The copy's _config.yml with every cell cut off after PROBE_TIMEOUT_SECONDS, and a failed cell not fatal."""
    import yaml  # the book's environment has PyYAML (jupyter-book); `key` must not need it

    path = book / "_config.yml"
    configuration = yaml.safe_load(path.read_text(encoding="utf-8"))
    configuration.setdefault("execute", {})["timeout"] = PROBE_TIMEOUT_SECONDS
    sphinx = configuration.setdefault("sphinx", {}).setdefault("config", {})
    sphinx["nb_execution_raise_on_error"] = False
    path.write_text(yaml.safe_dump(configuration, sort_keys=False, allow_unicode=True), encoding="utf-8")


def expect(condition: bool, case: str, message: str, build: Build) -> None:
    """Raise CaseFailed with the case, the message and the tail of the build's log, unless ``condition``."""
    if not condition:
        tail = "\n".join(build.log.splitlines()[-40:])
        raise CaseFailed(f"{case}: {message}\n--- last lines of the build's log ---\n{tail}")


def listed(names: set[str] | list[str]) -> str:
    """Chapter names without their folder, for a one-line summary ("none" when empty)."""
    return ", ".join(sorted(Path(name).name for name in names)) or "none"


def check(root: Path, full: bool, keep: bool) -> int:
    """The three cases on a copy of the freshly built book at ``root``; 0 when all hold."""
    chapters = chapters_of(root)
    prose_chapter = chapters[-1]
    book = Path(tempfile.mkdtemp(prefix="warm-builds-"))
    logs = root / "_build" / "warm-builds"
    shutil.rmtree(logs, ignore_errors=True)
    rows = []
    try:
        copy_book(root, book)
        environment = build_environment(book)
        helpers_source = imported_helpers(book, environment)
        if helpers_source != (book / "helpers").resolve():
            raise CaseFailed(f"the copy imports helpers from {helpers_source}, not from its own {book / 'helpers'}")
        print(f"copy of the book with its caches in {book} (helpers imported from the copy)", flush=True)

        # (a) prose: a markdown cell of the last chapter
        case = f"(a) markdown cell of {prose_chapter} edited"
        notebook = book / f"{prose_chapter}.ipynb"
        original = notebook.read_text(encoding="utf-8")
        sentence = f"This sentence was added by the {MARKER}."
        append_to_cell(notebook, "markdown", f"\n\n{sentence}\n")
        built = rebuild(book, environment, logs, "prose")
        expect(built.returncode == 0, case, f"the build failed (exit {built.returncode})", built)
        expect(not built.events["executing"], case, f"executed {listed(built.events['executing'])}", built)
        expect(
            built.events["cached"] == set(chapters),
            case,
            f"from the cache: {listed(built.events['cached'])}; chapters: {listed(chapters)}",
            built,
        )
        page = book / "_build" / "html" / f"{prose_chapter}.html"
        expect(sentence in page.read_text(encoding="utf-8"), case, f"{page} lacks the edited prose", built)
        expect(
            built.seconds <= PROSE_LIMIT_SECONDS,
            case,
            f"took {built.seconds:.0f} s, more than {PROSE_LIMIT_SECONDS:.0f} s",
            built,
        )
        rows.append((case, listed(built.events["executing"]), built.seconds))
        notebook.write_text(original, encoding="utf-8")
        cache_folder = built.cache_folder

        # (b) code: a code cell of one cheap chapter
        case = f"(b) code cell of {CODE_CHAPTER} edited"
        notebook = book / f"{CODE_CHAPTER}.ipynb"
        original = notebook.read_text(encoding="utf-8")
        append_to_cell(notebook, "code", f"\n# {MARKER}: code edited\n")
        built = rebuild(book, environment, logs, "code")
        expect(built.returncode == 0, case, f"the build failed (exit {built.returncode})", built)
        expect(
            built.events["executing"] == {CODE_CHAPTER},
            case,
            f"executed {listed(built.events['executing'])}, expected {listed([CODE_CHAPTER])} only",
            built,
        )
        expect(built.events["executed"] == {CODE_CHAPTER}, case, f"{CODE_CHAPTER} did not finish executing", built)
        expect(
            built.events["cached"] == set(chapters) - {CODE_CHAPTER},
            case,
            f"from the cache: {listed(built.events['cached'])}",
            built,
        )
        rows.append((case, listed(built.events["executing"]), built.seconds))
        notebook.write_text(original, encoding="utf-8")

        # (c) helpers: one line added to the package
        mode = "full" if full else f"probe, cells cut off after {PROBE_TIMEOUT_SECONDS} s"
        case = f"(c) {HELPERS_FILE} edited ({mode})"
        with (book / HELPERS_FILE).open("a", encoding="utf-8") as handle:
            handle.write(f"# {MARKER}: helpers edited\n")
        if not full:
            probe_configuration(book)
        built = rebuild(book, environment, logs, "helpers", strict=full)
        expect(
            bool(built.cache_folder) and built.cache_folder != cache_folder,
            case,
            f"the execution cache folder stayed {cache_folder!r}: the helpers edit was not seen",
            built,
        )
        expect(
            built.events["executing"] == set(chapters),
            case,
            f"executed {listed(built.events['executing'])}, expected every chapter: {listed(chapters)}",
            built,
        )
        expect(not built.events["cached"], case, f"from the cache: {listed(built.events['cached'])}", built)
        if full:
            expect(built.returncode == 0, case, f"the build failed (exit {built.returncode})", built)
            expect(
                built.events["executed"] == set(chapters),
                case,
                f"finished executing: {listed(built.events['executed'])}",
                built,
            )
        else:
            ended = built.events["executed"] | built.events["failed"]
            expect(ended == set(chapters), case, f"executions that ended: {listed(ended)}", built)
        rows.append((case, listed(built.events["executing"]), built.seconds))
    except CaseFailed as failure:
        print(f"warm builds: FAILED {failure}\n(build logs in {logs})", file=sys.stderr)
        return 1
    finally:
        if keep:
            print(f"kept the copy in {book}")
        else:
            shutil.rmtree(book, ignore_errors=True)
    print("warm builds (each a rebuild of a copy holding only the sources and the restored caches):")
    width = max(len(case) for case, _, _ in rows)
    for case, executed, seconds in rows:
        print(f"  {case:<{width}}  executed: {executed:<40}  {seconds:6.1f} s")
    print(f"warm builds: all {len(rows)} cases hold (build logs in {logs})")
    return 0


def prune(root: Path) -> int:
    """Remove the records in ``root``/_build/records that another training code wrote; 0."""
    import helpers  # the book's environment (TensorFlow): run with .venv/bin/python, after .ci/run

    current = helpers.code_version()
    folder = root / "_build" / "records"
    kept = dropped = 0
    for entry in sorted(folder.iterdir()) if folder.is_dir() else []:
        record = entry / "record.json" if entry.is_dir() else entry
        try:
            version = json.loads(record.read_text(encoding="utf-8")).get("code_version")
        except (OSError, ValueError, AttributeError):
            version = None
        if version == current:
            kept += 1
            continue
        if entry.is_dir():
            shutil.rmtree(entry)
        else:
            entry.unlink()
        dropped += 1
    print(f"records: kept {kept} of code version {current}, removed {dropped} of other code or unreadable")
    return 0


def main(arguments: list[str] | None = None) -> int:
    """Command line: `key`, `check` or `prune`."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    key_parser = commands.add_parser("key", help="print key=… and prefix=… of the workflows' execution cache")
    key_parser.add_argument("root", nargs="?", type=Path, default=ROOT)
    check_parser = commands.add_parser("check", help="the three warm-build cases on a copy of the built book")
    check_parser.add_argument("--full", action="store_true", help="case (c) executes every chapter to the end")
    check_parser.add_argument("--keep", action="store_true", help="keep the copy of the book")
    commands.add_parser("prune", help="remove the records of older training code from _build/records")
    options = parser.parse_args(arguments)
    if options.command == "key":
        key, prefix = cache_key(options.root.resolve())
        print(f"key={key}\nprefix={prefix}")
        return 0
    if options.command == "prune":
        return prune(ROOT)
    return check(ROOT, options.full, options.keep)


if __name__ == "__main__":
    sys.exit(main())
