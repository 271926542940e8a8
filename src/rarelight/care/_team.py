"""The care team a record should have, and which recommended roles nobody fills yet."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only for types: importing knowledge at run time would load the HPO stack
    from rarelight.knowledge import CareRole, DiseaseProfile


@dataclass(frozen=True)
class TeamRole:
    """A role on a care team: slug, title, and (from a curated profile) when to see them."""

    role: str
    title: str
    when: str = ""
    does: str = ""

    @classmethod
    def from_care_role(cls, care_role: CareRole) -> TeamRole:
        return cls(care_role.role, care_role.title, care_role.when, care_role.does)


DEFAULT_CARE_TEAM: tuple[TeamRole, ...] = (
    TeamRole("medical-geneticist", "Medical geneticist"),
    TeamRole("developmental-pediatrician", "Developmental pediatrician"),
    TeamRole("movement-disorders-neurologist", "Neurologist (movement disorders)"),
    TeamRole("speech-language-pathologist", "Speech-language pathologist"),
    TeamRole("occupational-physical-therapist", "Occupational and physical therapists"),
    TeamRole("child-psychiatrist-psychologist", "Child psychiatrist or psychologist"),
    TeamRole("ent-audiologist", "ENT specialist and audiologist"),
    TeamRole("orthopedic-specialist", "Orthopedic specialist"),
)
"""The eight roles of the founding article, for a record whose diagnosis has no curated profile."""


def recommended_team(profile: DiseaseProfile | None) -> tuple[TeamRole, ...]:
    """The profile's care team in its order, or the founding article's eight roles without one."""
    if profile is None:
        return DEFAULT_CARE_TEAM
    return tuple(TeamRole.from_care_role(role) for role in profile.care_team)


def normalise_role(role: str) -> str:
    """A role slug as records store it: trimmed, lower case, spaces and underscores as hyphens."""
    return "-".join(role.strip().lower().replace("_", " ").split())


def team_gaps(
    recommended: Iterable[TeamRole | CareRole], filled: Iterable[str]
) -> tuple[TeamRole, ...]:
    """Recommended roles nobody on the record fills, in the recommended order.

    Filled roles the recommendation does not name (custom roles) are simply not gaps.

    >>> [gap.role for gap in team_gaps(DEFAULT_CARE_TEAM[:2], ["Medical geneticist", "dietitian"])]
    ['developmental-pediatrician']
    """
    have = {normalise_role(role) for role in filled}
    gaps: list[TeamRole] = []
    seen: set[str] = set()
    for entry in recommended:
        role = entry if isinstance(entry, TeamRole) else TeamRole.from_care_role(entry)
        slug = normalise_role(role.role)
        if slug not in have and slug not in seen:
            gaps.append(role)
        seen.add(slug)
    return tuple(gaps)
