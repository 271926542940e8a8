"""The care circle: invitations by signed, expiring link; removing members; leaving."""

from __future__ import annotations

import datetime as dt
import secrets

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from rarelight.errors import InputError
from rarelight_web.accounts.models import User, normalise_email
from rarelight_web.records.access import Access
from rarelight_web.records.models import AuditEntry, Invitation, Membership
from rarelight_web.records.roles import Capability, Role

from ._entries import audit

INVITATION_MAX_AGE = dt.timedelta(days=7)
_SALT = "rarelight.records.invitation"


class CircleError(InputError):
    """A change to the care circle that its rules do not allow; the message says why."""


class LastGuardianError(CircleError):
    """A record always keeps at least one guardian."""


class InvitationError(CircleError):
    """An invitation link that cannot be used (invalid, expired, used, revoked, not yours)."""


class AlreadyMember(InvitationError):  # noqa: N818 - reads as what happened
    """The person following the link is already in the circle (of the record `record_id`)."""

    def __init__(self, record_id: object) -> None:
        super().__init__(_("You are already in this care circle."))
        self.record_id = record_id


def _member_label(membership: Membership) -> str:
    return f"{membership.user.display_name} ({membership.role})"


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
    audit(
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
    audit(
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
    audit(
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
    audit(access.record, access.membership.user, AuditEntry.Action.REMOVED, now, target=label)
    return membership


@transaction.atomic
def leave(access: Access, *, now: dt.datetime) -> None:
    """A member leaves the circle (the last guardian cannot)."""
    membership = access.membership
    _ensure_another_guardian(membership)
    Membership.objects.filter(pk=membership.pk).delete()
    audit(
        access.record,
        membership.user,
        AuditEntry.Action.LEFT,
        now,
        target=_member_label(membership),
    )
