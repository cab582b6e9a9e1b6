"""Sphinx extension: each inline script appears once per page.

Sphinx 7.4 adds an inline script registered after the builder started (sphinx-thebe's
``const THEBE_JS_URL = ...``, added when the documents are read) twice, once with the file name None and once
with "", so every page threw "Identifier 'THEBE_JS_URL' has already been declared" (found by
tests/test_pages.py). This drops the repeated copy from each page's scripts.
"""

from __future__ import annotations


def script_key(script) -> tuple:
    """What makes a script: its file (None and "" alike: inline) and its attributes (the body of an inline one)."""
    filename = getattr(script, "filename", str(script)) or ""
    return (filename, tuple(sorted((getattr(script, "attributes", None) or {}).items())))


def drop_repeated_scripts(app, pagename, templatename, context, doctree) -> None:
    scripts = context.get("script_files")
    if not scripts:
        return
    seen, kept = set(), []
    for script in scripts:
        key = script_key(script)
        if key not in seen:
            seen.add(key)
            kept.append(script)
    context["script_files"] = kept


def setup(app):
    app.connect("html-page-context", drop_repeated_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
