"""The papermill sweep: one executed notebook per combination, atomic, resumable after being killed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import nbformat
import pytest

from tools import sweep

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture
def notebook(tmp_path):
    """A tiny parameterised notebook: prints a function of its parameters, fails when asked to."""
    cells = [
        nbformat.v4.new_code_cell("rate = 0.0\nseed = 0\nfail = False", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("if fail:\n    raise ValueError('asked to fail')\nprint('result', rate * 100 + seed)"),
    ]
    path = tmp_path / "chapter.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}), path)
    return path


def printed(path) -> str:
    cells = json.loads(path.read_text())["cells"]
    text = [output.get("text", "") for cell in cells for output in cell.get("outputs", [])]
    return "".join("".join(part) if isinstance(part, list) else part for part in text)


@pytest.mark.parametrize(
    ("text", "many", "expected"),
    [("seed=0,1,2", True, ("seed", [0, 1, 2])), ("rate=0.5", False, ("rate", 0.5)),
     ("name=relu,tanh", True, ("name", ["relu", "tanh"])), ("path=None", False, ("path", None))],
)
def test_parse_assignment(text, many, expected):
    assert sweep.parse_assignment(text, many) == expected


@pytest.mark.parametrize("text", ["seed", "=1", "two words=1"])
def test_parse_assignment_refuses_malformed(text):
    with pytest.raises(ValueError, match="name=value"):
        sweep.parse_assignment(text, many=False)


def test_combinations_and_names(notebook):
    grid = {"rate": [0.1, 0.2], "seed": [0, 1, 2]}
    found = list(sweep.combinations(grid))
    assert len(found) == 6
    assert found[1] == {"rate": 0.1, "seed": 1}
    assert sweep.artifact_name(notebook, found[1]) == "chapter__rate=0.1-seed=1.ipynb"


def test_without_a_grid_the_notebook_keeps_its_name(notebook):
    assert list(sweep.combinations({})) == [{}]
    assert sweep.artifact_name(notebook, {}) == "chapter.ipynb"


@pytest.mark.parametrize(("text", "expected"), [("rate: 0.5\nseed: 3\n", {"rate": 0.5, "seed": 3}),
                                                ("train_sizes: [500, 54000]\n", {"train_sizes": [500, 54000]}),
                                                ("", {})])
def test_read_parameters_reads_a_yaml_mapping(tmp_path, text, expected):
    path = tmp_path / "parameters.yml"
    path.write_text(text)
    assert sweep.read_parameters(path) == expected


@pytest.mark.parametrize("text", ["- 1\n- 2\n", "two words: 1\n"])
def test_read_parameters_refuses_what_is_no_mapping_of_names(tmp_path, text):
    path = tmp_path / "parameters.yml"
    path.write_text(text)
    with pytest.raises(ValueError, match="mapping"):
        sweep.read_parameters(path)


@pytest.mark.parametrize("arguments", [["--local-cluster", "0"], ["--local-cluster", "2", "--scheduler", "tcp://x:1"]])
def test_the_cluster_options_are_checked(notebook, tmp_path, arguments):
    with pytest.raises(SystemExit):
        sweep.main([str(notebook), str(tmp_path / "out"), *arguments])


def test_the_scheduler_is_set_for_the_kernels_and_restored(monkeypatch):
    monkeypatch.delenv("DROPOUT_BOOK_SCHEDULER", raising=False)
    with sweep.Scheduler() as scheduler:  # no cluster: nothing but TensorFlow's log level
        assert "DROPOUT_BOOK_SCHEDULER" not in os.environ
        scheduler.set("DROPOUT_BOOK_SCHEDULER", "tcp://somewhere:8786")
        assert os.environ["DROPOUT_BOOK_SCHEDULER"] == "tcp://somewhere:8786"
    assert "DROPOUT_BOOK_SCHEDULER" not in os.environ


@pytest.mark.slow  # executes a notebook
def test_a_parameters_file_then_p_and_no_grid(notebook, tmp_path):
    parameters = tmp_path / "parameters.yml"
    parameters.write_text("rate: 0.5\nseed: 1\n")
    assert sweep.main([str(notebook), str(tmp_path / "out"), "--parameters", str(parameters), "-p", "seed=2"]) == 0
    assert printed(tmp_path / "out" / "chapter.ipynb").startswith("result 52")  # rate from the file, seed from -p


@pytest.mark.slow  # starts a Dask LocalCluster and executes a notebook
def test_a_local_cluster_is_handed_to_the_kernels(tmp_path, capsys):
    before = os.environ.get("DROPOUT_BOOK_SCHEDULER")
    cells = [nbformat.v4.new_code_cell("seed = 0", metadata={"tags": ["parameters"]}),
             nbformat.v4.new_code_cell("import os\nprint('scheduler', os.environ['DROPOUT_BOOK_SCHEDULER'][:6])")]
    path = tmp_path / "probe.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3",
                   "display_name": "Python 3", "language": "python"}}), path)
    assert sweep.main([str(path), str(tmp_path / "out"), "--local-cluster", "1"]) == 0
    assert "1 workers; dashboard" in capsys.readouterr().out
    assert printed(tmp_path / "out" / "probe.ipynb") == "scheduler tcp://\n"
    assert os.environ.get("DROPOUT_BOOK_SCHEDULER") == before  # restored after the sweep


@pytest.mark.slow  # executes notebooks
def test_sweep_runs_each_combination_once_and_resumes(notebook, tmp_path, capsys):
    output = tmp_path / "out"
    assert sweep.run_sweep(notebook, output, {"rate": [0.1, 0.2]}, {"seed": 3}) == 0
    assert printed(output / "chapter__rate=0.2.ipynb").strip() == "result 23.0"
    capsys.readouterr()
    assert sweep.run_sweep(notebook, output, {"rate": [0.1, 0.2, 0.3]}, {"seed": 3}) == 0
    lines = capsys.readouterr().out.splitlines()
    assert ["skipped" in line for line in lines] == [True, True, False]


@pytest.mark.slow  # executes notebooks
def test_a_failing_combination_is_reported_and_leaves_no_artifact(notebook, tmp_path, capsys):
    output = tmp_path / "out"
    assert sweep.run_sweep(notebook, output, {"fail": [False, True]}, {}) == 1
    assert "FAILED" in capsys.readouterr().out
    assert sorted(path.name for path in output.iterdir()) == ["chapter__fail=False.ipynb"]


@pytest.mark.slow  # executes notebooks
def test_the_command_line_exit_status(notebook, tmp_path):
    assert sweep.main([str(notebook), str(tmp_path / "out"), "--grid", "seed=1,2"]) == 0
    assert sweep.main([str(notebook), str(tmp_path / "failed"), "--grid", "fail=True"]) == 1
    with pytest.raises(SystemExit):
        sweep.main([str(tmp_path / "no such chapter.ipynb"), str(tmp_path / "out")])


@pytest.mark.slow  # executes notebooks
def test_a_killed_sweep_keeps_finished_notebooks_and_the_rerun_does_only_the_rest(notebook, tmp_path):
    output = tmp_path / "out"
    command = [sys.executable, os.path.join(ROOT, "tools", "sweep.py"), str(notebook), str(output), "--grid", "seed=1,2,3"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT, start_new_session=True)
    assert "done in" in process.stdout.readline()
    os.killpg(process.pid, signal.SIGKILL)  # while the second combination runs
    process.wait()
    process.stdout.close()
    finished = sorted(path.name for path in output.glob("chapter__*.ipynb"))  # not the hidden .partial-* ones
    assert finished[0] == "chapter__seed=1.ipynb"
    assert len(finished) <= 2
    assert all(printed(output / name).startswith("result") for name in finished)

    rerun = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr[-2000:]
    assert rerun.stdout.count("skipped") == len(finished)
    assert sorted(path.name for path in output.glob("*.ipynb")) == [f"chapter__seed={seed}.ipynb" for seed in (1, 2, 3)]
    assert not list(output.glob(".partial-*")), "the rerun left a partial notebook behind"
