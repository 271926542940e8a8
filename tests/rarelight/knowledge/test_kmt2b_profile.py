"""The bundled KMT2B-related dystonia profile against the founding article and the HPO release."""

from __future__ import annotations

import re

import pytest

from rarelight.knowledge import Catalogue, DiseaseProfile
from rarelight.knowledge._schema import statement_paths


@pytest.fixture(scope="module")
def profile(catalogue: Catalogue) -> DiseaseProfile:
    disease = catalogue.get("OMIM:617284")
    assert disease.profile is not None
    return disease.profile


def _summary_table(article: str) -> list[tuple[str, str]]:
    """The rows of the founding article's 'Summary Table' (category, details)."""
    section = article.split("Summary Table", 1)[1]
    rows = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) == 2 and cells[0] not in {"Category", "---"}:
            rows.append((cells[0], cells[1]))
    return rows


def test_every_row_of_the_founding_articles_summary_table_is_in_the_profile(
    profile: DiseaseProfile, founding_article: str
) -> None:
    rows = _summary_table(founding_article)
    assert len(rows) == 6
    ours = {row.category: row.details for row in profile.summary_table}
    for category, details in rows:
        assert ours.get(category) == details, category


def test_the_founding_articles_facts_are_encoded(profile: DiseaseProfile) -> None:
    assert profile.discovery.year == 2016
    counts = {(c.people, c.families) for c in profile.counts}
    assert (246, 229) in counts
    assert any(c.people == 27 for c in profile.counts)
    assert profile.onset.typical_age_years == 6
    assert re.search(r"4\s*[–-]\s*5 years", profile.progression.text + profile.progression.clinical)
    dbs = next(t for t in profile.treatments if "brain stimulation" in t.name.lower())
    assert dbs.figure is not None
    assert (dbs.figure.responders, dbs.figure.treated) == (27, 29)
    assert "globus pallidus" in (dbs.description + dbs.response).lower()
    anticholinergic = next(t for t in profile.treatments if "anticholinergic" in t.name.lower())
    assert "50%" in anticholinergic.response + anticholinergic.description
    diagnosis = " ".join(t.name + t.finds for t in profile.diagnosis).lower()
    assert "exome" in diagnosis
    assert "episignature" in diagnosis


def test_the_seven_listed_features_are_key_features_with_hpo_ids(
    profile: DiseaseProfile, catalogue: Catalogue
) -> None:
    key = {f.hpo_id for f in profile.features if f.key}
    expected = {
        "HP:0002451",  # Limb dystonia
        "HP:0012048",  # Oromandibular dystonia (face and voice muscles)
        "HP:0001263",  # Global developmental delay
        "HP:0001249",  # Intellectual disability
        "HP:0000708",  # Atypical behavior (psychiatric symptoms)
        "HP:0000407",  # Sensorineural hearing impairment
        "HP:0001999",  # Abnormal facial shape (dysmorphic features)
    }
    assert key == expected
    ontology = catalogue.release.ontology
    for feature in profile.features:
        assert ontology.resolve(feature.hpo_id).notice is None, feature.hpo_id


def test_the_care_team_has_the_eight_roles_of_the_founding_article(profile: DiseaseProfile) -> None:
    assert [r.role for r in profile.care_team] == [
        "medical-geneticist",
        "developmental-pediatrician",
        "movement-disorders-neurologist",
        "speech-language-pathologist",
        "occupational-physical-therapist",
        "child-psychiatrist-psychologist",
        "ent-audiologist",
        "orthopedic-specialist",
    ]


def test_every_statement_cites_a_source_that_resolves(profile: DiseaseProfile) -> None:
    statements = statement_paths(profile.model_dump(exclude={"sources"}))
    assert len(statements) > 50
    defined = {s.id for s in profile.sources}
    for location, source_ids in statements:
        assert source_ids, location
        assert set(source_ids) <= defined, location
    for source in profile.sources:
        assert source.link or source.founding_article, source.id
        assert source.id in profile.citation_numbers(), f"{source.id} is never cited"


def test_questions_and_tips_are_there_for_families(profile: DiseaseProfile) -> None:
    assert len(profile.questions) >= 5
    assert len(profile.tips) >= 3
    assert profile.last_reviewed.year >= 2026
