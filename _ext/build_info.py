"""Sphinx extension: the ``{library-versions}`` directive, a table of the software the book was built with.

It lists the Python version and, for each package pinned in ``requirements.txt`` (the environment the build,
the tests and Binder install), the version installed in the environment running the build, which is also the
one whose kernel executes the chapters. A page using the directive is re-read on every build, so the table
never shows the versions of an earlier build.
"""

from __future__ import annotations

import platform
import subprocess
from importlib import metadata
from pathlib import Path

from docutils import nodes
from packaging.requirements import InvalidRequirement, Requirement
from sphinx.util.docutils import SphinxDirective

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENTS = ROOT / "requirements.txt"
HELPERS_DISTRIBUTION = "dropout-book-helpers"


def pinned_packages(requirements: Path = REQUIREMENTS) -> list[str]:
    """Names of the packages in a requirements file that apply to this platform, in file order.

    ``-e .`` (the book's own helpers) appears as the helpers' distribution name.
    """
    names: list[str] = []
    for line in requirements.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith(("-e", "--editable")) and line.split()[-1] == ".":
            names.append(HELPERS_DISTRIBUTION)
            continue
        if line.startswith("-"):
            continue
        try:
            requirement = Requirement(line)
        except InvalidRequirement:
            continue
        if requirement.marker is None or requirement.marker.evaluate():
            names.append(requirement.name)
    return names


def installed_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def source_commit(root: Path = ROOT) -> str | None:
    """The git commit the book is built from (marked when the work tree has changes), or None outside git."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=root, capture_output=True,
                                text=True, check=True).stdout.strip()
        changed = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=root,
                                 capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return f"{commit} (with uncommitted changes)" if changed else commit


def versions_table(rows: list[tuple[str, str]]) -> nodes.table:
    table = nodes.table(classes=["colwidths-auto", "library-versions"])
    group = nodes.tgroup(cols=2)
    table += group
    group += [nodes.colspec(colwidth=1), nodes.colspec(colwidth=1)]
    head = nodes.thead()
    group += head
    body = nodes.tbody()
    group += body
    for section, cells in ((head, [("Software", "Version")]), (body, rows)):
        for name, version in cells:
            row = nodes.row()
            for text in (name, version):
                cell = nodes.entry()
                cell += nodes.paragraph(text=text)
                row += cell
            section += row
    return table


class LibraryVersions(SphinxDirective):
    """``{library-versions}``: Python, then every package pinned in requirements.txt with its installed version."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        self.env.note_dependency(str(REQUIREMENTS))
        self.env.build_info_docs = getattr(self.env, "build_info_docs", set()) | {self.env.docname}
        rows = [("Python", platform.python_version())]
        rows += [(name, installed_version(name)) for name in pinned_packages()]
        result: list[nodes.Node] = [versions_table(rows)]
        commit = source_commit()
        details = f"Built on {platform.system()} {platform.machine()}"
        details += f" from commit {commit} of the repository." if commit else "."
        result.append(nodes.paragraph(text=details, translatable=False))  # generated: not a message to translate
        return result


def always_reread(app, env, added, changed, removed) -> list[str]:
    """Pages with the directive are re-read on every build, so their versions are this build's."""
    return sorted(getattr(env, "build_info_docs", set()) - set(removed))


def forget(app, env, docname) -> None:
    getattr(env, "build_info_docs", set()).discard(docname)


def merge(app, env, docnames, other) -> None:
    env.build_info_docs = getattr(env, "build_info_docs", set()) | getattr(other, "build_info_docs", set())


def setup(app):
    app.add_directive("library-versions", LibraryVersions)
    app.connect("env-get-outdated", always_reread)
    app.connect("env-purge-doc", forget)
    app.connect("env-merge-info", merge)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
