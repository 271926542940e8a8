"""Calibrate the ranking's probabilities: fit the softmax temperature on gene half A, check on B.

Run: .venv/bin/python benchmarks/calibrate_ranking.py ../shared/benchmarks/phenopacket_store_dev.jsonl.gz
The temperature minimises, on half A, the log-loss of the probability given to the top-ranked
disease against whether it was right — the quantity the reliability table checks (excluded terms
ignored, OMIM diseases, as in fit_ranking.py); the negative log-likelihood of the true disease is
printed beside it. Half B then gives the reliability table: cases binned by the probability given
to the top-ranked disease, against how often that disease was right.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import itertools
from pathlib import Path

import numpy as np

from rarelight.errors import ProblemsError
from rarelight.phenotype import (
    Case,
    PatientProfile,
    PhenotypeRanker,
    RankSettings,
    load_release,
    read_cases,
)

TEMPERATURES = [round(t, 2) for t in np.arange(0.1, 2.01, 0.05)]
BINS = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001]


def _half(case: Case) -> int:
    return int(hashlib.sha256((case.gene or case.disease_id).encode()).hexdigest(), 16) % 2


def _scored(ranker: PhenotypeRanker, cases: list[Case]) -> list[tuple[np.ndarray, int]]:
    out = []
    for case in cases:
        index = ranker.index_of(case.disease_id)
        if index is None:
            continue
        try:
            patient = PatientProfile.from_ids(ranker.release.ontology, list(case.observed))
        except ProblemsError:
            continue
        out.append((ranker.scores(patient) * np.log(10), index))
    return out


def _probabilities(scores: np.ndarray, temperature: float) -> np.ndarray:
    scaled = scores * temperature
    scaled -= scaled.max()
    weights = np.exp(scaled)
    return weights / weights.sum()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("cases", type=Path)
    args = parser.parse_args()
    release = load_release(cache_dir=Path("var/cache"))
    settings = dataclasses.replace(RankSettings(), databases=("OMIM",), use_excluded=False)
    ranker = PhenotypeRanker(release, settings)
    cases = list(read_cases(args.cases))
    half_a = _scored(ranker, [c for c in cases if _half(c) == 0])
    half_b = _scored(ranker, [c for c in cases if _half(c) == 1])

    def nll(temperature: float) -> float:
        return float(
            np.mean([-np.log(max(_probabilities(s, temperature)[i], 1e-300)) for s, i in half_a])
        )

    winners = [int(np.lexsort((np.arange(len(s)), -s))[0]) for s, _ in half_a]

    def top_loss(temperature: float) -> float:
        losses = []
        for (scores, index), winner in zip(half_a, winners, strict=True):
            probabilities = _probabilities(scores, temperature)
            p = min(max(float(probabilities[winner]), 1e-12), 1 - 1e-12)
            losses.append(-np.log(p if winner == index else 1 - p))
        return float(np.mean(losses))

    losses = {t: top_loss(t) for t in TEMPERATURES}
    best = min(losses, key=lambda t: losses[t])
    print(f"temperature fitted on half A ({len(half_a)} cases): {best} (top-1 log-loss "
          f"{losses[best]:.4f}, at 1.0: {losses[1.0]:.4f}; NLL of the true disease {nll(best):.3f}, "
          f"at 0.3: {nll(0.3):.3f})\n")  # fmt: skip
    print(f"Reliability on half B ({len(half_b)} cases), probability of the top-ranked disease:\n")
    print("| predicted | cases | mean predicted | observed right |")
    print("|---|---|---|---|")
    top = []
    for scores, index in half_b:
        probabilities = _probabilities(scores, best)
        winner = int(np.lexsort((np.arange(len(scores)), -scores))[0])
        top.append((float(probabilities[winner]), winner == index))
    for low, high in itertools.pairwise(BINS):
        chosen = [(p, right) for p, right in top if low <= p < high]
        if chosen:
            mean = np.mean([p for p, _ in chosen])
            observed = np.mean([right for _, right in chosen])
            print(f"| {low:.0%}–{min(high, 1):.0%} | {len(chosen)} | {mean:.1%} | {observed:.1%} |")


if __name__ == "__main__":
    main()
