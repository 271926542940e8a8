"""Knowledge: cited, hand-curated disease profiles and the catalogue of every disease in the HPO."""

from ._catalogue import Catalogue, load_catalogue
from ._disease import Disease, DiseaseFeature, normalise_disease_id
from ._markdown import NOT_A_DIAGNOSIS, render_markdown
from ._profiles import bundled_profile_paths, load_profile, load_profiles
from ._schema import (
    CareRole,
    ClinicalFeature,
    DiseaseProfile,
    Source,
    SummaryRow,
    Treatment,
)
from ._search import DiseaseMatch
from ._views import AnnotatedFeature, DiseaseDetail, DiseaseSummary, SearchResult

__all__ = [
    "NOT_A_DIAGNOSIS",
    "AnnotatedFeature",
    "CareRole",
    "Catalogue",
    "ClinicalFeature",
    "Disease",
    "DiseaseDetail",
    "DiseaseFeature",
    "DiseaseMatch",
    "DiseaseProfile",
    "DiseaseSummary",
    "SearchResult",
    "Source",
    "SummaryRow",
    "Treatment",
    "bundled_profile_paths",
    "load_catalogue",
    "load_profile",
    "load_profiles",
    "normalise_disease_id",
    "render_markdown",
]
