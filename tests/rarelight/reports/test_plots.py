"""The record's charts: accessible SVG with a title and description, countable marks, the same
bytes for the same data, a table as text alternative, and a clear result when nothing is recorded."""

from __future__ import annotations

import datetime as dt
import re
import threading
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from rarelight.care import BODY_REGIONS
from rarelight.errors import InputError
from rarelight.reports import (
    NOTHING_YET,
    TIMELINE_LANES,
    BfmPoint,
    DiaryRegions,
    Plot,
    PlotTable,
    TimelineEvent,
    TreatmentEvent,
    bfm_plot,
    region_strip_plot,
    timeline_plot,
)

SVG = "{http://www.w3.org/2000/svg}"
D = dt.date

EVENTS = (
    TimelineEvent(D(2024, 1, 10), "appointment", "Neurology clinic, Dr Nuñez"),
    TimelineEvent(D(2024, 2, 1), "medicine", "Started trihexyphenidyl"),
    TimelineEvent(D(2024, 9, 1), "medicine", "Stopped trihexyphenidyl"),
    TimelineEvent(D(2025, 3, 3), "dbs", "Bilateral GPi implant"),
    TimelineEvent(D(2025, 4, 3), "dbs", "Programming session"),
    *(TimelineEvent(D(2024, month, 15), "diary", "Diary entry") for month in range(1, 13)),
    TimelineEvent(D(2024, 5, 1), "therapy", "Speech and language therapy, weekly at school"),
)
POINTS = (
    BfmPoint(D(2024, 1, 10), 22),
    BfmPoint(D(2024, 4, 10), Decimal("30.5")),
    BfmPoint(D(2024, 9, 10), 41),
    BfmPoint(D(2025, 2, 10), 52),
    BfmPoint(D(2025, 6, 10), 28),
)
CHANGES = (
    TreatmentEvent(D(2024, 2, 1), "medicine", "Started trihexyphenidyl"),
    TreatmentEvent(D(2024, 9, 1), "medicine", "Stopped trihexyphenidyl"),
    TreatmentEvent(D(2025, 3, 3), "dbs", "Bilateral GPi implant"),
)
SPREAD = (
    DiaryRegions(D(2024, 1, 1), ("legs",)),
    DiaryRegions(D(2024, 3, 1), ("arms", "legs")),
    DiaryRegions(D(2024, 6, 1), ("legs", "arms", "neck", "larynx_voice")),
    DiaryRegions(D(2024, 6, 1), ("trunk",)),  # a second entry on the same day counts with the first
)


def _root(plot: Plot) -> ET.Element:
    root = ET.fromstring(plot.svg)  # noqa: S314 - our own output, not untrusted input
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title, desc = root[0], root[1]
    assert title.tag == f"{SVG}title"
    assert title.text == plot.title
    assert desc.tag == f"{SVG}desc"
    assert desc.text == plot.description
    assert root.get("aria-labelledby") == title.get("id") == f"{plot.key}-title"
    assert root.get("aria-describedby") == desc.get("id")
    assert "<image" not in plot.svg  # nothing raster, nothing fetched
    assert "@font-face" not in plot.svg
    assert "url(http" not in plot.svg
    return root


def _marks(root: ET.Element, gid: str) -> int:
    """Shapes drawn by the artist with this gid: one <use> per mark, or one <path> outside <defs>."""
    group = root.find(f".//{SVG}g[@id='{gid}']")
    assert group is not None, gid
    uses = list(group.iter(f"{SVG}use"))
    if uses:
        return len(uses)
    defined = {id(node) for defs in group.iter(f"{SVG}defs") for node in defs.iter()}
    return sum(1 for node in group.iter(f"{SVG}path") if id(node) not in defined)


def _texts(root: ET.Element) -> list[str]:
    return [" ".join("".join(node.itertext()).split()) for node in root.iter(f"{SVG}text")]


