from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import numpy as np
import pytest

from rarelight.errors import InputError, ProblemsError
from rarelight.phenotype import (
    MAX_TERMS,
    Annotation,
    HpoRelease,
    PatientProfile,
    PhenotypeRanker,
    RankSettings,
    evaluate,
    explain,
    onset_for_age,
    read_cases,
    softmax_temperature,
)

LIMB_DYSTONIA = "HP:0002451"
OROMANDIBULAR = "HP:0012048"
DYSTONIA = "HP:0001332"
SEIZURE = "HP:0001250"


# Four diseases make every background frequency large, so the toy needs a milder ancestor
# discount than the release-fitted default for ancestor matches to rise above the noise floor.
# The likelihood-ratio properties are tested alone (similarity and chance fit off, every excluded
# feature counted); those parts have their own tests.
TOY = RankSettings(
    ancestor_discount=0.5,
    noise=0.02,
    similarity_weight=0.0,
    chance_weight=0.0,
    excluded_min_frequency=0.0,
)


@pytest.fixture(scope="module")
def ranker(toy_release: HpoRelease) -> PhenotypeRanker:
    return PhenotypeRanker(toy_release, TOY)


def patient(
    release: HpoRelease, observed: list[str], excluded: list[str] | None = None
) -> PatientProfile:
    return PatientProfile.from_ids(release.ontology, observed, excluded)


def ids(ranker: PhenotypeRanker, profile: PatientProfile) -> list[str]:
    return [r.disease_id for r in ranker.rank(profile, None)]


def test_every_omim_and_orpha_disease_with_features_is_ranked(ranker: PhenotypeRanker) -> None:
    assert ranker.disease_ids == ["OMIM:100001", "OMIM:100002", "OMIM:100003", "ORPHA:900001"]


def test_an_exact_frequent_match_beats_a_match_through_an_ancestor(
    ranker: PhenotypeRanker, toy_release: HpoRelease
) -> None:
    order = ids(ranker, patient(toy_release, [LIMB_DYSTONIA]))
    assert order[0] == "OMIM:100001"  # annotated with Limb dystonia itself, 3/4
    assert order[1] == "ORPHA:900001"  # Dystonia, very frequent: an ancestor match
    assert order[-1] == "OMIM:100002"  # nothing about movement at all


def test_a_feature_the_disease_is_annotated_not_to_have_counts_against_it(
    ranker: PhenotypeRanker, toy_release: HpoRelease
) -> None:
    scores = ranker.scores(patient(toy_release, [SEIZURE]))
    index = ranker.disease_ids.index
    assert scores[index("OMIM:100001")] == np.log10(ranker.settings.noise)
    assert scores[index("OMIM:100003")] > scores[index("OMIM:100002")]  # 1/2 against 45%


def test_excluded_terms_only_count_against_diseases_that_have_them(
    ranker: PhenotypeRanker, toy_release: HpoRelease
) -> None:
    plain = ranker.scores(patient(toy_release, [DYSTONIA]))
    checked = ranker.scores(patient(toy_release, [DYSTONIA], [LIMB_DYSTONIA]))
    index = ranker.disease_ids.index
    assert checked[index("OMIM:100001")] < plain[index("OMIM:100001")]
    for other in ("OMIM:100002", "OMIM:100003", "ORPHA:900001"):
        assert checked[index(other)] == plain[index(other)]
    assert (checked <= plain).all()  # never evidence *for* a disease


def test_excluded_terms_can_be_ignored(ranker: PhenotypeRanker, toy_release: HpoRelease) -> None:
    ignoring = ranker.with_settings(dataclasses.replace(ranker.settings, use_excluded=False))
    plain = ignoring.scores(patient(toy_release, [DYSTONIA]))
    checked = ignoring.scores(patient(toy_release, [DYSTONIA], [LIMB_DYSTONIA]))
    assert (plain == checked).all()


def test_a_term_implied_by_another_observed_term_is_not_counted_twice(
    ranker: PhenotypeRanker, toy_release: HpoRelease
) -> None:
    both = ranker.scores(patient(toy_release, [DYSTONIA, LIMB_DYSTONIA]))
    specific = ranker.scores(patient(toy_release, [LIMB_DYSTONIA]))
    assert (both == specific).all()


def test_ranking_is_deterministic_with_ties_broken_by_id(
    ranker: PhenotypeRanker, toy_release: HpoRelease
) -> None:
    ranked = ranker.rank(patient(toy_release, ["HP:0000707"]), None)  # shared by several
    keys = [(-r.score, r.disease_id) for r in ranked]
    assert keys == sorted(keys)
    assert [r.rank for r in ranked] == [1, 2, 3, 4]
    profile = patient(toy_release, [SEIZURE])
    for r in ranker.rank(profile, None):
        assert ranker.rank_of(profile, r.disease_id) == r.rank
    assert ranker.rank_of(profile, "OMIM:999999") is None


