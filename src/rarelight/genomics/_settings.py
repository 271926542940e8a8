"""The triage's thresholds and weights, in one place; defaults are documented in docs/triage.md."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class TriageSettings:
    """Thresholds (allele frequencies as fractions, GQ and DP as integers) and the blend weight."""

    min_quality: int = 20
    min_depth: int = 10
    max_frequency_recessive: float = 0.01
    max_frequency_dominant: float = 0.001
    ba1_frequency: float = 0.05
    pm2_frequency: float = 0.0001
    splice_predictor_threshold: float = 0.2
    phenotype_weight: float = 0.7
    mode_mismatch_weight: float = 0.5
    pp4_phenotype_score: float = 0.8
    parentage_confirmed: bool = False

    def as_dict(self) -> dict[str, float | str | bool]:
        return dict(asdict(self))
