"""Appointments: when, with whom, why, notes and follow-ups (guardians and family write)."""

from __future__ import annotations

import datetime as dt
from typing import NotRequired, TypedDict, Unpack

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rarelight_web.records.access import Access
from rarelight_web.records.models import Appointment, AuditEntry, CareRecord, TeamMember
from rarelight_web.records.roles import Capability

from ._entries import EntryError, EntryKind, requires

MAX_DURATION_MINUTES = 24 * 60


class AppointmentError(EntryError):
    """An appointment its rules do not allow; the message says why."""


def _appointment_label(appointment: Appointment) -> str:
    return f"{appointment.with_whom} ({appointment.starts_at:%Y-%m-%d %H:%M} UTC)"


APPOINTMENTS = EntryKind(
    model=Appointment,
    check_writer=requires(Capability.EDIT_DIARY),
    error=AppointmentError,
    missing=gettext_lazy("There is no such appointment in this record."),
    label=_appointment_label,
    added=AuditEntry.Action.APPOINTMENT_ADDED,
    changed=AuditEntry.Action.APPOINTMENT_UPDATED,
    removed=AuditEntry.Action.APPOINTMENT_REMOVED,
    fields=(
        "starts_at",
        "duration_minutes",
        "with_whom",
        "team_member",
        "reason",
        "location",
        "notes",
        "follow_up",
    ),
    about=lambda appointment: {"appointment": str(appointment.uid)},
)


class AppointmentFields(TypedDict):
    starts_at: dt.datetime
    duration_minutes: NotRequired[int | None]
    with_whom: NotRequired[str]
    team_member: NotRequired[TeamMember | None]
    reason: NotRequired[str]
    location: NotRequired[str]
    notes: NotRequired[str]
    follow_up: NotRequired[str]


def _appointment_values(record: CareRecord, fields: AppointmentFields) -> dict[str, object]:
    """The fields as stored (trimmed, time in UTC), or AppointmentError if they break a rule."""
    starts_at = fields["starts_at"]
    duration_minutes = fields.get("duration_minutes")
    team_member = fields.get("team_member")
    if starts_at.tzinfo is None or starts_at.utcoffset() is None:
        raise AppointmentError(
            _("Give the time with its time zone (times are kept in UTC)."), "starts_at"
        )
    if duration_minutes is not None and not 1 <= duration_minutes <= MAX_DURATION_MINUTES:
        raise AppointmentError(
            _("The length must be between 1 minute and 24 hours."), "duration_minutes"
        )
    if team_member is not None and team_member.record_id != record.pk:
        raise AppointmentError(_("Choose someone from this record's care team."), "team_member")
    who = fields.get("with_whom", "").strip() or (
        team_member.name if team_member is not None else ""
    )
    if not who:
        raise AppointmentError(
            _("Say who the appointment is with: a person, a clinic, or someone on the care team."),
            "with_whom",
        )
    return {
        "starts_at": starts_at.astimezone(dt.UTC),
        "duration_minutes": duration_minutes,
        "with_whom": who,
        "team_member": team_member,
        "reason": fields.get("reason", "").strip(),
        "location": fields.get("location", "").strip(),
        "notes": fields.get("notes", "").strip(),
        "follow_up": fields.get("follow_up", "").strip(),
    }


@transaction.atomic
def add_appointment(
    access: Access, *, now: dt.datetime, **fields: Unpack[AppointmentFields]
) -> Appointment:
    """Add an appointment: starts_at (aware), duration_minutes, with_whom or team_member, reason,
    location, notes, follow_up."""
    APPOINTMENTS.check_writer(access)
    values = _appointment_values(access.record, fields)
    return APPOINTMENTS.add(access, values, now)


@transaction.atomic
def update_appointment(
    access: Access, appointment_id: int, *, now: dt.datetime, **fields: Unpack[AppointmentFields]
) -> list[str]:
    """Change an appointment; returns the names of the fields that changed (also audited)."""
    appointment = APPOINTMENTS.find(access, appointment_id, for_update=True)
    values = _appointment_values(access.record, fields)
    return APPOINTMENTS.change(access, appointment, values, now)


@transaction.atomic
def remove_appointment(access: Access, appointment_id: int, *, now: dt.datetime) -> Appointment:
    """Take an appointment out of the record."""
    return APPOINTMENTS.remove(access, appointment_id, now)
