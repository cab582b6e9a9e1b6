"""Training: the seed policy makes runs repeatable; logs are compact; summaries of a history are right."""

from __future__ import annotations

import numpy as np
import pytest
import tensorflow as tf

from helpers import training
from helpers.config import RunConfig
from helpers.training import best_epoch, generalisation_gap, set_seed, train_mlp


@pytest.mark.parametrize("dropout_rate", [0.0, 0.5])
def test_same_seed_gives_bit_identical_history_and_test_metrics(splits, dropout_rate):
    config = RunConfig(seed=7, epochs=2, batch_size=32, dropout_rate=dropout_rate, hidden_units=16)
    runs = [train_mlp(splits, config) for _ in range(2)]
    assert runs[0].history == runs[1].history
    assert runs[0].test == runs[1].test
    assert set(runs[0].history) == {"loss", "accuracy", "val_loss", "val_accuracy"}


def test_another_seed_gives_another_history(splits):
    first, second = (train_mlp(splits, RunConfig(seed=seed, epochs=1, batch_size=32, hidden_units=16)) for seed in (1, 2))
    assert first.history != second.history


def test_the_toy_problem_is_learned(splits):
    run = train_mlp(splits, RunConfig(seed=0, epochs=5, batch_size=16, hidden_units=32))
    assert run.test["accuracy"] > 0.9
    assert run.history["loss"][-1] < run.history["loss"][0]


def test_epoch_log_is_one_line_per_epoch_without_timings(splits, capsys):
    train_mlp(splits, RunConfig(seed=0, epochs=3, batch_size=64, hidden_units=8), log=True)
    lines = capsys.readouterr().out.strip().splitlines()
    assert [line.split()[1] for line in lines] == ["1/3", "2/3", "3/3"]
    assert all("val_accuracy" in line and "ms" not in line for line in lines)


@pytest.mark.parametrize("seed", [-1, 1.5, "1", True, None])
def test_seed_must_be_an_integer(seed):
    with pytest.raises(ValueError, match="seed"):
        set_seed(seed)


@pytest.mark.parametrize("batch_size", [0, -3])
def test_batch_size_must_be_positive(splits, batch_size):
    with pytest.raises(ValueError, match="batch_size"):
        training.training_batches(splits.x_train, splits.y_train, batch_size, seed=0)


def test_shuffling_depends_on_seed_and_changes_each_epoch(splits):
    def epoch_order(seed: int, epochs: int) -> list[list[int]]:
        batches = training.training_batches(splits.x_train, np.arange(len(splits.x_train)), 256, seed)
        return [next(iter(batches))[1].numpy().tolist() for _ in range(epochs)]

    first_epoch, second_epoch = epoch_order(3, 2)
    assert first_epoch != second_epoch
    assert epoch_order(3, 1)[0] == first_epoch
    assert sorted(first_epoch) == list(range(256))


@pytest.mark.parametrize("pipeline", ["training", "evaluation"])
def test_batches_are_read_on_the_training_thread_and_equal_a_prefetching_pipelines(splits, pipeline):
    labels = np.arange(len(splits.x_train))
    if pipeline == "training":
        batches = training.training_batches(splits.x_train, labels, 32, seed=4)
        default = tf.data.Dataset.from_tensor_slices((splits.x_train, labels)).cache()
        default = default.shuffle(len(labels), seed=4, reshuffle_each_iteration=True).batch(32).prefetch(tf.data.AUTOTUNE)
    else:
        batches = training.evaluation_batches(splits.x_train, labels)
        default = tf.data.Dataset.from_tensor_slices((splits.x_train, labels)).batch(training.EVALUATION_BATCH_SIZE)
        default = default.cache().prefetch(tf.data.AUTOTUNE)
    options = batches.options()
    assert options.threading.max_intra_op_parallelism == training.TRAINING_THREADS
    assert options.autotune.enabled is False
    for _ in range(2):  # two epochs: the reshuffled order too
        ours, theirs = list(batches), list(default)
        assert len(ours) == len(theirs)
        for (x, y), (x_default, y_default) in zip(ours, theirs, strict=True):
            np.testing.assert_array_equal(y.numpy(), y_default.numpy())
            np.testing.assert_array_equal(x.numpy(), x_default.numpy())


@pytest.mark.parametrize(
    ("val_loss", "expected"), [([0.5, 0.3, 0.4], 2), ([0.2, 0.3, 0.4], 1), ([0.5, 0.4, 0.1], 3), ([0.3, 0.2, 0.2], 2)]
)
def test_best_epoch_is_one_based_argmin(val_loss, expected):
    assert best_epoch({"val_loss": val_loss}) == expected


