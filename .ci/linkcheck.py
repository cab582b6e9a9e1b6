"""Link check of the book: ``jupyter-book build . --builder linkcheck`` with notebook execution off.

Usage: python .ci/linkcheck.py [--external] [--path-output DIR]   (default DIR: _build/linkcheck)

Links inside the book (to its pages and files) are always checked. Links to other sites are checked only with
``--external`` (or ``LINKCHECK_EXTERNAL=1``), since CI's machine reaches no website; GitHub's link-check
workflow turns them on. The build reads _config.yml with execution turned off (a copy in DIR), and has a folder of
its own (Jupyter Book 1 writes the report into the HTML folder, which must stay the book's). Sphinx's report:
DIR/_build/html/output.txt (and .json).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def linkcheck_config(external: bool) -> dict:
    """_config.yml with execution off (and, unless ``external``, links to other sites ignored)."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    config.setdefault("execute", {})["execute_notebooks"] = "off"
    sphinx = config.setdefault("sphinx", {})
    # the copy lives in the build folder: local extensions must not be looked up next to it
    sphinx["local_extensions"] = {name: str((ROOT / path).resolve())
                                  for name, path in (sphinx.get("local_extensions") or {}).items()}
    settings = sphinx.setdefault("config", {})
    # without execution there are no glue values to paste (mystnb.glue for a role naming a key of its own page,
    # mystnb.glue_ref for one in the path form, 05_results.ipynb::key); every other warning (a link to a missing
    # page or file: myst.xref_missing) fails the check, as it fails the book's build
    settings["suppress_warnings"] = [*settings.get("suppress_warnings", []), "mystnb.glue", "mystnb.glue_ref"]
    if not external:
        settings["linkcheck_ignore"] = [*settings.get("linkcheck_ignore", []), r"https?://.*"]
    return config


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--external", action="store_true", default=os.environ.get("LINKCHECK_EXTERNAL") == "1",
                        help="also check links to other sites (needs internet)")
    parser.add_argument("--path-output", type=Path, default=ROOT / "_build" / "linkcheck",
                        help="folder for this build (default: _build/linkcheck)")
    arguments = parser.parse_args(argv)
    output = arguments.path_output.resolve()
    output.mkdir(parents=True, exist_ok=True)
    config = output / "linkcheck_config.yml"
    config.write_text(yaml.safe_dump(linkcheck_config(arguments.external), sort_keys=False))
    print(f"link check: links inside the book{' and to other sites' if arguments.external else ''}", flush=True)
    beside_python = Path(sys.executable).parent / "jupyter-book"  # this environment's, even when not activated
    executable = str(beside_python) if beside_python.is_file() else "jupyter-book"
    command = [executable, "build", str(ROOT), "--builder", "linkcheck", "--config", str(config),
               "--path-output", str(output), "-W", "--keep-going"]
    done = subprocess.run(command, check=False)

    report = output / "_build" / "html" / "output.json"
    if not report.is_file():
        print(f"link check: no report at {report}")
        return 1
    results = [json.loads(line) for line in report.read_text().splitlines() if line.strip()]
    counts: dict[str, int] = {}
    for result in results:
        counts[result["status"]] = counts.get(result["status"], 0) + 1
    broken = [result for result in results if result["status"] in {"broken", "timeout"}]
    for result in broken:
        print(f"BROKEN {result['filename']}:{result['lineno']} {result['uri']} {result['info']}")
    print(f"link check: {', '.join(f'{n} {status}' for status, n in sorted(counts.items())) or 'no link'}")
    return 1 if done.returncode or broken else 0


if __name__ == "__main__":
    sys.exit(main())
