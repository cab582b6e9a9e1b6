"""The book's Chinese edition (中文版): one source, the same executed chapters, only the prose translated.

Sphinx's gettext route, driven by Jupyter Book's own command line with a copy of ``_config.yml`` (like
``.ci/linkcheck.py``):

    python tools/translation.py update          after the English prose or helpers/wording.py changed: extract
                                                every prose message of the English book (Sphinx's gettext builder,
                                                notebook execution OFF, so nothing is executed; about a minute)
                                                and every text the code can glue (Babel's extractor on
                                                helpers/wording.py, keyword N_) into _build/gettext/, then bring
                                                locales/zh_CN/LC_MESSAGES/**/*.po up to date with gettext's msgmerge
                                                --previous (new messages untranslated, changed ones fuzzy with their
                                                previous English, removed ones obsolete). Messages with nothing to
                                                translate (a formula, a code span) are filled in from a compendium
                                                of themselves.
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
if str(ROOT) not in sys.path:  # run as `python tools/translation.py`: the repository's tools and extensions
    sys.path.insert(0, str(ROOT))
LANGUAGE = "zh_CN"
EDITION_FOLDER = "zh"
"""The zh edition's folder in the published site (and in _build/html/)."""
LOCALES = ROOT / "locales"
DEFAULT_CACHE = "_build/.jupyter_cache"

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


def undated(po_text: str) -> str:
    """A catalogue's text without the dates of its header, which change with every extraction."""
    return re.sub(r'^"(?:POT-Creation|PO-Revision)-Date: .*\n', "", po_text, flags=re.MULTILINE)


def gettext_tool(name: str) -> str:
    """The path of one of GNU gettext's programs (msgmerge, msginit), or SystemExit saying how to install them."""
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install GNU gettext (apt-get install gettext, brew install gettext)")
    return found


def compendium(pot_path: Path, folder: Path) -> Path:
    """A catalogue translating each message of ``pot_path`` that has nothing to translate (a formula, a code span) by
    itself: msgmerge fills those in from it."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    catalogue = Catalog(locale=LANGUAGE, charset="utf-8")
    for message in read_catalogue(pot_path):
        if message.id and nothing_to_translate(message.id):
            catalogue.add(message.id, message.id)
    path = folder / f"{pot_path.stem}.compendium.po"
    with path.open("wb") as handle:
        write_po(handle, catalogue, width=0)
    return path


def update_catalogue(po_path: Path, pot_path: Path) -> str:
    """Bring one catalogue up to date with its template: what changed, in words ("" if nothing).

    gettext's own merge: ``msginit`` for a new catalogue, then ``msgmerge --previous`` (new messages empty, a
    changed message fuzzy with its previous English kept as ``#| msgid`` for the translator, removed ones obsolete),
    with a compendium that fills in the messages with nothing to translate. A catalogue whose only change would be
    the extraction's date is left alone.
    """
    before = po_path.read_text(encoding="utf-8") if po_path.is_file() else None
    known = {message.id for message in read_catalogue(po_path) if message.id} if before is not None else set()
    po_path.parent.mkdir(parents=True, exist_ok=True)
    work = pot_path.parent
    if before is None:
        subprocess.run([gettext_tool("msginit"), "--no-translator", "--no-wrap", f"--locale={LANGUAGE}.UTF-8",
                        f"--input={pot_path}", f"--output-file={po_path}"], check=True, capture_output=True)
    subprocess.run([gettext_tool("msgmerge"), "--quiet", "--previous", "--no-wrap", "--update", "--backup=none",
                    f"--compendium={compendium(pot_path, work)}", str(po_path), str(pot_path)],
                   check=True, capture_output=True)
    after = po_path.read_text(encoding="utf-8")
    if before is not None and undated(after) == undated(before):
        po_path.write_text(before, encoding="utf-8")
        return ""
    added = {message.id for message in read_catalogue(po_path) if message.id} - known
    return f"{len(added)} new or changed message(s)" if before is not None else f"created with {len(added)} messages"


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
    for pot in pot_dir.rglob("*.pot"):  # an empty message (the root page's caption-less toctree) beside the header
        text = pot.read_text(encoding="utf-8")
        cleaned = EMPTY_MESSAGE.sub("\n", text)
        if cleaned != text:
            pot.write_text(cleaned, encoding="utf-8")
    return pot_dir


EMPTY_MESSAGE = re.compile(r'\n\nmsgid ""\nmsgstr ""\n(?=\n|\Z)')
"""A message with an empty msgid after the header: gettext's msgmerge rejects it as a second header."""


GLUE_CATALOGUE = "glue"
"""locales/zh_CN/LC_MESSAGES/glue.po: every text the chapters can glue (helpers/wording.py; _ext/glued_words.py)."""
WORDING = ROOT / "helpers" / "wording.py"


def write_glue_template(pot_dir: Path, source: Path = WORDING) -> int:
    """pot_dir/glue.pot: the messages marked N_(...) in helpers/wording.py (Babel's Python extractor); their number.

    A message with named slots ("{mean} pp") is flagged python-brace-format, so that ``msgfmt --check`` fails a
    translation that loses or misspells a slot; never python-format, which Babel guesses from a "% o" in the text.
    """
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_file
    from babel.messages.pofile import write_po

    catalogue = Catalog(project="Dropout, explained", charset="utf-8")
    location = source.relative_to(ROOT).as_posix() if source.is_relative_to(ROOT) else source.name
    for line, message, comments, _ in extract_from_file("python", str(source), keywords={"N_": None},
                                                          comment_tags=(), options={}):
        flags = ["python-brace-format"] if re.search(r"\{\w+\}", message) else []
        added = catalogue.add(message, locations=[(location, line)], flags=flags, auto_comments=comments)
        added.flags.discard("python-format")  # Babel's guess from "% o" in "{share} % of": these are brace templates
    with (pot_dir / f"{GLUE_CATALOGUE}.pot").open("wb") as handle:
        write_po(handle, catalogue, width=0, no_location=True)
    return len(catalogue)


def update(root: Path = ROOT) -> int:
    """Extract the English prose and update the zh_CN catalogues; report what changed."""
    pot_dir = extract(root / "_build" / "gettext", root)
    write_glue_template(pot_dir)
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

    from _ext import helpers_cache
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
