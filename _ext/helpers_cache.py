"""Sphinx extension: key the notebook execution cache on the helpers' code and the pinned requirements.

jupyter-cache re-executes a notebook only when its own code changes; a change in ``helpers`` (or in a
pinned library) would otherwise leave stale outputs in the book. Each distinct helpers version gets
its own cache folder, and folders of older versions are removed. The digest is ``helpers.versioning``'s (importing
it loads no TensorFlow: the package imports its modules when a name is first used).

    python _ext/helpers_cache.py [ROOT]   prints the digest of ROOT's helpers source (.ci/helpers_tag uses it)
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __name__ == "__main__" and str(ROOT) not in sys.path:  # a script outside the book's environment (.ci/helpers_tag)
    sys.path.insert(0, str(ROOT))

from helpers.versioning import source_digest  # noqa: E402

HELPERS_SOURCE = ("helpers/**/*.py",)
KEYED_FILES = (*HELPERS_SOURCE, "requirements.txt", "pyproject.toml")


def helpers_digest(root: Path = ROOT, patterns: tuple[str, ...] = KEYED_FILES) -> str:
    """The digest (12 hex digits) of the files matching ``patterns`` under ``root``: what the chapters depend on."""
    return source_digest([path for pattern in patterns for path in root.glob(pattern)], root)[:12]


def key_cache_on_helpers(app, config) -> None:
    """Point myst-nb's cache at a folder named after the helpers' digest, removing older ones."""
    base = Path(config.nb_execution_cache_path or Path(app.outdir).parent / ".jupyter_cache")
    if not base.is_absolute():
        base = Path(app.srcdir) / base
    keyed = base / f"helpers-{helpers_digest()}"
    if base.is_dir():
        for stale in base.glob("helpers-*"):
            if stale != keyed:
                shutil.rmtree(stale, ignore_errors=True)
    config.nb_execution_cache_path = str(keyed)


def setup(app):
    """Register the cache keying with Sphinx."""
    app.connect("config-inited", key_cache_on_helpers)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


if __name__ == "__main__":
    print(helpers_digest(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT, HELPERS_SOURCE))
