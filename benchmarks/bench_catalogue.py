"""Disease catalogue: how long it takes to load, and how fast search answers.

Run: .venv/bin/python benchmarks/bench_catalogue.py [--repeat 200]
Prints a Markdown table for RESULTS.md. Cold = parsing the raw HPO files; warm = from the cache.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import tempfile
import time
from pathlib import Path

from rarelight.knowledge import load_catalogue

QUERIES = [
    "DYT28", "dystonia 28", "KMT2B", "617284", "ORPHA:589618", "marfan", "rett syndrome",
    "FBN1", "dyst", "d", "epileptic encephalopathy", "intellectual disability autosomal dominant",
    "dystnia", "charcot marie tooth", "noonan", "SCN1A", "ehlers danlos hypermobility", "xyzzy",
]  # fmt: skip


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=200, help="searches per query")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        load_catalogue(Path(folder))
        cold = time.perf_counter() - started
        started = time.perf_counter()
        catalogue = load_catalogue(Path(folder))
        warm = time.perf_counter() - started

    timings: list[float] = []
    for query in QUERIES:
        for _ in range(args.repeat):
            started = time.perf_counter()
            catalogue.search(query, 20)
            timings.append((time.perf_counter() - started) * 1000)

    print(
        f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}"
    )
    print(f"catalogue: {len(catalogue)} diseases, {catalogue.release.name}\n")
    print("| measure | value |")
    print("|---|---|")
    print(f"| load, cold (parse raw HPO files + build index) | {cold:.2f} s |")
    print(f"| load, warm (from the data-folder cache) | {warm:.2f} s |")
    print(
        f"| search, median ({len(QUERIES)} queries × {args.repeat}) | {statistics.median(timings):.2f} ms |"
    )
    print(f"| search, p95 | {_percentile(timings, 0.95):.2f} ms |")
    print(f"| search, max | {max(timings):.2f} ms |")


if __name__ == "__main__":
    main()
