"""HPO access: one release, loaded once and passed in, named in every output."""

from ._baseline import (
    BaselineComparison,
    BaselineResult,
    ensure_baseline_env,
    rankable_cases,
    run_baseline,
    sample_cases,
)
from ._demographics import onset_for_age
from ._evaluate import Case, Evaluation, Tally, case_profile, evaluate, read_cases
from ._explain import Explanation, FeatureHint, TermEvidence, explain
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
from ._rank import PhenotypeRanker, RankedDisease, RankSettings, softmax_temperature
from ._release import HpoRelease, bundled_release_dir, load_release
from ._terms import TermIndex, TermMatch
from ._text import MAX_TEXT_CHARS, FoundTerm, TextParser

__all__ = [
    "FREQUENCY_TERMS",
    "MAX_TERMS",
    "MAX_TEXT_CHARS",
    "AnnotatedDisease",
    "Annotation",
    "BaselineComparison",
    "BaselineResult",
    "Case",
    "Evaluation",
    "Explanation",
    "FeatureHint",
    "FoundTerm",
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
    "TermEvidence",
    "TermIndex",
    "TermMatch",
    "TextParser",
    "bundled_release_dir",
    "case_profile",
    "ensure_baseline_env",
    "evaluate",
    "explain",
    "load_release",
    "onset_for_age",
    "rankable_cases",
    "read_cases",
    "run_baseline",
    "sample_cases",
    "softmax_temperature",
]
