"""The only write path of the records app. Each function is atomic and writes an AuditEntry.

Functions that act on an existing record take the caller's `Access` (from access.record_access)
and check the capability again, so a view that forgot to ask cannot write.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from django.core import signing
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from rarelight.care import BfmMovement, normalise_role
from rarelight.errors import InputError, Problem, ProblemsError
from rarelight_web.accounts.models import User, normalise_email
from rarelight_web.catalog.models import Disease

from .access import Access
from .models import (
    Appointment,
    AuditEntry,
    CareRecord,
    DbsImplant,
    DbsSession,
    DiaryEntry,
    Invitation,
    Medicine,
    Membership,
    TeamMember,
)
from .roles import Capability, Role
from .team import allowed_roles, recommended_for

INVITATION_MAX_AGE = dt.timedelta(days=7)
_SALT = "rarelight.records.invitation"
_PROFILE_FIELDS = ("display_name", "date_of_birth", "sex", "diagnosis")


class CircleError(InputError):
    """A change to the care circle that its rules do not allow; the message says why."""


class TeamError(InputError):
    """A care team entry its rules do not allow; the message says why."""


class AppointmentError(InputError):
    """An appointment its rules do not allow; the message says why."""


class MedicineError(InputError):
    """A medicine its rules do not allow; the message says why and `field` names the form field."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class DbsError(InputError):
    """A DBS implant or programming session its rules do not allow; `field` names the form field."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class DiaryError(InputError):
    """A diary entry its rules do not allow; `field` names the form field, and `problems` lists
    every invalid BFMDRS item (each problem's location is the item's field, e.g. `eyes_severity`)."""

    def __init__(
        self, message: str, field: str | None = None, problems: Iterable[Problem] = ()
    ) -> None:
        super().__init__(message)
        self.field = field
        self.problems = tuple(problems)


class LastGuardianError(CircleError):
    """A record always keeps at least one guardian."""


class InvitationError(CircleError):
    """An invitation link that cannot be used (invalid, expired, used, revoked, not yours)."""


class AlreadyMember(InvitationError):  # noqa: N818 - reads as what happened
    """The person following the link is already in the circle (of the record `record_id`)."""

    def __init__(self, record_id: object) -> None:
        super().__init__(_("You are already in this care circle."))
        self.record_id = record_id


def _save_changes(
    item: models.Model, values: Mapping[str, object], fields: Sequence[str], now: dt.datetime
) -> list[str]:
    """Set and save only the fields whose value changed (with updated_at); returns their names."""
    changed = [field for field in fields if getattr(item, field) != values[field]]
    if changed:
        for field in changed:
            setattr(item, field, values[field])
        item.updated_at = now  # type: ignore[attr-defined]
        item.save(update_fields=[*changed, "updated_at"])
    return changed


def _audit(
    record: CareRecord,
    actor: User,
    action: AuditEntry.Action,
    now: dt.datetime,
    target: str = "",
    **details: object,
) -> None:
    AuditEntry.objects.create(
        record=record,
        actor=actor,
        actor_name=actor.display_name,
        action=action,
        target=target[:200],
        at=now,
        details=details,
    )


def _member_label(membership: Membership) -> str:
    return f"{membership.user.display_name} ({membership.role})"


# Records ------------------------------------------------------------------------------------------


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
    _audit(record, user, AuditEntry.Action.CREATED, now, target=record.display_name)
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
    changed = _save_changes(record, new, _PROFILE_FIELDS, now)
    if changed:
        _audit(record, access.membership.user, AuditEntry.Action.UPDATED, now, fields=changed)
    return changed


@transaction.atomic
def note_viewed(access: Access, *, now: dt.datetime, what: str = "record") -> None:
    """Record that a member looked at the record (or a part of it: `what`)."""
    access.require(Capability.VIEW)
    _audit(access.record, access.membership.user, AuditEntry.Action.VIEWED, now, target=what)


# Invitations --------------------------------------------------------------------------------------


def invitation_token(invitation: Invitation) -> str:
    """The invitation's link token: its id and nonce, signed with the time it was made."""
    stamp = signing.b62_encode(int(invitation.created_at.timestamp()))
    payload = f"{invitation.pk}.{invitation.nonce}:{stamp}"
    return signing.Signer(salt=_SALT).sign(payload)  # the TimestampSigner format, time given


