"""Server-side SVG bar charts of suppressed counts, with a title and description for screen readers.

A hidden count gets no bar at all (its height would give it away), only its label ("<5"). The
chart is served as its own SVG file and shown with <img alt=…> beside the same numbers as a table:
matplotlib styles its SVG inline, which the site's strict CSP forbids inside a page.
"""

from __future__ import annotations

import io
import threading
from html import escape

import matplotlib
from matplotlib.figure import Figure

from rarelight.registry import StatTable

_DRAWING = threading.Lock()  # matplotlib's text layout is not thread-safe; the web server is

matplotlib.rcParams["svg.hashsalt"] = "rarelight"  # the same data gives the same file


def chart_description(table: StatTable) -> str:
    """The chart in words: its alt text, and its SVG <desc>."""
    counts = "; ".join(f"{c.label}: {c.shown}" for c in table.categories)
    return (
        f"{table.title}, {table.unit}. {counts}. Counts from 1 to 4 are shown as <5, with no bar."
    )


def bar_chart_svg(table: StatTable, chart_id: str) -> str:
    """The table as an accessible SVG document (role=img, <title>, <desc>)."""
    with _DRAWING:
        svg = _draw(table)
    svg = svg[svg.index("<svg") :]
    head_end = svg.index(">") + 1
    head = svg[:head_end].replace(
        "<svg", f'<svg role="img" aria-labelledby="{chart_id}-title {chart_id}-desc"', 1
    )
    accessible = (
        f'<title id="{chart_id}-title">{escape(table.title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(chart_description(table))}</desc>'
    )
    return head + accessible + svg[head_end:]


def _draw(table: StatTable) -> str:
    """Horizontal bars as SVG text, on a Figure of its own (no pyplot global state)."""
    labels = [c.label for c in table.categories]
    heights = [c.count or 0 for c in table.categories]
    figure = Figure(figsize=(6.4, 0.45 * len(labels) + 0.9), dpi=72)
    axes = figure.subplots()
    positions = range(len(labels))
    axes.barh(positions, heights, color="#1f6f8b")
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
        )
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()
