"""The only write path of the registry app; each function is atomic and logs a RegistryEvent.

Entry points for the care record (the lead wires the page and button to these):
- `contribute(user, record_id, facts, consent_text=..., consented=True, contact_ok=..., now=...)`
  de-identifies `facts` (see `person_facts` for what the record itself supplies) and adds the case;
- `withdraw(user, record_id, now=...)` removes it from the registry and the next statistics.
Both are keyed by the care record's UUID and open it with `record_access(..., Capability.EXPORT)`:
only a guardian may share or withdraw.
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from collections.abc import Iterable
from pathlib import Path

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from rarelight.errors import InputError
from rarelight.registry import (
    ImportReport,
    PersonFacts,
    RegistryCase,
    deidentify,
    import_phenopackets,
)
from rarelight_web.accounts.models import User
from rarelight_web.records.access import record_access
from rarelight_web.records.models import CareRecord
from rarelight_web.records.roles import Capability

from .models import Case, Contribution, RegistryEvent

RESEARCHERS = "Registry researchers"
EXPORT_PERMISSION = "registry.export_individual_data"


class ContributionError(InputError):
    """A contribution its rules do not allow; the message says why."""


def _log(action: RegistryEvent.Action, at: dt.datetime, actor: User | None, detail: str) -> None:
    RegistryEvent.objects.create(action=action, at=at, actor=actor, detail=detail[:500])


def _row(case: RegistryCase, now: dt.datetime) -> Case:
    return Case(
        case_id=case.case_id,
        source=case.source.value,
        pmid=case.pmid,
        subject_id=case.subject_id,
        disease_id=case.disease_id,
        data=case.model_dump(mode="json"),
        added_at=now,
    )


def all_cases() -> list[RegistryCase]:
    return [row.to_case() for row in Case.objects.all()]


@transaction.atomic
def import_path(path: Path, *, actor: User | None, now: dt.datetime) -> ImportReport:
    """Import phenopackets into the database; duplicates of stored cases are skipped."""
    report = import_phenopackets(path, all_cases())
    Case.objects.bulk_create([_row(c, now) for c in report.imported], batch_size=500)
    _log(
        RegistryEvent.Action.IMPORTED,
        now,
        actor,
        f"{path.name}: {report.summary()}",
    )
    return report


def person_facts(record: CareRecord, **more: object) -> PersonFacts:
    """What the record's own profile supplies (sex, date of birth, diagnosis); `more` adds the
    rest (country, onset, genotype, features, treatments, BFMDRS scores) as PersonFacts fields."""
    sex = record.sex if record.sex in {"female", "male", "other"} else "unknown"
    values: dict[str, object] = {
        "sex": sex,
        "date_of_birth": record.date_of_birth,
        "disease_id": record.diagnosis_id or "",
        "disease_label": record.diagnosis.name if record.diagnosis else "",
    }
    values.update(more)
    return PersonFacts(**values)  # type: ignore[arg-type]


def active_contribution(record: CareRecord) -> Contribution | None:
    """The record's contribution now in the registry, if any (for the care-record page)."""
    return Contribution.objects.filter(record=record, withdrawn_at__isnull=True).first()


@transaction.atomic
def contribute(
    user: User,
    record_id: uuid.UUID | str,
    facts: PersonFacts,
    *,
    consent_text: str,
    consented: bool,
    contact_ok: bool = False,
    now: dt.datetime,
) -> Contribution:
    """Add a care record's de-identified snapshot to the registry, with explicit consent."""
    access = record_access(user, record_id, Capability.EXPORT)
    if not consented:
        raise ContributionError(
            "consent: tick the box to agree before the record is shared with the registry"
        )
    if not consent_text.strip():
        raise ContributionError("consent: the text the guardian agreed to must be kept")
    if active_contribution(access.record):
        raise ContributionError(
            "this record is already in the registry: withdraw it first to share it again"
        )
    case = deidentify(facts, case_id=f"RL-{secrets.token_hex(8)}", contact_ok=contact_ok)
    row = _row(case, now)
    row.save()
    contribution = Contribution.objects.create(
        record=access.record,
        case=row,
        consent_text=consent_text.strip(),
        consented_by=user,
        consented_at=now,
        contact_ok=contact_ok,
    )
    _log(RegistryEvent.Action.CONTRIBUTED, now, user, "a family contribution")
    return contribution


@transaction.atomic
def withdraw(user: User, record_id: uuid.UUID | str, *, now: dt.datetime) -> Contribution:
    """Remove a record's contribution: the case leaves the registry and the next statistics."""
    access = record_access(user, record_id, Capability.EXPORT)
    contribution = active_contribution(access.record)
    if contribution is None:
        raise ContributionError(
            "this record is not in the registry, so there is nothing to withdraw"
        )
    if contribution.case_id is not None:
        Case.objects.filter(pk=contribution.case_id).delete()
    contribution.case = None
    contribution.withdrawn_at = now
    contribution.withdrawn_by = user
    contribution.save(update_fields=["case", "withdrawn_at", "withdrawn_by"])
    _log(RegistryEvent.Action.WITHDRAWN, now, user, "a family contribution withdrawn")
    return contribution


def researchers() -> Group:
    """The one group whose members may export individual-level data (made on first use)."""
    group, _created = Group.objects.get_or_create(name=RESEARCHERS)
    app_label, codename = EXPORT_PERMISSION.split(".")
    permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
    group.permissions.add(permission)
    return group


@transaction.atomic
def grant_researcher(
    user: User, *, by: User | None, now: dt.datetime, revoke: bool = False
) -> None:
    """Add a user to (or remove them from) the registry researchers."""
    if revoke:
        user.groups.remove(researchers())
    else:
        user.groups.add(researchers())
    action = RegistryEvent.Action.REVOKED if revoke else RegistryEvent.Action.GRANTED
    _log(action, now, by, f"researcher role for user {user.pk}")


def is_researcher(user: object) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.has_perm(EXPORT_PERMISSION))  # type: ignore[attr-defined]


@transaction.atomic
def note_export(user: User, what: str, count: int, *, now: dt.datetime) -> None:
    _log(RegistryEvent.Action.EXPORTED, now, user, f"{what}: {count} cases")


def last_updated() -> dt.datetime | None:
    """When the registry's contents last changed (imports, contributions, withdrawals)."""
    changes = (
        RegistryEvent.Action.IMPORTED,
        RegistryEvent.Action.CONTRIBUTED,
        RegistryEvent.Action.WITHDRAWN,
    )
    event = RegistryEvent.objects.filter(action__in=changes).order_by("-at", "-id").first()
    return event.at if event else None


def cases_for_export() -> Iterable[RegistryCase]:
    return (row.to_case() for row in Case.objects.iterator())
