"""Sphinx extension of the translated editions: glued *words* in the edition's language.

The chapters glue words as well as numbers ("higher", "lower", a verdict, "holds in 1 of 5 runs", an interval
"+0.24 pp (95 % CI −0.08 to +0.44)"): the prose follows the results. In a translated edition such a text would stay
English inside a Chinese sentence. Each glued text with a word in it is a message of the catalogue
``<locale_dirs>/<language>/LC_MESSAGES/glue.po`` in its *template* form: its numbers replaced, in order, by ``{1}``,
``{2}``, ... ("holds in {1} of {2} runs", "{1} pp ({2} % CI {3} to {4})"), so that one translation serves every
run's numbers. This extension replaces the text of every pasted glue value (``{glue:text}`` and ``{glue}`` roles,
after myst-nb resolved them) whose template the catalogue translates, putting the value's own numbers back in,
inside translated messages only (in a message still in English, the text stays English). A value without a word
("97.8 %", "0.123") is pasted as the code formatted it.

``python tools/translation.py update`` writes the catalogue's messages from the English build's glue data
(``_build/jupyter_execute/**/*.glue.json``). The zh build loads this extension (``tools/translation.py``); the
English build does not.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

CATALOGUE = "glue"

NUMBER = re.compile(r"(?<![\w.])[+\-−]?\d+(?:[,.]\d+)*(?:e[+\-−]?\d+)?(?![\w])")
"""A number in a glued text: 12, 2,000, −0.08, +0.44, 1e-4 (not the 2 of L2, nor of a word)."""

SLOT = re.compile(r"\{(\d+)\}")


def template(value: str) -> tuple[str, list[str]]:
    """A glued text as a message of glue.po, its numbers replaced by {1}, {2}, ...; and the numbers, in order."""
    numbers: list[str] = []

    def slot(match: re.Match) -> str:
        numbers.append(match.group(0))
        return f"{{{len(numbers)}}}"

    return NUMBER.sub(slot, value), numbers


def is_message(value: str) -> bool:
    """Whether a glued text is a message of glue.po: it has a word besides its numbers (not "97.8 %", "0.12")."""
    return bool(re.search(r"[^\W\d_]", SLOT.sub(" ", template(value)[0])))


def translated(value: str, translations: dict[str, str]) -> str | None:
    """A glued text in the edition's language (its numbers put back into the translated template), or None."""
    message, numbers = template(value)
    translation = translations.get(message)
    if translation is None:
        return None
    return SLOT.sub(lambda match: numbers[int(match.group(1)) - 1] if 0 < int(match.group(1)) <= len(numbers)
                    else match.group(0), translation)


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
    """Replace each pasted glue text of a translated message whose template ``translations`` has; the number replaced.

    A text glued into a message still in English (not translated yet) stays English.
    """
    replaced = 0
    for node in list(document.findall(nodes.inline)):
        if "pasted-text" not in node["classes"] or not in_translated_message(node):
            continue
        text = translated(node.astext(), translations)
        if text is not None:
            node.replace_self(nodes.inline(text, text, classes=node["classes"]))
            replaced += 1
    return replaced


def setup(app):
    app.add_post_transform(TranslateGluedWords)
    app.connect("env-get-outdated", reread_when_changed)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
