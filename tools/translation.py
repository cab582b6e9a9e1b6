"""The book's Chinese edition (中文版): one source, the same executed chapters, only the prose translated.

Sphinx's gettext route, driven by Jupyter Book's own command line with a copy of ``_config.yml`` (like
``.ci/linkcheck.py``):

    python tools/translation.py update          after the English prose changed: extract every prose message of
                                                the English book (the gettext builder, notebook execution OFF, so
                                                nothing is executed; about a minute) into _build/gettext/, then
                                                bring locales/zh_CN/LC_MESSAGES/**/*.po up to date (sphinx-intl:
                                                new messages untranslated, changed ones fuzzy). Messages with
                                                nothing to translate (a formula, a code span) get their msgstr
                                                copied from the msgid.
    python tools/translation.py build [-W]      the zh_CN edition into _build/html/zh/ (built in _build/zh/), with
                                                the English build's notebook outputs: it refuses to start when a
                                                chapter is not in the shared execution cache (build the English
                                                book first: jupyter-book build .) and fails if a notebook was
                                                executed anyway. Prints the time it took.
    python tools/translation.py status [PO...]  per catalogue: messages, translated, untranslated, fuzzy, and the
                                                translations that lost a glue role, code, math, a citation or a
                                                link target of their English message; msgfmt --check when gettext's
                                                msgfmt is installed. Exit status 1 when anything is missing.
    python tools/translation.py extract DIR     only the extraction: DIR/*.pot (tests/test_translation.py)

What is a message: each paragraph, heading, list item, table cell, caption, admonition and display-math block of
the book's Markdown (notebook markdown cells, intro.md, ...) as raw MyST, with its roles (``{glue:text}`...```,
``{cite:p}`...```) and inline math and code as written. Code cells and their outputs are not messages. The
catalogues are one per page (``gettext_compact: false`` in _config.yml): locales/zh_CN/LC_MESSAGES/intro.po,
.../chapters/01_data.po, ...

Glue: a ``{glue:text}`` role in a *translated* message keeps its value only in the ``path::key`` form
(``{glue:text}`05_results.ipynb::best_rate:.1f```); ``python tools/glue_paths.py`` rewrites the chapters.

The execution cache is shared: _config.yml's ``execute.cache`` (``_build/.jupyter_cache``; ``_ext/helpers_cache.py``
keys a folder in it on the helpers' code). Both builds match each notebook's code cells against it, so the zh build
re-uses the English build's outputs (figures and glued numbers are the same in both editions).

Edition settings that are not prose messages (the zh book's title) are in locales/zh_CN/edition.yml.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
LANGUAGE = "zh_CN"
EDITION_FOLDER = "zh"
"""The zh edition's folder in the published site (and in _build/html/)."""
LOCALES = ROOT / "locales"
DEFAULT_CACHE = "_build/.jupyter_cache"

def module_at(path: Path):
    """A module of the repository that is not a package (tools/, _ext/), loaded from its file."""
    spec = importlib.util.spec_from_file_location(f"book_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ---------------------------------------------------------------------------------------------------------------
# What a translation must keep exactly: the parts of a message that are not prose.

PLACEHOLDER_PATTERNS = {
    "role": r"\{[\w:.+-]+\}`[^`]*`",                    # {glue:text}`05_results.ipynb::key:.1f`, {cite:p}`key`
    "code": r"(?<![`}])(`+)(?!`)(?:.+?)(?<!`)\1(?!`)",  # `x / 255`, ``a`b``
    "display math": r"\$\$.+?\$\$",
    "math": r"(?<![\\$])\$(?![\s$])[^$\n]+?(?<![\s\\$])\$(?!\d)",  # MyST's dollarmath: $x$, not 5 $ and 6 $
    "link target": r"\]\([^)\s]+\)",                   # [text](chapters/01_data.ipynb): the text is translated
    "url": r"(?<![(<])\bhttps?://[^\s)>\]]+",
    "glued number": r"\{\d+\}(?!`)",                 # glue.po: "holds in {1} of {2} runs" (_ext/glued_words.py)
}
PLACEHOLDER = re.compile("|".join(f"(?:{pattern})" for pattern in PLACEHOLDER_PATTERNS.values()), re.DOTALL)


def placeholders(message: str) -> list[str]:
    """The roles, code spans, math, link targets and URLs of a message, in order."""
    return [match.group(0) for match in PLACEHOLDER.finditer(message)]


def lost_placeholders(msgid: str, msgstr: str) -> list[str]:
    """What of the English message the translation does not keep verbatim (each occurrence counts)."""
    remaining = list(placeholders(msgstr))
    lost = []
    for part in placeholders(msgid):
        if part in remaining:
            remaining.remove(part)
        else:
            lost.append(part)
    return lost


def nothing_to_translate(msgid: str) -> bool:
    """True when a message is only formulas, code, roles and punctuation: its translation is itself."""
    prose = PLACEHOLDER.sub(" ", msgid)
    return not re.search(r"[^\W\d_]", prose)


# ---------------------------------------------------------------------------------------------------------------
# Catalogues


@dataclass
class CatalogueStatus:
    """What a .po file holds, against the messages it should hold."""

    path: Path
    messages: int = 0
    translated: int = 0
    untranslated: list[str] = field(default_factory=list)
    fuzzy: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)   # in the English book, not in the catalogue
    damaged: list[tuple[str, list[str]]] = field(default_factory=list)  # (msgid, lost placeholders)

    @property
    def complete(self) -> bool:
        return not (self.untranslated or self.fuzzy or self.missing or self.damaged)


