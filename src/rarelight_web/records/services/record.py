"""Creating a record, changing its details, and noting who looked at it."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from rarelight.errors import InputError
from rarelight_web.accounts.models import AccountEvent, User
from rarelight_web.catalog.models import Disease
from rarelight_web.records.access import Access
from rarelight_web.records.models import AuditEntry, CareRecord, Membership
from rarelight_web.records.roles import Capability, Role

from ._entries import audit, delete_files_after_commit, save_changes

_PROFILE_FIELDS = ("display_name", "date_of_birth", "sex", "diagnosis")
_CARE_NOTE_FIELDS = ("allergies", "emergency_do", "emergency_avoid", "emergency_call")


@transaction.atomic
def create_record(
    user: User,
    *,
    display_name: str,
    date_of_birth: dt.date | None,
    sex: str,
    diagnosis: Disease | None,
    now: dt.datetime,
) -> CareRecord:
    """A new record with its creator as the first guardian."""
    record = CareRecord.objects.create(
        display_name=display_name.strip(),
        date_of_birth=date_of_birth,
        sex=sex,
        diagnosis=diagnosis,
        created_at=now,
        updated_at=now,
    )
    Membership.objects.create(user=user, record=record, role=Role.GUARDIAN, joined_at=now)
    audit(record, user, AuditEntry.Action.CREATED, now, target=record.display_name)
    return record


@transaction.atomic
def update_record(
    access: Access,
    *,
    display_name: str,
    date_of_birth: dt.date | None,
    sex: str,
    diagnosis: Disease | None,
    now: dt.datetime,
) -> list[str]:
    """Change the record's details; returns the names of the fields that changed (also audited)."""
    access.require(Capability.EDIT_PROFILE)
    record = CareRecord.objects.select_for_update().get(pk=access.record.pk)
    new = {
        "display_name": display_name.strip(),
        "date_of_birth": date_of_birth,
        "sex": sex,
        "diagnosis": diagnosis,
    }
    changed = save_changes(record, new, _PROFILE_FIELDS, now)
    if changed:
        audit(record, access.membership.user, AuditEntry.Action.UPDATED, now, fields=changed)
    return changed


@transaction.atomic
def update_care_notes(
    access: Access,
    *,
    allergies: str = "",
    emergency_do: str = "",
    emergency_avoid: str = "",
    emergency_call: str = "",
    now: dt.datetime,
) -> list[str]:
    """Change the allergies and emergency notes the care passport shows; returns what changed."""
    access.require(Capability.EDIT_PROFILE)
    record = CareRecord.objects.select_for_update().get(pk=access.record.pk)
    new = {
        "allergies": allergies.strip(),
        "emergency_do": emergency_do.strip(),
        "emergency_avoid": emergency_avoid.strip(),
        "emergency_call": emergency_call.strip(),
    }
    changed = save_changes(record, new, _CARE_NOTE_FIELDS, now)
    if changed:
        audit(record, access.membership.user, AuditEntry.Action.UPDATED, now, fields=changed)
    return changed


@transaction.atomic
def note_viewed(access: Access, *, now: dt.datetime, what: str = "record") -> None:
    """Record that a member looked at the record (or a part of it: `what`)."""
    access.require(Capability.VIEW)
    audit(access.record, access.membership.user, AuditEntry.Action.VIEWED, now, target=what)


@transaction.atomic
def note_exported(access: Access, *, now: dt.datetime) -> None:
    """Record that a guardian downloaded the whole record."""
    access.require(Capability.EXPORT)
    audit(access.record, access.membership.user, AuditEntry.Action.EXPORTED, now, target="zip")


class DeleteRefusedError(InputError):
    """The confirmation did not match; nothing was deleted."""


@transaction.atomic
def delete_record(access: Access, *, confirm_name: str, now: dt.datetime) -> None:
    """Delete the record, every part of it, its audit log and its uploaded files, once a guardian
    has typed its name. The guardian's account keeps a line saying a record was deleted, nothing
    more."""
    access.require(Capability.DELETE)
    record = CareRecord.objects.select_for_update().get(pk=access.record.pk)
    if confirm_name.strip() != record.display_name:
        raise DeleteRefusedError(
            _("Type the record's name, %(name)s, exactly as shown to confirm.")
            % {"name": record.display_name}
        )
    files = [report.file.name for report in record.reports.all()]
    folder = f"records/{record.pk}"
    record.delete()
    AccountEvent.objects.create(
        user=access.membership.user, action=AccountEvent.Action.DELETED_RECORD, at=now
    )
    delete_files_after_commit([*files], folder=folder)