def _find(token: str) -> tuple[Invitation, dt.datetime]:
    """The invitation a token names and the time signed into it, if the signature is good."""
    try:
        payload = signing.Signer(salt=_SALT).unsign(token)
        ids, stamp = payload.rsplit(":", 1)
        pk, nonce = ids.split(".", 1)
        signed_at = dt.datetime.fromtimestamp(signing.b62_decode(stamp), dt.UTC)
        invitation = Invitation.objects.select_related("record", "created_by").get(
            pk=int(pk), nonce=nonce
        )
    except (signing.BadSignature, ValueError, Invitation.DoesNotExist):
        raise InvitationError(
            _(
                "This invitation link is not valid. Check that you copied the whole link, or ask for a new one."
            )
        ) from None
    return invitation, signed_at


def _usable(invitation: Invitation, signed_at: dt.datetime, now: dt.datetime) -> None:
    """Refuse a withdrawn, used, or expired invitation (expiry counts from the signed time)."""
    if invitation.revoked_at is not None:
        raise InvitationError(_("This invitation was withdrawn. Ask a guardian for a new one."))
    if invitation.accepted_at is not None:
        raise InvitationError(
            _("This invitation has already been used. Each link works once; ask for a new one.")
        )
    if now - signed_at > INVITATION_MAX_AGE:
        raise InvitationError(
            _("This invitation has expired (links work for 7 days). Ask a guardian for a new one.")
        )


def check_invitation(token: str, user: User | None, *, now: dt.datetime) -> Invitation:
    """The invitation, if `user` (None: not signed in yet) could accept it now; else InvitationError."""
    invitation, signed_at = _find(token)
    if user is not None and Membership.objects.filter(record=invitation.record, user=user).exists():
        raise AlreadyMember(invitation.record_id)
    _usable(invitation, signed_at, now)
    if user is not None and invitation.email and normalise_email(invitation.email) != user.email:
        raise InvitationError(
            _(
                "This invitation is for another email address. Sign in with that address, "
                "or ask the guardian to invite the address you use."
            )
        )
    return invitation


@transaction.atomic
def invite(access: Access, *, role: str, email: str, now: dt.datetime) -> Invitation:
    """A new invitation to the circle, valid for 7 days, for anyone with the link (or `email`)."""
    access.require(Capability.MANAGE_CIRCLE)
    invitation = Invitation.objects.create(
        record=access.record,
        role=Role(role),
        email=normalise_email(email) if email else "",
        nonce=secrets.token_urlsafe(16),
        created_by=access.membership.user,
        created_at=now,
        expires_at=now + INVITATION_MAX_AGE,
    )
    _audit(
        access.record,
        access.membership.user,
        AuditEntry.Action.INVITED,
        now,
        target=invitation.email or _("anyone with the link"),
        role=invitation.role,
        invitation=invitation.pk,
    )
    return invitation


@transaction.atomic
def revoke_invitation(access: Access, invitation_id: int, *, now: dt.datetime) -> Invitation:
    """Withdraw a pending invitation; its link stops working."""
    access.require(Capability.MANAGE_CIRCLE)
    invitation = (
        Invitation.objects.select_for_update()
        .filter(record=access.record, pk=invitation_id)
        .first()
    )
    if invitation is None:
        raise CircleError(_("There is no such invitation for this record."))
    if invitation.accepted_at is not None or invitation.revoked_at is not None:
        raise CircleError(_("This invitation was already used or withdrawn."))
    invitation.revoked_at = now
    invitation.save(update_fields=["revoked_at"])
    _audit(
        access.record,
        access.membership.user,
        AuditEntry.Action.REVOKED,
        now,
        target=invitation.email or _("anyone with the link"),
        role=invitation.role,
        invitation=invitation.pk,
    )
    return invitation


