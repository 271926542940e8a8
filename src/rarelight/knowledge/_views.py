"""The public shapes of catalogue data, shared by the CLI's JSON and the web API."""

from __future__ import annotations

from pydantic import BaseModel

from rarelight.phenotype import Ontology

from ._disease import Disease
from ._schema import DiseaseProfile
from ._search import DiseaseMatch


class DiseaseSummary(BaseModel):
    """A disease in a list: ids, name, genes, and whether it is hand-curated."""

    id: str
    name: str
    ids: list[str]
    genes: list[str]
    curated: bool

    @classmethod
    def of(cls, disease: Disease) -> DiseaseSummary:
        return cls(
            id=disease.id,
            name=disease.name,
            ids=list(disease.ids),
            genes=list(disease.gene_symbols),
            curated=disease.curated,
        )


class SearchResult(DiseaseSummary):
    """A search hit: score in 0..1 (higher is better) and what matched."""

    score: float
    matched_on: str

    @classmethod
    def of_match(cls, match: DiseaseMatch) -> SearchResult:
        summary = DiseaseSummary.of(match.disease)
        return cls(**summary.model_dump(), score=match.score, matched_on=match.matched_on)


class AnnotatedFeature(BaseModel):
    """A feature as the HPO annotations give it (frequency as annotated, references)."""

    hpo_id: str
    label: str
    frequency: str | None
    frequency_value: float | None
    excluded: bool
    onset: str | None
    references: list[str]


class DiseaseDetail(DiseaseSummary):
    """Everything Rarelight knows of one disease, with where it came from."""

    synonyms: list[str]
    source: str
    hpo_release: str
    inheritance: list[str]
    onset: list[str]
    annotated_features: list[AnnotatedFeature]
    profile: DiseaseProfile | None

    @classmethod
    def of_disease(cls, disease: Disease, ontology: Ontology, release_name: str) -> DiseaseDetail:
        source = (
            "hand-curated profile"
            if disease.curated
            else f"generated from the {release_name} annotations (not hand-curated)"
        )
        return cls(
            **DiseaseSummary.of(disease).model_dump(),
            synonyms=list(disease.synonyms),
            source=source,
            hpo_release=release_name,
            inheritance=disease.labelled("I", ontology),
            onset=disease.labelled("C", ontology),
            annotated_features=[
                AnnotatedFeature(
                    hpo_id=f.hpo_id,
                    label=f.label,
                    frequency=f.frequency,
                    frequency_value=f.frequency_value,
                    excluded=f.excluded,
                    onset=f.onset,
                    references=list(f.references),
                )
                for f in disease.features(ontology)
            ],
            profile=disease.profile,
        )
