"""The BFMDRS movement total over time (0–120, higher is worse), with medicine and DBS changes marked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from rarelight.errors import InputError

from ._checks import require_day, require_one_of
from ._svg import (
    BLUE,
    INK,
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

_TITLE = "BFMDRS movement total over time"
_TOP = 120.0
EVENT_KINDS = {"medicine": ("Medicine change", VERMILLION, "--"), "dbs": ("DBS", INK, ":")}
"""Kind → (words, colour, line style): dashed for medicines, dotted for DBS, so colour is not needed."""


@dataclass(frozen=True)
class BfmPoint:
    """A BFMDRS movement total (0–120) rated on a day."""

    on: dt.date
    total: float | Decimal

    def __post_init__(self) -> None:
        require_day(self.on, "the date of a BFMDRS total")
        if not 0 <= float(self.total) <= _TOP:
            raise InputError(f"a BFMDRS movement total runs from 0 to 120, not {self.total}")


@dataclass(frozen=True)
class TreatmentEvent:
    """A medicine started, changed or stopped, or a DBS implant or programming session."""

    on: dt.date
    kind: str
    label: str

    def __post_init__(self) -> None:
        require_one_of(self.kind, EVENT_KINDS, "event kind")


def bfm_table(points: Iterable[BfmPoint], events: Iterable[TreatmentEvent] = ()) -> PlotTable:
    """Per day, in order: the total rated that day (if any) and the changes made that day."""
    totals = {point.on: point for point in points}  # a later rating on the same day wins
    changes: dict[dt.date, list[str]] = {}
    for event in sorted(events, key=lambda e: (e.on, e.kind, e.label)):
        changes.setdefault(event.on, []).append(f"{EVENT_KINDS[event.kind][0]}: {event.label}")
    rows = tuple(
        (
            day.isoformat(),
            f"{float(totals[day].total):g}" if day in totals else "",
            "; ".join(changes.get(day, [])),
        )
        for day in sorted(totals.keys() | changes.keys())
    )
    return PlotTable(
        _TITLE, ("Date", "BFMDRS movement total (0–120)", "Medicine and DBS changes"), rows
    )


def bfm_plot(points: Iterable[BfmPoint], events: Iterable[TreatmentEvent] = ()) -> Plot:
    """The totals as a line on a fixed 0–120 axis; each change a labelled vertical line."""
    by_day = {point.on: point for point in points}
    ordered = [by_day[day] for day in sorted(by_day)]
    marks = sorted(events, key=lambda e: (e.on, e.kind, e.label))
    table = bfm_table(ordered, marks)
    if not ordered:
        return nothing_yet("bfm", _TITLE, "no BFMDRS movement ratings in the diary", table)
    first, latest = ordered[0], ordered[-1]
    description = (
        f"{len(ordered)} ratings from {first.on.isoformat()} to {latest.on.isoformat()}; the total "
        f"went from {float(first.total):g} to {float(latest.total):g} of 120 (higher is worse). "
        f"{sum(e.kind == 'medicine' for e in marks)} medicine changes and "
        f"{sum(e.kind == 'dbs' for e in marks)} DBS events are marked. The table below lists them."
    )

    def draw(figure: Figure) -> None:
        axes = figure.add_subplot()
        style_axes(axes)
        days = [day_number(point.on) for point in ordered]
        totals = [float(point.total) for point in ordered]
        axes.plot(days, totals, color=BLUE, linewidth=1.6, gid="bfm-line")
        axes.scatter(days, totals, s=30, color=BLUE, edgecolors=INK, zorder=3, gid="bfm-points")
        for index, event in enumerate(marks):
            _words, colour, style = EVENT_KINDS[event.kind]
            x = day_number(event.on)
            axes.axvline(
                x, color=colour, linestyle=style, linewidth=1.2, gid=f"bfm-{event.kind}-{index}"
            )
            axes.text(
                x,
                _TOP - 2,
                f" {shorten(event.label, 24)}",
                rotation=90,
                va="top",
                ha="right",
                fontsize=8,
                color=INK,
                gid=f"bfm-label-{index}",
            )
        axes.set_ylim(0, _TOP)
        axes.set_yticks(range(0, 121, 20))
        axes.set_ylabel("BFMDRS movement total (higher is worse)")
        span = [first.on, latest.on, *(event.on for event in marks)]
        date_axis(axes, min(span), max(span))
        axes.set_title(_TITLE, loc="left", fontsize=11)

    return Plot("bfm", _TITLE, description, table, (8.0, 3.8), draw)
