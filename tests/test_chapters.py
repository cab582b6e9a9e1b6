"""Every chapter runs top to bottom under small parameters, and re-running it reproduces its text outputs.

Each chapter is executed with papermill (as a teacher changing parameters would), then the executed
notebook is handed to nbval, which runs it again and compares every text output cell by cell: two executions,
the fewest a reproduction needs. That a chapter checks its parameters is tested without a kernel
(tests/test_notebooks.py), the rules on ``helpers.check_parameters`` (tests/test_parameters.py); one kernel proves
that a bad value stops a chapter before it does anything.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import papermill
import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = ROOT / "chapters"
SANITIZE = Path(__file__).with_name("nbval_sanitize.cfg")

SMALL = {"epochs": 1, "train_samples": 2000}
CHAPTER_PARAMETERS = {
    "01_data": {"sample_digits": 8},
    "02_baseline": SMALL,
    "03_dropout": {**SMALL, "dropout_rate": 0.3, "mask_counts": [1, 5]},
    "04_placement": {"epochs": 1, "train_samples": 500, "seeds": [0, 1], "activations": ["relu"], "probe_images": 200,
                     "workers": 1},
    "05_results": {"epochs": 2, "train_samples": 1000, "seeds": [0, 1], "sweep_seeds": [0, 1], "dropout_rates": [0.0, 0.5],
                   "patience": 1, "workers": 1},
    # 12 tiny runs: 2 cells x 2 seeds early-stopped, their 4 last-epoch twins, the recipe's 2 other arms x 2 seeds
    "06_regimes": {"train_sizes": [200], "hidden_widths": [16], "dropout_rates": [0.5], "seeds": [0, 1], "epochs": 1,
                   "patience": 1, "recipe_train_samples": 200, "recipe_hidden_units": 16, "workers": 1},
    # 4 tiny networks (2 seeds, with and without dropout); 5 MC passes, 2 angles, 200 shifted images
    "07_test_time": {"epochs": 1, "train_samples": 500, "seeds": [0, 1], "mc_samples": 5, "rotation_angles": [0, 90],
                     "shift_images": 200, "workers": 1},
    # weight decay and input dropout 0: those arms repeat others' configurations (one record each), so 6 runs, not 12
    "08_practice": {"train_samples": 300, "hidden_units": 16, "epochs": 1, "patience": 1, "seeds": [0, 1],
                    "dropout_rates": [0.5], "weight_decays": [0.0], "max_norms": [1.0], "input_dropout_rate": 0.0,
                    "selu_depth": 3, "conv_epochs": 1, "probe_images": 100, "workers": 1},
    # the page reads a small "full-scale" file (absolute paths: nbval re-runs the copy in tmp_path); its epoch timings
    # differ from run to run, so their cells are tagged nbval-ignore-output (the re-run checks that they run)
    "09_full_scale": {"parameters_file": str(ROOT / "tests" / "full_scale_small.yml"),
                      "chapter": str(CHAPTERS / "06_regimes.ipynb"), "timing_sizes": [50, 100]},
}


def test_every_chapter_in_the_book_is_tested():
    in_toc = {line.split("chapters/")[1].strip() for line in (ROOT / "_toc.yml").read_text().splitlines() if "chapters/" in line}
    assert in_toc == set(CHAPTER_PARAMETERS)


def execute(name: str, output: Path, parameters: dict) -> dict:
    """Run one chapter with papermill and return the executed notebook as JSON."""
    papermill.execute_notebook(
        CHAPTERS / f"{name}.ipynb", output, parameters=parameters, kernel_name="python3", cwd=CHAPTERS, progress_bar=False
    )
    return json.loads(output.read_text())


@pytest.fixture(autouse=True)
def private_records(tmp_path, monkeypatch):
    """Each test keeps its experiment records to itself (the papermill run and the nbval re-run share them)."""
    monkeypatch.setenv("DROPOUT_BOOK_RECORDS", str(tmp_path / "records"))


@pytest.mark.parametrize("name", sorted(CHAPTER_PARAMETERS))
def test_chapter_runs_and_a_rerun_reproduces_its_outputs(tmp_path, name):
    executed = execute(name, tmp_path / f"{name}.ipynb", CHAPTER_PARAMETERS[name])
    outputs = [output for cell in executed["cells"] for output in cell.get("outputs", [])]
    assert not [output for output in outputs if output["output_type"] == "error"]
    assert any("image/png" in output.get("data", {}) for output in outputs), "the chapter drew no figure"
    uncaptioned = [index for index, cell in enumerate(executed["cells"]) for output in cell.get("outputs", [])
                   if "image/png" in output.get("data", {}) and "scrapbook" not in output.get("metadata", {})]
    assert not uncaptioned, f"{name}: cells {uncaptioned} show a figure without helpers.glue_figure (no caption)"

    rerun = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval", str(tmp_path / f"{name}.ipynb"), "--nbval-sanitize-with",
         str(SANITIZE), "--nbval-current-env", "-p", "no:cacheprovider", "-o", "addopts=", "-q"],  # one kernel, in order
        capture_output=True, text=True, cwd=tmp_path, env=os.environ.copy(),
    )
    assert rerun.returncode == 0, rerun.stdout[-5000:]


def test_a_bad_parameter_stops_the_chapter_with_a_clear_message(tmp_path):
    with pytest.raises(papermill.PapermillExecutionError) as error:
        execute("03_dropout", tmp_path / "bad.ipynb", {"dropout_rate": 1.5})
    assert error.value.ename == "ValueError"
    assert "dropout_rate=1.5 is not allowed" in error.value.evalue
    assert "helpers.check_parameters(" in error.value.source  # the check right after the parameters stopped it
