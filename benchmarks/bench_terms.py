"""HPO term search (autocomplete): how long the index takes to build, and how fast each keystroke answers.

Run: .venv/bin/python benchmarks/bench_terms.py [--repeat 50] [--show]
Prints a Markdown table for RESULTS.md. The release comes from the data-folder cache (var/cache).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time
from pathlib import Path

from rarelight.phenotype import TermIndex, load_release


def _typed(text: str) -> list[str]:
    """Every prefix of `text`, as an autocomplete box sees it letter by letter."""
    return [text[:n] for n in range(1, len(text) + 1)]


QUERIES = [
    *_typed("seizure"),
    *_typed("dystonia"),
    *_typed("toe walking"),
    # typos
    "siezure", "dystnia", "hoarsness", "microcefaly", "scoliosys", "ataxai", "hypotonai",
    # lay words and phrases
    "big head", "fits", "floppy baby", "clumsy", "short", "hoarse", "squint", "cross eyed",
    "flat feet", "tiptoe", "hearing loss", "bed wetting", "walking on tip toes", "can't swallow",
    # clinical phrases, partly typed
    "intellectual dis", "abnormality of the heart", "delayed speech", "global developmental del",
    "short sta", "abn", "abnormal",
    # ids, whole and partial, current and alternative
    "HP:0001250", "0001332", "HP:0002328", "HP:00012",
    # nothing to find
    "xyzzy",
]  # fmt: skip


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=50, help="searches per query")
    parser.add_argument("--show", action="store_true", help="print the best match of each query")
    args = parser.parse_args()

    started = time.perf_counter()
    release = load_release(cache_dir=Path("var") / "cache")
    load_s = time.perf_counter() - started
    builds = []
    for _ in range(5):
        started = time.perf_counter()
        index = TermIndex(release.ontology)
        builds.append(time.perf_counter() - started)

    timings: list[float] = []
    per_query: dict[str, float] = {}
    for query in QUERIES:
        mine = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            index.search(query, 10)
            mine.append((time.perf_counter() - started) * 1000)
        timings += mine
        per_query[query] = statistics.median(mine)
        if args.show:
            best = index.search(query, 1)
            print(f"{query!r:30} {best[0].term.id + ' ' + best[0].term.label if best else '-'}")
    slowest = max(per_query, key=per_query.__getitem__)

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"release: {release.name}, {len(index)} current terms\n")
    print("| measure | value |")
    print("|---|---|")
    print(f"| release load (from the data-folder cache) | {load_s:.2f} s |")
    print(f"| index build, median of 5 | {statistics.median(builds):.2f} s |")
    print(
        f"| search, median ({len(QUERIES)} queries × {args.repeat}) | {statistics.median(timings):.2f} ms |"
    )
    print(f"| search, p95 | {_percentile(timings, 0.95):.2f} ms |")
    print(f"| search, max | {max(timings):.2f} ms |")
    print(f"| slowest query (its median) | “{slowest}”, {per_query[slowest]:.2f} ms |")


if __name__ == "__main__":
    main()
