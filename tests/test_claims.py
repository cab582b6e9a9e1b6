"""The seed article's claims get the verdict their synthetic evidence calls for, read as their constants say."""

from __future__ import annotations

import math

import pytest

from helpers.claims import (
    DOES_NOT_HOLD,
    HOLDS,
    QUANTITY_UNITS,
    claims_table,
    epochs_to_reach,
    interval_verdict,
    run_quantities,
    run_values,
    seed_claims,
)
from helpers.stats import UNDECIDED, Interval


def record(test_accuracy: float, val_loss: list[float], val_accuracy: list[float] | None = None) -> dict:
    """A synthetic record: the parts of a real one that the claims read."""
    val_accuracy = val_accuracy or [0.975] * len(val_loss)
    return {
        "history": {"val_loss": val_loss, "val_accuracy": val_accuracy, "loss": [0.1] * len(val_loss)},
        "test": {"accuracy": test_accuracy},
    }


# Baseline: accuracy well above 97 %, validation loss lowest at epoch 3, 97 % validation accuracy at epoch 2.
BASELINE = [record(0.976 + 0.001 * k, [0.12, 0.09, 0.08 - 0.001 * k, 0.09, 0.1], [0.96, 0.97, 0.975, 0.975, 0.975])
            for k in range(5)]
# Dropout: lower validation loss, lowest at the last epoch, 97 % at epoch 4, about 98 % at the end.
DROPOUT = [record(0.977 + 0.001 * k, [0.15, 0.1, 0.09, 0.08, 0.07 - 0.001 * k],
                  [0.95, 0.96, 0.965, 0.97, 0.98 + 0.0005 * k]) for k in range(5)]


def verdicts(baseline, dropout) -> dict[str, str]:
    """Each claim's verdict key (helpers.wording.CLAIM_VERDICTS)."""
    return {claim.label: claim.verdict for claim in seed_claims(baseline, dropout)}


def verdict_texts(baseline, dropout) -> dict[str, str]:
    """Each claim's verdict in words."""
    return {claim.label: claim.verdict_text for claim in seed_claims(baseline, dropout)}


def test_verdicts_on_typical_evidence():
    assert verdict_texts(BASELINE, DROPOUT) == {
        "a": "holds", "b": "holds", "c": "holds", "d1": "does not hold", "d2": "holds", "e": "holds",
    }


@pytest.mark.parametrize(
    ("accuracies", "verdict"),
    [([0.95 + 0.001 * k for k in range(5)], DOES_NOT_HOLD), ([0.96, 0.98, 0.965, 0.975, 0.97], UNDECIDED)],
)
def test_baseline_accuracy(accuracies, verdict):
    baseline = [{**run, "test": {"accuracy": accuracy}} for run, accuracy in zip(BASELINE, accuracies, strict=True)]
    assert verdicts(baseline, DROPOUT)["a"] == verdict


@pytest.mark.parametrize(
    ("lowest_epochs", "verdict"),
    [([3, 3, 3, 3, 3], "holds"), ([4, 6, 3, 3, 2], "holds in 4 of 5 runs"), ([6, 7, 8, 9, 10], "does not hold")],
)
def test_plateau_is_read_per_run(lowest_epochs, verdict):
    baseline = [record(0.976, [0.2 if epoch != lowest else 0.1 for epoch in range(1, 11)]) for lowest in lowest_epochs]
    dropout = [record(0.977, [0.1] * 10) for _ in lowest_epochs]
    assert verdict_texts(baseline, dropout)["b"] == verdict


def test_lower_validation_loss_at_the_last_epoch_only():
    # dropout ends lower, but the baseline's minimum (epoch 3) is as low as dropout's
    dropout = [record(0.977, [0.15, 0.1, 0.09, 0.085, 0.08 + 0.001 * (k % 2)]) for k in range(5)]
    baseline = [record(0.976, [0.12, 0.09, 0.08 + 0.002 * ((-1) ** k), 0.09, 0.1]) for k in range(5)]
    assert verdict_texts(baseline, dropout)["c"] == "holds at the last epoch only"


def test_validation_loss_within_noise_is_undecided():
    noisy = [record(0.977, [0.15, 0.1, 0.09, 0.085, 0.08 + 0.04 * (-1) ** k]) for k in range(5)]
    baseline = [record(0.976, [0.12, 0.09, 0.08 + 0.04 * (-1) ** (k + 1), 0.09, 0.1]) for k in range(5)]
    assert verdicts(baseline, noisy)["c"] == UNDECIDED


def test_higher_dropout_validation_loss_does_not_hold():
    worse = [record(0.977, [0.15, 0.13, 0.12, 0.12, 0.12 + 0.001 * k]) for k in range(5)]
    assert verdicts(BASELINE, worse)["c"] == DOES_NOT_HOLD


@pytest.mark.parametrize(
    ("dropout_accuracy", "verdict"),
    [
        ([0.97, 0.98, 0.98, 0.98, 0.98], HOLDS),  # epoch 1 against the baseline's epoch 2
        ([0.96, 0.97, 0.98, 0.98, 0.98], DOES_NOT_HOLD),  # identical: epoch 2 in every run
    ],
)
def test_faster_convergence(dropout_accuracy, verdict):
    dropout = [record(0.977, run["history"]["val_loss"], dropout_accuracy) for run in DROPOUT]
    assert verdicts(BASELINE, dropout)["d1"] == verdict


def test_faster_convergence_undecided_when_seeds_disagree():
    reach = [1, 3, 1, 3, 2]  # against 2 in every baseline run: mean 0
    dropout = [record(0.977, run["history"]["val_loss"], [0.96] * (epoch - 1) + [0.98] * (6 - epoch))
               for run, epoch in zip(DROPOUT, reach, strict=True)]
    assert verdicts(BASELINE, dropout)["d1"] == UNDECIDED


