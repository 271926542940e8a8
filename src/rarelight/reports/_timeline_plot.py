"""A timeline of everything on a care record: one date axis, one lane per kind of event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ._checks import require_day, require_one_of
from ._svg import (
    BLUE,
    FAINT,
    GREEN,
    INK,
    PURPLE,
    SKY,
    VERMILLION,
    Plot,
    PlotTable,
    date_axis,
    day_number,
    nothing_yet,
    shorten,
    style_axes,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure


@dataclass(frozen=True)
class Lane:
    """A row of the timeline: the kind of event, its words, colour and marker shape."""

    key: str
    title: str
    colour: str
    marker: str


TIMELINE_LANES: tuple[Lane, ...] = (
    Lane("appointment", "Appointments", BLUE, "o"),
    Lane("medicine", "Medicines", VERMILLION, "D"),
    Lane("dbs", "DBS", INK, "^"),
    Lane("diary", "Diary", SKY, "s"),
    Lane("therapy", "Therapies", GREEN, "v"),
    Lane("milestone", "Milestones", PURPLE, "*"),
)
"""Top to bottom. DBS covers the implant and each programming session; medicines, starts and stops."""

_TITLE = "Timeline of the care record"
_LABELLED = {"appointment", "medicine", "dbs", "therapy", "milestone"}
"""Lanes whose marks carry their words on the chart; diary entries are too many (see the table)."""
_MOST_LABELS = 12
"""A lane with more events than this shows only marks: the words would overlap (see the table)."""


@dataclass(frozen=True)
class TimelineEvent:
    """Something that happened (or will) on a day, in one lane, with a short description."""

    on: dt.date
    lane: str
    label: str

    def __post_init__(self) -> None:
        require_day(self.on, "a timeline event's date")
        require_one_of(self.lane, (lane.key for lane in TIMELINE_LANES), "timeline lane")


def timeline_table(events: Iterable[TimelineEvent]) -> PlotTable:
    """The events in date order (then lane order, then words): the chart's text alternative."""
    titles = {lane.key: lane.title for lane in TIMELINE_LANES}
    ordered = _ordered(events)
    rows = tuple((e.on.isoformat(), titles[e.lane], " ".join(e.label.split())) for e in ordered)
    return PlotTable(_TITLE, ("Date", "Kind", "What"), rows)


def timeline_plot(events: Iterable[TimelineEvent]) -> Plot:
    """Every event on one date axis, by lane; each lane has its own colour and marker shape.

    >>> plot = timeline_plot([TimelineEvent(dt.date(2026, 1, 5), "appointment", "Neurology")])
    >>> plot.table.rows
    (('2026-01-05', 'Appointments', 'Neurology'),)
    """
    ordered = _ordered(events)
    table = timeline_table(ordered)
    if not ordered:
        return nothing_yet("timeline", _TITLE, "no appointments, medicines or diary entries", table)
    lanes = [lane for lane in TIMELINE_LANES if any(e.lane == lane.key for e in ordered)]
    first, last = ordered[0].on, max(e.on for e in ordered)
    description = (
        f"{len(ordered)} events from {first.isoformat()} to {last.isoformat()}: "
        + "; ".join(f"{lane.title} {sum(e.lane == lane.key for e in ordered)}" for lane in lanes)
        + ". The table below lists each one."
    )

    def draw(figure: Figure) -> None:
        axes = figure.add_subplot()
        style_axes(axes)
        for row, lane in enumerate(reversed(lanes)):
            mine = [e for e in ordered if e.lane == lane.key]
            axes.scatter(
                [day_number(e.on) for e in mine],
                [row] * len(mine),
                s=90 if lane.marker == "*" else 46,
                marker=lane.marker,
                color=lane.colour,
                edgecolors=INK,
                linewidths=0.6,
                zorder=3,
                gid=f"timeline-{lane.key}",
            )
            if lane.key in _LABELLED and len(mine) <= _MOST_LABELS:
                for index, event in enumerate(mine):
                    axes.annotate(
                        shorten(event.label),
                        (day_number(event.on), row),
                        xytext=(3, 7 if index % 2 == 0 else -12),
                        textcoords="offset points",
                        fontsize=8,
                        rotation=20,
                        gid=f"timeline-label-{lane.key}-{index}",
                    )
        axes.set_yticks(range(len(lanes)), [lane.title for lane in reversed(lanes)])
        axes.set_ylim(-0.7, len(lanes) - 0.05)
        axes.grid(axis="x", color=FAINT, linewidth=0.8)
        date_axis(axes, first, last, room=0.16)
        axes.set_title(_TITLE, loc="left", fontsize=11)

    height = 1.2 + 0.55 * len(lanes)
    return Plot("timeline", _TITLE, description, table, (8.0, height), draw)


def _ordered(events: Iterable[TimelineEvent]) -> tuple[TimelineEvent, ...]:
    rank = {lane.key: index for index, lane in enumerate(TIMELINE_LANES)}
    return tuple(sorted(events, key=lambda e: (e.on, rank[e.lane], e.label)))
