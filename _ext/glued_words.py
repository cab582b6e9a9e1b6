"""Sphinx extension of the translated editions: glued *words* in the edition's language.

The chapters glue words as well as numbers ("higher", "lower", a verdict): the prose follows the results. In a
translated edition such a word would stay English inside a Chinese sentence. This extension replaces the text of
every pasted glue value (``{glue:text}`` and ``{glue}`` roles, after myst-nb resolved them) that is exactly a
message of the catalogue ``<locale_dirs>/<language>/LC_MESSAGES/glue.po`` with its translation, inside translated
messages only (in a message still in English, the word stays English). Values with
digits (numbers, intervals) are not messages: they are pasted as the code formatted them.

``python tools/translation.py update`` writes the catalogue's messages from the English build's glue data
(``_build/jupyter_execute/**/*.glue.json``: every glued text value without a digit). The zh build loads this
extension (``tools/translation.py``); the English build does not.
"""

from __future__ import annotations

import functools
from pathlib import Path

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

CATALOGUE = "glue"


def read_translations(po_path: Path) -> dict[str, str]:
    """msgid → msgstr of a catalogue's translated, not fuzzy, messages."""
    if not po_path.is_file():
        return {}
    from babel.messages.pofile import read_po

    with po_path.open("rb") as handle:
        catalogue = read_po(handle)
    return {message.id: message.string for message in catalogue
            if message.id and message.string and not message.fuzzy}


@functools.lru_cache(maxsize=4)
def translations_of(paths: tuple[Path, ...], mtimes: tuple[float, ...]) -> dict[str, str]:
    """The merged translations of the catalogues (read again when one changes)."""
    merged: dict[str, str] = {}
    for path in paths:
        merged.update(read_translations(path))
    return merged


def catalogues(app) -> tuple[tuple[Path, ...], tuple[float, ...]]:
    """The glue.po files of the language being built, and their modification times."""
    language = app.config.language or "en"
    paths = tuple(Path(app.srcdir, folder, language, "LC_MESSAGES", f"{CATALOGUE}.po")
                  for folder in app.config.locale_dirs)
    return paths, tuple(path.stat().st_mtime if path.is_file() else 0.0 for path in paths)


def glued_words(app) -> dict[str, str]:
    """The glue.po translations of the language being built (none for English)."""
    return translations_of(*catalogues(app))


def reread_when_changed(app, env, added, changed, removed) -> list[str]:
    """Every page again when glue.po changed (a page's own catalogue is its only dependency Sphinx knows)."""
    stamp = catalogues(app)
    if getattr(env, "glued_words_stamp", None) == stamp:
        return []
    env.glued_words_stamp = stamp
    return sorted(env.found_docs - set(removed))


class TranslateGluedWords(SphinxPostTransform):
    """Pasted glue text that is a message of glue.po, in the edition's language."""

    default_priority = 6  # after myst-nb's ReplacePendingGlueReferences (5) pasted the values

    def run(self, **kwargs) -> None:
        translate_pasted_text(self.document, glued_words(self.app))


def in_translated_message(node: nodes.Node) -> bool:
    """Whether the message holding ``node`` was translated (Sphinx marks each message's node ``translated``)."""
    parent = node.parent
    while parent is not None:
        if "translated" in parent.attributes:
            return bool(parent["translated"])
        parent = parent.parent
    return False


def translate_pasted_text(document: nodes.Node, translations: dict[str, str]) -> int:
    """Replace each pasted glue text of a translated message that ``translations`` has; the number replaced.

    A word glued into a message still in English (not translated yet) stays English.
    """
    replaced = 0
    for node in list(document.findall(nodes.inline)):
        text = node.astext()
        if "pasted-text" in node["classes"] and text in translations and in_translated_message(node):
            node.replace_self(nodes.inline(translations[text], translations[text], classes=node["classes"]))
            replaced += 1
    return replaced


def setup(app):
    app.add_post_transform(TranslateGluedWords)
    app.connect("env-get-outdated", reread_when_changed)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