@transaction.atomic
def accept_invitation(user: User, token: str, *, now: dt.datetime) -> Membership:
    """Join the circle with the invitation's role; the invitation is used up."""
    invitation = check_invitation(token, user, now=now)
    # Lock the row and look again: two people may click the same link at once.
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None or invitation.revoked_at is not None:
        raise InvitationError(_("This invitation has already been used. Ask for a new one."))
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                user=user, record_id=invitation.record_id, role=invitation.role, joined_at=now
            )
    except IntegrityError:
        raise AlreadyMember(invitation.record_id) from None
    invitation.accepted_at = now
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    _audit(
        membership.record,
        user,
        AuditEntry.Action.JOINED,
        now,
        target=_member_label(membership),
        role=membership.role,
        invitation=invitation.pk,
    )
    return membership


# Members ------------------------------------------------------------------------------------------


def _ensure_another_guardian(membership: Membership) -> None:
    if membership.role != Role.GUARDIAN:
        return
    guardians = list(
        Membership.objects.select_for_update()
        .filter(record_id=membership.record_id, role=Role.GUARDIAN)
        .values_list("pk", flat=True)
    )
    if not any(pk != membership.pk for pk in guardians):
        raise LastGuardianError(
            _(
                "A care record needs at least one guardian. Invite another guardian first; "
                "once they have joined, you can leave or be removed."
            )
        )


@transaction.atomic
def remove_member(access: Access, membership_id: int, *, now: dt.datetime) -> Membership:
    """A guardian takes someone out of the circle (never the last guardian)."""
    access.require(Capability.MANAGE_CIRCLE)
    membership = (
        Membership.objects.select_related("user", "record")
        .filter(record=access.record, pk=membership_id)
        .first()
    )
    if membership is None:
        raise CircleError(_("That person is not in this care circle."))
    _ensure_another_guardian(membership)
    label = _member_label(membership)
    membership.delete()
    _audit(access.record, access.membership.user, AuditEntry.Action.REMOVED, now, target=label)
    return membership


@transaction.atomic
def leave(access: Access, *, now: dt.datetime) -> None:
    """A member leaves the circle (the last guardian cannot)."""
    membership = access.membership
    _ensure_another_guardian(membership)
    Membership.objects.filter(pk=membership.pk).delete()
    _audit(
        access.record,
        membership.user,
        AuditEntry.Action.LEFT,
        now,
        target=_member_label(membership),
    )


# Care team ----------------------------------------------------------------------------------------

_TEAM_FIELDS = ("role", "custom_title", "name", "organisation", "phone", "email", "notes")


def _team_values(
    record: CareRecord,
    *,
    role: str,
    custom_title: str,
    name: str,
    organisation: str,
    phone: str,
    email: str,
    notes: str,
) -> dict[str, str]:
    """The fields as stored (trimmed, role slug normalised), or TeamError if they break a rule."""
    slug = normalise_role(role)
    if slug not in allowed_roles(recommended_for(record)):
        raise TeamError(_("Choose a role from the list, or “Another role” with its title."))
    title = custom_title.strip() if slug == TeamMember.CUSTOM else ""
    if slug == TeamMember.CUSTOM and not title:
        raise TeamError(_("Give the role a title, e.g. Dietitian."))
    if not name.strip():
        raise TeamError(_("Give a name: a person, or the clinic if you do not know who yet."))
    return {
        "role": slug,
        "custom_title": title,
        "name": name.strip(),
        "organisation": organisation.strip(),
        "phone": phone.strip(),
        "email": normalise_email(email) if email.strip() else "",
        "notes": notes.strip(),
    }


def _team_label(member: TeamMember) -> str:
    return f"{member.name} ({member.custom_title or member.role})"


@transaction.atomic
def add_team_member(
    access: Access,
    *,
    role: str,
    custom_title: str = "",
    name: str,
    organisation: str = "",
    phone: str = "",
    email: str = "",
    notes: str = "",
    now: dt.datetime,
) -> TeamMember:
    """Put someone on the record's care team (guardians and family)."""
    access.require(Capability.EDIT_PROFILE)
    values = _team_values(
        access.record,
        role=role,
        custom_title=custom_title,
        name=name,
        organisation=organisation,
        phone=phone,
        email=email,
        notes=notes,
    )
    member = TeamMember.objects.create(
        record=access.record, created_at=now, updated_at=now, **values
    )
    _audit(
        access.record,
        access.membership.user,
        AuditEntry.Action.TEAM_ADDED,
        now,
        target=_team_label(member),
        role=member.role,
    )
    return member


