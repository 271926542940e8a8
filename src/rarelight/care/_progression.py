"""How dystonia changes over dated BFMDRS ratings: the change, where it spread first, and the strip.

Pure functions over plain values; "now" is always passed in, never read from the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from rarelight.errors import InputError, Problem, ProblemsError

from ._bfmdrs import BFM_REGIONS, BfmMovement, BfmRegion


@dataclass(frozen=True)
class BfmEntry:
    """A BFMDRS movement rating made on a given day."""

    on: dt.date
    movement: BfmMovement

    def __post_init__(self) -> None:
        if isinstance(self.on, dt.datetime) or not isinstance(self.on, dt.date):
            raise InputError(f"a BFMDRS entry is dated by a day (datetime.date), not {self.on!r}")


@dataclass(frozen=True)
class RegionChange:
    """One region's score on the first and on the latest day; a negative change is an improvement."""

    region: BfmRegion
    first: float
    latest: float

    @property
    def change(self) -> float:
        return self.latest - self.first


@dataclass(frozen=True)
class BfmChange:
    """From the first rating to the latest: the total and every region, in form order."""

    first: BfmEntry
    latest: BfmEntry
    regions: tuple[RegionChange, ...]

    @property
    def change(self) -> float:
        """Latest total minus first total; negative means better."""
        return self.latest.movement.total - self.first.movement.total

    @property
    def days(self) -> int:
        return (self.latest.on - self.first.on).days


@dataclass(frozen=True)
class RegionOnset:
    """The first day a region was rated as affected (score above 0)."""

    region: BfmRegion
    first_affected: dt.date


@dataclass(frozen=True)
class StripSegment:
    """A stretch of days over which a region stood at one score, from one rating to the next."""

    start: dt.date
    end: dt.date
    score: float


@dataclass(frozen=True)
class RegionBand:
    """One row of the body-region strip: the stretches in which the region was affected."""

    region: BfmRegion
    segments: tuple[StripSegment, ...]


def entries_by_day(entries: Iterable[BfmEntry]) -> tuple[BfmEntry, ...]:
    """Entries in date order, one per day: a later entry for the same day replaces an earlier one."""
    latest: dict[dt.date, BfmEntry] = {}
    for entry in entries:
        latest[entry.on] = entry
    return tuple(latest[day] for day in sorted(latest))


def bfm_change(entries: Iterable[BfmEntry]) -> BfmChange | None:
    """The change from the first rated day to the latest; None when there are no entries."""
    days = entries_by_day(entries)
    if not days:
        return None
    first, latest = days[0], days[-1]
    regions = tuple(
        RegionChange(region, first.movement.score(region.key), latest.movement.score(region.key))
        for region in BFM_REGIONS
    )
    return BfmChange(first, latest, regions)


def region_onsets(entries: Iterable[BfmEntry]) -> tuple[RegionOnset, ...]:
    """The order in which regions first became affected; same-day onsets in form order.

    Regions never rated above 0 are left out.
    """
    onsets: list[RegionOnset] = []
    for entry in entries_by_day(entries):
        for region in BFM_REGIONS:
            already = any(onset.region == region for onset in onsets)
            if not already and entry.movement.score(region.key) > 0:
                onsets.append(RegionOnset(region, entry.on))
    return tuple(onsets)


def region_strip(entries: Iterable[BfmEntry], *, now: dt.date) -> tuple[RegionBand, ...]:
    """Per region (form order), where it was affected: each rating holds until the next, the last until now.

    Fails, naming every one, when a rating is dated after `now`.
    """
    days = entries_by_day(entries)
    future = [
        Problem(f"entry of {entry.on.isoformat()}", "is dated after today", "correct the date")
        for entry in days
        if entry.on > now
    ]
    if future:
        raise ProblemsError("the BFMDRS entries cannot be placed on a timeline", future)
    ends = [*(later.on for later in days[1:]), now] if days else []
    bands: list[RegionBand] = []
    for region in BFM_REGIONS:
        segments = tuple(
            StripSegment(entry.on, end, entry.movement.score(region.key))
            for entry, end in zip(days, ends, strict=True)
            if entry.movement.score(region.key) > 0
        )
        bands.append(RegionBand(region, segments))
    return tuple(bands)
