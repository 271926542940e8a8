"""What limits the ranking: accuracy by how much of a case the release's annotations can explain.

Run: .venv/bin/python benchmarks/ranking_ceiling.py ../shared/benchmarks/phenopacket_store_dev.jsonl.gz
For each rankable case, the share of its (most specific) observed terms that its own disease
explains at all in the release — the term, a descendant or a close ancestor annotated, so its
likelihood ratio is above the noise floor. A term nobody annotated for the disease can only be
matched by chance, so cases whose disease explains few of their terms bound what any method using
these annotations can reach. Ranks among OMIM diseases with the default settings, excluded terms
ignored.
"""

from __future__ import annotations

import argparse
import itertools
from pathlib import Path

import numpy as np

from rarelight.phenotype import (
    PhenotypeRanker,
    RankSettings,
    case_profile,
    load_release,
    read_cases,
)

BANDS = [0.0, 0.25, 0.5, 0.75, 1.0, 1.01]


def _share(rows: list[tuple[float, int, bool]], k: int) -> str:
    return f"{np.mean([rank <= k for _, rank, _ in rows]):.1%}" if rows else "–"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("cases", type=Path)
    args = parser.parse_args()
    release = load_release(cache_dir=Path("var/cache"))
    ranker = PhenotypeRanker(release, RankSettings(databases=("OMIM",), use_excluded=False))
    cited = ranker.release_references()
    floor = np.log10(ranker.settings.noise) + 1e-9
    rows = []  # (share explained, rank, uncited)
    for case in read_cases(args.cases):
        index = ranker.index_of(case.disease_id)
        patient = case_profile(ranker, case) if index is not None else None
        if index is None or patient is None:
            continue
        terms = ranker.most_specific(patient.observed)
        explained = np.mean([ranker.observed_log_lr(t)[index] > floor for t in terms])
        rank = ranker.position(ranker.scores(patient), index)
        rows.append((float(explained), rank, case.pmid not in cited.get(case.disease_id, ())))
    print("| terms the disease explains | cases (uncited) | top-1 | top-10 | uncited top-1 | "
          "uncited top-10 |")  # fmt: skip
    print("|---|---|---|---|---|---|")
    for low, high in itertools.pairwise(BANDS):
        band = [r for r in rows if low <= r[0] < high]
        uncited = [r for r in band if r[2]]
        label = "all" if low == 1.0 else f"{low:.0%}–{high:.0%}"
        print(
            f"| {label} | {len(band)} ({len(uncited)}) | "
            + " | ".join(_share(group, k) for group in (band, uncited) for k in (1, 10))
            + " |"
        )


if __name__ == "__main__":
    main()
