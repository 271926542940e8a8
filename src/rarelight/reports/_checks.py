"""Checks shared by the report inputs, so a wrong value fails naming its field and what is accepted."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from rarelight.errors import InputError


def require_day(value: object, what: str) -> None:
    """A calendar day (datetime.date); a datetime is refused, its time of day would be lost."""
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise InputError(f"{what} must be a day (datetime.date), not {value!r}")


def require_one_of(value: str, accepted: Iterable[str], what: str) -> None:
    """One of a fixed set of codes."""
    codes = tuple(accepted)
    if value not in codes:
        raise InputError(f"{what} {value!r} is not accepted; use one of: {', '.join(codes)}")