def test_the_timeline_puts_each_event_in_its_lane() -> None:
    plot = timeline_plot(EVENTS)
    root = _root(plot)
    assert _marks(root, "timeline-diary") == 12
    assert _marks(root, "timeline-medicine") == 2
    assert _marks(root, "timeline-dbs") == 2
    assert root.find(f".//{SVG}g[@id='timeline-milestone']") is None  # no milestones, no lane
    texts = _texts(root)
    for words in (
        "Appointments",
        "Medicines",
        "DBS",
        "Diary",
        "Therapies",
        "Started trihexyphenidyl",
        "Speech and language therapy…",  # long words are shortened on the chart
    ):
        assert words in texts, words
    assert "Milestones" not in texts
    assert "18 events from 2024-01-10 to 2025-04-03" in plot.description
    assert len(plot.table.rows) == 18
    assert plot.table.rows[0] == ("2024-01-10", "Appointments", "Neurology clinic, Dr Nuñez")
    assert [row[0] for row in plot.table.rows] == sorted(row[0] for row in plot.table.rows)


def test_the_bfm_chart_has_a_fixed_axis_and_marks_every_change() -> None:
    plot = bfm_plot(POINTS, CHANGES)
    root = _root(plot)
    assert _marks(root, "bfm-points") == 5
    assert (
        sum(1 for g in root.iter(f"{SVG}g") if (g.get("id") or "").startswith("bfm-medicine-")) == 2
    )
    assert sum(1 for g in root.iter(f"{SVG}g") if (g.get("id") or "").startswith("bfm-dbs-")) == 1
    texts = _texts(root)
    assert {"0", "20", "120"} <= set(texts)  # the 0–120 axis, whatever the data
    assert "Bilateral GPi implant" in texts
    assert "went from 22 to 28 of 120" in plot.description
    assert ("2024-04-10", "30.5", "") in plot.table.rows
    assert ("2025-03-03", "", "DBS: Bilateral GPi implant") in plot.table.rows


def test_the_strip_fills_one_cell_per_affected_region_and_date() -> None:
    plot = region_strip_plot(SPREAD)
    root = _root(plot)
    assert _marks(root, "strip-legs") == 3
    assert _marks(root, "strip-arms") == 2
    assert _marks(root, "strip-trunk") == 1
    assert root.find(f".//{SVG}g[@id='strip-eyes']") is None
    assert _marks(root, "strip-empty-eyes") == 3  # every date has a cell in every row
    texts = _texts(root)
    assert [region.label.capitalize() for region in BODY_REGIONS] == [
        t for t in texts if t in {r.label.capitalize() for r in BODY_REGIONS}
    ]
    assert {"2024-01-01", "2024-03-01", "2024-06-01"} <= set(texts)
    assert plot.table.rows[-1] == (
        "2024-06-01",
        "legs, arms, trunk, neck, larynx and voice",
        "trunk, neck, larynx and voice",
    )
    assert "First affected: legs (2024-01-01); then arms (2024-03-01)" in plot.description


@pytest.mark.parametrize(
    "make",
    [
        lambda: timeline_plot(EVENTS),
        lambda: bfm_plot(POINTS, CHANGES),
        lambda: region_strip_plot(SPREAD),
        lambda: timeline_plot(()),
    ],
)
def test_the_same_data_gives_the_same_bytes(make: object) -> None:
    assert callable(make)
    first = make()
    assert make().svg == first.svg
    assert not re.search(r"\d{4}-\d\d-\d\dT\d\d:\d\d", first.svg)  # no creation time inside


