"""The bootstrap cell: every chapter starts with it, it does nothing in the book's environment, and where
``helpers`` is missing (Colab) it installs the helpers of the matching version from the repository.

The install is tested offline, as far as this machine allows: git is redirected from the repository's URL
to a local repository holding this checkout's helpers under the expected tag (``url.<local>.insteadOf``),
and pip may use no package index, so nothing is downloaded. The interpreter is a throwaway virtual
environment that sees this environment's packages (numpy, keras, myst-nb, ...) but not ``helpers``, as Colab
sees its preinstalled packages.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

from tools import bootstrap_cell  # noqa: E402


def chapter_id(path: Path) -> str:
    return path.stem


@pytest.mark.parametrize("chapter", bootstrap_cell.chapters(), ids=chapter_id)
def test_every_chapter_in_the_toc_starts_with_the_bootstrap_cell(chapter):
    assert chapter.is_file(), f"{chapter} is listed in _toc.yml but does not exist"
    first = json.loads(chapter.read_text())["cells"][0]
    assert first == bootstrap_cell.cell(), (
        f"{chapter.relative_to(ROOT)} must start with the bootstrap cell; add or refresh it with: "
        f"python tools/bootstrap_cell.py {chapter.relative_to(ROOT)}"
    )


def test_the_cell_installs_this_repository_at_the_tag_of_this_helpers_version():
    import helpers

    source = bootstrap_cell.cell_source()
    assert bootstrap_cell.tag() == f"v{helpers.__version__}"
    assert f"git+{bootstrap_cell.repository_url()}@v{helpers.__version__}" in source
    assert "dropout-book-helpers[notebooks] @" in source
    assert "remove-cell" in bootstrap_cell.cell()["metadata"]["tags"]


def test_the_package_version_has_one_source():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "version" not in project["project"]
    assert "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "helpers.__version__"}


def test_the_cell_does_nothing_where_helpers_is_importable(monkeypatch):
    def no_install(*args, **kwargs):
        raise AssertionError(f"the bootstrap cell ran {args} although helpers is importable")

    monkeypatch.setattr(subprocess, "run", no_install)
    exec(bootstrap_cell.cell_source(), {})


def test_the_tool_adds_the_cell_once_and_refreshes_an_old_one(tmp_path):
    notebook = {
        "cells": [{"cell_type": "markdown", "id": "title", "metadata": {}, "source": ["# A chapter"]}],
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                     "language_info": {"name": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = tmp_path / "chapter.ipynb"
    path.write_text(json.dumps(notebook))
    assert not bootstrap_cell.starts_with_cell(path)
    assert bootstrap_cell.main(["--check", str(path)]) == 1

    assert bootstrap_cell.add_cell(path)
    assert bootstrap_cell.starts_with_cell(path)
    assert not bootstrap_cell.add_cell(path), "a second run must change nothing"

    stale = json.loads(path.read_text())
    stale["cells"][0]["source"] = ["# an older version of the cell\n"]
    path.write_text(json.dumps(stale))
    assert bootstrap_cell.add_cell(path)
    cells = json.loads(path.read_text())["cells"]
    assert cells[0] == bootstrap_cell.cell()
    assert len(cells) == 2
    assert cells[1]["id"] == "title"
    assert json.loads(path.read_text())["metadata"] == notebook["metadata"]


def is_helpers_install(name: str) -> bool:
    """The entries of site-packages that make the checkout's helpers importable (editable install)."""
    lowered = name.lower()
    return "dropout_book_helpers" in lowered or lowered in {"helpers", "helpers.pth"}


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, timeout=600, check=False, **kwargs)


