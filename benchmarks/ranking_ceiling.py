"""What limits the ranking: accuracy by how much of a case the release's annotations can explain.

Run: .venv/bin/python benchmarks/ranking_ceiling.py ../shared/benchmarks/phenopacket_store_dev.jsonl.gz
For each rankable case, the share of its (most specific) observed terms that its own disease
explains at all in the release — the term, a descendant or a close ancestor annotated, so its
likelihood ratio is above the noise floor. A term nobody annotated for the disease can only be
matched by chance, so cases whose disease explains few of their terms bound what any method using
these annotations can reach. Ranks among OMIM diseases with the default settings, excluded terms
ignored.

With --misses: for the cases of gene half A (the fitting half) whose disease is not ranked first,
how many observed terms the true disease and the disease ranked first leave unexplained, and how
far (is_a steps up) each term the true disease leaves unexplained is from the nearest term the
disease has a feature at or below ("none": no feature in any of the term's branches).
"""

from __future__ import annotations

import argparse
import itertools
from collections import Counter
from pathlib import Path

import numpy as np

from fit_ranking import _half
from rarelight.phenotype import (
    Case,
    PhenotypeRanker,
    RankSettings,
    case_profile,
    load_release,
    read_cases,
)

BANDS = [0.0, 0.25, 0.5, 0.75, 1.0, 1.01]


def _share(rows: list[tuple[float, int, bool]], k: int) -> str:
    return f"{np.mean([rank <= k for _, rank, _ in rows]):.1%}" if rows else "–"


def _misses(ranker: PhenotypeRanker, cases: list[Case]) -> None:
    """Unexplained terms of the true disease and of the winner, in the misses of gene half A."""
    floor = np.log10(ranker.settings.noise) + 1e-9
    present = ranker.frequencies.tocsc()
    counts: Counter[str] = Counter()
    distances: Counter[str] = Counter()
    for case in cases:
        index = ranker.index_of(case.disease_id)
        patient = case_profile(ranker, case) if index is not None else None
        if index is None or patient is None or _half(case) != 0:
            continue
        scores = ranker.scores(patient)
        if ranker.position(scores, index) == 1:
            continue
        winner = int(ranker.order(scores)[0])
        annotated = set(present[:, [index]].nonzero()[0].tolist())
        counts["misses"] += 1
        for term in ranker.most_specific(patient.observed):
            counts["terms"] += 1
            counts["winner leaves unexplained"] += ranker.observed_log_lr(term)[winner] <= floor
            if ranker.observed_log_lr(term)[index] > floor:
                continue
            counts["true disease leaves unexplained"] += 1
            steps = [
                int(s)
                for a, s in zip(ranker.ancestors_of(term), ranker._steps[term], strict=True)
                if int(a) in annotated
            ]
            distances[str(min(steps)) if steps else "none"] += 1
    print("| gene half A, cases not ranked first | count |")
    print("|---|---|")
    for key in ("misses", "terms", "true disease leaves unexplained", "winner leaves unexplained"):
        print(f"| {key} | {counts[key]} |")
    print("\n| is_a steps up to the true disease's nearest feature | unexplained terms |")
    print("|---|---|")
    for key, value in sorted(distances.items(), key=lambda kv: (kv[0] == "none", kv[0].zfill(3))):
        print(f"| {key} | {value} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("cases", type=Path)
    parser.add_argument(
        "--misses", action="store_true", help="Unexplained terms in half A's misses."
    )
    args = parser.parse_args()
    release = load_release(cache_dir=Path("var/cache"))
    ranker = PhenotypeRanker(release, RankSettings(databases=("OMIM",), use_excluded=False))
    if args.misses:
        _misses(ranker, list(read_cases(args.cases)))
        return
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
