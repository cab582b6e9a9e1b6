"""Runs: trained once and reused, many in parallel with the same results, killed runs leave no partial record."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest
from conftest import small_arrays

from helpers import records, runs
from helpers.config import RunConfig
from helpers.data import Mnist, prepare_splits
from helpers.models import build_mlp
from helpers.records import load_record, record_path


@pytest.fixture
def mnist() -> Mnist:
    arrays = small_arrays()
    return Mnist(*(arrays[name] for name in Mnist._fields))


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv(records.RECORDS_VARIABLE, str(tmp_path / "records"))
    return tmp_path / "records"


@pytest.fixture
def trainings(monkeypatch) -> list[RunConfig]:
    """The configurations ``helpers.runs`` trains (rather than reads) during the test, in order."""
    trained = []
    train = runs.train_mlp
    monkeypatch.setattr(runs, "train_mlp", lambda splits, config, **k: trained.append(config) or train(splits, config, **k))
    return trained


def finished_records(folder: Path) -> list[Path]:
    """The record folders in ``folder`` (hidden temporary folders are not records)."""
    return sorted(path for path in folder.iterdir() if not path.name.startswith("."))


@pytest.mark.parametrize(("dropout_rate", "stored"), [(0.5, True), (0.0, False)])
def test_save_run_stores_only_the_network_the_config_describes(folder, dropout_rate, stored):
    config = RunConfig(seed=0, dropout_rate=0.5)
    model = build_mlp(dropout_rate=dropout_rate)
    assert runs.save_run(config, model, {"loss": [0.1]}, {"accuracy": 0.9}, {"loss": 0.1}) is stored
    assert (load_record(config) is not None) is stored


def test_run_or_load_trains_once_then_reuses(mnist, folder, monkeypatch):
    config = RunConfig(seed=0, dropout_rate=0.5, epochs=2, batch_size=16, hidden_units=8)
    first = runs.run_or_load(config, mnist)
    assert (record_path(config) / records.RECORD_FILE).is_file()
    assert set(first) == {"config", "code_version", "history", "epochs_trained", "restored_epoch", "test", "train"}
    assert len(first["history"]["val_loss"]) == 2
    assert first["restored_epoch"] == 2

    monkeypatch.setattr(runs, "train_mlp", lambda *a, **k: pytest.fail("a recorded run was trained again"))
    assert runs.run_or_load(config, mnist) == first


def test_a_record_without_weights_is_retrained(mnist, folder):
    config = RunConfig(seed=1, epochs=1, batch_size=16, hidden_units=8)
    runs.run_or_load(config, mnist)
    (record_path(config) / records.WEIGHTS_FILE).unlink()
    again = runs.run_or_load(config, mnist)
    assert (record_path(config) / records.WEIGHTS_FILE).is_file()
    assert again["epochs_trained"] == 1


def test_trained_network_is_the_recorded_network(mnist, folder):
    config = RunConfig(seed=2, dropout_rate=0.5, epochs=2, batch_size=16, hidden_units=8, patience=1)
    record = runs.run_or_load(config, mnist)
    network = runs.trained_network(config, mnist)
    splits = prepare_splits(mnist)
    test = network.evaluate(splits.x_test, splits.y_test, verbose=0, return_dict=True)
    assert test["accuracy"] == pytest.approx(record["test"]["accuracy"])
    assert test["loss"] == pytest.approx(record["test"]["loss"], rel=1e-5)


def test_early_stopped_records_name_the_restored_epoch(mnist, folder):
    config = RunConfig(seed=0, epochs=6, batch_size=16, hidden_units=8, patience=1)
    record = runs.run_or_load(config, mnist)
    best = int(np.argmin(record["history"]["val_loss"])) + 1
    assert record["restored_epoch"] == best
    assert record["epochs_trained"] == len(record["history"]["loss"]) <= min(best + 1, 6)


def killable_configs() -> list[RunConfig]:
    """The four runs the killed process trains, in order (about a second each)."""
    return [RunConfig(seed=seed, epochs=3, batch_size=8, hidden_units=8) for seed in range(4)]


KILLABLE_RUN = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, "tests")
    from conftest import small_arrays
    from helpers.data import Mnist
    from helpers.runs import run_or_load
    from test_runs import killable_configs

    arrays = small_arrays()
    mnist = Mnist(*(arrays[name] for name in Mnist._fields))
    for config in killable_configs():
        run_or_load(config, mnist)
        print("saved", config.seed, flush=True)
    """
)


