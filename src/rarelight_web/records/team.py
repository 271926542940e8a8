"""The care team a record should have: from its diagnosis's curated profile, else the default eight."""

from __future__ import annotations

from rarelight.care import DEFAULT_CARE_TEAM, TeamRole, recommended_team
from rarelight.errors import InputError, NotFound

from .models import CareRecord, TeamMember


def has_profile(record: CareRecord) -> bool:
    """Whether the record's diagnosis has a curated profile (with its own care team)."""
    return _profile_team(record) is not None


def _profile_team(record: CareRecord) -> tuple[TeamRole, ...] | None:
    if record.diagnosis_id is None:
        return None
    from rarelight_web.knowledge import catalogue  # loads the HPO release on first use

    try:
        profile = catalogue().get(record.diagnosis_id).profile
    except (InputError, NotFound):
        return None
    return recommended_team(profile) if profile is not None else None


def recommended_for(record: CareRecord) -> tuple[TeamRole, ...]:
    """The recommended roles for this record, in order."""
    return _profile_team(record) or DEFAULT_CARE_TEAM


def role_titles(recommended: tuple[TeamRole, ...]) -> dict[str, str]:
    """Role slug → title, for every role a team member may have (besides custom)."""
    return {role.role: role.title for role in (*DEFAULT_CARE_TEAM, *recommended)}


def allowed_roles(recommended: tuple[TeamRole, ...]) -> set[str]:
    """The role slugs a team member may have: any recommended or default role, or custom."""
    return {*role_titles(recommended), TeamMember.CUSTOM}


def title_of(member: TeamMember, titles: dict[str, str]) -> str:
    """What to call the member's role on a page."""
    if member.role == TeamMember.CUSTOM:
        return member.custom_title
    return titles.get(member.role, member.role.replace("-", " ").capitalize())
