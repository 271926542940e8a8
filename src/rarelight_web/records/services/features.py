"""Clinical features as HPO terms: observed or checked-and-absent, with when first noticed.

Guardians and family (EDIT_PROFILE) and clinicians (ADD_CLINICAL) write them. Ids are resolved
against the HPO release the app loaded: an alternative or obsolete id is stored as its current
term, and the caller gets the notice to show.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rarelight.errors import InputError, NotFound
from rarelight_web.records.access import Access
from rarelight_web.records.models import AuditEntry, Feature
from rarelight_web.records.roles import CLINICAL_WRITERS

from ._entries import EntryError, EntryKind, requires


class FeatureError(EntryError):
    """A feature its rules do not allow; `field` names the form field."""


def _feature_label(feature: Feature) -> str:
    state = "absent: " if feature.excluded else ""
    return f"{state}{feature.label} ({feature.hpo_id})"


FEATURES = EntryKind(
    model=Feature,
    check_writer=requires(*CLINICAL_WRITERS),
    error=FeatureError,
    missing=gettext_lazy("There is no such feature in this record."),
    label=_feature_label,
    added=AuditEntry.Action.FEATURE_ADDED,
    changed=AuditEntry.Action.FEATURE_UPDATED,
    removed=AuditEntry.Action.FEATURE_REMOVED,
    fields=("excluded", "noticed_on", "notes"),
)


def resolve_term(hpo_id: str) -> tuple[str, str, str | None]:
    """(current id, label, notice or None) for an HPO id, or FeatureError naming `hpo_id`."""
    from rarelight_web.knowledge import catalogue  # loads the HPO release on first use

    try:
        resolved = catalogue().release.ontology.resolve(hpo_id)
    except (InputError, NotFound) as error:
        raise FeatureError(str(error), field="hpo_id") from None
    return resolved.term.id, resolved.term.label, resolved.notice


def _checked(noticed_on: dt.date | None, notes: str, now: dt.datetime) -> dict[str, object]:
    if noticed_on is not None and noticed_on > now.date():
        raise FeatureError(_("The date first noticed cannot be in the future."), "noticed_on")
    return {"noticed_on": noticed_on, "notes": notes.strip()}


@transaction.atomic
def add_feature(
    access: Access,
    *,
    hpo_id: str,
    excluded: bool = False,
    noticed_on: dt.date | None = None,
    notes: str = "",
    now: dt.datetime,
) -> tuple[Feature, str | None]:
    """Add a feature by HPO id; returns it with the notice if the id was replaced."""
    FEATURES.check_writer(access)
    current, label, notice = resolve_term(hpo_id)
    if access.record.features.filter(hpo_id=current).exists():
        raise FeatureError(
            _("%(label)s is already in the record: change it there.") % {"label": label},
            field="hpo_id",
        )
    values = {"hpo_id": current, "label": label, "excluded": excluded}
    values |= _checked(noticed_on, notes, now)
    return FEATURES.add(access, values, now), notice


@transaction.atomic
def update_feature(
    access: Access,
    feature_id: int,
    *,
    excluded: bool = False,
    noticed_on: dt.date | None = None,
    notes: str = "",
    now: dt.datetime,
) -> list[str]:
    """Change whether a feature is present, when it was first noticed, or its notes."""
    feature = FEATURES.find(access, feature_id, for_update=True)
    values = {"excluded": excluded, **_checked(noticed_on, notes, now)}
    return FEATURES.change(access, feature, values, now)


@transaction.atomic
def remove_feature(access: Access, feature_id: int, *, now: dt.datetime) -> Feature:
    """Take a feature out of the record."""
    return FEATURES.remove(access, feature_id, now)
