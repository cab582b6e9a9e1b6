"""The readers' routes stay consistent: one repository setting, README badges that agree with it, a Binder
environment pinned to CI's Python, and requirements that hold only what the book needs."""

from __future__ import annotations

import json
import re
import subprocess
import tomllib
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

ROOT = Path(__file__).resolve().parent.parent
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text())
REPOSITORY = CONFIG["repository"]["url"].rstrip("/")
OWNER, NAME = urlsplit(REPOSITORY).path.strip("/").split("/")
BRANCH = CONFIG["repository"].get("branch", "main")
README = (ROOT / "README.md").read_text()
README_URLS = re.findall(r"\]\((https?://[^)\s]+)\)", README)


def test_buttons_and_launchers_are_configured_from_the_repository_setting():
    assert urlsplit(REPOSITORY).netloc == "github.com", "Binder's gh/ and Colab's github/ routes need GitHub"
    assert CONFIG["launch_buttons"]["binderhub_url"]
    assert CONFIG["launch_buttons"]["colab_url"]
    assert all(CONFIG["html"][button] for button in ("use_repository_button", "use_issues_button",
                                                     "use_edit_page_button"))


def test_readme_has_binder_and_colab_badges_that_agree_with_the_config():
    binder = f"{CONFIG['launch_buttons']['binderhub_url'].rstrip('/')}/v2/gh/{OWNER}/{NAME}/{BRANCH}"
    colab = f"{CONFIG['launch_buttons']['colab_url'].rstrip('/')}/github/{OWNER}/{NAME}/blob/{BRANCH}/"
    binder_links = [url for url in README_URLS if "/v2/gh/" in url]
    colab_links = [url for url in README_URLS if "colab.research.google.com/github/" in url]
    assert binder_links, "README.md has no Binder badge"
    assert colab_links, "README.md has no Colab badge"
    for url in binder_links:
        assert url.split("?")[0] == binder, f"README's Binder link {url} does not start with {binder}"
        for opened in parse_qs(urlsplit(url).query).get("urlpath", []):
            path = opened.split("/tree/", 1)[-1]
            assert (ROOT / path).exists(), f"README's Binder link opens {path}, which does not exist"
    for url in colab_links:
        assert url.startswith(colab), f"README's Colab link {url} does not start with {colab}"
        assert (ROOT / url.removeprefix(colab)).is_file(), f"README's Colab link opens a missing notebook: {url}"


def test_readme_links_to_the_repository_and_its_pages_agree_with_the_config():
    for url in README_URLS:
        if f"/{NAME}" in url and "github" in url and "/v2/gh/" not in url and "colab" not in url:
            allowed = (REPOSITORY, f"https://{OWNER}.github.io/{NAME}")
            assert url.startswith(allowed), f"README links to {url}, not derived from {REPOSITORY}"


def repository_files() -> list[Path]:
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, text=True, check=False).stdout
    return [ROOT / name for name in sorted(set(listed.split("\0"))) if name and (ROOT / name).is_file()]


def test_no_other_file_repeats_the_repository_address():
    """_config.yml holds it; README's badges and the chapters' bootstrap cells are checked copies."""
    files = repository_files()
    if not files:
        pytest.skip("not a git checkout")
    slug = f"{OWNER}/{NAME}"
    repeated = []
    for path in files:
        relative = path.relative_to(ROOT).as_posix()
        if relative in {"_config.yml", "README.md"} or path.suffix in {".png", ".svg", ".npz"}:
            continue
        try:
            text = path.read_text()
        except UnicodeDecodeError:
            continue
        if path.suffix == ".ipynb":  # the bootstrap cell, checked by test_bootstrap.py, may carry it
            cells = json.loads(text)["cells"]
            text = json.dumps([cell for cell in cells if "bootstrap" not in cell.get("metadata", {}).get("tags", [])])
        if slug in text or f"{OWNER}.github.io" in text:
            repeated.append(relative)
    assert not repeated, f"these files repeat the repository's address instead of deriving it: {repeated}"


def test_binder_runtime_is_the_python_ci_uses():
    runtime = (ROOT / "runtime.txt").read_text().strip()
    match = re.fullmatch(r"python-(\d+\.\d+)", runtime)
    assert match, f"runtime.txt must read python-X.Y, not {runtime!r}"
    version = match.group(1)
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert SpecifierSet(requires).contains(f"{version}.0"), f"runtime.txt's {version} is outside {requires}"
    images = {image for workflow in (ROOT / ".github" / "workflows").glob("*.yml")
              for image in re.findall(r"container:\s*python:(\d+\.\d+)", workflow.read_text())}
    assert images == {version}, f"the workflows' Python images {images} differ from runtime.txt's {version}"


def requirement_names(path: Path) -> set[str]:
    names = set()
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            names.add(Requirement(line).name.lower())
    return names


def test_development_tools_stay_out_of_the_binder_environment():
    tools = requirement_names(ROOT / "requirements-dev.txt")
    assert tools, "requirements-dev.txt lists no tool"
    assert not tools & requirement_names(ROOT / "requirements.txt")


def test_the_readme_is_short_and_gives_the_two_commands_first():
    """For readers and newcomers: at most 100 lines; its first two code blocks are the build and test commands, and
    CI runs exactly those (the maintainers' matters are in MAINTAINING.md)."""
    assert len(README.splitlines()) <= 100, "README.md grew past 100 lines: move maintainers' matters to MAINTAINING.md"
    blocks = re.findall(r"```bash\n(.*?)\n```", README, flags=re.DOTALL)
    build, test = blocks[0].strip(), blocks[1].strip()
    assert "jupyter-book build" in build
    assert "pytest" in test
    ci = (ROOT / ".ci" / "run").read_text()
    assert build in ci, "the README's build command is not the one .ci/run runs"
    assert test in ci, "the README's test command is not the one .ci/run runs"
    assert (ROOT / "MAINTAINING.md").is_file()
