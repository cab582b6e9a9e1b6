"""Every page of the built book, opened in a real browser: Debian's headless Chromium, driven by Playwright.

The built HTML (``_build/html``, or ``$BOOK_HTML``) is served on 127.0.0.1, and each page must

- load every image (``naturalWidth > 0``),
- render all its math with MathJax (no TeX left as text, no MathJax error),
- log no JavaScript error (uncaught exceptions, ``console.error``, failed requests),
- request nothing outside the book, except MathJax, which is served from a local copy of the CDN's version,
- link only to files of the book that exist (links to other sites are the link check's: .ci/linkcheck.py);
- and, for a chapter, carry its Binder and Colab launch buttons, pointing at the chapter's notebook;
- when the Chinese edition is built too (``_build/html/zh/``, by ``python tools/translation.py build``): its pages
  are checked alike, and every page of both editions links to the same page in the other language.

A screenshot of the first screen of each page (1280×900; a full-page one doubles the test's time) goes to
``_build/screenshots/`` (``$BOOK_SCREENSHOTS``), which CI keeps.

The test needs a built book, ``/usr/bin/chromium`` (``$CHROMIUM``; Debian's ``chromium`` package), Playwright
and MathJax's files (``pip install -r requirements-dev.txt``). Without them it is skipped, with the reason;
when ``CI=true`` it fails instead, so CI cannot pass without checking the pages (``.ci/run`` builds the book
before it runs the tests).
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import threading
from importlib import metadata
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

pytestmark = pytest.mark.slow  # a browser opens the built pages

ROOT = Path(__file__).resolve().parent.parent
HTML = Path(os.environ.get("BOOK_HTML", ROOT / "_build" / "html")).resolve()
SCREENSHOTS = Path(os.environ.get("BOOK_SCREENSHOTS", HTML.parent / "screenshots"))
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
REQUIRED = os.environ.get("CI", "").lower() == "true" or os.environ.get("BOOK_PAGES_REQUIRED") == "1"
ZH = "zh/"
"""The folder of the Chinese edition in the HTML folder (tools/translation.py build)."""
ZH_REQUIRED = os.environ.get("BOOK_ZH_REQUIRED") == "1"
"""Fail, rather than skip, the Chinese edition's checks when it is not built (.ci/run, once it builds it)."""

MATHJAX_CDN = "https://cdn.jsdelivr.net/npm/mathjax@3/es5/"
"""Sphinx's default MathJax (mathjax@3 resolves to 3.2.2, the version of the local copy)."""

CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text())
TOC = (ROOT / "_toc.yml").read_text()
CHAPTERS = re.findall(r"file:\s*(chapters/[^\s#]+)", TOC)
ROOT_PAGE = re.search(r"^root:\s*(\S+)", TOC, re.MULTILINE).group(1)
SWITCH_IN_ENGLISH = bool(((CONFIG.get("sphinx") or {}).get("config") or {}).get("language_editions"))
"""_config.yml turns the English edition's language switch on (the Chinese edition always has it)."""


def pages() -> list[str]:
    """Every HTML page of the book, relative to the HTML folder (not Sphinx's _static, _sources, ...)."""
    if not HTML.is_dir():
        return []
    return sorted(
        str(page.relative_to(HTML))
        for page in HTML.rglob("*.html")
        if not any(part.startswith("_") or part == "reports" for part in page.relative_to(HTML).parts[:-1])
    )


def mathjax_files() -> Path | None:
    try:
        folder = Path(metadata.distribution("sphinx-mathjax-offline").locate_file("sphinx-mathjax-offline"))
    except metadata.PackageNotFoundError:
        return None
    folder = folder / "static" / "mathjax"
    return folder if (folder / "tex-mml-chtml.js").is_file() else None


