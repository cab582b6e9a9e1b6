"""Experiment records on disk: exact round trips, keyed on configuration and code, both files or neither."""

from __future__ import annotations

import json

import numpy as np
import pytest

from helpers import records
from helpers.config import RunConfig
from helpers.models import build_mlp
from helpers.records import load_record, record_path, save_record, weights_path, write_atomically


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv(records.RECORDS_VARIABLE, str(tmp_path / "records"))
    return tmp_path / "records"


def fake_record(config: RunConfig, folder) -> dict:
    history = {"loss": [np.float32(0.5)], "val_loss": [0.25]}
    return save_record(config, build_mlp(hidden_units=4), history, {"accuracy": 0.9}, {"loss": 0.1}, 1, folder)


def test_a_record_roundtrips_exactly(folder):
    config = RunConfig(seed=3, dropout_rate=0.5)
    written = fake_record(config, folder)
    assert load_record(config, folder) == written
    assert written["history"]["loss"] == [0.5]
    assert written["epochs_trained"] == 1
    assert written["restored_epoch"] == 1
    assert weights_path(config, folder).is_file()


@pytest.mark.parametrize(
    "other",
    [RunConfig(seed=4, dropout_rate=0.5), RunConfig(seed=3, dropout_rate=0.2), RunConfig(seed=3, dropout_rate=0.5, epochs=3),
     RunConfig(seed=3, dropout_rate=0.5, patience=2), RunConfig(seed=3, dropout_rate=0.5, optimizer="sgd_momentum"),
     RunConfig(seed=3, dropout_rate=0.5, max_norm=3.0), RunConfig(seed=3, dropout_rate=0.5, input_dropout_rate=0.2),
     RunConfig(seed=3, dropout_rate=0.5, weight_decay=1e-4),
     RunConfig(seed=3, dropout_rate=0.5, patience=2, monitor="val_accuracy")],
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
    fake_record(config, folder)
    (record_path(config, folder) / records.RECORD_FILE).write_text(content)
    assert load_record(config, folder) is None


@pytest.mark.parametrize("missing", [records.WEIGHTS_FILE, records.RECORD_FILE])
def test_a_record_missing_either_file_counts_as_absent(folder, missing):
    config = RunConfig(seed=2)
    fake_record(config, folder)
    (record_path(config, folder) / missing).unlink()
    assert load_record(config, folder) is None


def test_an_old_flat_json_record_is_never_read(folder):
    config = RunConfig(seed=5)
    folder.mkdir(parents=True)
    (folder / f"{records.record_key(config)}.json").write_text(json.dumps({"config": {"seed": 5}, "test": {}}))
    assert load_record(config, folder) is None


def test_a_write_that_fails_leaves_neither_file(folder, monkeypatch):
    config = RunConfig(seed=6)

    def disk_full(descriptor):
        raise OSError("disk full")

    monkeypatch.setattr(records.os, "fsync", disk_full)
    with pytest.raises(OSError, match="disk full"):
        fake_record(config, folder)
    assert list(folder.iterdir()) == []


def test_a_new_record_replaces_a_stale_one_whole(folder):
    config = RunConfig(seed=7)
    fake_record(config, folder)
    (record_path(config, folder) / "leftover").write_text("x")
    fake_record(config, folder)
    assert sorted(path.name for path in record_path(config, folder).iterdir()) == sorted(
        [records.RECORD_FILE, records.WEIGHTS_FILE])


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


def test_records_default_to_the_books_build_folder(tmp_path, monkeypatch):
    monkeypatch.delenv(records.RECORDS_VARIABLE, raising=False)
    (tmp_path / "_config.yml").write_text("title: t\n")
    (tmp_path / "_toc.yml").write_text("root: intro\n")
    (tmp_path / "chapters").mkdir()
    monkeypatch.chdir(tmp_path / "chapters")
    assert records.records_dir() == tmp_path / "_build" / "records"
