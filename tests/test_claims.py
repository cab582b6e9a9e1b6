"""The seed article's claims get the verdict their synthetic evidence calls for."""

from __future__ import annotations

import pytest

from helpers.claims import seed_claims
from helpers.stats import DOES_NOT_HOLD, HOLDS, UNDECIDED


def record(test_accuracy: float, val_loss: list[float], val_accuracy: float = 0.975) -> dict:
    epochs = len(val_loss)
    return {
        "history": {"val_loss": val_loss, "val_accuracy": [val_accuracy] * epochs, "loss": [0.1] * epochs},
        "test": {"accuracy": test_accuracy},
    }


# Baseline: accuracy well above 97 %, validation loss lowest at epoch 3, then rising.
BASELINE = [record(0.976 + 0.001 * k, [0.12, 0.09, 0.08 - 0.001 * k, 0.09, 0.1]) for k in range(5)]
# Dropout: lower final validation loss, lowest at the last epoch, about 98 % validation accuracy.
DROPOUT = [record(0.977 + 0.001 * k, [0.15, 0.1, 0.09, 0.08, 0.07 - 0.001 * k], 0.98 + 0.0005 * k) for k in range(5)]


def verdicts(baseline, dropout) -> dict[str, str]:
    return {claim.label: claim.verdict for claim in seed_claims(baseline, dropout)}


def test_verdicts_on_typical_evidence():
    assert verdicts(BASELINE, DROPOUT) == {"a": HOLDS, "b": HOLDS, "c": HOLDS, "d": DOES_NOT_HOLD, "e": HOLDS}


def test_baseline_below_97_percent_does_not_hold():
    low = [record(0.95 + 0.001 * k, r["history"]["val_loss"]) for k, r in enumerate(BASELINE)]
    assert verdicts(low, DROPOUT)["a"] == DOES_NOT_HOLD


def test_noisy_accuracy_around_97_percent_is_undecided():
    noisy = [record(accuracy, r["history"]["val_loss"]) for accuracy, r in zip([0.96, 0.98, 0.965, 0.975, 0.97], BASELINE)]
    assert verdicts(noisy, DROPOUT)["a"] == UNDECIDED


def test_late_plateau_does_not_hold():
    late = [record(0.976, [0.2, 0.15, 0.12, 0.1, 0.09 - 0.001 * k]) for k in range(5)]
    assert verdicts(late, DROPOUT)["b"] == DOES_NOT_HOLD


def test_higher_dropout_validation_loss_does_not_hold():
    worse = [record(0.977, [0.15, 0.13, 0.12, 0.12, 0.12 + 0.001 * k]) for k in range(5)]
    assert verdicts(BASELINE, worse)["c"] == DOES_NOT_HOLD


def test_faster_convergence_and_98_percent_holds():
    fast = [record(0.977, [0.1, 0.06 - 0.001 * k, 0.07, 0.07, 0.075], 0.98) for k in range(5)]
    assert verdicts(BASELINE, fast)["d"] == HOLDS


def test_a_large_accuracy_difference_does_not_hold():
    far = [record(0.99 + 0.0001 * k, r["history"]["val_loss"]) for k, r in enumerate(DROPOUT)]
    assert verdicts(BASELINE, far)["e"] == DOES_NOT_HOLD


@pytest.mark.parametrize("baseline, dropout", [(BASELINE[:3], DROPOUT), (BASELINE[:1], DROPOUT[:1])])
def test_seeds_must_pair_up(baseline, dropout):
    with pytest.raises(ValueError, match="pair up"):
        seed_claims(baseline, dropout)
