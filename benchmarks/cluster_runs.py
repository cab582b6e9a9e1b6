"""Train one small grid of runs with ``helpers.run_many``, locally or on a Dask LocalCluster, into fresh records.

    python benchmarks/cluster_runs.py local [--workers 2]    # workers=2: the book's default local processes
    python benchmarks/cluster_runs.py dask  [--workers 2]    # a LocalCluster of that many single-threaded workers

Time the two commands against each other, alternating (e.g. with /usr/bin/time, several runs each): they do the
same work, so their times compare as a ratio.

The grid is fixed (4 seeds × rates 0 and 0.5, 5,000 training images, 3 epochs): both ways train the same 8 runs
into a new temporary records folder. Afterwards the script checks that every run has its record and prints
the digest of their test accuracies, which must be the same both ways (runs are deterministic wherever they
train). This is a benchmark that reports, not a test.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import tempfile
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import helpers  # noqa: E402
from helpers import records  # noqa: E402

GRID = [helpers.RunConfig(seed=seed, dropout_rate=rate, epochs=3, train_samples=5000)
        for rate in (0.0, 0.5) for seed in range(4)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("where", choices=["local", "dask"])
    parser.add_argument("--workers", type=int, default=2)
    options = parser.parse_args()
    mnist = helpers.load_mnist()
    with tempfile.TemporaryDirectory() as folder:
        os.environ[records.RECORDS_VARIABLE] = folder
        started = time.perf_counter()
        if options.where == "local":
            found = helpers.run_many(GRID, mnist, workers=options.workers)
        else:
            from dask.distributed import Client, LocalCluster

            with LocalCluster(n_workers=options.workers, threads_per_worker=1, processes=True,
                              dashboard_address=":0") as cluster, Client(cluster) as client:
                found = helpers.run_many(GRID, mnist, executor=client.get_executor())
        seconds = time.perf_counter() - started
        missing = [config for config in GRID if records.load_record(config) is None]
    accuracies = json.dumps([record["test"]["accuracy"] for record in found])
    digest = hashlib.sha256(accuracies.encode()).hexdigest()[:12]
    print(f"{options.where}: {len(GRID)} runs in {seconds:.1f} s, {len(missing)} without a record, "
          f"test accuracies {digest}")
    if missing:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
