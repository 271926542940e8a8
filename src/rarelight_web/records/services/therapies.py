"""Therapies and milestones: speech, occupational and physical therapy; hearing tests; school.

Guardians, family (EDIT_DIARY) and clinicians (ADD_CLINICAL) write them; every member reads.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rarelight_web.records.access import Access
from rarelight_web.records.models import AuditEntry, Milestone, Therapy
from rarelight_web.records.roles import DIARY_WRITERS

from ._entries import EntryError, EntryKind, requires


class TherapyError(EntryError):
    """A therapy or milestone its rules do not allow; `field` names the form field."""


THERAPIES = EntryKind(
    model=Therapy,
    check_writer=requires(*DIARY_WRITERS),
    error=TherapyError,
    missing=gettext_lazy("There is no such therapy in this record."),
    label=lambda therapy: f"{therapy.kind} therapy from {therapy.started_on:%Y-%m-%d}",
    added=AuditEntry.Action.THERAPY_ADDED,
    changed=AuditEntry.Action.THERAPY_UPDATED,
    removed=AuditEntry.Action.THERAPY_REMOVED,
    fields=("kind", "provider", "started_on", "ended_on", "how_often", "goals", "notes"),
)
MILESTONES = EntryKind(
    model=Milestone,
    check_writer=requires(*DIARY_WRITERS),
    error=TherapyError,
    missing=gettext_lazy("There is no such milestone in this record."),
    label=lambda milestone: f"{milestone.title} ({milestone.on:%Y-%m-%d})",
    added=AuditEntry.Action.THERAPY_ADDED,
    changed=AuditEntry.Action.THERAPY_UPDATED,
    removed=AuditEntry.Action.THERAPY_REMOVED,
    fields=("on", "kind", "title", "result"),
)


def _therapy_values(
    kind: str,
    provider: str,
    started_on: dt.date,
    ended_on: dt.date | None,
    how_often: str,
    goals: str,
    notes: str,
) -> dict[str, object]:
    if kind not in Therapy.Kind.values:
        raise TherapyError(_("Choose the kind of therapy from the list."), field="kind")
    if ended_on is not None and ended_on < started_on:
        raise TherapyError(
            _("The “ended on” date cannot be before the “started on” date."), field="ended_on"
        )
    return {
        "kind": kind,
        "provider": provider.strip(),
        "started_on": started_on,
        "ended_on": ended_on,
        "how_often": how_often.strip(),
        "goals": goals.strip(),
        "notes": notes.strip(),
    }


@transaction.atomic
def add_therapy(
    access: Access,
    *,
    kind: str,
    started_on: dt.date,
    provider: str = "",
    ended_on: dt.date | None = None,
    how_often: str = "",
    goals: str = "",
    notes: str = "",
    now: dt.datetime,
) -> Therapy:
    """Add a course of therapy."""
    THERAPIES.check_writer(access)
    values = _therapy_values(kind, provider, started_on, ended_on, how_often, goals, notes)
    return THERAPIES.add(access, values, now)


@transaction.atomic
def update_therapy(
    access: Access,
    therapy_id: int,
    *,
    kind: str,
    started_on: dt.date,
    provider: str = "",
    ended_on: dt.date | None = None,
    how_often: str = "",
    goals: str = "",
    notes: str = "",
    now: dt.datetime,
) -> list[str]:
    """Change a course of therapy (giving an end date ends it); returns what changed."""
    therapy = THERAPIES.find(access, therapy_id, for_update=True)
    values = _therapy_values(kind, provider, started_on, ended_on, how_often, goals, notes)
    return THERAPIES.change(access, therapy, values, now)


@transaction.atomic
def remove_therapy(access: Access, therapy_id: int, *, now: dt.datetime) -> Therapy:
    """Take a therapy out of the record."""
    return THERAPIES.remove(access, therapy_id, now)


def _milestone_values(
    on: dt.date, kind: str, title: str, result: str, now: dt.datetime
) -> dict[str, object]:
    if kind not in Milestone.Kind.values:
        raise TherapyError(_("Choose the kind of milestone from the list."), field="kind")
    if on > now.date():
        raise TherapyError(
            _(
                "A milestone is something that happened: its date cannot be in the future. "
                "Put a planned test or visit in the appointments."
            ),
            field="on",
        )
    if not title.strip():
        raise TherapyError(_("Say what happened, e.g. “Hearing test”."), field="title")
    return {"on": on, "kind": kind, "title": title.strip(), "result": result.strip()}


@transaction.atomic
def add_milestone(
    access: Access,
    *,
    on: dt.date,
    kind: str,
    title: str,
    result: str = "",
    now: dt.datetime,
) -> Milestone:
    """Add a milestone (a hearing test and its result, a school step, …)."""
    MILESTONES.check_writer(access)
    return MILESTONES.add(access, _milestone_values(on, kind, title, result, now), now)


@transaction.atomic
def update_milestone(
    access: Access,
    milestone_id: int,
    *,
    on: dt.date,
    kind: str,
    title: str,
    result: str = "",
    now: dt.datetime,
) -> list[str]:
    """Change a milestone; returns what changed."""
    milestone = MILESTONES.find(access, milestone_id, for_update=True)
    return MILESTONES.change(
        access, milestone, _milestone_values(on, kind, title, result, now), now
    )


@transaction.atomic
def remove_milestone(access: Access, milestone_id: int, *, now: dt.datetime) -> Milestone:
    """Take a milestone out of the record."""
    return MILESTONES.remove(access, milestone_id, now)
