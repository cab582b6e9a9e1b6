"""Seconds per epoch of three ways to train the seed's dropout MLP on MNIST, measured side by side.

    python benchmarks/train_speed.py [--epochs 3] [--rounds 2]

1. seed-style: ``model.fit(x_train, y_train, batch_size=32, validation_data=...)`` on NumPy arrays, as the
   seed article does;
2. the book's path: ``helpers.compile_model`` + ``helpers.fit`` (tf.data, steps_per_execution), what every
   chapter runs;
3. a hand-written loop: one ``tf.function`` per epoch that runs every batch's gradient step.

All three train the same network (Dense 128 → Dropout 0.5 → ReLU, twice, then softmax) on the book's
54,000 training images with batch size 32 and validate on the 6,000 validation images each epoch, under the
book's seed policy. After one warm-up epoch, each path trains ``--epochs`` timed epochs; the paths take turns
for ``--rounds`` rounds, so that a noisy neighbour on the machine hits them alike, and the median epoch
time of each path is reported. It also measures a large float32 matmul, to compare the arithmetic rate
reached with what the machine can do. This is a benchmark that reports, not a test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import keras  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

import helpers  # noqa: E402

BATCH_SIZE = 32
DROPOUT_RATE = 0.5
SEED = 0


def flops_per_epoch(model: keras.Model, images: int) -> float:
    """Training FLOPs of one epoch: forward 2·weights per image, backward about twice the forward."""
    weights = sum(int(np.prod(layer.kernel.shape)) for layer in model.layers if isinstance(layer, keras.layers.Dense))
    return 3 * 2 * weights * images


def matmul_gflops(size: int = 2048, repeats: int = 10) -> float:
    """GFLOP/s of a large float32 matrix product, the machine's practical peak for this kind of work."""
    a = tf.random.normal((size, size))
    b = tf.random.normal((size, size))
    product = tf.function(lambda: tf.reduce_sum(tf.matmul(a, b)))
    product().numpy()
    started = time.perf_counter()
    for _ in range(repeats):
        product().numpy()
    return 2 * size**3 * repeats / (time.perf_counter() - started) / 1e9


def new_model() -> keras.Model:
    """The seed's dropout MLP, freshly seeded."""
    helpers.set_seed(SEED)
    return helpers.build_mlp(dropout_rate=DROPOUT_RATE)


def seed_style(splits: helpers.Splits) -> Callable[[], None]:
    """One epoch of the seed article's fit on NumPy arrays."""
    model = new_model()
    model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
    return lambda: model.fit(splits.x_train, splits.y_train, batch_size=BATCH_SIZE, epochs=1, verbose=0,
                             validation_data=(splits.x_val, splits.y_val))


def book_path(splits: helpers.Splits) -> Callable[[], None]:
    """One epoch of the book's training path."""
    model = helpers.compile_model(new_model())
    return lambda: helpers.fit(model, splits, epochs=1, batch_size=BATCH_SIZE, seed=SEED, log=False)


def hand_written(splits: helpers.Splits) -> Callable[[], None]:
    """One epoch of a training loop compiled as a single tf.function (plus the validation pass)."""
    model = new_model()
    optimizer = keras.optimizers.Adam()
    loss_function = keras.losses.CategoricalCrossentropy()
    train_batches = helpers.training_batches(splits.x_train, splits.y_train, BATCH_SIZE, SEED)
    validation_batches = helpers.evaluation_batches(splits.x_val, splits.y_val)
    optimizer.build(model.trainable_variables)

    @tf.function
    def train_epoch(batches: tf.data.Dataset) -> tf.Tensor:
        total = tf.constant(0.0)
        for images, labels in batches:
            with tf.GradientTape() as tape:
                loss = loss_function(labels, model(images, training=True))
            optimizer.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables, strict=False))
            total += loss
        return total

    @tf.function
    def validate(batches: tf.data.Dataset) -> tf.Tensor:
        total = tf.constant(0.0)
        for images, labels in batches:
            total += loss_function(labels, model(images, training=False))
        return total

    def epoch() -> None:
        train_epoch(train_batches).numpy()
        validate(validation_batches).numpy()

    return epoch


def timed_epochs(epoch: Callable[[], None], count: int) -> list[float]:
    """Wall-clock seconds of ``count`` consecutive epochs."""
    times = []
    for _ in range(count):
        started = time.perf_counter()
        epoch()
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--epochs", type=int, default=3, help="timed epochs per path and round (default 3)")
    parser.add_argument("--rounds", type=int, default=2, help="rounds of taking turns (default 2)")
    parser.add_argument("--mnist-path", default=None, help="local mnist.npz (default: $MNIST_PATH, else download)")
    options = parser.parse_args()

    splits = helpers.prepare_splits(helpers.load_mnist(options.mnist_path))
    paths = {"seed-style fit (NumPy arrays)": seed_style, "book path (helpers.fit)": book_path,
             "hand-written tf.function loop": hand_written}
    epochs = {name: make(splits) for name, make in paths.items()}
    for epoch in epochs.values():
        epoch()  # warm-up: tracing and first-time allocation
    times: dict[str, list[float]] = {name: [] for name in paths}
    for _ in range(options.rounds):
        for name, epoch in epochs.items():
            times[name] += timed_epochs(epoch, options.epochs)

    peak = matmul_gflops()
    work = flops_per_epoch(helpers.build_mlp(dropout_rate=DROPOUT_RATE), len(splits.x_train)) / 1e9
    median = {name: statistics.median(values) for name, values in times.items()}
    seed, book, loop = median.values()
    print(f"TensorFlow {tf.__version__}, Keras {keras.__version__}, {os.cpu_count()} CPUs; "
          f"batch {BATCH_SIZE}, {len(splits.x_train)} training images, {work:.1f} GFLOP per epoch")
    print(f"large matmul: {peak:.0f} GFLOP/s")
    for name, value in median.items():
        spread = f"{min(times[name]):.2f}-{max(times[name]):.2f}"
        print(f"{name:32} {value:6.2f} s/epoch (range {spread}, {len(times[name])} epochs)  "
              f"{work / value:5.1f} GFLOP/s = {work / value / peak:5.1%} of matmul")
    print(f"book path vs seed-style: {seed / book:.2f}x faster (goal >= 3x)")
    print(f"book path vs hand-written loop: {book / loop:.2f}x the loop's time (goal <= 1.3x)")


if __name__ == "__main__":
    main()
