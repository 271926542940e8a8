"""Bar charts of suppressed counts, drawn by the shared chart renderer (`rarelight.reports.render`:
one lock, fixed settings, a title and a description for screen readers).

A hidden count gets no bar at all (its height would give it away), only its label ("<5"). The
chart is served as its own SVG file and shown with <img alt=…> beside the same numbers as a table:
matplotlib styles its SVG inline, which the site's strict CSP forbids inside a page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rarelight import reports
from rarelight.registry import StatTable

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def chart_description(table: StatTable) -> str:
    """The chart in words: its alt text, and its SVG <desc>."""
    counts = "; ".join(f"{c.label}: {c.shown}" for c in table.categories)
    return (
        f"{table.title}, {table.unit}. {counts}. Counts from 1 to 4 are shown as <5, with no bar."
    )


def bar_chart_svg(table: StatTable, chart_id: str) -> str:
    """The table as horizontal bars in an accessible SVG document (role=img, <title>, <desc>)."""
    labels = [c.label for c in table.categories]

    def draw(figure: Figure) -> None:
        axes = figure.subplots()
        positions = range(len(labels))
        axes.barh(positions, [c.count or 0 for c in table.categories], color=reports.BLUE)
        axes.set_yticks(list(positions), labels)
        axes.invert_yaxis()
        axes.set_xlabel(table.unit)
        for y, category in zip(positions, table.categories, strict=True):
            axes.annotate(
                category.shown,
                (category.count or 0, y),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                color=reports.INK,
            )
        reports.style_axes(axes)
        axes.grid(False)

    size = (6.4, 0.45 * len(labels) + 0.9)
    return reports.render(chart_id, table.title, chart_description(table), size, draw)
