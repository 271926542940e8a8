"""HPO access: one release, loaded once and passed in, named in every output."""

from ._model import (
    FREQUENCY_TERMS,
    AnnotatedDisease,
    Annotation,
    Frequency,
    GeneAssociation,
    HpoTerm,
)
from ._ontology import Ontology, Resolved
from ._release import HpoRelease, bundled_release_dir, load_release

__all__ = [
    "FREQUENCY_TERMS",
    "AnnotatedDisease",
    "Annotation",
    "Frequency",
    "GeneAssociation",
    "HpoRelease",
    "HpoTerm",
    "Ontology",
    "Resolved",
    "bundled_release_dir",
    "load_release",
]