@pytest.fixture
def origin(tmp_path) -> Path:
    """A local git repository with this checkout's helpers, committed and tagged as the cell expects."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repository = tmp_path / "origin"
    repository.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, repository / name)
    shutil.copytree(ROOT / "helpers", repository / "helpers", ignore=shutil.ignore_patterns("__pycache__"))
    git = ["git", "-C", str(repository), "-c", "user.name=test", "-c", "user.email=test@localhost"]
    for command in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "helpers"], ["tag", bootstrap_cell.tag()]):
        done = run(git + command)
        assert done.returncode == 0, done.stderr
    return repository


@pytest.fixture
def colab_like_python(tmp_path) -> Path:
    """A virtual environment that sees this environment's packages, except helpers; returns its python."""
    if importlib.util.find_spec("setuptools") is None:
        pytest.skip("setuptools is not installed here, and the offline install builds helpers without isolation")
    packages = Path(sysconfig.get_paths()["purelib"])
    visible = tmp_path / "preinstalled"
    visible.mkdir()
    for entry in packages.iterdir():
        if not is_helpers_install(entry.name):
            (visible / entry.name).symlink_to(entry)
    environment = tmp_path / "venv"
    created = run([sys.executable, "-m", "venv", "--without-pip", str(environment)])
    assert created.returncode == 0, created.stderr
    python = environment / "bin" / "python"
    own_packages = run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip()
    # a path in a .pth file joins sys.path, but the .pth files inside it (the editable finder) are not run
    (Path(own_packages) / "preinstalled.pth").write_text(f"{visible}\n")
    return python


def offline_environment(origin: Path) -> dict[str, str]:
    """No package index, no pip configuration, and git fetching the repository's URL from ``origin``."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("PIP_", "PYTHON"))}
    environment.update({
        "PIP_CONFIG_FILE": os.devnull,
        "PIP_NO_INDEX": "1",
        "PIP_NO_CACHE_DIR": "1",
        "PIP_NO_BUILD_ISOLATION": "0",  # pip's spelling of --no-build-isolation: build with the visible setuptools
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "PYTHONNOUSERSITE": "1",
        "GIT_TERMINAL_PROMPT": "0",
        "GIT_CONFIG_COUNT": "1",
        "GIT_CONFIG_KEY_0": f"url.{origin}.insteadOf",
        "GIT_CONFIG_VALUE_0": bootstrap_cell.repository_url(),
    })
    return environment


@pytest.mark.slow  # installs helpers offline
def test_where_helpers_is_missing_the_cell_installs_the_tagged_version(tmp_path, origin, colab_like_python):
    import helpers

    environment = offline_environment(origin)
    elsewhere = tmp_path / "notebook"  # not the repository root, where `import helpers` would find the checkout
    elsewhere.mkdir()
    probe = "import importlib.util; print(importlib.util.find_spec('helpers'))"
    before = run([str(colab_like_python), "-c", probe], cwd=elsewhere, env=environment)
    assert before.stdout.strip() == "None", before.stdout + before.stderr

    chapter_start = bootstrap_cell.cell_source() + (
        "\nimport helpers\nfrom myst_nb import glue\nprint(helpers.__version__)\nprint(helpers.__file__)\n"
    )
    installed = run([str(colab_like_python), "-c", chapter_start], cwd=elsewhere, env=environment)
    assert installed.returncode == 0, installed.stdout[-3000:] + installed.stderr[-3000:]
    version, location = installed.stdout.strip().splitlines()[-2:]
    assert version == helpers.__version__
    assert Path(location).is_relative_to(colab_like_python.parent.parent), f"helpers imported from {location}"

    again = run([str(colab_like_python), "-c", chapter_start], cwd=elsewhere, env=environment)
    assert again.returncode == 0
    assert again.stdout.strip().splitlines()[-1] == location


@pytest.mark.slow  # runs pip
def test_a_missing_tag_stops_the_cell_with_pips_error(tmp_path, origin, colab_like_python):
    done = run(["git", "-C", str(origin), "tag", "-d", bootstrap_cell.tag()])
    assert done.returncode == 0, done.stderr
    elsewhere = tmp_path / "notebook"
    elsewhere.mkdir()
    failed = run([str(colab_like_python), "-c", bootstrap_cell.cell_source()], cwd=elsewhere,
                 env=offline_environment(origin))
    assert failed.returncode != 0
    assert "CalledProcessError" in failed.stderr
    assert bootstrap_cell.tag() in failed.stdout + failed.stderr
