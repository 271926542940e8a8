"""A member's private calendar link: a secret address a calendar app subscribes to.

Calendar apps fetch feeds without signing in, so the link itself is the key: 256 random bits,
shown once and stored only as its SHA-256. Making a new link ends the old one; so does leaving
the circle. The feed holds what the downloaded .ics holds (no name, diagnosis or notes).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.db import transaction

from rarelight_web.records.access import Access
from rarelight_web.records.models import AuditEntry, Membership

from ._entries import audit


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def new_calendar_key(access: Access, *, now: dt.datetime) -> str:
    """A new private calendar key for the caller (any member); the previous one stops working."""
    key = secrets.token_urlsafe(32)
    Membership.objects.filter(pk=access.membership.pk).update(calendar_key_hash=_hash(key))
    audit(access.record, access.membership.user, AuditEntry.Action.CALENDAR_LINK, now, "calendar")
    return key


@transaction.atomic
def stop_calendar_key(access: Access, *, now: dt.datetime) -> None:
    """End the caller's private calendar link."""
    Membership.objects.filter(pk=access.membership.pk).update(calendar_key_hash="")
    audit(
        access.record, access.membership.user, AuditEntry.Action.CALENDAR_STOPPED, now, "calendar"
    )


def membership_for_calendar_key(key: str) -> Membership | None:
    """The membership a calendar key belongs to, or None (a wrong, old or ended key)."""
    if not key or len(key) > 100:
        return None
    return (
        Membership.objects.select_related("record", "user")
        .filter(calendar_key_hash=_hash(key))
        .first()
    )
