"""Sphinx extension: a language switch (English ⇄ 中文) in every page's header, to the same page in the other edition.

The editions are configured with ``language_editions``, a mapping from a Sphinx language to the folder of the site
its edition is published in (``""`` is the site's root)::

    language_editions: {en: "", zh_CN: zh}     # _config.yml, under sphinx: config:

The English edition is built to ``_build/html/`` and the Chinese one (``python tools/translation.py build``) to
``_build/html/zh/``, so ``chapters/01_data.html`` links to ``zh/chapters/01_data.html`` and back. The edition being
built is the one of ``language`` (Sphinx's, ``None`` meaning ``en``). An empty mapping (the default) shows no switch.

The link is a header button of sphinx-book-theme (next to the download and full-screen buttons); a small script
opens it in the same tab (the theme opens header links in a new one).
"""

from __future__ import annotations

LABELS = {"en": "English", "zh_CN": "中文"}
"""What the switch says for each language, written in that language."""

TOOLTIPS = {"en": "Read this page in English", "zh_CN": "阅读本页的中文版"}

SAME_TAB = (
    "document.addEventListener('DOMContentLoaded', () => document.querySelectorAll('a.btn-language-switch')"
    ".forEach((link) => link.removeAttribute('target')));"
)


def edition_language(language: str | None) -> str:
    """Sphinx's ``language`` as a key of ``language_editions`` (``None`` and ``"en"`` are English)."""
    return (language or "en").replace("-", "_")


def switch_url(pagename: str, current_folder: str, other_folder: str) -> str:
    """The relative URL from page ``pagename`` of the edition in ``current_folder`` to that page in ``other_folder``.

    >>> switch_url("chapters/01_data", "", "zh")
    '../zh/chapters/01_data.html'
    >>> switch_url("chapters/01_data", "zh", "")
    '../../chapters/01_data.html'
    """
    depth = pagename.count("/") + len([part for part in current_folder.split("/") if part])
    target = "/".join(part for part in (other_folder.strip("/"), f"{pagename}.html") if part)
    return "../" * depth + target


def switch_buttons(pagename: str, language: str | None, editions: dict[str, str]) -> list[dict[str, str]]:
    """sphinx-book-theme header buttons to the page ``pagename`` in every other edition."""
    current = edition_language(language)
    if not editions:
        return []
    if current not in editions:
        raise ValueError(f"language_editions={editions!r} has no folder for the language being built, {current!r}")
    return [
        {
            "type": "link",
            "url": switch_url(pagename, editions[current], folder),
            "text": LABELS.get(other, other),
            "tooltip": TOOLTIPS.get(other, other),
            "label": "language-switch",
        }
        for other, folder in editions.items()
        if other != current
    ]


def add_switch(app, pagename, templatename, context, doctree) -> None:
    """Append the switch to the theme's header buttons (after the theme has made its list)."""
    if "header_buttons" not in context:
        return
    context["header_buttons"].extend(switch_buttons(pagename, app.config.language, app.config.language_editions))


def setup(app):
    app.add_config_value("language_editions", {}, "html", types=[dict])
    app.add_js_file(None, body=SAME_TAB)
    app.connect("html-page-context", add_switch, priority=502)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
