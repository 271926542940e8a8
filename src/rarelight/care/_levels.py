"""Shared pieces of the rating scales: labelled levels, items, and item-by-item checks of form input."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rarelight.errors import InputError, Problem, ProblemsError


@dataclass(frozen=True)
class ScaleLevel:
    """One value an item can take, with the short label a form shows beside it."""

    value: int
    label: str


@dataclass(frozen=True)
class ScaleItem:
    """One item of a summed scale: its field key, title, accepted levels, and what to look for."""

    key: str
    title: str
    levels: tuple[ScaleLevel, ...]
    signs: str = ""

    @property
    def max_value(self) -> int:
        return max(level.value for level in self.levels)

    def label(self, value: int) -> str:
        """The label of one of this item's levels."""
        return label_of(self.levels, value)


@dataclass(frozen=True)
class ItemRating:
    """One rated item: which item, the value given, and that value's label."""

    item: ScaleItem
    value: int

    def __post_init__(self) -> None:
        checked = parse_level(self.item.key, self.value, self.item.levels)
        if isinstance(checked, Problem):
            raise InputError(str(checked))

    @property
    def key(self) -> str:
        return self.item.key

    @property
    def title(self) -> str:
        return self.item.title

    @property
    def label(self) -> str:
        return self.item.label(self.value)


def levels(*labels: str) -> tuple[ScaleLevel, ...]:
    """Levels numbered 0, 1, 2, … in the order given."""
    return tuple(ScaleLevel(value, label) for value, label in enumerate(labels))


def accepted_text(accepted: tuple[ScaleLevel, ...]) -> str:
    """How a fix names the accepted values: a range, or a list when the form skips a value."""
    values = [level.value for level in accepted]
    if values == list(range(values[0], values[-1] + 1)):
        return f"a whole number from {values[0]} to {values[-1]}"
    head = ", ".join(str(v) for v in values[:-1])
    return f"one of {head} or {values[-1]}"


def parse_level(location: str, value: object, accepted: tuple[ScaleLevel, ...]) -> int | Problem:
    """The value if it is one of the levels, else the problem; bools, floats and strings never are."""
    fix = f"enter {accepted_text(accepted)}"
    if isinstance(value, bool) or not isinstance(value, int):
        shown = "nothing" if value is None else f"{value!r} ({type(value).__name__})"
        return Problem(location, f"{shown} is not a whole number", fix)
    if value not in {level.value for level in accepted}:
        return Problem(location, f"{value} is not on this item's scale", fix)
    return value


def unknown_fields(fields: Iterable[object], known: tuple[str, ...], what: str) -> list[Problem]:
    """A problem for every key that names no item of the scale, listing the keys that do."""
    listed = ", ".join(known)
    return [
        Problem(str(key), f"the {what} has no item called {key!r}", f"use one of: {listed}")
        for key in fields
        if key not in known
    ]


def missing_field(key: str, accepted: tuple[ScaleLevel, ...]) -> Problem:
    return Problem(
        key,
        "missing",
        f"enter {accepted_text(accepted)} ({accepted[0].value} = {accepted[0].label.lower()})",
    )


def label_of(accepted: tuple[ScaleLevel, ...], value: int) -> str:
    """The label of a value already checked to be a level."""
    return next(level.label for level in accepted if level.value == value)


def rate_items(
    fields: Mapping[str, object], items: tuple[ScaleItem, ...], what: str
) -> tuple[ItemRating, ...]:
    """Every item rated from form fields keyed by item; fails once with every problem found."""
    problems = unknown_fields(fields, tuple(item.key for item in items), what)
    values: dict[str, int] = {}
    for item in items:
        if item.key not in fields:
            problems.append(missing_field(item.key, item.levels))
            continue
        checked = parse_level(item.key, fields[item.key], item.levels)
        if isinstance(checked, Problem):
            problems.append(checked)
        else:
            values[item.key] = checked
    if problems:
        raise ProblemsError(f"the {what} is not valid", problems)
    return tuple(ItemRating(item, values[item.key]) for item in items)
