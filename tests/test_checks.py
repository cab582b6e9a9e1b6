"""The rules for allowed values: each allows what it says and names what is allowed otherwise."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import checks


@pytest.mark.parametrize(
    ("rule", "allowed", "refused"),
    [
        (checks.integer_at_least(1), [1, 7, np.int64(3)], [0, 2.5, "3", True, None]),
        (checks.integer_at_least(1, 10), [1, 10], [0, 11]),
        (checks.rate, [0, 0.0, 0.5, np.float32(0.9)], [1, 1.0, -0.1, "0.5", True]),
        (checks.number_in(0.0, 1.0), [0.0, 1.0, 0.3], [-0.01, 1.01, "0.5", False]),
        (checks.number_in(0.0, 1.0, include_high=False), [0.0], [1.0]),
        (checks.one_of(("a", "b")), ["a", "b"], ["c", None]),
        (checks.optional(checks.rate), [None, 0.2], [1.5]),
        (checks.list_of(checks.rate), [[0.1], (0.1, 0.2)], [[], 0.1, [0.1, 0.1], [1.5]]),
        (checks.list_of(checks.integer_at_least(0), min_length=2), [[0, 1]], [[0]]),
    ],
)
def test_rules_allow_and_refuse(rule, allowed, refused):
    assert all(rule(value) is None for value in allowed)
    assert all(isinstance(rule(value), str) for value in refused)


def test_existing_file(tmp_path):
    (tmp_path / "a").write_text("x")
    assert checks.existing_file(tmp_path / "a") is None
    assert checks.existing_file(tmp_path / "b") is not None


def test_require_names_the_parameter_its_value_and_what_is_allowed():
    with pytest.raises(ValueError, match=r"^dropout_rate=1\.5 is not allowed: expected a number in \[0, 1\)"):
        checks.require("dropout_rate", 1.5, checks.rate)
    checks.require("dropout_rate", 0.5, checks.rate)
