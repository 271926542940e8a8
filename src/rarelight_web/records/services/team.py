"""The care team: people and their roles, with contacts (guardians and family write)."""

from __future__ import annotations

import datetime as dt
from typing import NotRequired, TypedDict, Unpack

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rarelight.care import normalise_role
from rarelight_web.accounts.models import normalise_email
from rarelight_web.records.access import Access
from rarelight_web.records.models import AuditEntry, CareRecord, TeamMember
from rarelight_web.records.roles import Capability
from rarelight_web.records.team import allowed_roles, recommended_for

from ._entries import EntryError, EntryKind, requires


class TeamError(EntryError):
    """A care team entry its rules do not allow; the message says why."""


def _team_label(member: TeamMember) -> str:
    return f"{member.name} ({member.custom_title or member.role})"


TEAM = EntryKind(
    model=TeamMember,
    check_writer=requires(Capability.EDIT_PROFILE),
    error=TeamError,
    missing=gettext_lazy("That person is not on this care team."),
    label=_team_label,
    added=AuditEntry.Action.TEAM_ADDED,
    changed=AuditEntry.Action.TEAM_UPDATED,
    removed=AuditEntry.Action.TEAM_REMOVED,
    fields=("role", "custom_title", "name", "organisation", "phone", "email", "notes"),
)


class TeamMemberFields(TypedDict):
    role: str
    name: str
    custom_title: NotRequired[str]
    organisation: NotRequired[str]
    phone: NotRequired[str]
    email: NotRequired[str]
    notes: NotRequired[str]


def _team_values(record: CareRecord, fields: TeamMemberFields) -> dict[str, str]:
    """The fields as stored (trimmed, role slug normalised), or TeamError if they break a rule."""
    name, email = fields["name"], fields.get("email", "")
    custom_title = fields.get("custom_title", "")
    slug = normalise_role(fields["role"])
    if slug not in allowed_roles(recommended_for(record)):
        raise TeamError(_("Choose a role from the list, or “Another role” with its title."), "role")
    title = custom_title.strip() if slug == TeamMember.CUSTOM else ""
    if slug == TeamMember.CUSTOM and not title:
        raise TeamError(_("Give the role a title, e.g. Dietitian."), "custom_title")
    if not name.strip():
        raise TeamError(
            _("Give a name: a person, or the clinic if you do not know who yet."), "name"
        )
    return {
        "role": slug,
        "custom_title": title,
        "name": name.strip(),
        "organisation": fields.get("organisation", "").strip(),
        "phone": fields.get("phone", "").strip(),
        "email": normalise_email(email) if email.strip() else "",
        "notes": fields.get("notes", "").strip(),
    }


@transaction.atomic
def add_team_member(
    access: Access, *, now: dt.datetime, **fields: Unpack[TeamMemberFields]
) -> TeamMember:
    """Put someone on the record's care team: role (a slug, or custom with custom_title), name,
    organisation, phone, email, notes."""
    TEAM.check_writer(access)
    values = _team_values(access.record, fields)
    return TEAM.add(access, values, now, role=values["role"])


@transaction.atomic
def update_team_member(
    access: Access, member_id: int, *, now: dt.datetime, **fields: Unpack[TeamMemberFields]
) -> list[str]:
    """Change a care team entry; returns the names of the fields that changed (also audited)."""
    member = TEAM.find(access, member_id, for_update=True)
    return TEAM.change(access, member, _team_values(access.record, fields), now)


@transaction.atomic
def remove_team_member(access: Access, member_id: int, *, now: dt.datetime) -> TeamMember:
    """Take someone off the record's care team."""
    return TEAM.remove(access, member_id, now)
