"""Fail when a chapter page of the built book lacks its executed figures or shows unrendered output.

Usage: python .ci/check_pages.py [_build/html]
"""

from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class Images(HTMLParser):
    """Collects the src of every <img> on a page."""

    def __init__(self) -> None:
        super().__init__()
        self.sources: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.sources.append(dict(attrs).get("src", ""))


def chapter_pages(toc: Path) -> list[str]:
    """The chapter documents listed in _toc.yml, in order."""
    return re.findall(r"file:\s*(chapters/\S+)", toc.read_text())


def problems_of(page: Path) -> list[str]:
    """What is wrong with one built chapter page (nothing, if the list is empty)."""
    if not page.is_file():
        return [f"{page}: page missing"]
    html = page.read_text()
    parser = Images()
    parser.feed(html)
    problems = []
    figures = [src for src in parser.sources if "_images/" in src]
    if not figures:
        problems.append(f"{page}: no executed figure")
    for src in figures:
        image = (page.parent / src).resolve()
        if not image.is_file() or image.stat().st_size < 1000:
            problems.append(f"{page}: figure {src} missing or empty")
    for pattern, what in [
        (r"&lt;Figure size [^&]*&gt;(?![\s\S]{0,400}<img)", "a figure printed as text, not drawn"),
        (r"\{glue:?\w*\}", "an unresolved glue reference"),
        (r"Traceback \(most recent call last\)", "an error traceback"),
    ]:
        if re.search(pattern, html):
            problems.append(f"{page}: {what}")
    return problems


def main(html_dir: Path) -> int:
    pages = chapter_pages(ROOT / "_toc.yml")
    problems = [problem for name in pages for problem in problems_of(html_dir / f"{name}.html")]
    for problem in problems:
        print("PROBLEM", problem)
    print(f"checked {len(pages)} chapter pages: {'all have their figures' if not problems else f'{len(problems)} problem(s)'}")
    return 1 if problems or not pages else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "_build" / "html"))
