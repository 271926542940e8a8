"""Medicines: current and past, with `now` passed in (the day is taken in UTC, like every time here)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .models import Medicine


def is_current(medicine: Medicine, now: dt.datetime) -> bool:
    """Current while not stopped, or stopped on a day after today (a planned stop)."""
    today = now.astimezone(dt.UTC).date()
    return medicine.stopped_on is None or medicine.stopped_on > today


def split_current(
    medicines: Iterable[Medicine], now: dt.datetime
) -> tuple[list[Medicine], list[Medicine]]:
    """Current (most recently started first) and past (most recently stopped first)."""
    current: list[Medicine] = []
    past: list[Medicine] = []
    for medicine in medicines:
        (current if is_current(medicine, now) else past).append(medicine)
    current.sort(key=lambda m: (m.started_on, m.pk), reverse=True)
    past.sort(key=lambda m: (m.stopped_on or m.started_on, m.started_on, m.pk), reverse=True)
    return current, past