def test_best_epoch_names_a_missing_metric():
    with pytest.raises(ValueError, match="val_loss"):
        best_epoch({"loss": [1.0]})


@pytest.mark.parametrize(("epoch", "expected"), [(None, 0.25), (1, 0.1), (2, 0.25)])
def test_generalisation_gap_is_validation_minus_training_loss(epoch, expected):
    history = {"loss": [0.5, 0.25], "val_loss": [0.6, 0.5]}
    assert generalisation_gap(history, epoch) == pytest.approx(expected)


@pytest.mark.parametrize(("metric", "values", "expected"), [("val_accuracy", [0.5, 0.9, 0.8], 2), ("val_loss", [0.5, 0.9, 0.8], 1)])
def test_best_epoch_is_highest_for_accuracies_and_lowest_for_losses(metric, values, expected):
    assert best_epoch({metric: values}, metric) == expected


class WeightsPerEpoch(training.keras.callbacks.Callback):
    """Remembers the model's weights at the end of every epoch."""

    def __init__(self):
        super().__init__()
        self.weights = []

    def on_epoch_end(self, epoch, logs=None):
        self.weights.append([np.array(weight) for weight in self.model.get_weights()])


@pytest.mark.parametrize("monitor", ["val_loss", "val_accuracy"])
def test_early_stopping_restores_the_weights_of_the_best_validation_epoch(splits, monitor):
    set_seed(0)
    model = training.compile_model(training.build_mlp(dropout_rate=0.5, hidden_units=16))
    history = training.fit(model, splits, epochs=8, batch_size=32, seed=0, log=False, patience=2, monitor=monitor)
    best = best_epoch(history, monitor)
    assert len(history["loss"]) <= best + 2
    expected = training.evaluate(model, splits.x_val, splits.y_val)
    key = "loss" if monitor == "val_loss" else "accuracy"
    assert expected[key] == pytest.approx(history[monitor][best - 1], rel=1e-5)


def test_early_stopping_returns_the_best_epochs_weights_exactly(splits):
    set_seed(1)
    model = training.compile_model(training.build_mlp(hidden_units=16))
    recorder = WeightsPerEpoch()
    history = model.fit(training.training_batches(splits.x_train, splits.y_train, 32, 1),
                        validation_data=training.evaluation_batches(splits.x_val, splits.y_val), epochs=6, verbose=0, shuffle=False,
                        callbacks=[recorder, training.early_stopping(patience=1)])
    best = best_epoch({name: list(values) for name, values in history.history.items()})
    for restored, recorded in zip(model.get_weights(), recorder.weights[best - 1], strict=True):
        np.testing.assert_array_equal(restored, recorded)


@pytest.mark.parametrize(("patience", "monitor", "name"), [(0, "val_loss", "patience"), (2, "loss", "monitor")])
def test_bad_early_stopping_settings_are_refused(patience, monitor, name):
    with pytest.raises(ValueError, match=f"^{name}="):
        training.early_stopping(patience, monitor)


@pytest.mark.parametrize(("optimizer", "kind", "learning_rate"), [("adam", "Adam", 0.001), ("sgd_momentum", "SGD", 0.05)])
def test_optimisers_and_their_default_learning_rates(optimizer, kind, learning_rate):
    made = training.make_optimizer(optimizer)
    assert type(made).__name__ == kind
    assert float(made.learning_rate) == pytest.approx(learning_rate)
    if optimizer == "sgd_momentum":
        assert made.momentum == training.SGD_MOMENTUM


@pytest.mark.parametrize(("arguments", "name"), [({"optimizer": "rmsprop"}, "optimizer"), ({"learning_rate": -1.0}, "learning_rate")])
def test_bad_optimiser_settings_are_refused(arguments, name):
    with pytest.raises(ValueError, match=f"^{name}="):
        training.make_optimizer(**arguments)


def test_sgd_with_momentum_max_norm_and_input_dropout_learn_the_toy_problem(splits):
    config = RunConfig(seed=0, epochs=6, batch_size=16, hidden_units=32, dropout_rate=0.5, input_dropout_rate=0.2,
                       max_norm=3.0, optimizer="sgd_momentum")
    run = train_mlp(splits, config)
    assert run.test["accuracy"] > 0.9


def test_tensorflow_uses_the_books_thread_count_in_every_process():
    assert training.tf.config.threading.get_intra_op_parallelism_threads() == training.TRAINING_THREADS
    assert training.tf.config.threading.get_inter_op_parallelism_threads() == training.TRAINING_THREADS


