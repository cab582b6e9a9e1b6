"""Rules for allowed values, written once: the chapters' parameters, the model builder and the run configuration use them.

A rule takes a value and returns None when it is allowed, else a phrase saying what is allowed.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable
from pathlib import Path
from typing import Any

Rule = Callable[[Any], "str | None"]

__all__ = ["Rule", "require"]


def is_integer(value: Any) -> bool:
    """True for ints (and NumPy ints), False for bools and floats."""
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def is_number(value: Any) -> bool:
    """True for real numbers (and NumPy ones), False for bools."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def integer_at_least(minimum: int, maximum: int | None = None) -> Rule:
    """An integer in [minimum, maximum]."""
    allowed = f"an integer >= {minimum}" if maximum is None else f"an integer from {minimum} to {maximum}"

    def check(value: Any) -> str | None:
        inside = is_integer(value) and value >= minimum and (maximum is None or value <= maximum)
        return None if inside else allowed

    return check


def number_in(low: float, high: float, *, include_high: bool = True) -> Rule:
    """A real number in [low, high] (or [low, high) without ``include_high``)."""
    allowed = f"a number in [{low}, {high}{']' if include_high else ')'}"

    def check(value: Any) -> str | None:
        inside = is_number(value) and low <= value and (value <= high if include_high else value < high)
        return None if inside else allowed

    return check


def rate(value: Any) -> str | None:
    """A dropout rate: a number in [0, 1)."""
    if is_number(value) and 0 <= value < 1:
        return None
    return "a number in [0, 1) (0 keeps every unit; 1 would drop them all)"


def one_of(choices: tuple[str, ...]) -> Rule:
    """One of ``choices``."""
    return lambda value: None if value in choices else f"one of {list(choices)}"


def optional(rule: Rule) -> Rule:
    """``rule``, or None."""

    def check(value: Any) -> str | None:
        allowed = None if value is None else rule(value)
        return None if allowed is None else f"None or {allowed}"

    return check


def list_of(rule: Rule, unique: bool = True, min_length: int = 1) -> Rule:
    """A list of at least ``min_length`` items that pass ``rule`` (and differ, if ``unique``)."""

    def check(value: Any) -> str | None:
        if not isinstance(value, (list, tuple)) or not value:
            return "a non-empty list"
        if len(value) < min_length:
            return f"a list of at least {min_length} items (an interval over seeds needs {min_length})"
        for item in value:
            if rule(item) is not None:
                return f"a non-empty list, each item {rule(item)}"
        if unique and len(set(value)) != len(value):
            return "a list without repeated items"
        return None

    return check


def existing_file(value: Any) -> str | None:
    """A path to an existing file."""
    if not isinstance(value, (str, Path)) or not Path(value).expanduser().is_file():
        return "the path of an existing file"
    return None


def problem(name: str, value: Any, rule: Rule) -> str | None:
    """``"name=value is not allowed: expected …"``, or None when ``rule`` allows ``value``."""
    allowed = rule(value)
    return None if allowed is None else f"{name}={value!r} is not allowed: expected {allowed}"


def require(name: str, value: Any, rule: Rule) -> None:
    """Raise a ValueError naming ``name``, its value and what is allowed, unless ``rule`` allows ``value``."""
    message = problem(name, value, rule)
    if message is not None:
        raise ValueError(message)
