"""The symptom and severity diary: dated entries, affected regions, rating scales, notes.

Guardians and family keep the diary (EDIT_DIARY); clinicians may add entries and scores too
(ADD_CLINICAL); every member reads. Scale totals are computed here by rarelight.care, never taken
from the caller.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rarelight.care import Bads, BfmDisability, BfmMovement
from rarelight.errors import Problem, ProblemsError
from rarelight_web.records.access import Access
from rarelight_web.records.models import AuditEntry, DiaryEntry
from rarelight_web.records.roles import DIARY_WRITERS

from ._entries import EntryError, EntryKind, requires


class DiaryError(EntryError):
    """A diary entry its rules do not allow; `field` names the form field, and `problems` lists
    every invalid scale item (each location is the item's flat field, e.g. `eyes_severity`,
    `disability_walking`, `bads_neck`)."""


def _diary_label(entry: DiaryEntry) -> str:
    total = f", BFMDRS movement {entry.bfm_total}" if entry.bfm_total is not None else ""
    return f"diary entry of {entry.on:%Y-%m-%d}{total}"


DIARY = EntryKind(
    model=DiaryEntry,
    check_writer=requires(*DIARY_WRITERS),
    error=DiaryError,
    missing=gettext_lazy("There is no such diary entry in this record."),
    label=_diary_label,
    added=AuditEntry.Action.DIARY_ADDED,
    changed=AuditEntry.Action.DIARY_UPDATED,
    removed=AuditEntry.Action.DIARY_REMOVED,
    fields=(
        "on",
        "regions",
        "bfm_movement",
        "bfm_total",
        "bfm_disability",
        "bfm_disability_total",
        "bads",
        "bads_total",
        "notes",
    ),
)


@dataclass(frozen=True)
class _Scale:
    """A rating scale a diary entry may carry: where it is stored and how the core reads it."""

    field: str  # the JSON field of the items
    total_field: str
    prefix: str  # of each item's flat field in forms and error locations
    read: Callable[[Mapping[str, object]], BfmMovement | BfmDisability | Bads]
    invalid: str | Promise


_SCALES = (
    _Scale(
        "bfm_movement",
        "bfm_total",
        "",
        BfmMovement.from_fields,
        gettext_lazy("The BFMDRS movement scale is not complete or not valid."),
    ),
    _Scale(
        "bfm_disability",
        "bfm_disability_total",
        "disability_",
        BfmDisability.from_fields,
        gettext_lazy("The BFMDRS disability scale is not complete or not valid."),
    ),
    _Scale(
        "bads",
        "bads_total",
        "bads_",
        Bads.from_fields,
        gettext_lazy("The Barry–Albright scale is not complete or not valid."),
    ),
)


def _rated(scale: _Scale, items: Mapping[str, object] | None) -> dict[str, object]:
    """The scale's stored items and total (both None when not rated), or DiaryError."""
    if items is None:
        return {scale.field: None, scale.total_field: None}
    try:
        rating = scale.read(items)
    except ProblemsError as error:
        problems = [
            Problem(f"{scale.prefix}{p.location}", p.message, p.fix) for p in error.problems
        ]
        raise DiaryError(str(scale.invalid), field=scale.field, problems=problems) from None
    total: Decimal | int
    if isinstance(rating, BfmMovement):  # half points: kept to one decimal
        total = Decimal(str(rating.total)).quantize(Decimal("0.1"))
    else:
        total = rating.total
    return {scale.field: rating.as_fields(), scale.total_field: total}


def _regions(regions: Iterable[str]) -> list[str]:
    """The regions as stored: known slugs only, each once, in choice order."""
    given = set(regions)
    unknown = sorted(given - set(DiaryEntry.Region.values))
    if unknown:
        raise DiaryError(
            _("%(regions)s is not a body region of the diary.") % {"regions": ", ".join(unknown)},
            field="regions",
        )
    return [slug for slug in DiaryEntry.Region.values if slug in given]


def _entry_values(
    on: dt.date,
    regions: Iterable[str],
    ratings: Mapping[str, Mapping[str, object] | None],
    notes: str,
    now: dt.datetime,
) -> dict[str, object]:
    if on > now.date():
        raise DiaryError(_("The date of a diary entry cannot be in the future."), field="on")
    values: dict[str, object] = {"on": on, "regions": _regions(regions), "notes": notes.strip()}
    problems: list[Problem] = []
    first: DiaryError | None = None
    for scale in _SCALES:
        try:
            values.update(_rated(scale, ratings.get(scale.field)))
        except DiaryError as error:
            first = first or error
            problems.extend(error.problems)
    if first is not None:
        raise DiaryError(str(first), field=first.field, problems=problems)
    return values


@transaction.atomic
def add_diary_entry(
    access: Access,
    *,
    on: dt.date,
    regions: Iterable[str] = (),
    bfm_movement: Mapping[str, object] | None = None,
    bfm_disability: Mapping[str, object] | None = None,
    bads: Mapping[str, object] | None = None,
    notes: str = "",
    now: dt.datetime,
) -> DiaryEntry:
    """Add a diary entry (guardians, family, clinicians). A scale, if given, needs all its items:
    BFMDRS movement 18, disability 7, Barry–Albright 8."""
    DIARY.check_writer(access)
    ratings = {"bfm_movement": bfm_movement, "bfm_disability": bfm_disability, "bads": bads}
    return DIARY.add(access, _entry_values(on, regions, ratings, notes, now), now)


@transaction.atomic
def update_diary_entry(
    access: Access,
    entry_id: int,
    *,
    on: dt.date,
    regions: Iterable[str] = (),
    bfm_movement: Mapping[str, object] | None = None,
    bfm_disability: Mapping[str, object] | None = None,
    bads: Mapping[str, object] | None = None,
    notes: str = "",
    now: dt.datetime,
) -> list[str]:
    """Change a diary entry (the whole entry is given again); returns the fields that changed."""
    entry = DIARY.find(access, entry_id, for_update=True)
    ratings = {"bfm_movement": bfm_movement, "bfm_disability": bfm_disability, "bads": bads}
    return DIARY.change(access, entry, _entry_values(on, regions, ratings, notes, now), now)


@transaction.atomic
def remove_diary_entry(access: Access, entry_id: int, *, now: dt.datetime) -> DiaryEntry:
    """Take a diary entry out of the record."""
    return DIARY.remove(access, entry_id, now)