def test_charts_drawn_in_parallel_threads_match_the_serial_ones() -> None:
    expected = [
        timeline_plot(EVENTS).svg,
        bfm_plot(POINTS, CHANGES).svg,
        region_strip_plot(SPREAD).svg,
    ]
    results: dict[int, list[str]] = {}

    def work(n: int) -> None:
        results[n] = [
            timeline_plot(EVENTS).svg,
            bfm_plot(POINTS, CHANGES).svg,
            region_strip_plot(SPREAD).svg,
        ]

    threads = [threading.Thread(target=work, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(result == expected for result in results.values())
    assert len(results) == 3


@pytest.mark.parametrize(
    "plot",
    [timeline_plot(()), bfm_plot((), CHANGES), region_strip_plot(())],
    ids=["timeline", "bfm", "strip"],
)
def test_an_empty_record_says_nothing_is_recorded_yet(plot: Plot) -> None:
    root = _root(plot)
    assert plot.empty
    assert plot.description.startswith(NOTHING_YET)
    assert any(text.startswith(NOTHING_YET) for text in _texts(root))


def test_every_lane_has_its_own_marker_shape() -> None:
    assert len({lane.marker for lane in TIMELINE_LANES}) == len(TIMELINE_LANES)


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (
            lambda: TimelineEvent(D(2024, 1, 1), "surgery", "x"),
            "timeline lane 'surgery' is not accepted; use one of: appointment",
        ),
        (
            lambda: TimelineEvent(dt.datetime(2024, 1, 1, tzinfo=dt.UTC), "diary", "x"),
            "date must be a day",
        ),
        (lambda: BfmPoint(D(2024, 1, 1), 121), "runs from 0 to 120, not 121"),
        (lambda: BfmPoint(D(2024, 1, 1), -0.5), "runs from 0 to 120, not -0.5"),
        (lambda: TreatmentEvent(D(2024, 1, 1), "surgery", "x"), "use one of: medicine, dbs"),
        (
            lambda: DiaryRegions(D(2024, 1, 1), ("legs", "tail")),
            "'tail' is not a diary body region; use one of: legs",
        ),
    ],
)
def test_bad_values_fail_saying_what_is_accepted(build: object, message: str) -> None:
    assert callable(build)
    with pytest.raises(InputError, match=re.escape(message)):
        build()


def test_three_charts_on_one_page_share_no_id_and_every_reference_resolves() -> None:
    plots = [timeline_plot(EVENTS), bfm_plot(POINTS, CHANGES), region_strip_plot(SPREAD)]
    seen: list[str] = []
    for plot in plots:
        ids = re.findall(r'\sid="([^"]+)"', plot.svg)
        references = set(re.findall(r'(?:url\(#|href="#)([^)"]+)', plot.svg))
        assert references, "the charts use clip paths and shared marker shapes"
        assert references <= set(ids), references - set(ids)
        seen += ids
    assert len(seen) == len(set(seen))


def test_a_crowded_lane_keeps_its_marks_and_leaves_the_words_to_the_table() -> None:
    visits = [
        TimelineEvent(D(2024, 1, 1) + dt.timedelta(days=9 * i), "appointment", f"Visit {i}")
        for i in range(13)
    ]
    root = _root(timeline_plot([*visits, EVENTS[1]]))
    assert _marks(root, "timeline-appointment") == 13
    texts = _texts(root)
    assert not any(text.startswith("Visit") for text in texts)
    assert "Started trihexyphenidyl" in texts


def test_a_chart_is_drawn_only_when_its_svg_is_used() -> None:
    # The progress page shows each chart's description and table beside an <img> whose SVG is
    # another request: building the plot for the page must not draw it.
    drawn: list[object] = []
    plot = Plot(
        "lazy",
        "Lazy chart",
        "Nothing to see",
        PlotTable("Lazy", ("a",), ()),
        (2.0, 1.0),
        lambda figure: drawn.append(figure),
    )
    assert plot.description == "Nothing to see"
    assert drawn == []
    svg = plot.svg
    assert len(drawn) == 1
    assert svg.startswith("<svg") or "<svg" in svg[:500]
    assert plot.svg is svg  # drawn once
    assert len(drawn) == 1