@pytest.mark.parametrize(
    ("values", "patience", "monitor", "expected"),
    [([0.5, 0.4, 0.45, 0.46, 0.3], 2, "val_loss", (4, 2)),      # stops 2 epochs after the best
     ([0.5, 0.4, 0.45, 0.3, 0.31], 2, "val_loss", (5, 4)),      # an improvement resets the wait
     ([0.5, 0.4, 0.4, 0.4], 1, "val_loss", (3, 2)),             # a tie is no improvement (Keras: strictly better)
     ([0.5, 0.4, 0.3], 5, "val_loss", (3, 3)),                  # never stops: all epochs, the best one kept
     ([0.90, 0.95, 0.94, 0.96], 1, "val_accuracy", (3, 2)),     # accuracy: higher is better
     ([0.90, 0.95, 0.94, 0.96], 2, "val_accuracy", (4, 4))],
)
def test_early_stopping_is_replayed_on_a_history(values, patience, monitor, expected):
    assert training.early_stopping_epochs({monitor: values}, patience, monitor) == expected


@pytest.mark.parametrize(("patience", "monitor"), [(1, "val_loss"), (2, "val_accuracy")])
def test_the_replay_stops_where_keras_early_stopping_stops(splits, patience, monitor):
    def history(config: RunConfig) -> dict:
        set_seed(config.seed)
        model = training.compile_model(training.build_mlp(dropout_rate=0.5, hidden_units=16))
        return training.fit(model, splits, config.epochs, config.batch_size, config.seed, log=False,
                            patience=config.patience, monitor=config.monitor)

    stopped = history(RunConfig(seed=3, epochs=8, batch_size=32, patience=patience, monitor=monitor))
    full = history(RunConfig(seed=3, epochs=8, batch_size=32))
    epochs, restored = training.early_stopping_epochs(full, patience, monitor)
    assert epochs == len(stopped["loss"])
    assert restored == best_epoch(stopped, monitor)
    assert {name: values[:epochs] for name, values in full.items()} == stopped


@pytest.mark.parametrize(
    ("history", "expected"),
    [({"val_loss": [0.5, 0.4, 0.3], "val_accuracy": [0.8, 0.9, 0.95]}, {3}),           # each epoch improves: the last
     ({"val_loss": [0.5, 0.4, 0.45, 0.3], "val_accuracy": [0.8, 0.8, 0.8, 0.8]}, {1, 2, 4}),
     ({"val_loss": [0.5, 0.6, 0.7], "val_accuracy": [0.8, 0.9, 0.85]}, {1, 2})],
)
def test_restorable_epochs_are_the_improvements_early_stopping_can_stop_after(history, expected):
    assert training.restorable_epochs(history) == expected


def test_a_run_without_early_stopping_keeps_the_weights_early_stopping_could_restore(splits):
    config = RunConfig(seed=2, epochs=6, batch_size=32, dropout_rate=0.5, hidden_units=16)
    run = train_mlp(splits, config)
    expected = training.restorable_epochs(run.history) - {6}
    assert set(run.checkpoints) == expected
    recorder = WeightsPerEpoch()
    set_seed(config.seed)
    model = training.compile_model(training.build_mlp(dropout_rate=0.5, hidden_units=16))
    training.fit(model, splits, 6, 32, config.seed, log=False, callbacks=[recorder])
    for epoch, weights in run.checkpoints.items():
        for kept, recorded in zip(weights, recorder.weights[epoch - 1], strict=True):
            np.testing.assert_array_equal(kept, recorded)


def test_a_seed_builds_the_same_network_while_other_threads_draw_from_pythons_random():
    """A Dask worker's threads draw from Python's global random; Keras' default seeds must not follow them."""
    import random
    import threading

    def weights() -> list[np.ndarray]:
        set_seed(11)
        return training.build_mlp(dropout_rate=0.5, hidden_units=8).get_weights()

    alone = weights()
    stop = threading.Event()
    drawer = threading.Thread(target=lambda: [random.random() for _ in iter(stop.is_set, True)])
    drawer.start()
    try:
        busy = [weights() for _ in range(3)]
    finally:
        stop.set()
        drawer.join()
    for run in busy:
        for ours, theirs in zip(run, alone, strict=True):
            np.testing.assert_array_equal(ours, theirs)


def test_keras_own_seeding_seeds_its_layers_too():
    training.keras.utils.set_random_seed(4)
    first = training.build_mlp(hidden_units=8).get_weights()
    training.keras.utils.set_random_seed(4)
    again = training.build_mlp(hidden_units=8).get_weights()
    for ours, theirs in zip(first, again, strict=True):
        np.testing.assert_array_equal(ours, theirs)
