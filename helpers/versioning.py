"""The one digest of "this code": records, the execution cache and the helpers tag all ask it.

This module imports nothing heavy (no TensorFlow), so Sphinx extensions and CI scripts load it by path.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

__all__ = ["source_digest"]


def source_digest(files: Iterable[Path], root: Path, extra: Iterable[str] = ()) -> str:
    """SHA-256 (16 hex digits) over each file's path relative to ``root`` and its bytes, then ``extra`` strings."""
    digest = hashlib.sha256()
    for path in sorted(Path(file) for file in files):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for text in extra:
        digest.update(text.encode() + b"\0")
    return digest.hexdigest()[:16]
