"""Care passport PDF and record charts: how long one takes to make, for a light and a heavy record.

Run: .venv/bin/python benchmarks/bench_passport.py [--repeat 5]
Prints a Markdown table for RESULTS.md. "Heavy" is a long synthetic record (60 medicines, 80
features, notes of 1,500 characters; 3 years of weekly diary entries) that must be cut to fit.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import statistics
import time
from collections.abc import Callable

from rarelight.care import BODY_REGIONS
from rarelight.reports import (
    BfmPoint,
    Contact,
    Diagnosis,
    DiaryRegions,
    EmergencyNotes,
    Feature,
    Medicine,
    PassportData,
    Person,
    TimelineEvent,
    TreatmentEvent,
    bfm_plot,
    care_passport_pdf,
    region_strip_plot,
    timeline_plot,
)

TODAY = dt.date(2026, 11, 25)


def _record(medicines: int, features: int, note: str) -> PassportData:
    return PassportData(
        person=Person("Zoë Example", dt.date(2017, 3, 4), "female"),
        generated_on=TODAY,
        diagnosis=Diagnosis("OMIM:617284", "KMT2B-related dystonia"),
        features=tuple(Feature(f"HP:{i:07d}", f"Feature {i}", i % 4 != 0) for i in range(features)),
        medicines=tuple(
            Medicine(f"Medicine {i}", "5 mg", "twice a day", TODAY) for i in range(medicines)
        ),
        team=tuple(Contact(f"Role {i}", f"Dr {i}", "+44 20 7946 0000") for i in range(8)),
        emergency=EmergencyNotes(note, note, note),
    )


def _diary(weeks: int) -> tuple[list[BfmPoint], list[DiaryRegions], list[TimelineEvent]]:
    start = TODAY - dt.timedelta(weeks=weeks)
    days = [start + dt.timedelta(weeks=w) for w in range(weeks)]
    points = [BfmPoint(day, min(120, 10 + w * 0.5)) for w, day in enumerate(days)]
    keys = [region.key for region in BODY_REGIONS]
    regions = [DiaryRegions(day, tuple(keys[: 1 + w * 8 // weeks])) for w, day in enumerate(days)]
    events = [TimelineEvent(day, "diary", "entry") for day in days]
    events += [TimelineEvent(day, "appointment", "Clinic visit") for day in days[::6]]
    return points, regions, events


def _time(make: Callable[[], object], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        make()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5, help="runs per measure (median shown)")
    args = parser.parse_args()
    light = _record(3, 6, "Check the stimulator is on.")
    heavy = _record(60, 80, "Keep upright for feeds and call the DBS team early. " * 30)
    points, regions, events = _diary(156)
    changes = [
        TreatmentEvent(TODAY - dt.timedelta(days=d), "medicine", "dose change")
        for d in (900, 500, 200)
    ]
    measures = {
        "passport PDF, light record": lambda: care_passport_pdf(light),
        "passport PDF, heavy record (cut to fit)": lambda: care_passport_pdf(heavy),
        "timeline SVG, 182 events": lambda: timeline_plot(events),
        "BFMDRS SVG, 156 ratings, 3 changes": lambda: bfm_plot(points, changes),
        "region strip SVG, 156 dates": lambda: region_strip_plot(regions),
    }
    print(f"Python {platform.python_version()}, {platform.machine()}, median of {args.repeat}\n")
    print("| measure | median |\n|---|---|")
    for name, make in measures.items():
        make()  # warm: fonts and matplotlib imported once, as in a running server
        print(f"| {name} | {_time(make, args.repeat):.0f} ms |")


if __name__ == "__main__":
    main()
