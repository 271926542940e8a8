"""Community: how fast the safe Markdown subset renders, and how fast the public pages answer with
many published items (listing, search, filters, the feed, a disease page's section).

Run: .venv/bin/python benchmarks/bench_community.py [--items 5000] [--repeat 50]
Uses a throwaway test database (SQLite in memory unless DATABASE_URL is set). Prints Markdown.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import statistics
import time
from collections.abc import Callable

PARAGRAPH = (
    "Our daughter was diagnosed at **six**, after years of *toe walking* and falls. "
    "Physio twice a week and a walker helped; see https://example.org/guide for the plan we used.\n\n"
    "- swimming on Saturdays\n- a tilted desk at school\n\n> It gets easier to ask for help.\n\n"
)
PAYLOAD = "<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) "


def _time(action: Callable[[], object], repeat: int) -> list[float]:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def _row(name: str, timings: list[float]) -> str:
    ordered = sorted(timings)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"| {name} | {statistics.median(timings):.2f} ms | {p95:.2f} ms |"


def bench_render(repeat: int) -> list[str]:
    from rarelight.community import render_markdown

    typical = PARAGRAPH * 2  # about 600 characters
    longest = ((PARAGRAPH + PAYLOAD) * 40)[:10_000]  # the longest text allowed, hostile
    return [
        _row(
            "render a typical story (~600 characters)",
            _time(lambda: render_markdown(typical), repeat),
        ),
        _row(
            "render the longest allowed text with payloads (10,000 characters)",
            _time(lambda: render_markdown(longest), repeat),
        ),
    ]


def bench_pages(items: int, repeat: int) -> list[str]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rarelight_web.settings")
    import django

    django.setup()
    from django.test import Client
    from django.test.utils import setup_databases, setup_test_environment, teardown_databases

    from rarelight.community import TAGS, render_markdown
    from rarelight_web.catalog.models import Disease
    from rarelight_web.community.models import Submission

    setup_test_environment()
    config = setup_databases(verbosity=0, interactive=False)
    try:
        kmt2b = Disease.objects.create(
            id="OMIM:617284", name="KMT2B-related dystonia", curated=True, hpo_release="bench"
        )
        other = Disease.objects.create(id="OMIM:128100", name="Dystonia 1", hpo_release="bench")
        rng = random.Random(7)
        now = dt.datetime(2026, 11, 25, tzinfo=dt.UTC)
        html = render_markdown(PARAGRAPH).html
        rows = []
        for n in range(items):
            tags = rng.sample(sorted(TAGS), 2)
            rows.append(
                Submission(
                    kind=rng.choice(["story", "tip"]),
                    title=f"Story {n} about {tags[0]}",
                    body=PARAGRAPH + (" swimming" if n % 50 == 0 else ""),
                    body_html=html,
                    tags="|" + "|".join(sorted(tags)) + "|",
                    disease=kmt2b if n % 3 else other,
                    consent_to_publish=True,
                    status=rng.choice(["published"] * 4 + ["pending"]),
                    status_key_hash=f"{n:064x}",
                    submitted_at=now - dt.timedelta(minutes=n),
                    updated_at=now - dt.timedelta(minutes=n),
                    published_at=now - dt.timedelta(minutes=n),
                )
            )
        Submission.objects.bulk_create(rows, batch_size=1000)
        client = Client()

        def get(path: str) -> Callable[[], object]:
            def fetch() -> object:
                response = client.get(path)
                assert response.status_code == 200, path
                return response

            return fetch

        pages = [
            ("listing, first page", "/community/"),
            ("listing, search for one word", "/community/?q=swimming"),
            ("listing, topic and disease filters", "/community/?tag=dbs&disease=OMIM:617284"),
            ("Atom feed (30 newest)", "/community/feed/"),
            ("disease page section (5 newest)", "/community/latest/OMIM:617284/"),
        ]
        return [_row(name, _time(get(path), repeat)) for name, path in pages]
    finally:
        teardown_databases(config, verbosity=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=5000, help="submissions in the database")
    parser.add_argument("--repeat", type=int, default=50, help="timings per measure")
    args = parser.parse_args()
    print(f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} cores")
    print(f"{args.items} submissions (about 4 in 5 published), {args.repeat} timings each\n")
    print("| measure | median | p95 |\n|---|---|---|")
    for line in [*bench_render(args.repeat * 4), *bench_pages(args.items, args.repeat)]:
        print(line)


if __name__ == "__main__":
    main()