@pytest.mark.slow  # starts Python processes
def test_a_killed_run_leaves_finished_records_intact_and_the_rerun_completes_the_rest(mnist, tmp_path, monkeypatch,
                                                                                       trainings):
    folder = tmp_path / "records"
    environment = {**os.environ, records.RECORDS_VARIABLE: str(folder)}
    root = Path(__file__).resolve().parent.parent
    process = subprocess.Popen([sys.executable, "-c", KILLABLE_RUN], stdout=subprocess.PIPE, text=True,
                               env=environment, cwd=root, start_new_session=True)
    assert process.stdout.readline().split() == ["saved", "0"]
    os.killpg(process.pid, signal.SIGKILL)  # in the middle of the second run
    process.wait()
    process.stdout.close()

    finished = finished_records(folder)
    assert len(finished) in (1, 2)  # the second may just have been saved; never a partial one
    for path in finished:  # both files (and the checkpoints the run kept), never one of them
        assert {records.RECORD_FILE, records.WEIGHTS_FILE} <= {file.name for file in path.iterdir()}
    before = {path: (path / records.RECORD_FILE).stat().st_mtime_ns for path in finished}

    # the rerun in this process: what it finds is files, the same for a new process
    monkeypatch.setenv(records.RECORDS_VARIABLE, str(folder))
    for config in killable_configs():
        runs.run_or_load(config, mnist)
    assert trainings == killable_configs()[len(finished):]  # only what the killed process had not saved
    assert len(finished_records(folder)) == 4
    assert all((path / records.RECORD_FILE).stat().st_mtime_ns == mtime for path, mtime in before.items())


WORKER_PROCESSES = pytest.mark.xdist_group("worker processes")
"""The tests that start training processes (a pool, a cluster) or use ``trained_here``: one test process runs them
all, so the cluster starts and the tiny configurations train once."""


@WORKER_PROCESSES
def test_the_tests_that_start_worker_processes_share_one_test_process(request):
    """xdist keeps a group together by a suffix to the node id, which pytest 9.2 no longer lets it write."""
    if not getattr(request.config.option, "loadgroup", False):  # set in the test processes of --dist loadgroup
        pytest.skip("tests are not handed out by group here (-n 0, or another --dist)")
    assert request.node.nodeid.endswith("@worker processes")


def tiny_configs(epochs: int = 2) -> list[RunConfig]:
    return [RunConfig(seed=seed, dropout_rate=rate, epochs=epochs, batch_size=16, hidden_units=8)
            for seed in (0, 1) for rate in (0.0, 0.5)]


@pytest.fixture(scope="module")
def trained_here(tmp_path_factory) -> tuple[Path, list[dict]]:
    """The tiny configurations trained in this process (``workers=1``), once per test process for the tests that
    compare with them: their records folder and the records, a configuration asked twice read from its record."""
    folder = tmp_path_factory.mktemp("here") / "records"
    arrays = small_arrays()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(records.RECORDS_VARIABLE, str(folder))
        found = runs.run_many(tiny_configs() + tiny_configs()[:1], Mnist(*(arrays[name] for name in Mnist._fields)))
    return folder, found


@WORKER_PROCESSES
@pytest.mark.slow  # starts worker processes
def test_run_many_gives_the_same_records_with_one_or_two_workers(mnist, trained_here, tmp_path, monkeypatch):
    here_folder, here = trained_here
    monkeypatch.setenv(records.RECORDS_VARIABLE, str(tmp_path / "workers-2"))
    two_workers = runs.run_many(tiny_configs() + tiny_configs()[:1], mnist, workers=2)
    assert len(finished_records(here_folder)) == len(finished_records(tmp_path / "workers-2")) == 4
    assert two_workers == here
    assert here[0] == here[-1]


class ElsewhereExecutor(ThreadPoolExecutor):
    """Workers that write their records to another folder than the one they are sent (an unshared records folder)."""

    def __init__(self, elsewhere: Path) -> None:
        super().__init__(1)
        self.elsewhere = elsewhere

    def submit(self, task, config, folder, *arguments):
        return super().submit(task, config, str(self.elsewhere), *arguments)


def test_runs_whose_records_this_process_cannot_read_stop_run_many(mnist, folder, tmp_path):
    config = RunConfig(seed=0, epochs=1, batch_size=16, hidden_units=8)
    with ElsewhereExecutor(tmp_path / "elsewhere") as executor, pytest.raises(RuntimeError, match=records.RECORDS_VARIABLE):
        runs.run_many([config], mnist, executor=executor)
    assert (record_path(config, tmp_path / "elsewhere") / records.RECORD_FILE).is_file()  # the worker trained it
    assert load_record(config) is None  # ... and this process did not train it again


def test_run_many_needs_a_worker(mnist):
    with pytest.raises(ValueError, match="workers"):
        runs.run_many([RunConfig(seed=0)], mnist, workers=0)


def weights_of(config: RunConfig, mnist: Mnist) -> list[np.ndarray]:
    return runs.trained_network(config, mnist).get_weights()


@pytest.mark.parametrize(("patience", "monitor"), [(1, "val_loss"), (2, "val_accuracy")])
def test_an_early_stopped_run_read_from_its_twin_equals_one_trained_with_early_stopping(mnist, tmp_path, monkeypatch,
                                                                                      patience, monitor):
    config = RunConfig(seed=0, dropout_rate=0.5, epochs=6, batch_size=8, hidden_units=8, patience=patience, monitor=monitor)
    monkeypatch.setenv(records.RECORDS_VARIABLE, str(tmp_path / "trained"))
    trained, trained_weights = runs.run_or_load(config, mnist), weights_of(config, mnist)

    monkeypatch.setenv(records.RECORDS_VARIABLE, str(tmp_path / "read"))
    runs.run_or_load(config.without_early_stopping(), mnist)
    monkeypatch.setattr(runs, "train_mlp", lambda *a, **k: pytest.fail("the early-stopped run was trained again"))
    assert runs.run_or_load(config, mnist) == trained
    for read, expected in zip(weights_of(config, mnist), trained_weights, strict=True):
        np.testing.assert_array_equal(read, expected)


