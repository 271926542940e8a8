"""Fit the ranking's parameters on half of the genes and report the other half beside it.

Run: .venv/bin/python benchmarks/fit_ranking.py ../shared/benchmarks/phenopacket_store_dev.jsonl.gz \
       '{"noise": [0.1, 0.25], "ancestor_discount": [0.03, 0.1], "max_log_lr": [3, 10]}'
Cases are split by sha256(gene) mod 2: choose parameters on half A only; half B shows whether the
choice generalises. Ranks among OMIM diseases, excluded terms ignored (as in the recorded grid).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
from pathlib import Path

from rarelight.phenotype import (
    Case,
    PhenotypeRanker,
    RankSettings,
    evaluate,
    load_release,
    read_cases,
)


def _half(case: Case) -> int:
    return int(hashlib.sha256((case.gene or case.disease_id).encode()).hexdigest(), 16) % 2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("cases", type=Path)
    parser.add_argument("grid", help="JSON object: RankSettings field → list of values")
    args = parser.parse_args()
    grid: dict[str, list[object]] = json.loads(args.grid)
    release = load_release(cache_dir=Path("var/cache"))
    cases = list(read_cases(args.cases))
    halves = [[c for c in cases if _half(c) == h] for h in (0, 1)]
    print(
        "| "
        + " | ".join(grid)
        + " | A top-1 | A top-10 | B top-1 | B top-10 | B uncited top-1 | B uncited top-10 |"
    )
    print("|" + "---|" * (len(grid) + 6))
    for values in itertools.product(*grid.values()):
        settings = RankSettings(
            **dict(zip(grid, values, strict=True)), databases=("OMIM",), use_excluded=False
        )
        ranker = PhenotypeRanker(release, settings)
        a, b = (evaluate(ranker, half) for half in halves)
        cells = [
            a.all.share(1), a.all.share(10), b.all.share(1), b.all.share(10),
            b.uncited.share(1), b.uncited.share(10),
        ]  # fmt: skip
        print(
            "| "
            + " | ".join(str(v) for v in values)
            + " | "
            + " | ".join(f"{c:.1%}" for c in cells)
            + " |"
        )


if __name__ == "__main__":
    main()
