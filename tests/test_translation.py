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

import importlib.util
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


def load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


translation = load("book_translation", ROOT / "tools" / "translation.py")
glue_paths = load("book_glue_paths", ROOT / "tools" / "glue_paths.py")
language_switch = load("book_language_switch", ROOT / "_ext" / "language_switch.py")
glued_words = load("book_glued_words", ROOT / "_ext" / "glued_words.py")
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


def test_every_glued_word_is_translated():
    """The words the chapters glue (glue.po; kept current by update from the English build's glue data)."""
    if not REQUIRED:
        pytest.skip(f"the {LANGUAGE} edition is not published yet")
    expected = sorted(translation.glued_words()) if (ROOT / "_build" / "jupyter_execute").is_dir() else None
    status = translation.catalogue_status(GLUE_PO, expected)
    problems = [f"{kind}: {word!r}" for kind, words in
                (("not in the catalogue (python tools/translation.py update)", status.missing),
                 ("fuzzy", status.fuzzy), ("untranslated", status.untranslated)) for word in words]
    assert not problems, f"{GLUE_PO.relative_to(ROOT)}:\n  " + "\n  ".join(problems)


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


def test_update_keeps_translations_marks_changes_and_fills_what_needs_none(tmp_path):
    pytest.importorskip("sphinx_intl", reason="sphinx-intl is a dev tool: pip install -r requirements-dev.txt")
    pot, po = tmp_path / "01_data.pot", tmp_path / "out" / "01_data.po"
    pot.write_text(HEADER + 'msgid "$x$"\nmsgstr ""\n\nmsgid "Dropout helps on small data sets."\nmsgstr ""\n\n'
                   'msgid "There are {glue:text}`n` images of digits."\nmsgstr ""\n', encoding="utf-8")
    assert translation.update_catalogue(po, pot)== "created with 3 messages, 1 with nothing to translate filled in"
    status = translation.catalogue_status(po)
    assert status.translated == 1
    assert status.untranslated == ["Dropout helps on small data sets.", "There are {glue:text}`n` images of digits."]
    text = po.read_text(encoding="utf-8").replace('sets."\nmsgstr ""', 'sets."\nmsgstr "暂退法在小数据集上有帮助。"')
    po.write_text(text.replace('images of digits."\nmsgstr ""', 'images of digits."\nmsgstr "共有 {glue:text}`n` 张图像。"'),
                  encoding="utf-8")
    assert translation.update_catalogue(po, pot) == ""  # nothing new: the file is left alone
    # the English changes: one message by the glue rewrite only, one by its words
    pot.write_text(HEADER + 'msgid "$x$"\nmsgstr ""\n\nmsgid "Dropout helps on very small data sets."\nmsgstr ""\n\n'
                   'msgid "There are {glue:text}`01_data.ipynb::n:s` images of digits."\nmsgstr ""\n', encoding="utf-8")
    assert "1 glue rewrite(s) carried" in translation.update_catalogue(po, pot)
    status = translation.catalogue_status(po)
    assert status.fuzzy == ["Dropout helps on very small data sets."]
    assert translation.read_catalogue(po)["There are {glue:text}`01_data.ipynb::n:s` images of digits."].string == (
        "共有 {glue:text}`01_data.ipynb::n:s` 张图像。")
    # the previous English, for the translator to compare
    assert '#| msgid "Dropout helps on small data sets."' in po.read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext's msgfmt is not installed (apt-get install gettext)")