def test_probabilities_form_a_distribution(
    ranker: PhenotypeRanker, toy_release: HpoRelease
) -> None:
    ranked = ranker.rank(patient(toy_release, [LIMB_DYSTONIA, OROMANDIBULAR]), None)
    total = sum(r.probability for r in ranked)
    assert total == pytest.approx(1.0)
    assert all(0 <= r.probability <= 1 for r in ranked)
    assert ranked[0].probability == max(r.probability for r in ranked)


def test_extra_annotations_from_curated_profiles_add_evidence(toy_release: HpoRelease) -> None:
    plain = PhenotypeRanker(toy_release, TOY)
    curated = PhenotypeRanker(
        toy_release, TOY, extra={"OMIM:100002": [Annotation(hpo_id=LIMB_DYSTONIA)]}
    )
    profile = patient(toy_release, [LIMB_DYSTONIA])
    index = plain.disease_ids.index("OMIM:100002")
    assert curated.scores(profile)[index] > plain.scores(profile)[index]
    assert curated.rank_of(profile, "OMIM:100002") == 2  # after the 3/4 disease, before the rest


def test_contributions_explain_the_score(ranker: PhenotypeRanker, toy_release: HpoRelease) -> None:
    profile = patient(toy_release, [LIMB_DYSTONIA, SEIZURE], [OROMANDIBULAR])
    rows = ranker.contributions(profile, "OMIM:100001")
    assert [(t, kind) for t, kind, _ in rows] == [
        (SEIZURE, "observed"),
        (LIMB_DYSTONIA, "observed"),
        (OROMANDIBULAR, "excluded"),
    ]
    index = ranker.disease_ids.index("OMIM:100001")
    assert sum(lr for _, _, lr in rows) == pytest.approx(ranker.scores(profile)[index])


def test_similarity_prefers_the_disease_with_the_same_features(toy_release: HpoRelease) -> None:
    ranker = PhenotypeRanker(toy_release, RankSettings(similarity_weight=1.0))
    terms = [ranker.term_index(LIMB_DYSTONIA), ranker.term_index(OROMANDIBULAR)]
    similarity = ranker.similarity(terms)
    index = ranker.disease_ids.index
    assert similarity[index("OMIM:100001")] == similarity.max()
    assert similarity[index("OMIM:100002")] < similarity[index("ORPHA:900001")]
    assert (similarity >= 0).all()


def test_contributions_include_the_similarity_part(toy_release: HpoRelease) -> None:
    ranker = PhenotypeRanker(toy_release, RankSettings(similarity_weight=1.0))
    profile = patient(toy_release, [LIMB_DYSTONIA, SEIZURE])
    rows = ranker.contributions(profile, "OMIM:100003")
    assert rows[-1][1] == "similarity"
    index = ranker.disease_ids.index("OMIM:100003")
    assert sum(lr for _, _, lr in rows) == pytest.approx(ranker.scores(profile)[index])


def test_only_frequent_features_count_against_a_disease_when_excluded(
    toy_release: HpoRelease,
) -> None:
    ranker = PhenotypeRanker(toy_release, dataclasses.replace(TOY, excluded_min_frequency=0.8))
    plain = ranker.scores(patient(toy_release, [DYSTONIA]))
    below = ranker.scores(patient(toy_release, [DYSTONIA], [LIMB_DYSTONIA]))  # 3/4 in OMIM:100001
    assert (below == plain).all()
    unchecked = ranker.scores(patient(toy_release, [SEIZURE]))
    checked = ranker.scores(patient(toy_release, [SEIZURE], [DYSTONIA]))
    index = ranker.disease_ids.index
    assert checked[index("ORPHA:900001")] < unchecked[index("ORPHA:900001")]  # very frequent
    assert checked[index("OMIM:100003")] == unchecked[index("OMIM:100003")]  # frequency unknown
    assert (checked <= unchecked).all()