def test_run_many_trains_a_run_and_its_early_stopped_twin_once(mnist, folder, trainings):
    full = RunConfig(seed=1, epochs=5, batch_size=8, hidden_units=8)
    early = [RunConfig(seed=1, epochs=5, batch_size=8, hidden_units=8, patience=patience, monitor=monitor)
             for patience in (1, 2) for monitor in ("val_loss", "val_accuracy")]
    found = runs.run_many([*early, full], mnist)
    assert trainings == [full]
    assert [record["config"]["patience"] for record in found] == [1, 1, 2, 2, None]


def test_a_twin_stored_without_its_checkpoints_means_training_the_early_stopped_run(mnist, folder):
    full = RunConfig(seed=2, epochs=6, batch_size=8, hidden_units=8)
    record = runs.run_or_load(full, mnist)
    (record_path(full) / records.CHECKPOINTS_FILE).unlink(missing_ok=True)
    early = RunConfig(seed=2, epochs=6, batch_size=8, hidden_units=8, patience=1)
    stopped, restored = runs.early_stopping_epochs(record["history"], 1, "val_loss")
    assert (runs.early_stopped_from_twin(early, mnist) is None) == (restored != 6)
    assert runs.run_or_load(early, mnist)["restored_epoch"] == restored


# On a Dask cluster (issue: the book's grids beyond one machine): a LocalCluster of 2 worker processes stands in.

@pytest.fixture(scope="module")
def client():
    distributed = pytest.importorskip("dask.distributed")
    # a free port for the scheduler's HTTP server, which binds one even without a dashboard: on Dask's default, 8787,
    # a second cluster on the machine (another test process's) warns, and warnings fail tests here
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                  silence_logs=50) as cluster, distributed.Client(cluster) as connected:
        yield connected


def record_folders(folder: Path) -> dict[str, dict]:
    """Every record in ``folder`` (not the hidden temporary folders), read, by folder name."""
    return {path.name: json.loads((path / records.RECORD_FILE).read_text()) for path in finished_records(folder)}


@WORKER_PROCESSES
@pytest.mark.slow  # starts a cluster
def test_runs_on_a_dask_cluster_give_the_records_of_training_in_process(mnist, client, trained_here, tmp_path,
                                                                      monkeypatch):
    configs = tiny_configs()
    monkeypatch.setenv(records.RECORDS_VARIABLE, str(tmp_path / "cluster"))
    on_cluster = runs.run_many(configs, mnist, executor=client.get_executor())
    assert on_cluster == trained_here[1][: len(configs)]
    assert len(record_folders(tmp_path / "cluster")) == 4
    for config in configs:
        assert (record_path(config, tmp_path / "cluster") / records.WEIGHTS_FILE).read_bytes() != b""


@WORKER_PROCESSES
@pytest.mark.slow  # starts a cluster
def test_two_clients_writing_one_records_folder_keep_every_record_valid(mnist, client, tmp_path, monkeypatch):
    from dask.distributed import Client

    monkeypatch.setenv(records.RECORDS_VARIABLE, str(tmp_path / "shared"))
    configs = tiny_configs(epochs=3)
    with Client(client.scheduler.address) as other, ThreadPoolExecutor(2) as threads:
        results = list(threads.map(lambda executor: runs.run_many(configs, mnist, executor=executor),
                                   [client.get_executor(), other.get_executor()]))
    assert results[0] == results[1]
    assert sorted(record_folders(tmp_path / "shared")) == sorted(record_path(config).name for config in configs)
    assert [runs.run_or_load(config, mnist) for config in configs] == results[0]


@WORKER_PROCESSES
@pytest.mark.slow  # starts a cluster and kills one of its workers
def test_a_worker_killed_mid_run_leaves_no_partial_record_and_the_run_completes(mnist, client, tmp_path, monkeypatch):
    monkeypatch.setenv(records.RECORDS_VARIABLE, str(tmp_path / "records"))
    config = RunConfig(seed=5, epochs=30, batch_size=4, hidden_units=64)  # long enough to be killed in the middle
    future = client.get_executor().submit(runs.train_task, config, str(tmp_path / "records"), mnist)
    deadline = time.monotonic() + 60
    while not any(client.processing().values()) and time.monotonic() < deadline:
        time.sleep(0.05)
    (worker,) = [address for address, tasks in client.processing().items() if tasks]
    client.run(os._exit, 1, workers=[worker], on_error="ignore")  # the worker dies; its nanny starts a new one
    future.result(timeout=300)  # the scheduler ran the task again on a live worker
    assert worker not in client.scheduler_info()["workers"]  # the worker that had the task did die
    finished = record_folders(tmp_path / "records")
    assert list(finished) == [record_path(config).name]
    assert runs.run_or_load(config, mnist) == next(iter(finished.values()))
