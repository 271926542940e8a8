"""The body-region strip: the diary's eight regions × diary dates, showing how the dystonia spread."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rarelight.care import BODY_REGIONS, body_region

from ._checks import require_day
from ._svg import BLUE, FAINT, Plot, PlotTable, nothing_yet

if TYPE_CHECKING:
    from matplotlib.figure import Figure

_TITLE = "Affected body regions by diary date"
_MOST_TICK_LABELS = 14


@dataclass(frozen=True)
class DiaryRegions:
    """The body regions (slugs of `rarelight.care.BODY_REGIONS`) a diary entry marked as affected."""

    on: dt.date
    regions: tuple[str, ...]

    def __post_init__(self) -> None:
        require_day(self.on, "a diary entry's date")
        for key in self.regions:
            body_region(key)  # fails naming the accepted slugs


def _by_day(entries: Iterable[DiaryRegions]) -> dict[dt.date, frozenset[str]]:
    """Regions per day; two entries on one day count together."""
    days: dict[dt.date, frozenset[str]] = {}
    for entry in entries:
        days[entry.on] = days.get(entry.on, frozenset()) | frozenset(entry.regions)
    return {day: days[day] for day in sorted(days)}


def region_strip_table(entries: Iterable[DiaryRegions]) -> PlotTable:
    """Per diary date: the regions affected, and those affected for the first time."""
    seen: set[str] = set()
    rows = []
    for day, regions in _by_day(entries).items():
        named = [region for region in BODY_REGIONS if region.key in regions]
        new = [region.label for region in named if region.key not in seen]
        seen.update(regions)
        rows.append((day.isoformat(), ", ".join(r.label for r in named) or "none", ", ".join(new)))
    return PlotTable(_TITLE, ("Date", "Affected regions", "Newly affected"), tuple(rows))


def region_strip_plot(entries: Iterable[DiaryRegions]) -> Plot:
    """A grid with a filled cell wherever a region was affected; legs at the bottom, eyes on top."""
    days = _by_day(entries)
    table = region_strip_table(DiaryRegions(day, tuple(r)) for day, r in days.items())
    if not days:
        return nothing_yet("strip", _TITLE, "no diary entries with affected body regions", table)
    spread = [(row[0], row[2]) for row in table.rows if row[2]]
    description = (
        f"{len(days)} diary dates from {table.rows[0][0]} to {table.rows[-1][0]}. "
        + (
            "First affected: " + "; then ".join(f"{new} ({day})" for day, new in spread)
            if spread
            else "No region was marked as affected"
        )
        + ". The table below lists every date."
    )
    dates = list(days)

    def draw(figure: Figure) -> None:
        axes = figure.add_subplot()
        columns = range(len(dates))
        for row, region in enumerate(BODY_REGIONS):
            y = (row - 0.4, 0.8)
            axes.broken_barh(
                [(c - 0.45, 0.9) for c in columns],
                y,
                facecolors=FAINT,
                gid=f"strip-empty-{region.key}",
            )
            affected = [c for c, day in enumerate(dates) if region.key in days[day]]
            if affected:
                axes.broken_barh(
                    [(c - 0.45, 0.9) for c in affected],
                    y,
                    facecolors=BLUE,
                    gid=f"strip-{region.key}",
                )
        axes.set_yticks(
            range(len(BODY_REGIONS)), [region.label.capitalize() for region in BODY_REGIONS]
        )
        step = max(1, -(-len(dates) // _MOST_TICK_LABELS))
        axes.set_xticks(
            list(columns)[::step],
            [day.isoformat() for day in dates][::step],
            rotation=35,
            ha="right",
            fontsize=8,
        )
        axes.set_xlim(-0.6, len(dates) - 0.4)
        axes.set_ylim(-0.6, len(BODY_REGIONS) - 0.4)
        for side in ("top", "right", "left", "bottom"):
            axes.spines[side].set_visible(False)
        axes.tick_params(length=0)
        axes.set_title(_TITLE, loc="left", fontsize=11)

    width = min(12.0, max(5.5, 2.2 + 0.32 * len(dates)))
    return Plot("strip", _TITLE, description, table, (width, 3.8), draw)