def test_the_chance_fit_charges_broad_diseases_per_observed_term(toy_release: HpoRelease) -> None:
    ranker = PhenotypeRanker(toy_release, dataclasses.replace(TOY, chance_weight=1.0))
    uncharged = PhenotypeRanker(toy_release, TOY)
    # The mean log10 LR of the release's own annotations: at least the noise floor, and higher for
    # a disease with broader features (OMIM:100003 has Seizure, like OMIM:100002, and Dystonia).
    assert (ranker.chance >= np.log10(TOY.noise) - 1e-12).all()
    index = ranker.disease_ids.index
    assert ranker.chance[index("OMIM:100003")] > ranker.chance[index("OMIM:100002")]
    profile = patient(toy_release, [LIMB_DYSTONIA, SEIZURE])
    charged = ranker.scores(profile)
    assert charged == pytest.approx(uncharged.scores(profile) - 2 * ranker.chance)
    rows = ranker.contributions(profile, "OMIM:100001")
    assert ("", "chance fit") in [(t, kind) for t, kind, _ in rows]
    assert sum(lr for _, _, lr in rows) == pytest.approx(charged[index("OMIM:100001")])


def test_the_explanation_carries_the_chance_fit_and_why_an_absent_feature_did_not_count(
    toy_release: HpoRelease,
) -> None:
    settings = dataclasses.replace(TOY, chance_weight=1.0, excluded_min_frequency=0.8)
    ranker = PhenotypeRanker(toy_release, settings)
    profile = patient(toy_release, [OROMANDIBULAR], [LIMB_DYSTONIA])
    explanation = explain(ranker, profile, "OMIM:100001")
    rows = {(t, kind): lr for t, kind, lr in ranker.contributions(profile, "OMIM:100001")}
    assert explanation.chance_fit == pytest.approx(rows[("", "chance fit")])
    assert explanation.chance_fit == pytest.approx(
        -ranker.chance[ranker.disease_ids.index("OMIM:100001")]
    )
    (absent,) = [t for t in explanation.terms if t.status == "excluded"]
    assert absent.log10_lr == 0.0  # Limb dystonia is 3/4 in this disease: below 80%
    assert absent.relation == "the disease has it, but not often enough to count against it"


def test_the_probabilities_grow_less_confident_per_term_as_terms_add_up() -> None:
    settings = RankSettings(temperature=0.3, temperature_terms_exponent=0.5)
    assert softmax_temperature(settings, 8) == pytest.approx(0.3)
    assert softmax_temperature(settings, 32) == pytest.approx(0.15)
    assert softmax_temperature(settings, 0) == softmax_temperature(settings, 1)
    flat = RankSettings(temperature=0.3, temperature_terms_exponent=0.0)
    assert softmax_temperature(flat, 32) == pytest.approx(0.3)


def test_patient_input_is_checked_with_every_problem_named(toy_release: HpoRelease) -> None:
    ontology = toy_release.ontology
    with pytest.raises(ProblemsError) as caught:
        PatientProfile.from_ids(ontology, ["HP:9999999", "HP:0000006", "bad"], ["HP:0000010"])
    text = str(caught.value)
    assert "observed[0]: HP:9999999 is not in HPO release" in text
    assert (
        "observed[1]: HP:0000006 (Autosomal dominant inheritance) is not a phenotypic abnormality"
        in text
    )
    assert "observed[2]: 'BAD' is not an HPO id" in text
    assert "excluded[0]: HP:0000010" in text
    with pytest.raises(ProblemsError, match="no observed terms"):
        PatientProfile.from_ids(ontology, [], [SEIZURE])
    with pytest.raises(ProblemsError, match=f"give at most {MAX_TERMS}"):
        PatientProfile.from_ids(ontology, [SEIZURE] * (MAX_TERMS + 1))


def test_alternative_ids_are_mapped_with_a_notice(toy_release: HpoRelease) -> None:
    profile = PatientProfile.from_ids(toy_release.ontology, ["HP:0002328", DYSTONIA], [DYSTONIA])
    assert profile.observed == (DYSTONIA,)
    assert profile.excluded == ()  # a term cannot be both observed and excluded
    assert "alternative id" in profile.notices[0]