def test_the_previous_english_of_a_long_fuzzy_message_passes_msgfmt(tmp_path):
    pytest.importorskip("sphinx_intl", reason="sphinx-intl is a dev tool: pip install -r requirements-dev.txt")
    pot, po = tmp_path / "01_data.pot", tmp_path / "01_data.po"
    long = ("Every non-empty column now has norm 1, but the transformation is not a rescaling of the image: the "
            "factor between the L2-normalised pixel and the `/ 255` pixel depends on the column's \\\"ink\\\".")
    pot.write_text(HEADER + f'msgid "{long}"\nmsgstr ""\n', encoding="utf-8")
    translation.update_catalogue(po, pot)
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr ""', 'msgstr "每个非空列的范数都是 1。"'),
                  encoding="utf-8")
    pot.write_text(HEADER + f'msgid "{long} A faint stroke becomes bright."\nmsgstr ""\n', encoding="utf-8")
    translation.update_catalogue(po, pot)
    assert translation.catalogue_status(po).fuzzy  # the changed message, with its previous English
    assert f'#| msgid "{long}"\n' in po.read_text(encoding="utf-8")
    assert translation.msgfmt_check(po) is None
    # updated again while still fuzzy: the previous English stays, once, as gettext writes it (babel alone would
    # read it as a translator comment and write it back as "# | msgid")
    pot.write_text(HEADER + f'msgid "{long} A faint stroke becomes bright."\nmsgstr ""\n\nmsgid "New."\nmsgstr ""\n',
                   encoding="utf-8")
    translation.update_catalogue(po, pot)
    text = po.read_text(encoding="utf-8")
    assert text.count(f'#| msgid "{long}"\n') == 1
    assert "# |" not in text
    # a translator's babel script reads the file and writes it back: babel wraps the #| line into "# " comments
    from babel.messages.pofile import read_po, write_po

    with po.open("rb") as handle:
        catalogue = read_po(handle)
    with po.open("wb") as handle:
        write_po(handle, catalogue, width=0)
    assert "\n# " in po.read_text(encoding="utf-8")
    translation.update_catalogue(po, pot)  # ... and the next update reads it back as the previous English
    text = po.read_text(encoding="utf-8")
    assert text.count(f'#| msgid "{long}"\n') == 1
    assert "\n# " not in text.split("\n\n", 1)[1]  # no comment left but the header's
    # settled by the translator (flag removed, comment left): the next update drops the stale previous English
    po.write_text(po.read_text(encoding="utf-8").replace("#, fuzzy\n", ""), encoding="utf-8")
    translation.update_catalogue(po, pot)
    assert "#|" not in po.read_text(encoding="utf-8")


def test_update_carries_a_glue_rewrite_too_large_for_a_fuzzy_match(tmp_path):
    pytest.importorskip("sphinx_intl", reason="sphinx-intl is a dev tool: pip install -r requirements-dev.txt")
    from babel.messages.pofile import write_po

    pot, po = tmp_path / "05_results.pot", tmp_path / "05_results.po"
    before = "{glue:text}`a` vs {glue:text}`b:.1f` ({glue:text}`c`, {glue:text}`d`)"
    pot.write_text(HEADER + f'msgid "{before}"\nmsgstr ""\n', encoding="utf-8")
    translation.update_catalogue(po, pot)
    catalogue = translation.read_catalogue(po)
    catalogue[before].string = f"对比 {before}"
    with po.open("wb") as handle:
        write_po(handle, catalogue)
    after = glue_paths.rewrite_markdown(before, "05_results.ipynb")
    pot.write_text(HEADER + f'msgid "{after}"\nmsgstr ""\n', encoding="utf-8")
    assert "1 glue rewrite(s) carried" in translation.update_catalogue(po, pot)
    catalogue = translation.read_catalogue(po)
    assert catalogue[after].string == f"对比 {after}"
    assert not catalogue[after].fuzzy
    assert not catalogue.obsolete


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


