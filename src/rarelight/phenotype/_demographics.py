"""Onset and sex as evidence: how well a patient's age of onset and sex fit each disease.

Onset: a disease annotated with onset classes (aspect C, under Onset HP:0003674) gives the patient's
class P = 0.9 / (number of its classes) when it matches one of them (the same class, or one more
or less precise), else 0.1 spread over the other classes; the background is that probability
averaged over the diseases with an onset annotated. Sex: X-linked recessive diseases mostly affect males (0.85), Y-linked ones
only males (0.99), others either sex (0.5). Both give log10 likelihood ratios, 0 where unknown.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from ._model import AnnotatedDisease
from ._ontology import Ontology

ONSET = "HP:0003674"  # Onset
X_LINKED_RECESSIVE = "HP:0001419"  # X-linked recessive inheritance
Y_LINKED = "HP:0001450"  # Y-linked inheritance
_MATCH_SHARE = 0.9

# Age at onset → HPO onset class, by the HPO's own definitions (upper bounds in years).
_AGE_CLASSES = (
    (28 / 365.25, "HP:0003623"),  # Neonatal onset: first 28 days
    (1.0, "HP:0003593"),  # Infantile onset: 28 days to 1 year
    (5.0, "HP:0011463"),  # Childhood onset: 1 to 5 years
    (16.0, "HP:0003621"),  # Juvenile onset: 5 to 15 years
    (40.0, "HP:0011462"),  # Young adult onset: 16 to 40 years
    (60.0, "HP:0003596"),  # Middle age onset: 40 to 60 years
)
_LATE = "HP:0003584"  # Late onset: after 60 years

Vector = npt.NDArray[np.float64]


def onset_for_age(years: float) -> str:
    """The HPO onset class of an age at onset in years (0 means at birth: congenital)."""
    if years < 0:
        raise ValueError("an age at onset cannot be negative")
    if years == 0:
        return "HP:0003577"  # Congenital onset
    return next((term for limit, term in _AGE_CLASSES if years < limit), _LATE)


class Demographics:
    """Per-disease onset classes and sex balance, built once beside the ranker."""

    def __init__(self, ontology: Ontology, diseases: Sequence[AnnotatedDisease]) -> None:
        self._ontology = ontology
        onset_terms = ontology.descendants(ONSET) - {ONSET}
        self._onsets = [
            frozenset(row[0] for row in d.rows if row[8] == "C" and row[0] in onset_terms)
            for d in diseases
        ]
        self._male_share = np.array(
            [_male_share({row[0] for row in d.rows if row[8] == "I"}) for d in diseases]
        )
        self._annotated = [onsets for onsets in self._onsets if onsets]

    @lru_cache(maxsize=64)  # noqa: B019 - built once per ranker; a handful of onset classes
    def onset_log_lr(self, onset: str) -> Vector:
        """log10 LR of the patient's onset class for every disease (0 where none is annotated)."""
        related = (self._ontology.ancestors(onset) | self._ontology.descendants(onset)) - {ONSET}

        def probability(onsets: frozenset[str]) -> float:
            # a match shares 0.9 among the disease's classes; else 0.1 over ~8 other classes
            return _MATCH_SHARE / len(onsets) if onsets & related else (1 - _MATCH_SHARE) / 8

        # P(onset | not D): the same probability averaged over the diseases with onset annotated
        background = (
            float(np.mean([probability(o) for o in self._annotated])) if self._annotated else 1.0
        )
        result = np.zeros(len(self._onsets))
        for index, onsets in enumerate(self._onsets):
            if onsets:
                result[index] = np.log10(probability(onsets) / background)
        return result

    def sex_log_lr(self, sex: str) -> Vector:
        """log10 LR of the patient's sex for every disease."""
        share = self._male_share if sex == "male" else 1 - self._male_share
        result: Vector = np.log10(share / 0.5)
        return result


def _male_share(inheritance: set[str]) -> float:
    if Y_LINKED in inheritance:
        return 0.99
    if X_LINKED_RECESSIVE in inheritance:
        return 0.85
    return 0.5
