"""Medicines: current and past, with dose, schedule, response and side effects."""

from __future__ import annotations

import datetime as dt
from typing import NotRequired, TypedDict, Unpack

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rarelight_web.records.access import Access
from rarelight_web.records.models import AuditEntry, Medicine
from rarelight_web.records.roles import Capability

from ._entries import EntryError, EntryKind, requires


class MedicineError(EntryError):
    """A medicine its rules do not allow; the message says why and `field` names the form field."""


def _medicine_label(medicine: Medicine) -> str:
    dose = f" {medicine.dose}" if medicine.dose else ""
    return f"{medicine.name}{dose} (from {medicine.started_on:%Y-%m-%d})"


MEDICINES = EntryKind(
    model=Medicine,
    check_writer=requires(Capability.EDIT_DIARY),
    error=MedicineError,
    missing=gettext_lazy("There is no such medicine in this record."),
    label=_medicine_label,
    added=AuditEntry.Action.MEDICINE_ADDED,
    changed=AuditEntry.Action.MEDICINE_UPDATED,
    removed=AuditEntry.Action.MEDICINE_REMOVED,
    fields=(
        "name",
        "dose",
        "schedule",
        "started_on",
        "stopped_on",
        "reason",
        "response",
        "side_effects",
        "notes",
    ),
)


class MedicineFields(TypedDict):
    name: str
    started_on: dt.date
    dose: NotRequired[str]
    schedule: NotRequired[str]
    stopped_on: NotRequired[dt.date | None]
    reason: NotRequired[str]
    response: NotRequired[str]
    side_effects: NotRequired[str]
    notes: NotRequired[str]


def _medicine_values(fields: MedicineFields) -> dict[str, object]:
    """The fields as stored (trimmed), or MedicineError if they break a rule."""
    name, started_on = fields["name"], fields["started_on"]
    stopped_on = fields.get("stopped_on")
    response = fields.get("response", Medicine.Response.UNKNOWN)
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
        "dose": fields.get("dose", "").strip(),
        "schedule": fields.get("schedule", "").strip(),
        "started_on": started_on,
        "stopped_on": stopped_on,
        "reason": fields.get("reason", "").strip(),
        "response": response,
        "side_effects": fields.get("side_effects", "").strip(),
        "notes": fields.get("notes", "").strip(),
    }


@transaction.atomic
def add_medicine(access: Access, *, now: dt.datetime, **fields: Unpack[MedicineFields]) -> Medicine:
    """Add a medicine: name, started_on, dose, schedule, stopped_on, reason, response,
    side_effects, notes (guardians and family)."""
    MEDICINES.check_writer(access)
    return MEDICINES.add(access, _medicine_values(fields), now)


@transaction.atomic
def update_medicine(
    access: Access, medicine_id: int, *, now: dt.datetime, **fields: Unpack[MedicineFields]
) -> list[str]:
    """Change a medicine (giving a stop date stops it); returns the fields that changed (audited:
    "stopped" when a stop date is given for the first time, else "changed")."""
    medicine = MEDICINES.find(access, medicine_id, for_update=True)
    values = _medicine_values(fields)
    newly_stopped = medicine.stopped_on is None and values["stopped_on"] is not None
    action = AuditEntry.Action.MEDICINE_STOPPED if newly_stopped else None
    return MEDICINES.change(access, medicine, values, now, action=action)


@transaction.atomic
def remove_medicine(access: Access, medicine_id: int, *, now: dt.datetime) -> Medicine:
    """Take a medicine out of the record (for one added by mistake; stopping keeps its history)."""
    return MEDICINES.remove(access, medicine_id, now)