def test_glued_words_are_the_text_values_with_a_word_in_template_form(tmp_path):
    folder = tmp_path / "_build" / "jupyter_execute" / "chapters"
    folder.mkdir(parents=True)
    glue = {key: {"data": {"text/plain": value}} for key, value in [
        ("word", "'lower'"), ("again", "'lower'"), ("verdict", "'no detectable difference'"),
        ("number", "0.123"), ("text_number", "'97.8 %'"), ("interval", "'−0.66 pp (95 % CI −0.86 to −0.46)'"),
        ("figure", "<Figure size 640x480 with 1 Axes>"),
    ]}
    (folder / "03_dropout.glue.json").write_text(json.dumps(glue))
    assert translation.glued_words(tmp_path) == {
        "lower": ["chapters/03_dropout: word", "chapters/03_dropout: again"],
        "no detectable difference": ["chapters/03_dropout: verdict"],
        "{1} pp ({2} % CI {3} to {4})": ["chapters/03_dropout: interval"],
    }
    assert translation.write_glue_template(tmp_path, tmp_path) == 3
    assert translation.template_messages(tmp_path / "glue.pot") == [
        "lower", "no detectable difference", "{1} pp ({2} % CI {3} to {4})"]


@pytest.mark.parametrize(("value", "message", "numbers"), [
    ("lower", "lower", []),
    ("holds in 1 of 5 runs", "holds in {1} of {2} runs", ["1", "5"]),
    ("+0.24 pp (95 % CI −0.08 to +0.44)", "{1} pp ({2} % CI {3} to {4})", ["+0.24", "95", "−0.08", "+0.44"]),
    ("L2 weight decay 1e-4 on 2,000 images", "L2 weight decay {1} on {2} images", ["1e-4", "2,000"]),
    ("0, 1 and 2", "{1}, {2} and {3}", ["0", "1", "2"]),
])
def test_a_glued_text_is_a_template_with_its_numbers(value, message, numbers):
    assert glued_words.template(value) == (message, numbers)
    assert glued_words.is_message(value)


@pytest.mark.parametrize("value", ["97.8 %", "0.123", "+0.24", "2×800", "−0.08–+0.44"])
def test_a_glued_text_without_a_word_is_pasted_as_it_is(value):
    assert not glued_words.is_message(value)


@pytest.mark.parametrize(("value", "translations", "expected"), [
    ("holds in 1 of 5 runs", {"holds in {1} of {2} runs": "在 {2} 次训练中有 {1} 次成立"}, "在 5 次训练中有 1 次成立"),
    ("+0.24 pp (95 % CI −0.08 to +0.44)", {"{1} pp ({2} % CI {3} to {4})": "{1} 个百分点（{2}% 置信区间：{3} 至 {4}）"},
     "+0.24 个百分点（95% 置信区间：−0.08 至 +0.44）"),
    ("lower", {"lower": "更低"}, "更低"),
    ("higher", {"lower": "更低"}, None),
])
def test_a_translated_template_takes_the_values_numbers(value, translations, expected):
    assert glued_words.translated(value, translations) == expected


def test_the_percent_format_guess_of_babel_is_dropped():
    text = '#, fuzzy, python-format\nmsgid "99 % confident"\n\n#, python-format\nmsgid "1.60 % for"\n' \
           '#, no-python-format, python-brace-format, python-format\nmsgid "{1} of"\n'
    assert translation.without_percent_format(text) == (
        '#, fuzzy\nmsgid "99 % confident"\n\nmsgid "1.60 % for"\n#, python-brace-format\nmsgid "{1} of"\n')


@pytest.mark.parametrize(("translated", "expected"), [(True, "更低 lower 0.12lower"), (False, "lower lower 0.12lower")])
def test_pasted_glue_words_of_translated_messages_are_translated(translated, expected):
    from docutils import nodes

    paragraph = nodes.paragraph(translated=translated)
    paragraph += [nodes.inline("lower", "lower", classes=["pasted-text"]), nodes.Text(" lower "),
                  nodes.inline("0.12", "0.12", classes=["pasted-text"]), nodes.inline("lower", "lower")]
    section = nodes.section()
    section += paragraph
    assert glued_words.translate_pasted_text(section, {"lower": "更低"}) == int(translated)
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
