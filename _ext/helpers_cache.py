"""Sphinx extension: key the notebook execution cache on the helpers' code and the pinned requirements.

jupyter-cache re-executes a notebook only when its own code changes; a change in ``helpers`` (or in a
pinned library) would otherwise leave stale outputs in the book. Each distinct helpers version gets
its own cache folder, and folders of older versions are removed.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KEYED_FILES = ("helpers/**/*.py", "requirements.txt", "pyproject.toml")


def helpers_digest(root: Path = ROOT) -> str:
    """SHA-256 (first 12 hex digits) over the paths and contents of the files the chapters depend on."""
    digest = hashlib.sha256()
    for pattern in KEYED_FILES:
        for path in sorted(root.glob(pattern)):
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


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
    app.connect("config-inited", key_cache_on_helpers)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