def test_far_from_98_percent_does_not_hold():
    dropout = [record(0.977, run["history"]["val_loss"], [0.9, 0.92, 0.95, 0.96, 0.965 + 0.001 * k])
               for k, run in enumerate(DROPOUT)]
    assert verdicts(BASELINE, dropout)["d2"] == DOES_NOT_HOLD


@pytest.mark.parametrize(
    ("offsets", "verdict"),
    [
        ([0.013, 0.014, 0.0135, 0.0132, 0.0138], DOES_NOT_HOLD),  # surely more than 0.5 pp
        ([-0.002, -0.009, -0.004, -0.008, -0.003], UNDECIDED),  # differs from 0, straddles the margin
        ([-0.002, -0.0021, -0.0019, -0.002, -0.002], HOLDS),  # differs from 0, but equivalent within 0.5 pp
        ([0.0] * 5, HOLDS),  # identical
    ],
)
def test_similar_accuracy_is_an_equivalence_test(offsets, verdict):
    dropout = [{**run, "test": {"accuracy": run["test"]["accuracy"] + offset}}
               for run, offset in zip(BASELINE, offsets, strict=True)]
    assert verdicts(BASELINE, dropout)["e"] == verdict


def test_an_undecided_equivalence_shows_tosts_interval_and_the_seeds_that_would_decide_it():
    dropout = [{**run, "test": {"accuracy": run["test"]["accuracy"] + offset}}
               for run, offset in zip(BASELINE, [-0.002, -0.009, -0.004, -0.008, -0.003], strict=True)]
    claim = {claim.label: claim for claim in seed_claims(BASELINE, dropout)}["e"]
    assert claim.comparison is not None
    assert claim.comparison.margin == pytest.approx(0.005)
    assert "90 % CI" in claim.measured  # the interval of the equivalence test, not the 95 % one
    assert claim.comparison.needed is not None
    assert f"about {claim.comparison.needed:,} seeds" in claim.measured


def test_identical_runs_are_called_identical():
    claims = {claim.label: claim for claim in seed_claims(BASELINE, BASELINE)}
    assert claims["e"].measured.endswith(": identical")
    assert "identical" in claims["c"].measured
    assert claims["c"].verdict == DOES_NOT_HOLD


def test_the_table_shows_each_reading():
    text = claims_table(seed_claims(BASELINE, DROPOUT)).data
    assert "read as" in text.splitlines()[0]
    assert "TOST" in text
    assert "2 to 4" in text


@pytest.mark.parametrize(("values", "threshold", "expected"), [([0.9, 0.97, 0.98], 0.97, 2), ([0.9, 0.95], 0.97, 3)])
def test_epochs_to_reach(values, threshold, expected):
    assert epochs_to_reach({"val_accuracy": values}, threshold) == expected


@pytest.mark.parametrize(
    ("interval", "low", "high", "expected"),
    [
        (Interval(0.975, 0.002, 0.973, 0.977, 5), 0.97, math.inf, HOLDS),
        (Interval(0.965, 0.002, 0.963, 0.967, 5), 0.97, math.inf, DOES_NOT_HOLD),
        (Interval(0.970, 0.004, 0.966, 0.974, 5), 0.97, math.inf, UNDECIDED),
        (Interval(8.0, 1.0, 7.0, 9.0, 5), 2, 4, DOES_NOT_HOLD),
    ],
)
def test_interval_verdict(interval, low, high, expected):
    assert interval_verdict(interval, low, high) == expected


def test_interval_verdict_refuses_an_empty_claim():
    with pytest.raises(ValueError, match="low"):
        interval_verdict(Interval(0, 0, 0, 0, 2), 1, 0)


@pytest.mark.parametrize(("baseline", "dropout"), [(BASELINE[:3], DROPOUT), (BASELINE[:1], DROPOUT[:1])])
def test_seeds_must_pair_up(baseline, dropout):
    with pytest.raises(ValueError, match="pair up"):
        seed_claims(baseline, dropout)


def test_a_tighter_margin_can_leave_equivalence_undecided():
    dropout = [{**run, "test": {"accuracy": run["test"]["accuracy"] - 0.002 + 0.001 * (k % 2)}}
               for k, run in enumerate(BASELINE)]
    claims = {margin: {claim.label: claim for claim in seed_claims(BASELINE, dropout, margin)} for margin in (0.005, 0.002)}
    assert claims[0.005]["e"].verdict == HOLDS
    assert claims[0.002]["e"].verdict == UNDECIDED
    assert "±0.2 pp" in claims[0.002]["e"].reading


def full_record(val_loss: list[float], train_loss: float = 0.05) -> dict:
    """A record with every part run_quantities reads."""
    return {
        "history": {"val_loss": val_loss, "val_accuracy": [0.97] * len(val_loss), "loss": [0.1] * len(val_loss)},
        "test": {"accuracy": 0.975, "loss": 0.08},
        "train": {"accuracy": 0.99, "loss": train_loss},
    }


def test_run_quantities_reads_every_quantity_once():
    quantities = run_quantities(full_record([0.12, 0.09, 0.1]))
    assert set(quantities) == set(QUANTITY_UNITS)
    assert quantities["lowest validation loss"] == 0.09
    assert quantities["epoch of the lowest validation loss"] == 2
    assert quantities["fair gap (final validation − training loss)"] == pytest.approx(0.05)


def test_run_values_names_the_quantity():
    assert run_values([full_record([0.1]), full_record([0.2])], "final validation loss") == [0.1, 0.2]
    with pytest.raises(ValueError, match="quantity"):
        run_values([full_record([0.1])], "accuracy")
