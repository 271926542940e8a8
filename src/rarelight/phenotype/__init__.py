"""HPO access: one release, loaded once and passed in, named in every output."""

from ._evaluate import Case, Evaluation, Tally, evaluate, read_cases
from ._model import (
    FREQUENCY_TERMS,
    AnnotatedDisease,
    Annotation,
    Frequency,
    GeneAssociation,
    HpoTerm,
)
from ._ontology import Ontology, Resolved
from ._patient import MAX_TERMS, PatientProfile
from ._rank import PhenotypeRanker, RankedDisease, RankSettings
from ._release import HpoRelease, bundled_release_dir, load_release

__all__ = [
    "FREQUENCY_TERMS",
    "MAX_TERMS",
    "AnnotatedDisease",
    "Annotation",
    "Case",
    "Evaluation",
    "Frequency",
    "GeneAssociation",
    "HpoRelease",
    "HpoTerm",
    "Ontology",
    "PatientProfile",
    "PhenotypeRanker",
    "RankSettings",
    "RankedDisease",
    "Resolved",
    "Tally",
    "bundled_release_dir",
    "evaluate",
    "load_release",
    "read_cases",
]
