"""Roles in a care circle and what each may do: one table, read by access.py and the pages."""

from __future__ import annotations

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    GUARDIAN = "guardian", _("guardian")
    FAMILY = "family", _("family")
    CLINICIAN = "clinician", _("clinician")
    VIEWER = "viewer", _("viewer")


class Capability(StrEnum):
    """Something a member may do with a record. Later parts of the record check the same names."""

    VIEW = "view"  # read everything in the record
    EDIT_PROFILE = "edit_profile"  # name, date of birth, sex, diagnosis
    EDIT_DIARY = "edit_diary"  # diary, appointments, medicines, team (later parts)
    ADD_CLINICAL = "add_clinical"  # clinical notes and scores (later parts)
    MANAGE_CIRCLE = "manage_circle"  # invite, revoke invitations, remove members
    READ_AUDIT = "read_audit"  # the audit log
    EXPORT = "export"  # download the whole record (later parts)
    DELETE = "delete"  # delete the record (later parts)


# Writers of shared parts of a record: a clinician's capability, then the family's (a refusal
# names the family's, which is what most people lack).
DIARY_WRITERS = (Capability.ADD_CLINICAL, Capability.EDIT_DIARY)  # diary, therapies, milestones
CLINICAL_WRITERS = (Capability.ADD_CLINICAL, Capability.EDIT_PROFILE)  # variants, features, reports

CAPABILITIES: dict[Role, frozenset[Capability]] = {
    Role.GUARDIAN: frozenset(Capability),
    Role.FAMILY: frozenset({Capability.VIEW, Capability.EDIT_PROFILE, Capability.EDIT_DIARY}),
    Role.CLINICIAN: frozenset({Capability.VIEW, Capability.ADD_CLINICAL}),
    Role.VIEWER: frozenset({Capability.VIEW}),
}


def can(role: str, capability: Capability) -> bool:
    """Whether a member with this role has this capability (unknown roles have none)."""
    try:
        return capability in CAPABILITIES[Role(role)]
    except ValueError:
        return False
