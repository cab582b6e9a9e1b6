"""Sphinx extension of the translated editions: glued texts in the edition's language.

The chapters glue numbers and the texts of ``helpers.wording`` (a verdict, "lower than", an interval
"+0.24 pp (95 % CI −0.08 to +0.44)", a sentence chosen by a result): every one of them is a template of that module
with numbers in its slots ("{mean} pp ({level} % CI {low} to {high})"). Their translations are the catalogue
``<locale_dirs>/<language>/LC_MESSAGES/glue.po``, extracted from ``helpers/wording.py`` (``python
tools/translation.py update``), so it holds every text the code can glue, whatever a run's results.

This extension turns every pasted glue value (``{glue:text}`` and ``{glue}`` roles, after myst-nb resolved them) of
a translated message back into its template (its numbers, in order, become slots) and, if the catalogue translates
that template, puts the translation in its place with the value's own numbers in their slots (matched by name, so
a translation may reorder them). A text glued into a message still in English stays English. The zh build loads
this extension (``tools/translation.py``); the English build does not.
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

POSITION = re.compile(r"\{(\d+)\}")
NAMED = re.compile(r"\{(\w+)\}")


def template(value: str) -> tuple[str, list[str]]:
    """A glued text with its numbers replaced by {1}, {2}, ... in order; and the numbers."""
    numbers: list[str] = []

    def slot(match: re.Match) -> str:
        numbers.append(match.group(0))
        return f"{{{len(numbers)}}}"

    return NUMBER.sub(slot, value), numbers


def positional(message: str) -> tuple[str, list[str]]:
    """A catalogue message with named slots ("{mean} pp") as a template's key ("{1} pp"); and the slots' names."""
    names: list[str] = []

    def slot(match: re.Match) -> str:
        names.append(match.group(1))
        return f"{{{len(names)}}}"

    return NAMED.sub(slot, message), names


def translations_by_template(messages: dict[str, str]) -> dict[str, tuple[str, list[str]]]:
    """msgid → msgstr, keyed instead by the positional template of each msgid, with its slots' names."""
    found = {}
    for msgid, msgstr in messages.items():
        key, names = positional(msgid)
        found[key] = (msgstr, names)
    return found


def translated(value: str, translations: dict[str, tuple[str, list[str]]]) -> str | None:
    """A glued text in the edition's language (its numbers put into the translation's slots by name), or None."""
    key, numbers = template(value)
    found = translations.get(key)
    if found is None:
        return None
    translation, names = found
    if len(names) != len(numbers):
        return None
    by_name = dict(zip(names, numbers, strict=True))
    return NAMED.sub(lambda match: by_name.get(match.group(1), match.group(0)), translation)


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
def translations_of(paths: tuple[Path, ...], mtimes: tuple[float, ...]) -> dict[str, tuple[str, list[str]]]:
    """The merged translations of the catalogues, by template (read again when one changes)."""
    merged: dict[str, str] = {}
    for path in paths:
        merged.update(read_translations(path))
    return translations_by_template(merged)


def catalogues(app) -> tuple[tuple[Path, ...], tuple[float, ...]]:
    """The glue.po files of the language being built, and their modification times."""
    language = app.config.language or "en"
    paths = tuple(Path(app.srcdir, folder, language, "LC_MESSAGES", f"{CATALOGUE}.po")
                  for folder in app.config.locale_dirs)
    return paths, tuple(path.stat().st_mtime if path.is_file() else 0.0 for path in paths)


def glued_words(app) -> dict[str, tuple[str, list[str]]]:
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
    """Pasted glue text whose template glue.po translates, in the edition's language."""

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


def translate_pasted_text(document: nodes.Node, translations: dict[str, tuple[str, list[str]]]) -> int:
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
