"""Check a chapter's parameters (as papermill or a reader set them) before anything trains."""

from __future__ import annotations

import numbers
from pathlib import Path
from typing import Any, Callable

from helpers.data import VALIDATION_FRACTION
from helpers.models import ACTIVATIONS, PLACEMENTS

TRAINING_IMAGES = int(60000 * (1 - VALIDATION_FRACTION))
VALIDATION_IMAGES = 60000 - TRAINING_IMAGES


def is_integer(value: Any) -> bool:
    """True for ints (and NumPy ints), False for bools and floats."""
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def integer_at_least(minimum: int, maximum: int | None = None) -> Callable[[Any], str | None]:
    """A check for an integer in [minimum, maximum]."""
    allowed = f"an integer >= {minimum}" if maximum is None else f"an integer from {minimum} to {maximum}"

    def check(value: Any) -> str | None:
        if not is_integer(value) or value < minimum or (maximum is not None and value > maximum):
            return allowed
        return None

    return check


def rate(value: Any) -> str | None:
    """A dropout rate: a number in [0, 1)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not 0 <= value < 1:
        return "a number in [0, 1) (0 keeps every unit; 1 would drop them all)"
    return None


def one_of(choices: tuple[str, ...]) -> Callable[[Any], str | None]:
    """A check for one of ``choices``."""
    return lambda value: None if value in choices else f"one of {list(choices)}"


def optional(check: Callable[[Any], str | None]) -> Callable[[Any], str | None]:
    """``check``, or None."""

    def check_optional(value: Any) -> str | None:
        allowed = None if value is None else check(value)
        return None if allowed is None else f"None or {allowed}"

    return check_optional


def list_of(
    check: Callable[[Any], str | None], unique: bool = True, min_length: int = 1
) -> Callable[[Any], str | None]:
    """A list of at least ``min_length`` items that pass ``check`` (and differ, if ``unique``)."""

    def check_list(value: Any) -> str | None:
        if not isinstance(value, (list, tuple)) or not value:
            return "a non-empty list"
        if len(value) < min_length:
            return f"a list of at least {min_length} items (an interval over seeds needs {min_length})"
        for item in value:
            if check(item) is not None:
                return f"a non-empty list, each item {check(item)}"
        if unique and len(set(value)) != len(value):
            return "a list without repeated items"
        return None

    return check_list


def existing_file(value: Any) -> str | None:
    """A path to an existing file."""
    if not isinstance(value, (str, Path)) or not Path(value).expanduser().is_file():
        return "None (use $MNIST_PATH or Keras' download) or the path of an existing mnist.npz"
    return None


CHECKS: dict[str, Callable[[Any], str | None]] = {
    "epochs": integer_at_least(1),
    "batch_size": integer_at_least(1, TRAINING_IMAGES),
    "seed": integer_at_least(0),
    "seeds": list_of(integer_at_least(0), min_length=2),
    "sweep_seeds": list_of(integer_at_least(0)),
    "workers": integer_at_least(1, 64),
    "dropout_rate": rate,
    "dropout_rates": list_of(rate),
    "hidden_units": integer_at_least(1),
    "train_samples": optional(integer_at_least(1, TRAINING_IMAGES)),
    "activation": one_of(ACTIVATIONS),
    "activations": list_of(one_of(ACTIVATIONS)),
    "placement": one_of(tuple(PLACEMENTS)),
    "sample_digits": integer_at_least(1, 200),
    "probe_images": integer_at_least(1, VALIDATION_IMAGES),
    "mnist_path": lambda value: None if value is None else existing_file(value),
}
"""Parameter name → check returning None when the value is allowed, else what is allowed."""


def check_parameters(**parameters: Any) -> None:
    """Raise one ValueError naming every bad parameter, its value and what is allowed."""
    problems = []
    for name, value in parameters.items():
        if name not in CHECKS:
            problems.append(f"{name}: unknown parameter (known: {', '.join(sorted(CHECKS))})")
            continue
        allowed = CHECKS[name](value)
        if allowed is not None:
            problems.append(f"{name}={value!r} is not allowed: expected {allowed}")
    if problems:
        raise ValueError("invalid parameter(s):\n  " + "\n  ".join(problems))
