"""The variant score (0..1): how damaging the change looks × how rare it is.

pathogenicity: null variants take their consequence's default (0.95–1); missense and other
protein-altering changes take REVEL when the annotation has it, else CADD phred / 40 (capped at 1),
else the consequence default; any change takes SpliceAI's highest delta score when that is higher.
rarity: Exomiser's frequency score, 1.13533 − 0.13533 · e^(100 · AF), 1 when absent from the
population data, 0 above 2%.
"""

from __future__ import annotations

import math

from ._consequence import ConsequenceClass, ConsequenceInfo


def pathogenicity(consequence: ConsequenceInfo, predictors: tuple[tuple[str, float], ...]) -> float:
    """How damaging a change looks, 0..1, from its consequence and in-silico predictors."""
    found = dict(predictors)
    score = consequence.pathogenicity
    if consequence.kind is ConsequenceClass.PROTEIN_ALTERING:
        if "REVEL" in found:
            score = found["REVEL"]
        elif "CADD" in found:
            score = min(found["CADD"] / 40.0, 1.0)
    if "SpliceAI" in found and consequence.kind is not ConsequenceClass.NULL:
        score = max(score, found["SpliceAI"])
    return min(max(score, 0.0), 1.0)


def rarity(frequency: float | None) -> float:
    """1 for a variant absent from the population data, falling to 0 at 2% allele frequency."""
    if frequency is None or frequency <= 0:
        return 1.0
    percent = frequency * 100
    if percent > 2:
        return 0.0
    return max(0.0, min(1.0, 1.13533 - 0.13533 * math.exp(percent)))


def variant_score(
    consequence: ConsequenceInfo, predictors: tuple[tuple[str, float], ...], frequency: float | None
) -> float:
    return round(pathogenicity(consequence, predictors) * rarity(frequency), 6)
