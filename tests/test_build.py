"""The book's build configuration: a chapter that raises fails the build, and the cache follows helpers."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "_ext"))
import helpers_cache  # noqa: E402

pytestmark = pytest.mark.slow  # builds tiny books


def tiny_book(folder: Path, code: str) -> Path:
    """A one-chapter book using this book's _config.yml and extensions, whose chapter runs ``code``."""
    folder.mkdir()
    shutil.copy(ROOT / "_config.yml", folder / "_config.yml")
    shutil.copytree(ROOT / "_ext", folder / "_ext")
    (folder / "helpers").mkdir()  # the execution cache's key is helpers/versioning.py's digest
    shutil.copy(ROOT / "helpers" / "versioning.py", folder / "helpers" / "versioning.py")
    for resource in ("references.bib", "_static"):  # whatever the configuration refers to
        source = ROOT / resource
        if source.is_dir():
            shutil.copytree(source, folder / resource)
        elif source.is_file():
            shutil.copy(source, folder / resource)
    (folder / "_toc.yml").write_text("format: jb-book\nroot: intro\nchapters:\n  - file: chapter\n")
    (folder / "intro.md").write_text("# A tiny book\n")
    cells = [nbformat.v4.new_markdown_cell("# Chapter"), nbformat.v4.new_code_cell(code)]
    notebook = nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    nbformat.write(notebook, folder / "chapter.ipynb")
    return folder


def build(folder: Path) -> subprocess.CompletedProcess:
    command = [str(Path(sys.executable).with_name("jupyter-book")), "build", str(folder), "-W"]
    return subprocess.run(command, capture_output=True, text=True, cwd=folder)


@pytest.mark.parametrize(
    ("code", "succeeds"),
    [("print('fine', 6 * 7)", True), ("raise RuntimeError('this chapter is broken')", False)],
    ids=["good-chapter", "raising-chapter"],
)
def test_a_raising_chapter_fails_the_build_and_publishes_no_page(tmp_path, code, succeeds):
    book = tiny_book(tmp_path / "book", code)
    result = build(book)
    page = book / "_build" / "html" / "chapter.html"
    assert (result.returncode == 0) == succeeds, result.stdout[-3000:] + result.stderr[-3000:]
    assert page.is_file() == succeeds
    if succeeds:
        assert "fine 42" in page.read_text()
    else:
        assert "this chapter is broken" in result.stdout + result.stderr


def test_the_cache_key_changes_with_helpers_code(tmp_path):
    (tmp_path / "helpers").mkdir()
    (tmp_path / "helpers" / "data.py").write_text("X = 1\n")
    (tmp_path / "requirements.txt").write_text("keras==3\n")
    first = helpers_cache.helpers_digest(tmp_path)
    assert helpers_cache.helpers_digest(tmp_path) == first
    (tmp_path / "helpers" / "data.py").write_text("X = 2\n")
    second = helpers_cache.helpers_digest(tmp_path)
    (tmp_path / "requirements.txt").write_text("keras==3.1\n")
    assert len({first, second, helpers_cache.helpers_digest(tmp_path)}) == 3


def test_the_cache_folder_is_keyed_and_old_ones_removed(tmp_path):
    class Config:
        nb_execution_cache_path = str(tmp_path / "cache")

    class App:
        srcdir = str(tmp_path)
        outdir = str(tmp_path / "_build" / "html")

    stale = tmp_path / "cache" / "helpers-000000000000"
    stale.mkdir(parents=True)
    config = Config()
    helpers_cache.key_cache_on_helpers(App(), config)
    assert Path(config.nb_execution_cache_path).name == f"helpers-{helpers_cache.helpers_digest()}"
    assert not stale.exists()
