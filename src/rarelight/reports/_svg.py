"""Server-side SVG charts with matplotlib: accessible, reproducible, safe in a threaded web server.

No pyplot: each chart is its own `Figure` drawn by the SVG backend. matplotlib reads some settings
(the id salt, the text mode) from its process-wide rcParams, so drawing happens under one lock
with fixed settings: the same data gives the same bytes, whatever else the process does. Text
stays text (`svg.fonttype: none`), so it can be read out and searched, and no font is embedded or
fetched. Colours are the Okabe–Ito palette, distinguishable with the common colour-vision
deficiencies (Okabe M, Ito K. Color Universal Design, 2008, https://jfly.uni-koeln.de/color/);
each kind of mark also has its own shape, so colour is never the only cue.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape, quoteattr

if TYPE_CHECKING:  # matplotlib is imported on first drawing, not when rarelight.reports loads
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

NOTHING_YET = "Nothing recorded yet"

BLUE, VERMILLION, GREEN, PURPLE, ORANGE, SKY = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
)
"""Okabe–Ito colours; text and axes use INK, which has a contrast above 15:1 on white."""
INK = "#1A1A1A"
FAINT = "#E6E6E6"

_RC: dict[Any, Any] = {  # typed loosely: matplotlib types keys as a Literal of every name
    "date.epoch": "1970-01-01T00:00:00",
    "svg.hashsalt": "rarelight",
    "svg.fonttype": "none",
    "svg.image_inline": True,
    "font.family": ["DejaVu Sans", "sans-serif"],
    "font.size": 10.0,
    "text.color": INK,
    "axes.edgecolor": INK,
    "axes.labelcolor": INK,
    "xtick.color": INK,
    "ytick.color": INK,
    "path.simplify": False,
    "text.parse_math": False,  # labels are people's words: "$x^$" is text, not broken mathtext
}
_EPOCH = dt.date(1970, 1, 1)
_LOCK = threading.Lock()
_ID = re.compile(r'\sid="([^"]+)"')
_ID_OR_REFERENCE = re.compile(r'(\sid="|#)([\w.:-]+)')


@dataclass(frozen=True)
class PlotTable:
    """The chart's data as a table: its text alternative, and what the page shows beside it."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Plot:
    """A chart: its title, description and table now, its SVG (a complete <svg> element with
    <title> and <desc>) drawn on first use — a page showing the description and the table beside
    an <img> of the chart never pays for drawing it."""

    key: str
    title: str
    description: str
    table: PlotTable
    size: tuple[float, float]
    draw: Callable[[Figure], None] = field(repr=False, compare=False)
    empty: bool = False
    """True when there was nothing to draw; the SVG then says so in words."""

    @cached_property
    def svg(self) -> str:
        return render(self.key, self.title, self.description, self.size, self.draw)


def render(
    key: str,
    title: str,
    description: str,
    size: tuple[float, float],
    draw: Callable[[Figure], None],
) -> str:
    """Draw a figure of `size` inches with `draw`, as SVG text with a title and a description.

    `key` makes the ids of the title and description unique on a page with several charts.
    """
    import matplotlib as mpl
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    with _LOCK, mpl.rc_context(_RC):
        figure = Figure(figsize=size, dpi=72, layout="constrained")
        FigureCanvasSVG(figure)
        draw(figure)
        buffer = io.BytesIO()
        figure.savefig(
            buffer,
            format="svg",
            metadata={"Creator": "Rarelight", "Date": None},  # title and desc: see _labelled
        )
    return _labelled(buffer.getvalue().decode("utf-8"), key, title, description)


def nothing_yet(key: str, title: str, what: str, table: PlotTable) -> Plot:
    """The chart of an empty record: its title and a line saying nothing is recorded yet."""
    description = f"{NOTHING_YET}: {what}"

    def draw(figure: Figure) -> None:
        figure.text(0.5, 0.5, description, ha="center", va="center", fontsize=11)

    return Plot(key, title, description, table, (7.5, 1.2), draw, empty=True)


def style_axes(axes: Axes) -> None:
    """Plain axes: no box on top and right, light horizontal guides behind the data."""
    axes.spines["top"].set_visible(False)
    axes.spines["right"].set_visible(False)
    axes.set_axisbelow(True)
    axes.grid(axis="y", color=FAINT, linewidth=0.8)


def date_axis(axes: Axes, first: dt.date, last: dt.date, *, room: float = 0.04) -> None:
    """Readable dates whatever the span, with a margin so marks at the ends are not cut.

    `room` is the share of the span left free on the right, for labels beside the last marks.
    """
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

    span = (last - first).days
    axes.set_xlim(day_number(first) - max(span * 0.04, 15), day_number(last) + max(span * room, 15))
    locator = AutoDateLocator(minticks=3, maxticks=8)  # type: ignore[no-untyped-call]
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]


def day_number(day: dt.date) -> float:
    """A day as matplotlib places it on a date axis: days since the epoch set in _RC."""
    return float((day - _EPOCH).days)


def shorten(text: str, limit: int = 28) -> str:
    """A label short enough to sit on a chart; the table beside the chart has it in full."""
    text = " ".join(text.split())
    return text if len(text) <= limit else f"{text[: limit - 1].rstrip()}…"


def _labelled(svg: str, key: str, title: str, description: str) -> str:
    """Give the root <svg> a role, an accessible name and a description (its first children).

    matplotlib numbers its ids per figure (figure_1, axes_1, …), so every id not already starting
    with the chart's key gets it as a prefix: three charts on one page never share an id.
    """
    prefix = f"{key}-"
    renamed = {name: prefix + name for name in _ID.findall(svg) if not name.startswith(prefix)}

    def rename(match: re.Match[str]) -> str:
        before, name = match.group(1, 2)
        return f"{before}{renamed.get(name, name)}"

    svg = _ID_OR_REFERENCE.sub(rename, svg)
    start = svg.index("<svg")
    end = svg.index(">", start)
    title_id, desc_id = f"{key}-title", f"{key}-desc"
    root = (
        f'{svg[start:end]} role="img" aria-labelledby="{title_id}" aria-describedby="{desc_id}">'
        f"<title id={quoteattr(title_id)}>{escape(title)}</title>"
        f"<desc id={quoteattr(desc_id)}>{escape(description)}</desc>"
    )
    return root + svg[end + 1 :]  # from <svg on: no XML prolog, so it can sit inside HTML