@transaction.atomic
def update_team_member(
    access: Access,
    member_id: int,
    *,
    role: str,
    custom_title: str = "",
    name: str,
    organisation: str = "",
    phone: str = "",
    email: str = "",
    notes: str = "",
    now: dt.datetime,
) -> list[str]:
    """Change a care team entry; returns the names of the fields that changed (also audited)."""
    access.require(Capability.EDIT_PROFILE)
    member = (
        TeamMember.objects.select_for_update().filter(record=access.record, pk=member_id).first()
    )
    if member is None:
        raise TeamError(_("That person is not on this care team."))
    values = _team_values(
        access.record,
        role=role,
        custom_title=custom_title,
        name=name,
        organisation=organisation,
        phone=phone,
        email=email,
        notes=notes,
    )
    changed = _save_changes(member, values, _TEAM_FIELDS, now)
    if changed:
        _audit(
            access.record,
            access.membership.user,
            AuditEntry.Action.TEAM_UPDATED,
            now,
            target=_team_label(member),
            fields=changed,
        )
    return changed


@transaction.atomic
def remove_team_member(access: Access, member_id: int, *, now: dt.datetime) -> TeamMember:
    """Take someone off the record's care team."""
    access.require(Capability.EDIT_PROFILE)
    member = TeamMember.objects.filter(record=access.record, pk=member_id).first()
    if member is None:
        raise TeamError(_("That person is not on this care team."))
    label = _team_label(member)
    member.delete()
    _audit(access.record, access.membership.user, AuditEntry.Action.TEAM_REMOVED, now, target=label)
    return member


# Appointments -------------------------------------------------------------------------------------

_APPOINTMENT_FIELDS = (
    "starts_at",
    "duration_minutes",
    "with_whom",
    "team_member",
    "reason",
    "location",
    "notes",
    "follow_up",
)
MAX_DURATION_MINUTES = 24 * 60


def _appointment_values(
    record: CareRecord,
    *,
    starts_at: dt.datetime,
    duration_minutes: int | None,
    with_whom: str,
    team_member: TeamMember | None,
    reason: str,
    location: str,
    notes: str,
    follow_up: str,
) -> dict[str, object]:
    """The fields as stored (trimmed, time in UTC), or AppointmentError if they break a rule."""
    if starts_at.tzinfo is None or starts_at.utcoffset() is None:
        raise AppointmentError(_("Give the time with its time zone (times are kept in UTC)."))
    if duration_minutes is not None and not 1 <= duration_minutes <= MAX_DURATION_MINUTES:
        raise AppointmentError(_("The length must be between 1 minute and 24 hours."))
    if team_member is not None and team_member.record_id != record.pk:
        raise AppointmentError(_("Choose someone from this record's care team."))
    who = with_whom.strip() or (team_member.name if team_member is not None else "")
    if not who:
        raise AppointmentError(
            _("Say who the appointment is with: a person, a clinic, or someone on the care team.")
        )
    return {
        "starts_at": starts_at.astimezone(dt.UTC),
        "duration_minutes": duration_minutes,
        "with_whom": who,
        "team_member": team_member,
        "reason": reason.strip(),
        "location": location.strip(),
        "notes": notes.strip(),
        "follow_up": follow_up.strip(),
    }


def _appointment_label(appointment: Appointment) -> str:
    return f"{appointment.with_whom} ({appointment.starts_at:%Y-%m-%d %H:%M} UTC)"


@transaction.atomic
def add_appointment(
    access: Access,
    *,
    starts_at: dt.datetime,
    duration_minutes: int | None = None,
    with_whom: str = "",
    team_member: TeamMember | None = None,
    reason: str = "",
    location: str = "",
    notes: str = "",
    follow_up: str = "",
    now: dt.datetime,
) -> Appointment:
    """Add an appointment to the record (guardians and family)."""
    access.require(Capability.EDIT_DIARY)
    values = _appointment_values(
        access.record,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        with_whom=with_whom,
        team_member=team_member,
        reason=reason,
        location=location,
        notes=notes,
        follow_up=follow_up,
    )
    appointment = Appointment.objects.create(
        record=access.record, created_at=now, updated_at=now, **values
    )
    _audit(
        access.record,
        access.membership.user,
        AuditEntry.Action.APPOINTMENT_ADDED,
        now,
        target=_appointment_label(appointment),
        appointment=str(appointment.uid),
    )
    return appointment