def read_catalogue(path: Path):
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        return read_po(handle, locale=LANGUAGE.replace("-", "_"))


def catalogue_status(po_path: Path, expected: list[str] | None = None) -> CatalogueStatus:
    """Count the translated, untranslated and fuzzy messages of ``po_path`` (and those of ``expected`` it lacks)."""
    status = CatalogueStatus(po_path)
    catalogue = read_catalogue(po_path) if po_path.is_file() else None
    entries = {message.id: message for message in catalogue if message.id} if catalogue else {}
    for msgid in expected if expected is not None else list(entries):
        message = entries.get(msgid)
        if message is None:
            status.missing.append(msgid)
            continue
        status.messages += 1
        if message.fuzzy:
            status.fuzzy.append(msgid)
        elif not message.string:
            status.untranslated.append(msgid)
        else:
            status.translated += 1
            lost = lost_placeholders(msgid, message.string)
            if lost:
                status.damaged.append((msgid, lost))
    status.messages += len(status.missing)
    return status


def template_messages(pot_path: Path) -> list[str]:
    """The msgids of a .pot file, in order."""
    return [message.id for message in read_catalogue(pot_path) if message.id]


def msgfmt_check(po_path: Path) -> str | None:
    """gettext's ``msgfmt --check`` of one catalogue: its complaint, or None (also when msgfmt is not installed)."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        return None
    done = subprocess.run([msgfmt, "--check", "--output-file", os.devnull, str(po_path)],
                          capture_output=True, text=True, check=False)
    if done.returncode == 0:
        return None
    return (done.stderr or done.stdout).strip() or f"exit status {done.returncode}"


def fill_untranslatable(catalogue) -> int:
    """Copy msgid to msgstr for untranslated messages with nothing to translate; the number filled."""
    filled = 0
    for message in catalogue:
        if message.id and not message.string and not message.fuzzy and nothing_to_translate(message.id):
            message.string = message.id
            filled += 1
    return filled


def carry_glue_rewrites(catalogue, notebook_name: str) -> int:
    """Fuzzy messages whose English changed only by ``tools/glue_paths.py``: the same rewrite of the translation,
    and no longer fuzzy. The number carried over."""
    glue_paths = module_at(ROOT / "tools" / "glue_paths.py")
    carried = 0
    # an English message with many glue roles can differ too much for babel's fuzzy match: then it is new (empty)
    # and its old translation obsolete
    rewritten_obsolete = {glue_paths.rewrite_markdown(old.id, notebook_name): old
                          for old in catalogue.obsolete.values() if isinstance(old.id, str) and old.string}
    for message in catalogue:
        old = rewritten_obsolete.get(message.id) if message.id and not message.string else None
        if old is not None and old.id != message.id:
            message.string = glue_paths.rewrite_markdown(old.string, notebook_name)
            del catalogue.obsolete[old.id]
            carried += 1
            continue
        previous = message.previous_id[0] if isinstance(message.previous_id, list | tuple) and message.previous_id \
            else message.previous_id
        if (message.id and message.fuzzy and message.string and isinstance(previous, str)
                and previous != message.id and glue_paths.rewrite_markdown(previous, notebook_name) == message.id):
            message.string = glue_paths.rewrite_markdown(message.string, notebook_name)
            message.flags.discard("fuzzy")
            message.previous_id = []
            carried += 1
    return carried


PREVIOUS_COMMENT = re.compile(r"^#\| msgid .*\n(?:#\| (?!msgid).*\n)*", re.MULTILINE)


def previous_comments(po_text: str, catalogue) -> str:
    """The previous English of fuzzy messages (``#| msgid``) in gettext's form, which msgfmt accepts.

    babel wraps that comment like any other, at 76 columns over bare ``#|`` lines, which ``msgfmt --check`` rejects
    ("end-of-line within string"): each is written again from the catalogue, quoted line by line like a msgid.
    """
    from babel.messages.pofile import normalize

    blocks = ["".join(f"#| {'msgid ' if index == 0 else ''}{line}\n"
                      for index, line in enumerate(normalize(message.previous_id[0], width=0).split("\n")))
              for message in catalogue if message.id and message.previous_id]
    found = PREVIOUS_COMMENT.findall(po_text)
    if len(found) != len(blocks):
        raise ValueError(f"po_text has {len(found)} previous-msgid comments, the catalogue {len(blocks)}")
    replacements = iter(blocks)
    return PREVIOUS_COMMENT.sub(lambda _: next(replacements), po_text)


PERCENT_FORMAT_FLAGS = {"python-format", "no-python-format"}


def without_percent_format(po_text: str) -> str:
    """The catalogue without babel's ``python-format`` guesses: the book never %-formats a message, but babel flags
    any "99 % c..." as one, and msgfmt --check then rejects every translation ("99% 的置信度")."""
    def flags_line(match: re.Match) -> str:
        flags = [flag for flag in match.group(1).split(", ") if flag.strip() not in PERCENT_FORMAT_FLAGS]
        return f"#, {', '.join(flags)}\n" if flags else ""

    return re.sub(r"^#, (.*)\n", flags_line, po_text, flags=re.MULTILINE)


def read_previous_comments(catalogue) -> None:
    """Put each fuzzy message's previous English back where babel should have read it; drop translator comments.

    babel reads a ``#| msgid "..."`` line as a translator comment (``| msgid "..."``) and leaves ``previous_id``
    empty; written back by babel (a translator's script), that comment is wrapped over several ``#`` lines, which
    the next reading takes for more comments. So: a fuzzy message gets that text as its ``previous_id`` again (a
    settled one needs none), and translator comments are not kept (the book's catalogues have none of their own:
    notes on terms go to glossary.md).
    """
    from babel.messages.pofile import unescape

    for message in catalogue:
        comments, message.user_comments = message.user_comments, []
        start = next((index for index, comment in enumerate(comments) if comment.startswith("| msgid")), None)
        if not message.id or start is None or not message.fuzzy or message.previous_id:
            continue
        joined = " ".join(comment.removeprefix("|").strip() for comment in comments[start:]).removeprefix("msgid")
        quoted = re.findall(r'"((?:[^"\\]|\\.)*)"', joined)
        if quoted:
            message.previous_id = ["".join(unescape(f'"{part}"') for part in quoted)]


def undated(po_text: str) -> str:
    """A catalogue's text without the dates of its header, which change with every extraction."""
    return re.sub(r'^"(?:POT-Creation|PO-Revision)-Date: .*\n', "", po_text, flags=re.MULTILINE)


def update_catalogue(po_path: Path, pot_path: Path) -> str:
    """Bring one catalogue up to date with its template: what changed, in words ("" if nothing).

    sphinx-intl's merge (babel's): new messages empty, a changed message fuzzy with its previous English kept for
    the translator (``#| msgid``), removed ones obsolete (``#~``). Then: messages with nothing to translate filled
    in, and translations of messages changed only by tools/glue_paths.py rewritten alike.
    """
    from babel.messages.pofile import write_po
    from sphinx_intl import catalog as sphinx_intl_catalog

    template = sphinx_intl_catalog.load_po(str(pot_path))
    if po_path.is_file():
        catalogue = sphinx_intl_catalog.load_po(str(po_path))
        read_previous_comments(catalogue)
        known = {message.id for message in catalogue if message.id}
        previous = {message.id: message.previous_id for message in catalogue
                    if message.id and message.fuzzy and message.previous_id}
        sphinx_intl_catalog.update_with_fuzzy(catalogue, template)
        for message in catalogue:  # babel's merge keeps a still-fuzzy message's flag, not its previous English
            if message.id in previous and message.fuzzy and not message.previous_id:
                message.previous_id = previous[message.id]
    else:
        catalogue, known = template, set()
        catalogue.locale = LANGUAGE
        catalogue.last_translator = "the translators of Dropout, explained"
        catalogue.language_team = f"{LANGUAGE} (locales/{LANGUAGE}/glossary.md)"
        catalogue.revision_date = catalogue.creation_date
    added = {message.id for message in catalogue if message.id} - known
    for message in catalogue:  # a translator who settled a fuzzy message may have left its previous English
        if message.id and not message.fuzzy:
            message.previous_id = []
    carried = carry_glue_rewrites(catalogue, f"{Path(pot_path).stem}.ipynb")
    filled = fill_untranslatable(catalogue)
    buffer = io.BytesIO()
    write_po(buffer, catalogue, width=0, include_previous=True)
    text = without_percent_format(previous_comments(buffer.getvalue().decode("utf-8"), catalogue))
    existed = po_path.is_file()
    if existed and undated(text) == undated(po_path.read_text(encoding="utf-8")):
        return ""  # nothing but the extraction's date would change: the file is left alone
    po_path.parent.mkdir(parents=True, exist_ok=True)
    partial = po_path.with_name(po_path.name + ".partial")  # a failed write leaves the catalogue as it was
    partial.write_text(text, encoding="utf-8")
    partial.replace(po_path)
    words = [f"{len(added)} new or changed message(s)" if existed else f"created with {len(added)} messages"]
    words += [f"{filled} with nothing to translate filled in"] if filled else []
    words += [f"{carried} glue rewrite(s) carried into the translation"] if carried else []
    return ", ".join(words)


# ---------------------------------------------------------------------------------------------------------------
# Builds: Jupyter Book's command line on a copy of _config.yml


def jupyter_book() -> str:
    beside_python = Path(sys.executable).parent / "jupyter-book"  # this environment's, even when not activated
    return str(beside_python) if beside_python.is_file() else "jupyter-book"


def book_config(root: Path = ROOT) -> dict:
    """_config.yml, with the local extensions' paths made absolute (the copy lives in a build folder)."""
    config = yaml.safe_load((root / "_config.yml").read_text())
    sphinx = config.setdefault("sphinx", {})
    sphinx["local_extensions"] = {name: str((root / path).resolve())
                                  for name, path in (sphinx.get("local_extensions") or {}).items()}
    return config


def execution_cache(root: Path = ROOT, config: dict | None = None) -> Path:
    """The shared execution cache's base folder (``execute.cache`` of _config.yml, relative to the book)."""
    config = config if config is not None else book_config(root)
    path = Path((config.get("execute") or {}).get("cache") or DEFAULT_CACHE)
    return path if path.is_absolute() else (root / path).resolve()


def extraction_config(root: Path = ROOT, output: Path | None = None) -> dict:
    """The gettext build's configuration: execution off (the prose does not depend on it).

    Without outputs, ``{glue:figure}`` would make no figure, so its caption would not be a message: this file,
    loaded as a Sphinx extension (``setup`` below), makes the directive keep the caption.
    """
    config = book_config(root)
    config.setdefault("execute", {})["execute_notebooks"] = "off"
    if output is not None:  # nothing is executed: leave the shared cache (and its clean-up by helpers_cache) alone
        config["execute"]["cache"] = str(output / "_build" / ".jupyter_cache")
    config["sphinx"]["local_extensions"]["translation"] = str(Path(__file__).resolve().parent)
    settings = config["sphinx"].setdefault("config", {})
    settings.setdefault("project", config.get("title"))  # the catalogues' Project-Id-Version
    # without execution there are no glue values (and no figures) to paste
    settings["suppress_warnings"] = [*settings.get("suppress_warnings", []), "mystnb.glue", "mystnb.glue_ref"]
    return config


def edition_config(root: Path = ROOT, locale_dirs: Path | None = None) -> dict:
    """The zh_CN build's configuration: the language, the catalogues, the shared cache, the language switch."""
    config = book_config(root)
    edition_file = root / "locales" / LANGUAGE / "edition.yml"
    edition = yaml.safe_load(edition_file.read_text()) if edition_file.is_file() else {}
    config.update({key: value for key, value in (edition or {}).items() if key in {"title", "author"}})
    execute = config.setdefault("execute", {})
    execute["cache"] = str(execution_cache(root, config))
    settings = config["sphinx"].setdefault("config", {})
    settings["language"] = LANGUAGE
    settings["locale_dirs"] = [str(locale_dirs or root / "locales")]
    settings["language_editions"] = {"en": "", LANGUAGE: EDITION_FOLDER}
    config["sphinx"]["local_extensions"]["glued_words"] = str(root / "_ext")  # glued words from glue.po
    settings.update((edition or {}).get("sphinx_config") or {})
    return config


def run_logged(command: list[str], log_path: Path) -> tuple[int, str]:
    """Run ``command``, echoing its output and keeping it in ``log_path``; (return code, output)."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    lines = []
    with log_path.open("w") as log, subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                                     text=True, bufsize=1) as process:
        for line in process.stdout:
            sys.stdout.write(line)
            log.write(line)
            lines.append(line)
        code = process.wait()
    return code, "".join(lines)


def extract(output: Path, root: Path = ROOT, quiet: bool = False) -> Path:
    """Extract every prose message of the English book into ``output``/**.pot (execution off); the .pot folder."""
    output = output.resolve()
    output.mkdir(parents=True, exist_ok=True)
    config_path = output / "gettext_config.yml"
    config_path.write_text(yaml.safe_dump(extraction_config(root, output), sort_keys=False, allow_unicode=True))
    pot_dir = output / "_build" / "gettext"
    if pot_dir.is_dir():
        shutil.rmtree(pot_dir)  # a page removed from the book leaves no stale .pot
    command = [jupyter_book(), "build", str(root), "--builder", "custom", "--custom-builder", "gettext",
               "--config", str(config_path), "--path-output", str(output), "-W", "--keep-going"]
    if quiet:
        command.append("--quiet")
    code, _ = run_logged(command, output / "gettext.log")
    if code:
        raise SystemExit(f"the extraction failed (exit status {code}); its log: {output / 'gettext.log'}")
    for stray in pot_dir.glob("sphinx.pot"):  # the theme's template strings: the theme translates its own
        stray.unlink()
    return pot_dir


GLUE_CATALOGUE = "glue"
"""locales/zh_CN/LC_MESSAGES/glue.po: the words the chapters glue into the prose (_ext/glued_words.py)."""


def glued_words(root: Path = ROOT) -> dict[str, list[str]]:
    """Every glued text with a word in it, of the English build's glue data, in its template form ("holds in {1} of
    {2} runs"): template → the keys gluing it."""
    from ast import literal_eval

    extension = module_at(ROOT / "_ext" / "glued_words.py")  # owns the template form of a glued text

    words: dict[str, list[str]] = {}
    folder = root / "_build" / "jupyter_execute"
    for path in sorted(folder.rglob("*.glue.json")):
        page = path.relative_to(folder).as_posix().removesuffix(".glue.json")
        for key, output in json.loads(path.read_text()).items():
            try:
                value = literal_eval(output.get("data", {}).get("text/plain", ""))
            except (SyntaxError, ValueError):
                continue
            if isinstance(value, str) and extension.is_message(value):
                words.setdefault(extension.template(value)[0], []).append(f"{page}: {key}")
    return words


def write_glue_template(pot_dir: Path, root: Path = ROOT) -> int | None:
    """pot_dir/glue.pot from the English build's glue data; its number of messages (None without a build)."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    if not (root / "_build" / "jupyter_execute").is_dir():
        return None
    catalogue = Catalog(project="Dropout, explained", charset="utf-8")
    for word, keys in sorted(glued_words(root).items()):
        catalogue.add(word, auto_comments=keys)
    buffer = io.BytesIO()
    write_po(buffer, catalogue, width=0)
    (pot_dir / f"{GLUE_CATALOGUE}.pot").write_bytes(buffer.getvalue())
    return len(catalogue)


def update(root: Path = ROOT) -> int:
    """Extract the English prose and update the zh_CN catalogues; report what changed."""
    pot_dir = extract(root / "_build" / "gettext", root)
    glued = write_glue_template(pot_dir, root)
    if glued is None:
        print(f"no English build (_build/jupyter_execute): {GLUE_CATALOGUE}.po, the glued words, left as it is")
    templates = {pot.relative_to(pot_dir).with_suffix(""): pot for pot in sorted(pot_dir.rglob("*.pot"))}
    po_root = root / "locales" / LANGUAGE / "LC_MESSAGES"
    for relative, pot in templates.items():
        po = po_root / relative.with_suffix(".po")
        changes = update_catalogue(po, pot)
        print(f"{po.relative_to(root)}: {changes or 'unchanged'}")
    stale = [po for po in sorted(po_root.rglob("*.po"))
             if po.relative_to(po_root).with_suffix("") not in templates and po.stem != GLUE_CATALOGUE]
    for po in stale:
        print(f"{po.relative_to(root)}: no such page in the book any more; delete it (git rm) if it was renamed")
    return report([po_root / relative.with_suffix(".po") for relative in templates], pot_dir)


def cached_notebooks(root: Path = ROOT) -> tuple[list[str], list[str]]:
    """The chapters of _toc.yml whose code is in the shared execution cache, and those whose code is not."""
    import nbformat
    from jupyter_cache import get_cache

    helpers_cache = module_at(root / "_ext" / "helpers_cache.py")
    folder = execution_cache(root) / f"helpers-{helpers_cache.helpers_digest(root)}"
    notebooks = [root / f"{name}.ipynb" for name in re.findall(r"file:\s*(\S+)", (root / "_toc.yml").read_text())
                 if (root / f"{name}.ipynb").is_file()]
    if not folder.is_dir():
        return [], [str(notebook.relative_to(root)) for notebook in notebooks]
    cache = get_cache(str(folder))
    found, missing = [], []
    for notebook in notebooks:
        try:
            cache.match_cache_notebook(nbformat.read(notebook, as_version=4))
            found.append(str(notebook.relative_to(root)))
        except KeyError:
            missing.append(str(notebook.relative_to(root)))
    return found, missing


def build(root: Path = ROOT, warnings_as_errors: bool = False, allow_execution: bool = False) -> int:
    """Build the zh_CN edition into _build/html/zh/ from the English execution cache."""
    started = time.monotonic()
    found, missing = cached_notebooks(root)
    if missing and not allow_execution:
        print(f"not in the execution cache: {', '.join(missing)}. Build the English book first "
              f"(jupyter-book build .), or pass --allow-execution to execute them here.")
        return 1
    work = root / "_build" / EDITION_FOLDER
    locale_copy = work / "locales"   # Sphinx compiles each .po into a .mo next to it: not in the source tree
    source = root / "locales" / LANGUAGE
    for po in source.rglob("*.po"):
        target = locale_copy / LANGUAGE / po.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.is_file() or target.read_bytes() != po.read_bytes():
            shutil.copy2(po, target)
    config_path = work / "zh_config.yml"
    config_path.write_text(yaml.safe_dump(edition_config(root, locale_copy), sort_keys=False, allow_unicode=True))
    command = [jupyter_book(), "build", str(root), "--config", str(config_path), "--path-output", str(work)]
    if warnings_as_errors:
        command += ["-W", "--keep-going"]
    code, log = run_logged(command, work / "build.log")
    executed = re.findall(r"^(\S+\.ipynb): Executing notebook", log, re.MULTILINE)
    from_cache = re.findall(r"^(\S+\.ipynb): Using cached notebook", log, re.MULTILINE)
    print(f"zh build: {len(from_cache)} notebook(s) read from the execution cache, {len(executed)} executed"
          + (f" ({', '.join(Path(path).name for path in executed)})" if executed else ""))
    if code:
        print(f"zh build failed (exit status {code}); its log: {work / 'build.log'}")
        return code
    html = root / "_build" / "html" / EDITION_FOLDER
    if html.exists():
        shutil.rmtree(html)
    shutil.copytree(work / "_build" / "html", html)
    print(f"zh edition: {html.relative_to(root)}/ ({time.monotonic() - started:.0f} s)")
    return 1 if executed and not allow_execution else 0


# ---------------------------------------------------------------------------------------------------------------
# Reports


def report(po_paths: list[Path], pot_dir: Path | None = None, verbose: bool = False) -> int:
    """Print one line per catalogue (and its problems); 1 if any catalogue is incomplete or damaged."""
    total = translated = 0
    failed = False
    po_root = LOCALES / LANGUAGE / "LC_MESSAGES"
    for po in po_paths:
        expected = None
        if pot_dir is not None:
            pot = pot_dir / po.resolve().relative_to(po_root.resolve()).with_suffix(".pot")
            expected = template_messages(pot) if pot.is_file() else None
        status = catalogue_status(po, expected)
        problem = msgfmt_check(po) if po.is_file() else "no such file"
        total += status.messages
        translated += status.translated
        failed |= not status.complete or bool(problem)
        name = po.relative_to(ROOT) if po.resolve().is_relative_to(ROOT) else po
        print(f"{name}: {status.messages} messages, {status.translated} translated, "
              f"{len(status.untranslated)} untranslated, {len(status.fuzzy)} fuzzy"
              + (f", {len(status.missing)} not in the catalogue (run update)" if status.missing else "")
              + (f", {len(status.damaged)} damaged" if status.damaged else ""))
        for msgid, lost in status.damaged:
            print(f"  DAMAGED {shorten(msgid)}\n    the translation lacks: {' '.join(lost)}")
        if problem:
            print(f"  msgfmt --check: {problem}")
        if verbose:
            for kind, messages in (("FUZZY", status.fuzzy), ("UNTRANSLATED", status.untranslated),
                                   ("MISSING", status.missing)):
                for msgid in messages:
                    print(f"  {kind} {shorten(msgid)}")
    print(f"{LANGUAGE}: {translated} of {total} messages translated")
    return 1 if failed else 0


def shorten(message: str, width: int = 100) -> str:
    flat = " ".join(message.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


# ---------------------------------------------------------------------------------------------------------------
# Sphinx extension, for the extraction only


def glue_figure_caption_directive():
    """``{glue:figure}`` for a build without outputs: a figure with the directive's caption and legend, no image."""
    from docutils import nodes
    from myst_nb.ext.glue.directives import PasteFigureDirective

    class GlueFigureCaption(PasteFigureDirective):
        def run(self) -> list:
            figure = nodes.figure()
            self.set_source_info(figure)
            if self.content:
                holder = nodes.Element()
                self.state.nested_parse(self.content, self.content_offset, holder)
                if len(holder) and isinstance(holder[0], nodes.paragraph):
                    first = holder[0]  # as myst-nb makes the caption, so the message is the same
                    caption = nodes.caption(first.rawsource, "", *first.children)
                    caption.source, caption.line = first.source, first.line
                    figure += caption
                    if len(holder) > 1:
                        figure += nodes.legend("", *holder[1:])
            return [figure]

    return GlueFigureCaption


def setup(app):
    """The extraction's extension: ``{glue:figure}`` captions are messages even without executed outputs."""
    app.add_directive_to_domain("glue", "figure", glue_figure_caption_directive(), override=True)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("update", help="extract the English prose and update locales/zh_CN/LC_MESSAGES/*.po")
    build_command = commands.add_parser("build", help="build the zh_CN edition into _build/html/zh/")
    build_command.add_argument("-W", dest="warnings_as_errors", action="store_true", help="fail on a warning")
    build_command.add_argument("--allow-execution", action="store_true",
                               help="execute chapters missing from the cache (normally refused)")
    status_command = commands.add_parser("status", help="untranslated / fuzzy counts and damaged translations")
    status_command.add_argument("po", nargs="*", type=Path, help="catalogues (default: all of zh_CN)")
    status_command.add_argument("-v", "--verbose", action="store_true", help="list every untranslated message")
    extract_command = commands.add_parser("extract", help="only extract the English prose into DIR/_build/gettext")
    extract_command.add_argument("output", type=Path)
    arguments = parser.parse_args(argv)
    if arguments.command == "update":
        return update()
    if arguments.command == "build":
        return build(warnings_as_errors=arguments.warnings_as_errors, allow_execution=arguments.allow_execution)
    if arguments.command == "status":
        paths = arguments.po or sorted((LOCALES / LANGUAGE / "LC_MESSAGES").rglob("*.po"))
        return report([path.resolve() for path in paths], verbose=arguments.verbose)
    print(extract(arguments.output))
    return 0


if __name__ == "__main__":
    sys.exit(main())
