"""Calibrate the ranking's probabilities: fit the softmax temperature on gene half A, check on B.

Run: .venv/bin/python benchmarks/calibrate_ranking.py ../shared/benchmarks/phenopacket_store_dev.jsonl.gz
The probability is a softmax of the scores at a temperature that shrinks with the number of observed
terms n: temperature · (8 / n) ** exponent (`softmax_temperature`). Both are chosen on half A by the
smallest log-loss of the probability given to the top-ranked disease against whether it was right —
the quantity the reliability table checks (excluded terms ignored, OMIM diseases, as in
fit_ranking.py); the negative log-likelihood of the true disease is printed beside it. Half B then
gives the reliability table: cases binned by the probability given to the top-ranked disease,
against how often that disease was right.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import itertools
from pathlib import Path

import numpy as np
import numpy.typing as npt

from rarelight.phenotype import (
    Case,
    PhenotypeRanker,
    RankSettings,
    case_profile,
    load_release,
    read_cases,
    softmax_temperature,
)

TEMPERATURES = [round(t, 3) for t in np.arange(0.1, 0.61, 0.025)]
EXPONENTS = [0.0, 0.25, 0.5, 0.75, 1.0]
BINS = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001]


def _half(case: Case) -> int:
    return int(hashlib.sha256((case.gene or case.disease_id).encode()).hexdigest(), 16) % 2


@dataclasses.dataclass
class Scored:
    """Per case: scores (ln units) minus the best, the true disease's gap, terms, winner right."""

    gaps: npt.NDArray[np.float32]
    true_gap: npt.NDArray[np.float64]
    terms: npt.NDArray[np.int64]
    right: npt.NDArray[np.bool_]

    def top(self, settings: RankSettings) -> npt.NDArray[np.float64]:
        """The probability given to the top-ranked disease of each case."""
        scale = np.array([softmax_temperature(settings, int(n)) for n in self.terms])
        weights = np.exp(self.gaps * scale[:, None].astype(np.float32))
        return 1.0 / weights.sum(axis=1, dtype=np.float64)

    def top_loss(self, settings: RankSettings) -> float:
        p = np.clip(self.top(settings), 1e-12, 1 - 1e-12)
        return float(-np.mean(np.where(self.right, np.log(p), np.log(1 - p))))

    def nll(self, settings: RankSettings) -> float:
        scale = np.array([softmax_temperature(settings, int(n)) for n in self.terms])
        p = np.exp(self.true_gap * scale) * self.top(settings)
        return float(-np.mean(np.log(np.maximum(p, 1e-300))))


def _scored(ranker: PhenotypeRanker, cases: list[Case]) -> Scored:
    gaps, true_gap, terms, right = [], [], [], []
    for case in cases:
        index = ranker.index_of(case.disease_id)
        patient = case_profile(ranker, case) if index is not None else None
        if index is None or patient is None:
            continue
        scores = ranker.scores(patient) * np.log(10)
        best = int(ranker.order(scores)[0])
        gaps.append((scores - scores[best]).astype(np.float32))
        true_gap.append(scores[index] - scores[best])
        terms.append(len(ranker.most_specific(patient.observed)))
        right.append(best == index)
    return Scored(np.array(gaps), np.array(true_gap), np.array(terms), np.array(right))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("cases", type=Path)
    args = parser.parse_args()
    release = load_release(cache_dir=Path("var/cache"))
    settings = dataclasses.replace(RankSettings(), databases=("OMIM",), use_excluded=False)
    ranker = PhenotypeRanker(release, settings)
    cases = list(read_cases(args.cases))
    half_a = _scored(ranker, [c for c in cases if _half(c) == 0])
    candidates = [
        dataclasses.replace(settings, temperature=t, temperature_terms_exponent=e)
        for t, e in itertools.product(TEMPERATURES, EXPONENTS)
    ]
    losses = {(c.temperature, c.temperature_terms_exponent): half_a.top_loss(c) for c in candidates}
    (temperature, exponent) = min(losses, key=lambda k: (losses[k], k))
    best = dataclasses.replace(
        settings, temperature=temperature, temperature_terms_exponent=exponent
    )
    flat = min((k for k in losses if k[1] == 0.0), key=lambda k: losses[k])
    print(f"fitted on half A ({len(half_a.right)} cases): temperature {temperature}, exponent "
          f"{exponent} (top-1 log-loss {losses[(temperature, exponent)]:.4f}; best without the "
          f"exponent: temperature {flat[0]}, {losses[flat]:.4f}; NLL of the true disease "
          f"{half_a.nll(best):.3f})\n")  # fmt: skip
    del half_a
    half_b = _scored(ranker, [c for c in cases if _half(c) == 1])
    print(f"Reliability on half B ({len(half_b.right)} cases), probability of the top-ranked "
          f"disease (top-1 log-loss {half_b.top_loss(best):.4f}):\n")  # fmt: skip
    print("| predicted | cases | mean predicted | observed right |")
    print("|---|---|---|---|")
    top = half_b.top(best)
    for low, high in itertools.pairwise(BINS):
        chosen = (top >= low) & (top < high)
        if chosen.any():
            print(f"| {low:.0%}–{min(high, 1):.0%} | {int(chosen.sum())} | "
                  f"{top[chosen].mean():.1%} | {half_b.right[chosen].mean():.1%} |")  # fmt: skip


if __name__ == "__main__":
    main()