@transaction.atomic
def update_appointment(
    access: Access,
    appointment_id: int,
    *,
    starts_at: dt.datetime,
    duration_minutes: int | None = None,
    with_whom: str = "",
    team_member: TeamMember | None = None,
    reason: str = "",
    location: str = "",
    notes: str = "",
    follow_up: str = "",
    now: dt.datetime,
) -> list[str]:
    """Change an appointment; returns the names of the fields that changed (also audited)."""
    access.require(Capability.EDIT_DIARY)
    appointment = (
        Appointment.objects.select_for_update()
        .filter(record=access.record, pk=appointment_id)
        .first()
    )
    if appointment is None:
        raise AppointmentError(_("There is no such appointment in this record."))
    values = _appointment_values(
        access.record,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        with_whom=with_whom,
        team_member=team_member,
        reason=reason,
        location=location,
        notes=notes,
        follow_up=follow_up,
    )
    changed = _save_changes(appointment, values, _APPOINTMENT_FIELDS, now)
    if changed:
        _audit(
            access.record,
            access.membership.user,
            AuditEntry.Action.APPOINTMENT_UPDATED,
            now,
            target=_appointment_label(appointment),
            fields=changed,
            appointment=str(appointment.uid),
        )
    return changed


@transaction.atomic
def remove_appointment(access: Access, appointment_id: int, *, now: dt.datetime) -> Appointment:
    """Take an appointment out of the record."""
    access.require(Capability.EDIT_DIARY)
    appointment = Appointment.objects.filter(record=access.record, pk=appointment_id).first()
    if appointment is None:
        raise AppointmentError(_("There is no such appointment in this record."))
    label = _appointment_label(appointment)
    uid = str(appointment.uid)
    appointment.delete()
    _audit(
        access.record,
        access.membership.user,
        AuditEntry.Action.APPOINTMENT_REMOVED,
        now,
        target=label,
        appointment=uid,
    )
    return appointment


# Medicines ----------------------------------------------------------------------------------------

_MEDICINE_FIELDS = (
    "name",
    "dose",
    "schedule",
    "started_on",
    "stopped_on",
    "reason",
    "response",
    "side_effects",
    "notes",
)


def _medicine_values(
    *,
    name: str,
    dose: str,
    schedule: str,
    started_on: dt.date,
    stopped_on: dt.date | None,
    reason: str,
    response: str,
    side_effects: str,
    notes: str,
) -> dict[str, object]:
    """The fields as stored (trimmed), or MedicineError if they break a rule."""
    if not name.strip():
        raise MedicineError(_("Give the name of the medicine."), field="name")
    if response not in Medicine.Response.values:
        raise MedicineError(
            _("Choose how it is going: better, the same, worse, or not yet known."),
            field="response",
        )
    if stopped_on is not None and stopped_on < started_on:
        raise MedicineError(
            _("The “stopped on” date cannot be before the “started on” date."),
            field="stopped_on",
        )
    return {
        "name": name.strip(),
        "dose": dose.strip(),
        "schedule": schedule.strip(),
        "started_on": started_on,
        "stopped_on": stopped_on,
        "reason": reason.strip(),
        "response": response,
        "side_effects": side_effects.strip(),
        "notes": notes.strip(),
    }


def _medicine_label(medicine: Medicine) -> str:
    dose = f" {medicine.dose}" if medicine.dose else ""
    return f"{medicine.name}{dose} (from {medicine.started_on:%Y-%m-%d})"


@transaction.atomic
def add_medicine(
    access: Access,
    *,
    name: str,
    started_on: dt.date,
    dose: str = "",
    schedule: str = "",
    stopped_on: dt.date | None = None,
    reason: str = "",
    response: str = Medicine.Response.UNKNOWN,
    side_effects: str = "",
    notes: str = "",
    now: dt.datetime,
) -> Medicine:
    """Add a medicine to the record (guardians and family)."""
    access.require(Capability.EDIT_DIARY)
    values = _medicine_values(
        name=name,
        dose=dose,
        schedule=schedule,
        started_on=started_on,
        stopped_on=stopped_on,
        reason=reason,
        response=response,
        side_effects=side_effects,
        notes=notes,
    )
    medicine = Medicine.objects.create(
        record=access.record, created_at=now, updated_at=now, **values
    )
    _audit(
        access.record,
        access.membership.user,
        AuditEntry.Action.MEDICINE_ADDED,
        now,
        target=_medicine_label(medicine),
    )
    return medicine


