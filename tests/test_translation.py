"""The Chinese edition (issue 15): its catalogues are complete and sound, and its tools do what they say.

- Completeness: every prose message of the *current* English book is translated, and none is fuzzy, in
  ``locales/zh_CN/LC_MESSAGES``. The English messages come from a fresh extraction (``python tools/translation.py
  extract``: the gettext builder with notebook execution off, so it takes seconds to a minute, not a build), so a
  checkout whose catalogues were not updated after an English change fails too, naming the page and the message.
  It is enforced once the edition is published (``complete: true`` in ``locales/zh_CN/edition.yml``) or with
  ``BOOK_TRANSLATION_REQUIRED=1``; before that it is skipped, saying how many messages are left.
- Soundness, always: each catalogue parses, passes ``msgfmt --check`` (when gettext is installed) and no
  translation lost a glue role, code span, formula, citation or link target of its English message.
- The tools: the glue rewrite (``tools/glue_paths.py``), the placeholders, the language switch's links
  (``_ext/language_switch.py``) and the zh build's configuration (shared execution cache), on small inputs.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
LANGUAGE = "zh_CN"
CATALOGUES = ROOT / "locales" / LANGUAGE / "LC_MESSAGES"
EDITION = yaml.safe_load((ROOT / "locales" / LANGUAGE / "edition.yml").read_text()) or {}
REQUIRED = bool(EDITION.get("complete")) or os.environ.get("BOOK_TRANSLATION_REQUIRED") == "1"


from _ext import glued_words, language_switch  # noqa: E402
from helpers import wording  # noqa: E402
from tools import glue_paths, translation  # noqa: E402

GLUE_PO = CATALOGUES / f"{translation.GLUE_CATALOGUE}.po"


def book_pages() -> list[str]:
    """Every page of _toc.yml (its root and its files), as Sphinx names them."""
    toc = (ROOT / "_toc.yml").read_text()
    return [re.search(r"^root:\s*(\S+)", toc, re.MULTILINE).group(1), *re.findall(r"file:\s*(\S+)", toc)]


def shorten(message: str) -> str:
    return translation.shorten(message, 160)


# ---------------------------------------------------------------------------------------------------------------
# Completeness against a fresh extraction of the English prose


@pytest.fixture(scope="session")
def english_messages(tmp_path_factory) -> Path:
    """The .pot folder of a fresh extraction of the English book (execution off)."""
    if not REQUIRED:
        statuses = [translation.catalogue_status(po) for po in sorted(CATALOGUES.rglob("*.po"))]
        pytest.skip(f"the {LANGUAGE} edition is not published yet ({len(statuses)} catalogues, "
                    f"{sum(status.translated for status in statuses)} of {sum(s.messages for s in statuses)} "
                    f"messages translated): BOOK_TRANSLATION_REQUIRED=1 python -m pytest tests/test_translation.py")
    output = tmp_path_factory.mktemp("gettext")
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "translation.py"), "extract", str(output)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"the extraction of the English prose failed:\n{done.stdout[-3000:]}{done.stderr}"
    return output / "_build" / "gettext"


@pytest.mark.slow  # extracts the book's prose with Sphinx
@pytest.mark.parametrize("page", book_pages())
def test_every_message_of_the_english_page_is_translated(page, english_messages):
    pot = english_messages / f"{page}.pot"
    po = CATALOGUES / f"{page}.po"
    if not pot.is_file():
        pytest.skip(f"{page} has no prose to translate")
    assert po.is_file(), f"{page}: no catalogue {po.relative_to(ROOT)}: python tools/translation.py update"
    status = translation.catalogue_status(po, translation.template_messages(pot))
    problems = [f"not in the catalogue (python tools/translation.py update): {shorten(m)}" for m in status.missing]
    problems += [f"fuzzy (the English changed; check and remove the fuzzy flag): {shorten(m)}" for m in status.fuzzy]
    problems += [f"untranslated: {shorten(m)}" for m in status.untranslated]
    assert not problems, (f"{po.relative_to(ROOT)}: {len(problems)} of {status.messages} messages:\n  "
                          + "\n  ".join(problems))


def test_every_text_the_code_can_glue_is_translated():
    """Every template of helpers.wording (a verdict, a direction, an interval, each outcome's sentence), listed
    without running the book, has its translation in glue.po."""
    if not REQUIRED:
        pytest.skip(f"the {LANGUAGE} edition is not published yet")
    status = translation.catalogue_status(GLUE_PO, sorted(wording.messages()))
    problems = [f"{kind}: {word!r}" for kind, words in
                (("not in the catalogue (python tools/translation.py update)", status.missing),
                 ("fuzzy", status.fuzzy), ("untranslated", status.untranslated)) for word in words]
    assert not problems, f"{GLUE_PO.relative_to(ROOT)}:\n  " + "\n  ".join(problems)


@functools.cache
def glue_translations() -> dict:
    """glue.po's translations, by template (read once)."""
    return glued_words.translations_by_template(glued_words.read_translations(GLUE_PO))


# Latin-script words a Chinese text may keep: names, abbreviations and code of the book (the glossary's)
LATIN_ALLOWED = {"MC", "ECE", "NLL", "Brier", "Adam", "SGD", "L2", "SELU", "Dropout", "AlphaDropout", "softmax",
                 "ReLU", "relu", "sigmoid", "tanh", "k", "TOST", "max", "norm", "AUROC", "Keras", "ROC", "BN", "Holm"}
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")
"""A Latin-script word, digits included after its first letter (L2, not L and 2)."""


def sample_texts(template: str) -> str:
    """``template`` filled with one sample number per slot, as a chapter would glue it."""
    samples = iter(["3", "+0.31", "2,000", "0.24", "12", "5", "90", "−1.2", "97.8", "0.045", "7", "8"])
    return wording.fill(template, **{name: next(samples) for name in dict.fromkeys(wording.SLOT.findall(template))})


@pytest.mark.parametrize("template", sorted(wording.messages()))
def test_every_glued_text_reads_in_chinese_with_its_numbers(template):
    """Rendered with numbers in English, as a chapter glues it, then turned into Chinese as the zh build does: every
    number is kept, and no English word is left over."""
    if not REQUIRED:
        pytest.skip(f"the {LANGUAGE} edition is not published yet")
    english = sample_texts(template)
    chinese = glued_words.translated(english, glue_translations())
    assert chinese is not None, f"no translation for {template!r}"
    assert sorted(glued_words.template(chinese)[1]) == sorted(glued_words.template(english)[1])
    leftover = [word for word in LATIN_WORD.findall(chinese) if word not in LATIN_ALLOWED]
    assert not leftover, f"{english!r} → {chinese!r} keeps English: {leftover}"


def test_every_glue_role_of_the_chapters_survives_translation():
    if not REQUIRED:
        pytest.skip(f"the {LANGUAGE} edition is not published yet")
    bare = {str(path.relative_to(ROOT)): glue_paths.rewrite_notebook(path, write=False)[2]
            for path in glue_paths.toc_notebooks()}
    bare = {path: roles for path, roles in bare.items() if roles}
    assert not bare, f"glue roles that lose their value in a translation (python tools/glue_paths.py): {bare}"


# ---------------------------------------------------------------------------------------------------------------
# Soundness of the committed catalogues


def catalogue_id(path: Path) -> str:
    return str(path.relative_to(CATALOGUES).with_suffix(""))


@pytest.mark.parametrize("po", sorted(CATALOGUES.rglob("*.po")) or [CATALOGUES / "(none)"], ids=catalogue_id)
def test_translations_keep_roles_code_math_and_links(po):
    if not po.is_file():
        pytest.skip("no catalogue yet")
    status = translation.catalogue_status(po)
    damaged = [f"{shorten(msgid)}\n    lacks {' '.join(lost)}" for msgid, lost in status.damaged]
    assert not damaged, f"{po.relative_to(ROOT)}: translations that lost part of the English:\n  " + "\n  ".join(
        damaged)
    problem = translation.msgfmt_check(po)
    assert problem is None, f"{po.relative_to(ROOT)}: msgfmt --check: {problem}"


def test_every_catalogue_belongs_to_a_page_of_the_book():
    pages = set(book_pages())
    stale = [catalogue_id(po) for po in CATALOGUES.rglob("*.po")
             if catalogue_id(po) not in pages and po != GLUE_PO]
    assert not stale, f"catalogues of pages no longer in _toc.yml (renamed? delete them): {stale}"


# ---------------------------------------------------------------------------------------------------------------
# One term per concept: the glossary's rejected variants, and line styles named as the figures draw them

GLOSSARY = ROOT / "locales" / LANGUAGE / "glossary.md"
NOT_PROSE = re.compile("|".join(f"(?:{pattern})" for name, pattern in translation.PLACEHOLDER_PATTERNS.items()
                                if name != "glued number"), re.DOTALL)
"""Roles, code, math, link targets and URLs: what a rejected variant is not looked for in."""


def rejected_variants(glossary: str) -> dict[str, re.Pattern]:
    """The glossary's table of rejected variants: each as written → its pattern (``re:…``: a regular expression)."""
    variants = {}
    for line in glossary.split("## Rejected variants", 1)[1].splitlines():
        cells = [cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
        if len(cells) != 3 or cells[0] == "rejected" or not cells[0].strip("-"):
            continue
        written = cells[0]
        variants[written] = re.compile(written[3:]) if written.startswith("re:") else re.compile(re.escape(written))
    return variants


VARIANTS = rejected_variants(GLOSSARY.read_text(encoding="utf-8"))


def rejected_in(msgstr: str, variants: dict[str, re.Pattern] = VARIANTS) -> list[str]:
    """The rejected variants (as the glossary writes them) in the prose of a translation."""
    prose = NOT_PROSE.sub(" ", msgstr)
    return [written for written, pattern in variants.items() if pattern.search(prose)]


def translated_messages(po: Path) -> list[tuple[str, str]]:
    """(msgid, msgstr) of every translated message of a catalogue."""
    return [(message.id, message.string) for message in translation.read_catalogue(po)
            if message.id and message.string]


def test_the_glossary_lists_its_rejected_variants():
    assert len(VARIANTS) >= 10
    assert "批量归一化" in VARIANTS
    assert "re:et al\\." in VARIANTS


@pytest.mark.parametrize(("msgstr", "rejected"), [
    ("在激活函数之后加一层批量归一化", ["批量归一化"]),
    ("Srivastava et al. 发现", ["re:et al\\."]),
    ("准确率为 97.8 %", ["re:[0-9}]\\s+%"]),
    ("{value} %", ["re:[0-9}]\\s+%"]),
    ("见左图）（右图", ["）（"]),
    ("每个种子一次", ["re:(?<!随机)种子"]),
    ("暂退在激活之前", ["re:暂退(?!法|层|网络|概率|率|掩码|噪声)"]),
    ("多出 +3.0 个百分点", ["re:(多出|高出|提高了?|增加了?|降低了?|减少了?|下降了?|上升了?)\\s*[+−]"]),
    ("随机种子 0，暂退法与暂退层，97.8%，变化了 +3.0 个百分点", []),
    ("`batch normalisation 批量归一化` 与 {cite:p}`srivastava2014dropout`，$x \\%$", []),  # code, roles, math
])
def test_the_rejected_variants_are_found_in_prose_only(msgstr, rejected):
    assert rejected_in(msgstr) == rejected


@pytest.mark.parametrize("po", sorted(CATALOGUES.rglob("*.po")) or [CATALOGUES / "(none)"], ids=catalogue_id)
def test_no_translation_uses_a_rejected_variant(po):
    if not po.is_file():
        pytest.skip("no catalogue yet")
    found = [f"{', '.join(rejected)}: {shorten(msgstr)}" for _, msgstr in translated_messages(po)
             if (rejected := rejected_in(msgstr))]
    assert not found, (f"{po.relative_to(ROOT)}: rejected variants (locales/zh_CN/glossary.md says what to write "
                       "instead):\n  " + "\n  ".join(found))


LINE_STYLES = {"dotted": "点线", "dashed": "虚线"}
"""A line style in an English caption → its Chinese name (the glossary's)."""


@pytest.mark.parametrize("po", sorted(CATALOGUES.rglob("*.po")) or [CATALOGUES / "(none)"], ids=catalogue_id)
def test_line_styles_are_named_as_drawn(po):
    if not po.is_file():
        pytest.skip("no catalogue yet")
    wrong = []
    for msgid, msgstr in translated_messages(po):
        styles = {style for style in LINE_STYLES if style in msgid.lower()}
        for style, chinese in LINE_STYLES.items():
            if (style in styles) != (chinese in msgstr):
                wrong.append(f"{style} {'drawn' if style in styles else 'not drawn'}: {shorten(msgstr)}")
    assert not wrong, f"{po.relative_to(ROOT)}: line styles named otherwise than drawn:\n  " + "\n  ".join(wrong)


# ---------------------------------------------------------------------------------------------------------------
# The placeholders a translation must keep


@pytest.mark.parametrize(("msgid", "expected"), [
    ("There are {glue:text}`01_data.ipynb::n_train:s` images.", ["{glue:text}`01_data.ipynb::n_train:s`"]),
    ("MNIST {cite:p}`lecun1998` in `x / 255` and $[0, 1]$.", ["{cite:p}`lecun1998`", "`x / 255`", "$[0, 1]$"]),
    ("See [the data](chapters/01_data.ipynb).", ["](chapters/01_data.ipynb)"]),
    ("$$\nx = \\frac{a}{b}\n$$", ["$$\nx = \\frac{a}{b}\n$$"]),
    ("costs 5 $ and 6 $ each", []),
    ("plain words", []),
])
def test_placeholders_are_the_parts_that_are_not_prose(msgid, expected):
    assert translation.placeholders(msgid) == expected


@pytest.mark.parametrize(("msgid", "msgstr", "lost"), [
    ("{glue:text}`a.ipynb::k:.1f` of `x`", "`x` 中的 {glue:text}`a.ipynb::k:.1f`", []),
    ("{glue:text}`a.ipynb::k:.1f` of `x`", "`x` 中的 {glue:text}`a.ipynb::k:.2f`", ["{glue:text}`a.ipynb::k:.1f`"]),
    ("$p$ and $p$", "$p$ 与 $q$", ["$p$"]),
    ("see {cite:t}`srivastava2014`", "见 Srivastava 等人", ["{cite:t}`srivastava2014`"]),
    ("holds in {1} of {2} runs", "在 {2} 次训练中有 1 次成立", ["{1}"]),  # glue.po: a number typed, not its slot
])
def test_a_translation_that_drops_or_changes_a_placeholder_is_caught(msgid, msgstr, lost):
    assert translation.lost_placeholders(msgid, msgstr) == lost


@pytest.mark.parametrize(("msgid", "untranslatable"), [
    ("$$\np = 1 - q\n$$", True),
    ("`keras.layers.Dropout(rate)`", True),
    ("{glue:text}`a.ipynb::k:s` ({glue:text}`a.ipynb::low:s`–{glue:text}`a.ipynb::high:s`)", True),
    ("Summary", False),
    ("The rate $p$", False),
])
def test_messages_with_nothing_to_translate_are_recognised(msgid, untranslatable):
    assert translation.nothing_to_translate(msgid) is untranslatable


HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


GETTEXT = pytest.mark.skipif(shutil.which("msgmerge") is None,
                             reason="gettext's msgmerge is not installed (apt-get install gettext)")


@GETTEXT
def test_update_keeps_translations_marks_changes_and_fills_what_needs_none(tmp_path):
    pot, po = tmp_path / "01_data.pot", tmp_path / "out" / "01_data.po"
    pot.write_text(HEADER + 'msgid "$x$"\nmsgstr ""\n\nmsgid "Dropout helps on small data sets."\nmsgstr ""\n\n'
                   'msgid "There are {glue:text}`n` images of digits."\nmsgstr ""\n', encoding="utf-8")
    assert translation.update_catalogue(po, pot) == "created with 3 messages"
    status = translation.catalogue_status(po)
    assert status.translated == 1  # the formula, from the compendium of what needs no translation
    assert status.untranslated == ["Dropout helps on small data sets.", "There are {glue:text}`n` images of digits."]
    text = po.read_text(encoding="utf-8").replace('sets."\nmsgstr ""', 'sets."\nmsgstr "暂退法在小数据集上有帮助。"')
    po.write_text(text, encoding="utf-8")
    unchanged = po.read_text(encoding="utf-8")
    assert translation.update_catalogue(po, pot) == ""  # nothing new: the file is left alone, its date too
    assert po.read_text(encoding="utf-8") == unchanged
    pot.write_text(HEADER + 'msgid "$x$"\nmsgstr ""\n\nmsgid "Dropout helps on very small data sets."\nmsgstr ""\n\n'
                   'msgid "New."\nmsgstr ""\n', encoding="utf-8")
    assert translation.update_catalogue(po, pot) == "2 new or changed message(s)"
    status = translation.catalogue_status(po)
    assert status.fuzzy == ["Dropout helps on very small data sets."]
    assert status.untranslated == ["New."]
    text = po.read_text(encoding="utf-8")
    assert '#| msgid "Dropout helps on small data sets."' in text  # the previous English, for the translator
    assert translation.msgfmt_check(po) is None


@GETTEXT
@pytest.mark.parametrize(("pot", "expected"), [
    ('msgid ""\nmsgstr ""\n"Language: en\\n"\n\nmsgid ""\nmsgstr ""\n\nmsgid "Hello"\nmsgstr ""\n',
     'msgid ""\nmsgstr ""\n"Language: en\\n"\n\nmsgid "Hello"\nmsgstr ""\n'),
    ('msgid ""\nmsgstr ""\n"Language: en\\n"\n\nmsgid "Hello"\nmsgstr ""\n\nmsgid ""\nmsgstr ""\n',
     'msgid ""\nmsgstr ""\n"Language: en\\n"\n\nmsgid "Hello"\nmsgstr ""\n'),
    ('msgid ""\nmsgstr ""\n"Language: en\\n"\n\nmsgid "Hello"\nmsgstr ""\n',
     'msgid ""\nmsgstr ""\n"Language: en\\n"\n\nmsgid "Hello"\nmsgstr ""\n'),
])
def test_an_empty_message_beside_the_header_is_dropped(pot, expected):
    assert translation.EMPTY_MESSAGE.sub("\n", pot) == expected


def test_a_glue_template_with_a_percent_sign_is_no_python_format(tmp_path):
    source = tmp_path / "wording.py"
    source.write_text('N_ = str\nA = N_("setting aside {share} % of the digits")\nB = N_("{value} pp")\n')
    assert translation.write_glue_template(tmp_path, source) == 2
    flags = re.findall(r"^#, (.+)$", (tmp_path / "glue.pot").read_text(), re.MULTILINE)[1:]  # the header's: fuzzy
    assert flags == ["python-brace-format"] * 2  # as written (Babel guesses python-format again when it reads)


def test_the_glue_catalogue_is_extracted_from_the_source_and_checks_its_slots(tmp_path):
    source = tmp_path / "wording.py"
    source.write_text('def N_(text):\n    return text\n\n\nA = N_("higher")\nB = {"k": N_("holds in {inside} of "\n'
                      '                        "{runs} runs")}\nC = "not marked"\n')
    assert translation.write_glue_template(tmp_path, source) == 2
    assert translation.template_messages(tmp_path / "glue.pot") == ["higher", "holds in {inside} of {runs} runs"]
    po = tmp_path / "glue.po"
    translation.update_catalogue(po, tmp_path / "glue.pot")
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('runs"\nmsgstr ""', 'runs"\nmsgstr "在 {runs} 次训练中有 {inside} 次成立"'), encoding="utf-8")
    assert translation.msgfmt_check(po) is None
    po.write_text(text.replace('runs"\nmsgstr ""', 'runs"\nmsgstr "在 {runs} 次训练中有 {insde} 次成立"'), encoding="utf-8")
    assert translation.msgfmt_check(po) is not None  # a misspelt slot fails the check


# ---------------------------------------------------------------------------------------------------------------
# The glue rewrite


@pytest.mark.parametrize(("source", "expected"), [
    ("{glue:text}`n_train` images", "{glue:text}`05_results.ipynb::n_train:s` images"),
    ("{glue:text}`share:.1%` and {glue:text}`gap:+.2f`",
     "{glue:text}`05_results.ipynb::share:.1%` and {glue:text}`05_results.ipynb::gap:+.2f`"),
    ("{glue}`table` {glue:any}`x`", "{glue}`05_results.ipynb::table` {glue:any}`05_results.ipynb::x`"),
    ("{glue:text}`01_data.ipynb::n_train:s` stays", "{glue:text}`01_data.ipynb::n_train:s` stays"),
    ("{glue:md}`summary` has no path form", "{glue:md}`summary` has no path form"),
    ("```{glue:figure} fig-results-curves\n:name: fig-results-curves\n\nCurves.\n```",
     "```{glue:figure} fig-results-curves\n:name: fig-results-curves\n\nCurves.\n```"),
    ("{cite:p}`srivastava2014` and `{glue:text}` in code", "{cite:p}`srivastava2014` and `{glue:text}` in code"),
])
def test_glue_roles_are_rewritten_to_the_path_form(source, expected):
    assert glue_paths.rewrite_markdown(source, "05_results.ipynb") == expected
    assert glue_paths.rewrite_markdown(expected, "05_results.ipynb") == expected  # idempotent


def write_notebook(path: Path) -> str:
    notebook = {
        "cells": [
            {"cell_type": "markdown", "id": "a", "metadata": {}, "source": ["Best: {glue:text}`best:.1f`.\n", "Ok"]},
            {"cell_type": "code", "id": "b", "metadata": {}, "execution_count": None, "outputs": [],
             "source": ["text = \"{glue:text}`best`\"\n", "glue('best', 1.0)"]},
            {"cell_type": "markdown", "id": "c", "metadata": {}, "source": "{glue:md}`table`"},
        ],
        "metadata": {"kernelspec": {"name": "python3"}}, "nbformat": 4, "nbformat_minor": 5,
    }
    text = json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"
    path.write_text(text)
    return text


def test_glue_rewrite_changes_only_markdown_cells_and_is_idempotent(tmp_path):
    path = tmp_path / "07_test_time.ipynb"
    original = json.loads(write_notebook(path))
    rewritten, unconvertible, bare = glue_paths.rewrite_notebook(path)
    assert (rewritten, unconvertible, bare) == (1, ["{glue:md}`table`"], ["{glue:text}`best:.1f`"])
    notebook = json.loads(path.read_text())
    assert notebook["cells"][0]["source"] == ["Best: {glue:text}`07_test_time.ipynb::best:.1f`.\n", "Ok"]
    assert notebook["cells"][1] == original["cells"][1]  # code cells untouched
    assert notebook["cells"][2] == original["cells"][2]
    assert list(notebook["cells"][1]) == list(original["cells"][1])  # the JSON's key order is kept
    once = path.read_text()
    assert glue_paths.rewrite_notebook(path)[0] == 0
    assert path.read_text() == once


def test_glue_check_names_what_is_left_to_rewrite(tmp_path, capsys):
    path = tmp_path / "07_test_time.ipynb"
    before = write_notebook(path)
    assert glue_paths.main(["--check", str(path)]) == 1
    assert path.read_text() == before
    assert "{glue:text}`best:.1f` is not in the path form" in capsys.readouterr().out


# ---------------------------------------------------------------------------------------------------------------
# Glued words


@pytest.mark.parametrize(("value", "message", "numbers"), [
    ("lower", "lower", []),
    ("holds in 1 of 5 runs", "holds in {1} of {2} runs", ["1", "5"]),
    ("+0.24 pp (95 % CI −0.08 to +0.44)", "{1} pp ({2} % CI {3} to {4})", ["+0.24", "95", "−0.08", "+0.44"]),
    ("L2 weight decay 1e-4 on 2,000 images", "L2 weight decay {1} on {2} images", ["1e-4", "2,000"]),
    ("0, 1 and 2", "{1}, {2} and {3}", ["0", "1", "2"]),
])
def test_a_glued_text_is_a_template_with_its_numbers(value, message, numbers):
    assert glued_words.template(value) == (message, numbers)


@pytest.mark.parametrize(("value", "translations", "expected"), [
    ("holds in 1 of 5 runs", {"holds in {inside} of {runs} runs": "在 {runs} 次训练中有 {inside} 次成立"},
     "在 5 次训练中有 1 次成立"),
    ("+0.24 pp (95 % CI −0.08 to +0.44)", {"{mean} pp ({level} % CI {low} to {high})":
                                           "{mean} 个百分点（{level}% 置信区间：{low} 至 {high}）"},
     "+0.24 个百分点（95% 置信区间：−0.08 至 +0.44）"),
    ("97.8 %", {"{value} %": "{value}%"}, "97.8%"),
    ("lower than", {"lower than": "低于"}, "低于"),
    ("higher than", {"lower than": "低于"}, None),
    ("0.123", {"{value} %": "{value}%"}, None),
])
def test_a_translated_template_takes_the_values_numbers_by_slot(value, translations, expected):
    assert glued_words.translated(value, glued_words.translations_by_template(translations)) == expected


@pytest.mark.parametrize(("translated", "expected"), [(True, "更低 lower 0.12lower"), (False, "lower lower 0.12lower")])
def test_pasted_glue_words_of_translated_messages_are_translated(translated, expected):
    from docutils import nodes

    paragraph = nodes.paragraph(translated=translated)
    paragraph += [nodes.inline("lower", "lower", classes=["pasted-text"]), nodes.Text(" lower "),
                  nodes.inline("0.12", "0.12", classes=["pasted-text"]), nodes.inline("lower", "lower")]
    section = nodes.section()
    section += paragraph
    translations = glued_words.translations_by_template({"lower": "更低"})
    assert glued_words.translate_pasted_text(section, translations) == int(translated)
    assert paragraph.astext() == expected


# ---------------------------------------------------------------------------------------------------------------
# The language switch and the zh build's configuration


@pytest.mark.parametrize(("page", "current", "other", "url"), [
    ("intro", "", "zh", "zh/intro.html"),
    ("chapters/01_data", "", "zh", "../zh/chapters/01_data.html"),
    ("intro", "zh", "", "../intro.html"),
    ("chapters/01_data", "zh", "", "../../chapters/01_data.html"),
    ("search", "zh", "", "../search.html"),
])
def test_the_switch_links_the_same_page_of_the_other_edition(page, current, other, url):
    assert language_switch.switch_url(page, current, other) == url


def test_the_switch_shows_the_other_language_in_its_own_words():
    editions = {"en": "", "zh_CN": "zh"}
    (to_chinese,) = language_switch.switch_buttons("chapters/01_data", None, editions)
    (to_english,) = language_switch.switch_buttons("chapters/01_data", "zh_CN", editions)
    assert (to_chinese["text"], to_chinese["url"]) == ("中文", "../zh/chapters/01_data.html")
    assert (to_english["text"], to_english["url"]) == ("English", "../../chapters/01_data.html")
    assert language_switch.switch_buttons("intro", "en", {}) == []
    with pytest.raises(ValueError, match="language_editions"):
        language_switch.switch_buttons("intro", "fr", editions)


def test_the_zh_build_reads_the_english_execution_cache():
    english = translation.book_config()
    chinese = translation.edition_config()
    assert Path(chinese["execute"]["cache"]) == translation.execution_cache(ROOT, english)
    assert chinese["execute"].get("execute_notebooks") == english["execute"].get("execute_notebooks") == "cache"
    settings = chinese["sphinx"]["config"]
    assert settings["language"] == LANGUAGE
    assert settings["language_editions"] == {"en": "", LANGUAGE: "zh"}
    # the catalogues are looked up per page, as the extraction writes them
    assert english["sphinx"]["config"].get("gettext_compact") is False
