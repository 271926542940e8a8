"""Sharing a de-identified snapshot of the record with the registry, and taking it back.

Guardians only (EXPORT). The registry keeps its own log; the record's audit log says it too.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from rarelight_web.records.access import Access
from rarelight_web.records.models import AuditEntry
from rarelight_web.records.registry_facts import record_facts
from rarelight_web.records.roles import Capability
from rarelight_web.registry import services as registry

from ._entries import audit

ContributionError = registry.ContributionError


@transaction.atomic
def contribute_to_registry(
    access: Access,
    *,
    country: str,
    consent_text: str,
    consented: bool,
    contact_ok: bool = False,
    now: dt.datetime,
) -> None:
    """Add the record's de-identified snapshot to the registry after explicit consent."""
    access.require(Capability.EXPORT)
    registry.contribute(
        access.membership.user,
        access.record.pk,
        record_facts(access.record, country=country),
        consent_text=consent_text,
        consented=consented,
        contact_ok=contact_ok,
        now=now,
    )
    audit(access.record, access.membership.user, AuditEntry.Action.CONTRIBUTED, now, "registry")


@transaction.atomic
def withdraw_from_registry(access: Access, *, now: dt.datetime) -> None:
    """Take the record's snapshot out of the registry and out of the next statistics."""
    access.require(Capability.EXPORT)
    registry.withdraw(access.membership.user, access.record.pk, now=now)
    audit(access.record, access.membership.user, AuditEntry.Action.WITHDRAWN, now, "registry")