@transaction.atomic
def update_medicine(
    access: Access,
    medicine_id: int,
    *,
    name: str,
    started_on: dt.date,
    dose: str = "",
    schedule: str = "",
    stopped_on: dt.date | None = None,
    reason: str = "",
    response: str = Medicine.Response.UNKNOWN,
    side_effects: str = "",
    notes: str = "",
    now: dt.datetime,
) -> list[str]:
    """Change a medicine (giving a stop date stops it); returns the fields that changed (audited:
    "stopped" when a stop date is given for the first time, else "changed")."""
    access.require(Capability.EDIT_DIARY)
    medicine = (
        Medicine.objects.select_for_update().filter(record=access.record, pk=medicine_id).first()
    )
    if medicine is None:
        raise MedicineError(_("There is no such medicine in this record."))
    values = _medicine_values(
        name=name,
        dose=dose,
        schedule=schedule,
        started_on=started_on,
        stopped_on=stopped_on,
        reason=reason,
        response=response,
        side_effects=side_effects,
        notes=notes,
    )
    newly_stopped = medicine.stopped_on is None and stopped_on is not None
    changed = _save_changes(medicine, values, _MEDICINE_FIELDS, now)
    if changed:
        action = (
            AuditEntry.Action.MEDICINE_STOPPED
            if newly_stopped
            else AuditEntry.Action.MEDICINE_UPDATED
        )
        _audit(
            access.record,
            access.membership.user,
            action,
            now,
            target=_medicine_label(medicine),
            fields=changed,
        )
    return changed


@transaction.atomic
def remove_medicine(access: Access, medicine_id: int, *, now: dt.datetime) -> Medicine:
    """Take a medicine out of the record (for one added by mistake; stopping keeps its history)."""
    access.require(Capability.EDIT_DIARY)
    medicine = Medicine.objects.filter(record=access.record, pk=medicine_id).first()
    if medicine is None:
        raise MedicineError(_("There is no such medicine in this record."))
    label = _medicine_label(medicine)
    medicine.delete()
    _audit(
        access.record,
        access.membership.user,
        AuditEntry.Action.MEDICINE_REMOVED,
        now,
        target=label,
    )
    return medicine


# Deep brain stimulation ---------------------------------------------------------------------------
# Guardians and family record implants and programming sessions (EDIT_DIARY); every member reads.

DBS_AMPLITUDE = (Decimal(0), Decimal(10))
DBS_PULSE_WIDTH_US = (10, 450)
DBS_FREQUENCY_HZ = (2, 250)


def _implant_label(implant: DbsImplant) -> str:
    device = f", {implant.device}" if implant.device else ""
    return f"DBS {implant.target}{device} (implanted {implant.implanted_on:%Y-%m-%d})"


def _session_label(session: DbsSession) -> str:
    return f"DBS programming on {session.programmed_on:%Y-%m-%d} ({session.implant.target})"


@transaction.atomic
def add_dbs_implant(
    access: Access,
    *,
    implanted_on: dt.date,
    target: str = DbsImplant.Target.GPI,
    device: str = "",
    notes: str = "",
    now: dt.datetime,
) -> DbsImplant:
    """Add a DBS implant to the record (guardians and family)."""
    access.require(Capability.EDIT_DIARY)
    if target not in DbsImplant.Target.values:
        raise DbsError(_("Choose the target: GPi, STN or other."), field="target")
    implant = DbsImplant.objects.create(
        record=access.record,
        implanted_on=implanted_on,
        target=target,
        device=device.strip(),
        notes=notes.strip(),
        created_at=now,
        updated_at=now,
    )
    _audit(
        access.record,
        access.membership.user,
        AuditEntry.Action.DBS_IMPLANT_ADDED,
        now,
        target=_implant_label(implant),
    )
    return implant