def missing_requirement() -> str | None:
    """Why the pages cannot be checked here, or None."""
    if not (HTML / f"{ROOT_PAGE}.html").is_file():
        return f"no built book at {HTML}: build it first (jupyter-book build . -W)"
    if not Path(CHROMIUM).is_file():
        return f"no Chromium at {CHROMIUM}: apt-get install chromium (Debian), or set CHROMIUM"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed: pip install -r requirements-dev.txt"
    if mathjax_files() is None:
        return "MathJax's files are not installed: pip install -r requirements-dev.txt"
    return None


def skip_or_fail(reason: str) -> None:
    if REQUIRED:
        pytest.fail(f"CI=true, but the pages cannot be checked: {reason}", pytrace=False)
    pytest.skip(reason)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def site():
    """The built book served on 127.0.0.1 (an ephemeral port); yields its base URL."""
    reason = missing_requirement()
    if reason:
        skip_or_fail(reason)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(HTML)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser(site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def screenshots():
    if SCREENSHOTS.exists():
        shutil.rmtree(SCREENSHOTS)
    SCREENSHOTS.mkdir(parents=True)
    return SCREENSHOTS


class PageLog:
    """What went wrong while a page loaded: JavaScript errors, failed and external requests."""

    def __init__(self, page, site: str) -> None:
        self.errors: list[str] = []
        self.external: list[str] = []
        mathjax = mathjax_files()
        page.on("pageerror", lambda error: self.errors.append(f"uncaught exception: {error}"))
        page.on("console", lambda message: message.type == "error" and self.errors.append(
            f"console.error: {message.text} ({message.location.get('url', '')})"))
        page.on("requestfailed", lambda request: self.errors.append(
            f"request failed: {request.url} ({request.failure})"))

        def route(route) -> None:
            url = route.request.url
            if url.startswith(site) or url.startswith("data:"):
                route.continue_()
            elif url.startswith(MATHJAX_CDN) and (mathjax / urlsplit(url).path.split("/es5/", 1)[1]).is_file():
                route.fulfill(path=mathjax / urlsplit(url).path.split("/es5/", 1)[1])
            else:
                self.external.append(url)
                route.abort()

        page.route("**/*", route)


# Runs in the page once it has loaded: waits for MathJax and for every image, then reports what is wrong.
INSPECT = r"""
async () => {
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) { await MathJax.startup.promise; }
  const images = Array.from(document.images);
  images.forEach((image) => { image.loading = "eager"; });
  await Promise.all(images.map((image) => image.decode().catch(() => null)));
  const brokenImages = images.filter((image) => image.naturalWidth === 0)
    .map((image) => image.getAttribute("src"));

  const mathElements = Array.from(document.querySelectorAll(".math"));
  const unrenderedMath = mathElements.filter((element) => !element.querySelector("mjx-container"))
    .map((element) => element.textContent.trim().slice(0, 80));
  const mathErrors = Array.from(document.querySelectorAll("mjx-merror, [data-mjx-error]"))
    .map((element) => (element.getAttribute("data-mjx-error") || element.textContent).slice(0, 80));

  // TeX left as text outside code and rendered math: $...$, \(, \[, \begin{
  const tex = /\$[^$\s][^$]*\$|\\\(|\\\[|\\begin\{/;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => node.parentElement.closest("pre, code, script, style, textarea, mjx-container, .math")
      ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  });
  const texAsText = [];
  while (walker.nextNode()) {
    const text = walker.currentNode.textContent;
    if (tex.test(text)) { texAsText.push(text.trim().slice(0, 80)); }
  }
  const links = Array.from(document.querySelectorAll("a[href]")).map((link) => link.href);
  return {brokenImages, unrenderedMath, mathErrors, texAsText, links};
}
"""


def launch_urls(chapter: str) -> dict[str, str]:
    """The Binder and Colab links a chapter's page must carry, derived from _config.yml."""
    repository = CONFIG["repository"]
    owner_and_name = urlsplit(repository["url"]).path.strip("/")
    branch = repository.get("branch", "main")
    notebook = f"{chapter}.ipynb"
    launch = CONFIG["launch_buttons"]
    interface = {"classic": "tree", "jupyterlab": "lab/tree"}[launch.get("notebook_interface", "classic")]
    return {
        "Binder": f"{launch['binderhub_url'].rstrip('/')}/v2/gh/{owner_and_name}/{branch}?urlpath={interface}/{notebook}",
        "Colab": f"{launch['colab_url'].rstrip('/')}/github/{owner_and_name}/blob/{branch}/{notebook}",
    }


def broken_internal_links(links: list[str], site: str) -> list[str]:
    """The links to the served book whose file does not exist in the HTML folder."""
    broken = []
    for url in links:
        if not url.startswith(site):
            continue
        path = urlsplit(url).path.removeprefix(urlsplit(site).path)
        target = HTML / path
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            broken.append(url)
    return sorted(set(broken))


def page_ids(name: str) -> str:
    return name.removesuffix(".html")


def edition_of(name: str) -> tuple[str, str]:
    """(the edition's folder, the page's name within it): ("zh/", "chapters/01_data.html") for a Chinese page."""
    return (ZH, name.removeprefix(ZH)) if name.startswith(ZH) else ("", name)


def other_edition(name: str) -> str | None:
    """The same page in the other language, if the page should link to it; None if it should not."""
    folder, page = edition_of(name)
    if page == "index.html" or not (HTML / ZH).is_dir():
        return None
    if folder == ZH:
        return page
    return ZH + page if SWITCH_IN_ENGLISH else None


@pytest.mark.parametrize("name", pages() or ["(no built book)"], ids=page_ids)
def test_page_renders_completely_in_a_browser(name, site, browser, screenshots):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log = PageLog(page, site)
    try:
        page.goto(site + name, wait_until="load")
        folder, in_edition = edition_of(name)
        if in_edition == "index.html":  # Jupyter Book's redirect to the root page
            page.wait_for_url(f"**/{folder}{ROOT_PAGE}.html")
            page.wait_for_load_state("load")
        found = page.evaluate(INSPECT)
        switch = page.eval_on_selector_all("a.btn-language-switch", "links => links.map((link) => link.href)")
        page.screenshot(path=screenshots / (name.replace("/", "__").removesuffix(".html") + ".png"))  # the first screen
    finally:
        context.close()

    problems = [f"image does not load: {src}" for src in found["brokenImages"]]
    problems += [f"math not rendered: {text}" for text in found["unrenderedMath"]]
    problems += [f"MathJax error: {text}" for text in found["mathErrors"]]
    problems += [f"TeX left as text: {text}" for text in found["texAsText"]]
    problems += log.errors
    problems += [f"request outside the book: {url}" for url in log.external]
    problems += [f"link to a missing file of the book: {url}" for url in broken_internal_links(found["links"], site)]
    chapter = in_edition.removesuffix(".html")
    if chapter in CHAPTERS:
        for provider, url in launch_urls(chapter).items():
            if url not in found["links"]:
                problems.append(f"no {provider} launch button to {url}")
    other = other_edition(name)
    if other is not None and site + other not in switch:
        problems.append(f"no language switch to {other} (found: {switch or 'none'})")
    assert not problems, f"{name}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("edition", ["", ZH], ids=["en", "zh"])
def test_every_chapter_has_a_page(edition):
    if not HTML.is_dir():
        skip_or_fail(f"no built book at {HTML}")
    if edition and not (HTML / edition).is_dir():
        reason = f"no Chinese edition at {HTML / edition}: python tools/translation.py build"
        if ZH_REQUIRED:
            pytest.fail(f"BOOK_ZH_REQUIRED=1, but {reason}", pytrace=False)
        pytest.skip(reason)
    assert CHAPTERS, "_toc.yml lists no chapter"
    missing = [chapter for chapter in CHAPTERS if f"{edition}{chapter}.html" not in pages()]
    assert not missing, f"chapters without a page in {HTML / edition}: {missing}"

