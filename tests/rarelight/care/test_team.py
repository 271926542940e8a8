"""Care-team gaps against the curated KMT2B profile, the default eight roles, and custom roles."""

from __future__ import annotations

import pytest

from rarelight.care import (
    DEFAULT_CARE_TEAM,
    TeamRole,
    normalise_role,
    recommended_team,
    team_gaps,
)
from rarelight.knowledge import DiseaseProfile, bundled_profile_paths, load_profile

EIGHT = [
    "medical-geneticist",
    "developmental-pediatrician",
    "movement-disorders-neurologist",
    "speech-language-pathologist",
    "occupational-physical-therapist",
    "child-psychiatrist-psychologist",
    "ent-audiologist",
    "orthopedic-specialist",
]


@pytest.fixture(scope="module")
def kmt2b() -> DiseaseProfile:
    (path,) = [p for p in bundled_profile_paths() if p.name == "kmt2b-related-dystonia.yaml"]
    return load_profile(path, None)


def test_the_default_team_is_the_founding_articles_eight_roles() -> None:
    assert [role.role for role in DEFAULT_CARE_TEAM] == EIGHT
    assert all(role.title and not role.when for role in DEFAULT_CARE_TEAM)
    assert recommended_team(None) == DEFAULT_CARE_TEAM


def test_the_kmt2b_profile_recommends_the_same_eight_with_when_to_see_them(
    kmt2b: DiseaseProfile,
) -> None:
    team = recommended_team(kmt2b)
    assert [role.role for role in team] == EIGHT
    assert [role.title for role in team] == [role.title for role in DEFAULT_CARE_TEAM]
    assert all(role.when and role.does for role in team)


def test_an_empty_record_lacks_every_recommended_role(kmt2b: DiseaseProfile) -> None:
    gaps = team_gaps(recommended_team(kmt2b), [])
    assert [gap.role for gap in gaps] == EIGHT
    assert gaps[0].when == kmt2b.care_team[0].when


def test_gaps_keep_the_profile_order_and_ignore_custom_roles(kmt2b: DiseaseProfile) -> None:
    filled = ["movement-disorders-neurologist", "dietitian", "medical-geneticist", "school-nurse"]
    gaps = team_gaps(kmt2b.care_team, filled)
    assert [gap.role for gap in gaps] == [
        "developmental-pediatrician",
        "speech-language-pathologist",
        "occupational-physical-therapist",
        "child-psychiatrist-psychologist",
        "ent-audiologist",
        "orthopedic-specialist",
    ]
    assert all(isinstance(gap, TeamRole) and gap.title and gap.when for gap in gaps)


def test_a_full_team_has_no_gaps(kmt2b: DiseaseProfile) -> None:
    assert team_gaps(recommended_team(kmt2b), [*EIGHT, "dietitian"]) == ()


def test_filled_roles_are_matched_however_they_are_written() -> None:
    filled = ["  Medical_Geneticist ", "ENT audiologist", "Orthopedic Specialist"]
    gaps = team_gaps(DEFAULT_CARE_TEAM, filled)
    assert [gap.role for gap in gaps] == [
        "developmental-pediatrician",
        "movement-disorders-neurologist",
        "speech-language-pathologist",
        "occupational-physical-therapist",
        "child-psychiatrist-psychologist",
    ]


def test_the_default_team_gives_gaps_without_a_profile() -> None:
    gaps = team_gaps(recommended_team(None), ["dietitian"])
    assert [gap.title for gap in gaps][:2] == ["Medical geneticist", "Developmental pediatrician"]
    assert len(gaps) == 8


def test_a_role_recommended_twice_is_one_gap() -> None:
    role = TeamRole("dietitian", "Dietitian", "When eating or weight is a worry.")
    assert team_gaps([role, role], []) == (role,)


def test_a_custom_recommendation_list_works_too() -> None:
    recommended = [TeamRole("dietitian", "Dietitian"), TeamRole("social-worker", "Social worker")]
    assert team_gaps(recommended, ["social-worker"]) == (recommended[0],)


@pytest.mark.parametrize(
    ("written", "slug"),
    [
        ("medical-geneticist", "medical-geneticist"),
        ("Medical Geneticist", "medical-geneticist"),
        (" ent_audiologist ", "ent-audiologist"),
        ("Speech   language pathologist", "speech-language-pathologist"),
    ],
)
def test_normalise_role(written: str, slug: str) -> None:
    assert normalise_role(written) == slug