def _in_range(
    value: Decimal | int,
    bounds: tuple[Decimal, Decimal] | tuple[int, int],
    field: str,
    message: str,
    side: str,
) -> None:
    """DbsError naming the field and the accepted range unless low <= value <= high."""
    low, high = bounds
    if not (low <= value <= high):
        raise DbsError(message % {"side": side, "low": low, "high": high}, field=field)


def _side_values(side: str, settings: dict[str, object]) -> dict[str, object]:
    """One side's settings as stored (all empty for an unused side), or DbsError naming the field."""
    name = _("Left") if side == "left" else _("Right")
    contacts = str(settings.get("contacts") or "").strip()
    amplitude = settings.get("amplitude")
    unit = settings.get("unit") or DbsSession.Unit.MA
    pulse_width = settings.get("pulse_width_us")
    frequency = settings.get("frequency_hz")
    if not contacts and amplitude is None and pulse_width is None and frequency is None:
        return {
            f"{side}_contacts": "",
            f"{side}_amplitude": None,
            f"{side}_unit": DbsSession.Unit.MA,
            f"{side}_pulse_width_us": None,
            f"{side}_frequency_hz": None,
        }
    missing = _("%(side)s side: give the %(what)s too, or leave the whole side empty.")
    for key, what in (
        ("contacts", _("contacts")),
        ("amplitude", _("amplitude")),
        ("pulse_width_us", _("pulse width")),
        ("frequency_hz", _("frequency")),
    ):
        if settings.get(key) in (None, "") or (key == "contacts" and not contacts):
            raise DbsError(missing % {"side": name, "what": what}, field=f"{side}_{key}")
    if unit not in DbsSession.Unit.values:
        raise DbsError(_("%(side)s side: choose mA or V.") % {"side": name}, field=f"{side}_unit")
    _in_range(
        Decimal(str(amplitude)),
        DBS_AMPLITUDE,
        f"{side}_amplitude",
        _("%(side)s amplitude must be between %(low)s and %(high)s (mA or V)."),
        name,
    )
    _in_range(
        int(pulse_width),  # type: ignore[call-overload]
        DBS_PULSE_WIDTH_US,
        f"{side}_pulse_width_us",
        _("%(side)s pulse width must be between %(low)s and %(high)s µs."),
        name,
    )
    _in_range(
        int(frequency),  # type: ignore[call-overload]
        DBS_FREQUENCY_HZ,
        f"{side}_frequency_hz",
        _("%(side)s frequency must be between %(low)s and %(high)s Hz."),
        name,
    )
    return {
        f"{side}_contacts": contacts,
        f"{side}_amplitude": Decimal(str(amplitude)),
        f"{side}_unit": unit,
        f"{side}_pulse_width_us": int(pulse_width),  # type: ignore[call-overload]
        f"{side}_frequency_hz": int(frequency),  # type: ignore[call-overload]
    }


@transaction.atomic
def add_dbs_session(
    access: Access,
    implant_id: int,
    *,
    programmed_on: dt.date,
    left: dict[str, object] | None = None,
    right: dict[str, object] | None = None,
    notes: str = "",
    now: dt.datetime,
) -> DbsSession:
    """Add a programming session to an implant of the record (guardians and family).

    `left` and `right` hold contacts, amplitude, unit ("mA" or "V"), pulse_width_us and
    frequency_hz; a side left out (or all empty) has no settings, but at least one side needs them.
    """
    access.require(Capability.EDIT_DIARY)
    implant = DbsImplant.objects.filter(record=access.record, pk=implant_id).first()
    if implant is None:
        raise DbsError(_("There is no such DBS implant in this record."))
    if programmed_on < implant.implanted_on:
        raise DbsError(
            _("The session date cannot be before the implant date (%(date)s).")
            % {"date": f"{implant.implanted_on:%Y-%m-%d}"},
            field="programmed_on",
        )
    values = {**_side_values("left", left or {}), **_side_values("right", right or {})}
    if values["left_amplitude"] is None and values["right_amplitude"] is None:
        raise DbsError(_("Give the settings of at least one side (left or right)."))
    session = DbsSession.objects.create(
        implant=implant,
        programmed_on=programmed_on,
        notes=notes.strip(),
        created_at=now,
        updated_at=now,
        **values,
    )
    _audit(
        access.record,
        access.membership.user,
        AuditEntry.Action.DBS_SESSION_ADDED,
        now,
        target=_session_label(session),
    )
    return session