def test_evaluation_counts_unrankable_cases_and_splits_by_citation(
    ranker: PhenotypeRanker, tmp_path: Path
) -> None:
    path = tmp_path / "cases.jsonl"
    rows = [
        {"id": "a", "disease_id": "OMIM:100001", "observed": [LIMB_DYSTONIA], "pmid": "PMID:1"},
        {
            "id": "b",
            "disease_id": "OMIM:100002",
            "observed": [SEIZURE],
            "excluded": [],
            "pmid": "PMID:9",
        },
        {"id": "c", "disease_id": "OMIM:555555", "observed": [SEIZURE]},
        {"id": "d", "disease_id": "OMIM:100003", "observed": ["HP:0000006"]},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    result = evaluate(ranker, read_cases(path))
    assert (result.cases, result.unrankable, result.invalid) == (4, 1, 1)
    assert result.all.ranks[0] == 1
    assert len(result.uncited.ranks) == 1  # case b: PMID:9 is not a reference of OMIM:100002
    summary = result.all.summary()
    assert summary["cases"] == 2
    assert 0 < summary["mrr"] <= 1


def test_a_malformed_case_line_is_named(tmp_path: Path) -> None:
    path = tmp_path / "cases.jsonl"
    path.write_text('{"id": "a", "disease_id": "OMIM:1", "observed": []}\n{"id": "b"}\n')
    with pytest.raises(InputError, match=r"line 2: not a case"):
        list(read_cases(path))


def _packet(features: list[dict[str, object]], sex: str = "FEMALE") -> str:
    return json.dumps(
        {
            "id": "synthetic-1",
            "subject": {"id": "child", "sex": sex},
            "phenotypicFeatures": features,
            "metaData": {
                "created": "2026-01-01T00:00:00Z",
                "createdBy": "test",
                "phenopacketSchemaVersion": "2.0",
            },
        }
    )


def test_a_phenopacket_gives_observed_excluded_and_sex(toy_release: HpoRelease) -> None:
    text = _packet(
        [{"type": {"id": LIMB_DYSTONIA, "label": "Limb dystonia"}},
         {"type": {"id": SEIZURE, "label": "Seizure"}, "excluded": True}]
    )  # fmt: skip
    profile = PatientProfile.from_phenopacket(toy_release.ontology, text)
    assert profile.observed == (LIMB_DYSTONIA,)
    assert profile.excluded == (SEIZURE,)
    assert profile.sex == "female"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"phenotypicFeatures": [{"typo": 1}]}', 'no field named "typo"'),
        ('{"subject": {"sex": "BANANA"}}', "Invalid enum value BANANA"),
        ("{not json", "Failed to load JSON"),
        ('{"id": "x"}', "lists no phenotypic features"),
        (
            '{"phenotypicFeatures": [{"type": {"id": "HP:9999999"}}]}',
            "HP:9999999 is not in HPO release",
        ),
    ],
)
def test_a_malformed_phenopacket_names_the_field(
    toy_release: HpoRelease, text: str, message: str
) -> None:
    with pytest.raises(ProblemsError, match=re.escape(message)):
        PatientProfile.from_phenopacket(toy_release.ontology, text, "child.json")


@pytest.mark.parametrize(
    ("years", "onset"),
    [(0, "HP:0003577"), (0.05, "HP:0003623"), (0.5, "HP:0003593"), (3, "HP:0011463"),
     (6, "HP:0003621"), (15.9, "HP:0003621"), (30, "HP:0011462"), (50, "HP:0003596"), (70, "HP:0003584")],
)  # fmt: skip
def test_an_age_at_onset_maps_to_its_hpo_class(years: float, onset: str) -> None:
    assert onset_for_age(years) == onset


def test_onset_counts_for_diseases_with_a_matching_onset_and_against_the_others(
    toy_release: HpoRelease,
) -> None:
    ranker = PhenotypeRanker(toy_release, TOY)
    plain = patient(toy_release, [DYSTONIA])
    childhood = PatientProfile.from_ids(toy_release.ontology, [DYSTONIA], onset="HP:0011463")
    delta = ranker.scores(childhood) - ranker.scores(plain)
    index = ranker.disease_ids.index
    assert delta[index("OMIM:100001")] > 0  # annotated with Childhood onset
    assert delta[index("OMIM:100003")] < 0  # annotated with Infantile onset only
    assert delta[index("OMIM:100002")] == 0  # no onset annotated: no evidence either way
    assert ranker.contributions(childhood, "OMIM:100001")[-1][1] == "onset"


def test_onset_must_be_an_onset_class(toy_release: HpoRelease) -> None:
    with pytest.raises(ProblemsError, match="is not an onset class"):
        PatientProfile.from_ids(toy_release.ontology, [DYSTONIA], onset=DYSTONIA)


def test_sex_shifts_x_linked_recessive_diseases(catalogue: object) -> None:
    from rarelight.knowledge import Catalogue

    assert isinstance(catalogue, Catalogue)
    ranker = PhenotypeRanker(catalogue.release, RankSettings(databases=("OMIM",)))
    male = ranker.demographics.sex_log_lr("male")
    female = ranker.demographics.sex_log_lr("female")
    duchenne = ranker.disease_ids.index("OMIM:310200")  # Duchenne muscular dystrophy, XLR
    kmt2b = ranker.disease_ids.index("OMIM:617284")  # autosomal dominant
    assert male[duchenne] > 0 > female[duchenne]
    assert male[kmt2b] == female[kmt2b] == 0
