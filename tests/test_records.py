"""Experiment records: reused when present, retrained when the code changes, never left half-written."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from helpers import records
from helpers.data import Mnist
from helpers.records import RunConfig, load_record, record_path, run_or_load, save_record, write_atomically
from tests.conftest import small_arrays


@pytest.fixture
def mnist() -> Mnist:
    arrays = small_arrays()
    return Mnist(*(arrays[name] for name in Mnist._fields))


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv(records.RECORDS_VARIABLE, str(tmp_path / "records"))
    return tmp_path / "records"


def fake_record(config: RunConfig, folder) -> dict:
    return save_record(config, {"loss": [np.float32(0.5)], "val_loss": [0.25]}, {"accuracy": 0.9}, {"loss": 0.1}, folder)


def test_a_record_roundtrips_exactly(folder):
    config = RunConfig(seed=3, dropout_rate=0.5)
    written = fake_record(config, folder)
    assert load_record(config, folder) == written
    assert written["history"]["loss"] == [0.5]


@pytest.mark.parametrize(
    "other",
    [RunConfig(seed=4, dropout_rate=0.5), RunConfig(seed=3, dropout_rate=0.2), RunConfig(seed=3, dropout_rate=0.5, epochs=3)],
)
def test_another_configuration_has_another_record(folder, other):
    fake_record(RunConfig(seed=3, dropout_rate=0.5), folder)
    assert load_record(other, folder) is None


def test_a_code_change_makes_records_stale(folder, monkeypatch):
    config = RunConfig(seed=1)
    fake_record(config, folder)
    monkeypatch.setattr(records, "code_version", lambda: "another-version")
    assert load_record(config, folder) is None


def test_code_version_depends_on_library_versions(monkeypatch):
    before = records.code_version()
    records.code_version.cache_clear()
    monkeypatch.setattr(records.np, "__version__", "0.0.0")
    try:
        assert records.code_version() != before
    finally:
        records.code_version.cache_clear()


@pytest.mark.parametrize("content", ["", "{\"config\": ", "not json"])
def test_an_unreadable_record_counts_as_absent(folder, content):
    config = RunConfig(seed=2)
    path = record_path(config, folder)
    path.parent.mkdir(parents=True)
    path.write_text(content)
    assert load_record(config, folder) is None


def test_atomic_write_leaves_the_old_file_when_writing_fails(tmp_path, monkeypatch):
    path = tmp_path / "record.json"
    write_atomically(path, "old")

    def disk_full(descriptor):
        raise OSError("disk full")

    monkeypatch.setattr(records.os, "fsync", disk_full)
    with pytest.raises(OSError, match="disk full"):
        write_atomically(path, "new, but never complete")
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["record.json"]


@pytest.mark.parametrize(
    "same, other",
    [({"dropout_rate": 0}, {"dropout_rate": 0.0}), ({"seed": np.int64(2)}, {"seed": 2}),
     ({"epochs": 10.0}, {"epochs": 10}), ({"train_samples": np.int32(500)}, {"train_samples": 500})],
)
def test_equal_values_spelled_differently_share_a_record(same, other):
    first, second = RunConfig(**{"seed": 1, **same}), RunConfig(**{"seed": 1, **other})
    assert first == second and records.record_key(first) == records.record_key(second)


@pytest.mark.parametrize("arguments", [{"seed": 1.5}, {"epochs": "10"}, {"batch_size": True}])
def test_non_numbers_are_refused(arguments):
    with pytest.raises(ValueError, match=next(iter(arguments))):
        RunConfig(**{"seed": 0, **arguments})


@pytest.mark.parametrize("dropout_rate, stored", [(0.5, True), (0.0, False)])
def test_save_run_stores_only_the_network_the_config_describes(folder, dropout_rate, stored):
    from helpers.models import build_mlp

    config = RunConfig(seed=0, dropout_rate=0.5)
    model = build_mlp(dropout_rate=dropout_rate)
    assert records.save_run(config, model, {"loss": [0.1]}, {"accuracy": 0.9}, {"loss": 0.1}) is stored
    assert (load_record(config) is not None) is stored


@pytest.mark.parametrize("arguments, name", [({"dropout_rate": 1.0}, "dropout_rate"), ({"epochs": 0}, "epochs"),
                                             ({"activation": "elu"}, "activation"), ({"placement": "x"}, "placement")])
def test_bad_configurations_are_refused(arguments, name):
    with pytest.raises(ValueError, match=name):
        RunConfig(seed=0, **arguments)


def test_run_or_load_trains_once_then_reuses(mnist, folder, monkeypatch):
    config = RunConfig(seed=0, dropout_rate=0.5, epochs=2, batch_size=16, hidden_units=8)
    first = run_or_load(config, mnist)
    assert record_path(config).is_file()
    assert set(first) == {"config", "code_version", "history", "test", "train"}
    assert len(first["history"]["val_loss"]) == 2

    monkeypatch.setattr(records, "train_mlp", lambda *a, **k: pytest.fail("a recorded run was trained again"))
    assert run_or_load(config, mnist) == first


def test_records_default_to_the_books_build_folder(tmp_path, monkeypatch):
    monkeypatch.delenv(records.RECORDS_VARIABLE, raising=False)
    (tmp_path / "_config.yml").write_text("title: t\n")
    (tmp_path / "_toc.yml").write_text("root: intro\n")
    (tmp_path / "chapters").mkdir()
    monkeypatch.chdir(tmp_path / "chapters")
    assert records.records_dir() == tmp_path / "_build" / "records"


KILLABLE_RUN = textwrap.dedent(
    """
    import sys
    from helpers.data import Mnist
    from helpers.records import RunConfig, run_or_load
    from tests.conftest import small_arrays

    arrays = small_arrays()
    mnist = Mnist(*(arrays[name] for name in Mnist._fields))
    for seed in range(4):
        run_or_load(RunConfig(seed=seed, epochs=3, batch_size=8, hidden_units=8), mnist)
        print("saved", seed, flush=True)
    """
)


def test_a_killed_run_leaves_finished_records_intact_and_the_rerun_completes_the_rest(tmp_path):
    folder = tmp_path / "records"
    environment = {**os.environ, records.RECORDS_VARIABLE: str(folder)}
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    process = subprocess.Popen([sys.executable, "-c", KILLABLE_RUN], stdout=subprocess.PIPE, text=True,
                               env=environment, cwd=root, start_new_session=True)
    assert process.stdout.readline().split() == ["saved", "0"]
    os.killpg(process.pid, signal.SIGKILL)  # in the middle of the second run
    process.wait()

    finished = sorted(folder.glob("*.json"))
    assert len(finished) in (1, 2)  # the second may just have been saved; never a partial one
    for path in finished:
        assert set(json.loads(path.read_text())) >= {"history", "test"}
    before = {path: path.stat().st_mtime_ns for path in finished}

    rerun = subprocess.run([sys.executable, "-c", KILLABLE_RUN], capture_output=True, text=True, env=environment, cwd=root)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert len(list(folder.glob("*.json"))) == 4
    assert all(path.stat().st_mtime_ns == mtime for path, mtime in before.items())


def test_run_many_gives_the_same_records_with_one_or_two_workers(mnist, tmp_path, monkeypatch):
    configs = [RunConfig(seed=seed, dropout_rate=rate, epochs=2, batch_size=16, hidden_units=8)
               for seed in (0, 1) for rate in (0.0, 0.5)]
    found = {}
    for workers in (1, 2):
        monkeypatch.setenv(records.RECORDS_VARIABLE, str(tmp_path / f"workers-{workers}"))
        found[workers] = records.run_many(configs + configs[:1], mnist, workers=workers)
        assert len(list((tmp_path / f"workers-{workers}").glob("*.json"))) == 4
    assert found[1] == found[2]
    assert found[1][0] == found[1][-1]


def test_run_many_needs_a_worker(mnist):
    with pytest.raises(ValueError, match="workers"):
        records.run_many([RunConfig(seed=0)], mnist, workers=0)