@transaction.atomic
def remove_dbs_session(access: Access, session_id: int, *, now: dt.datetime) -> DbsSession:
    """Take a programming session out of the record (for one added by mistake)."""
    access.require(Capability.EDIT_DIARY)
    session = (
        DbsSession.objects.select_related("implant")
        .filter(implant__record=access.record, pk=session_id)
        .first()
    )
    if session is None:
        raise DbsError(_("There is no such DBS programming session in this record."))
    label = _session_label(session)
    session.delete()
    _audit(
        access.record,
        access.membership.user,
        AuditEntry.Action.DBS_SESSION_REMOVED,
        now,
        target=label,
    )
    return session


# Diary --------------------------------------------------------------------------------------------
# Guardians and family keep the diary (EDIT_DIARY); clinicians may add entries and scores too
# (ADD_CLINICAL); every member reads.


def _require_diary_writer(access: Access) -> None:
    """Writers of the diary: EDIT_DIARY or ADD_CLINICAL (a refusal names EDIT_DIARY)."""
    if not access.can(Capability.ADD_CLINICAL):
        access.require(Capability.EDIT_DIARY)


def _diary_label(entry: DiaryEntry) -> str:
    total = f", BFMDRS movement {entry.bfm_total}" if entry.bfm_total is not None else ""
    return f"diary entry of {entry.on:%Y-%m-%d}{total}"


def _diary_regions(regions: Iterable[str]) -> list[str]:
    """The regions as stored: known slugs only, each once, in choice order."""
    given = set(regions)
    unknown = sorted(given - set(DiaryEntry.Region.values))
    if unknown:
        raise DiaryError(
            _("%(regions)s is not a body region of the diary.") % {"regions": ", ".join(unknown)},
            field="regions",
        )
    return [slug for slug in DiaryEntry.Region.values if slug in given]


@transaction.atomic
def add_diary_entry(
    access: Access,
    *,
    on: dt.date,
    regions: Iterable[str] = (),
    bfm_movement: Mapping[str, object] | None = None,
    notes: str = "",
    now: dt.datetime,
) -> DiaryEntry:
    """Add a diary entry (guardians, family, clinicians). A BFMDRS movement rating, if given, needs
    all 18 items; its total is computed here by rarelight.care, never taken from the caller."""
    _require_diary_writer(access)
    if on > now.date():
        raise DiaryError(_("The date of a diary entry cannot be in the future."), field="on")
    stored_regions = _diary_regions(regions)
    movement: dict[str, int] | None = None
    total: Decimal | None = None
    if bfm_movement is not None:
        try:
            rating = BfmMovement.from_fields(bfm_movement)
        except ProblemsError as error:
            raise DiaryError(
                _("The BFMDRS movement scale is not complete or not valid."),
                field="bfm_movement",
                problems=error.problems,
            ) from None
        movement = rating.as_fields()
        total = Decimal(str(rating.total)).quantize(Decimal("0.1"))
    entry = DiaryEntry.objects.create(
        record=access.record,
        on=on,
        regions=stored_regions,
        bfm_movement=movement,
        bfm_total=total,
        notes=notes.strip(),
        created_at=now,
        updated_at=now,
    )
    _audit(
        access.record,
        access.membership.user,
        AuditEntry.Action.DIARY_ADDED,
        now,
        target=_diary_label(entry),
    )
    return entry


@transaction.atomic
def remove_diary_entry(access: Access, entry_id: int, *, now: dt.datetime) -> DiaryEntry:
    """Take a diary entry out of the record."""
    _require_diary_writer(access)
    entry = DiaryEntry.objects.filter(record=access.record, pk=entry_id).first()
    if entry is None:
        raise DiaryError(_("There is no such diary entry in this record."))
    label = _diary_label(entry)
    entry.delete()
    _audit(
        access.record,
        access.membership.user,
        AuditEntry.Action.DIARY_REMOVED,
        now,
        target=label,
    )
    return entry
