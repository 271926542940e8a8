"""The phenotype half of a gene's score, from the diagnosis ranking of the gene's diseases.

The PhenotypeRanker scores every disease (a sum of log10 likelihood ratios, docs/ranking.md).
A gene takes its best disease, scaled so that 1 is the best-scoring disease of the whole ranking
and 0 is a typical one (the median):

    phenotype(g) = clip((score(best disease of g) − median) / (top − median), 0, 1)

A gene with no disease in the release scores 0.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from rarelight.phenotype import PatientProfile, PhenotypeRanker

from ._genes import GeneKnowledge
from ._model import DiseaseMatch


@dataclass(frozen=True)
class GenePhenotype:
    """A gene's phenotype score (0..1), its diseases best first, and one line saying why."""

    score: float
    diseases: tuple[DiseaseMatch, ...]
    reason: str


class PhenotypeScores:
    """Every disease scored once for one patient; `gene()` then reads a gene's part."""

    def __init__(
        self, ranker: PhenotypeRanker, knowledge: GeneKnowledge, patient: PatientProfile
    ) -> None:
        self._ranker = ranker
        self._knowledge = knowledge
        self.scores: npt.NDArray[np.float64] = ranker.scores(patient)
        order = ranker.order(self.scores)
        self.ranks = np.empty(len(order), dtype=np.int64)
        self.ranks[order] = np.arange(1, len(order) + 1)
        self.top = float(self.scores.max()) if len(self.scores) else 0.0
        self.floor = float(np.median(self.scores)) if len(self.scores) else 0.0
        self.total = len(self.scores)

    def scaled(self, score: float) -> float:
        span = self.top - self.floor
        if span <= 0:
            return 0.0
        return float(min(max((score - self.floor) / span, 0.0), 1.0))

    def gene(self, symbol: str) -> GenePhenotype:
        info = self._knowledge.get(symbol)
        matches = []
        for disease in info.diseases if info else ():
            index = self._ranker.index_of(disease.disease_id)
            if index is None:
                continue
            raw = float(self.scores[index])
            matches.append(
                DiseaseMatch(
                    disease.disease_id,
                    disease.name,
                    disease.modes,
                    int(self.ranks[index]),
                    round(self.scaled(raw), 6),
                    round(raw, 4),
                )
            )
        matches.sort(key=lambda m: (m.phenotype_rank, m.disease_id))
        if not matches:
            return GenePhenotype(
                0.0,
                (),
                f"{symbol} has no disease with phenotype annotations in {self._knowledge.release_name}",
            )
        best = matches[0]
        reason = (
            f"{best.name} ({best.disease_id}) ranks {best.phenotype_rank} of {self.total:,} "
            f"diseases for these features (score {best.log10_score:+.1f}; the best disease "
            f"scores {self.top:+.1f}, a typical one {self.floor:+.1f})"
        )
        return GenePhenotype(best.phenotype_score, tuple(matches), reason)

    def all_genes(self) -> dict[str, float]:
        """Every gene of the release with its phenotype score (for phenotype-only ranking)."""
        return {symbol: self.gene(symbol).score for symbol in self._knowledge.genes}
