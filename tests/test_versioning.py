"""The one digest of "this code": it follows paths, contents and extra strings, and nothing else."""

from __future__ import annotations

import pytest

from helpers.versioning import source_digest


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "a.py").write_text("x = 1\n")
    (tmp_path / "b.py").write_text("y = 2\n")
    return tmp_path


def digest(tree, extra=()):
    return source_digest(sorted(tree.glob("*.py")), tree, extra)


def test_the_digest_is_stable_and_ignores_the_order_of_files(tree):
    assert digest(tree) == source_digest([tree / "b.py", tree / "a.py"], tree)


@pytest.mark.parametrize("change", ["content", "name", "extra"])
def test_the_digest_follows_contents_names_and_extra_strings(tree, change):
    before = digest(tree)
    if change == "content":
        (tree / "a.py").write_text("x = 2\n")
    elif change == "name":
        (tree / "a.py").rename(tree / "c.py")
    assert (digest(tree, ["numpy==2"]) if change == "extra" else digest(tree)) != before


def test_the_digest_does_not_depend_on_where_the_tree_lies(tree, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("copy")
    for path in tree.glob("*.py"):
        (elsewhere / path.name).write_bytes(path.read_bytes())
    assert digest(elsewhere) == digest(tree)
