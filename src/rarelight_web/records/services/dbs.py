"""Deep brain stimulation: implants and their programming sessions with per-side settings.

Guardians and family record them (EDIT_DIARY); every member reads.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rarelight_web.records.access import Access
from rarelight_web.records.models import AuditEntry, DbsImplant, DbsSession
from rarelight_web.records.roles import Capability

from ._entries import EntryError, EntryKind, requires

DBS_AMPLITUDE = (Decimal(0), Decimal(10))
DBS_PULSE_WIDTH_US = (10, 450)
DBS_FREQUENCY_HZ = (2, 250)


class DbsError(EntryError):
    """A DBS implant or programming session its rules do not allow; `field` names the form field."""


def _implant_label(implant: DbsImplant) -> str:
    device = f", {implant.device}" if implant.device else ""
    return f"DBS {implant.target}{device} (implanted {implant.implanted_on:%Y-%m-%d})"


def _session_label(session: DbsSession) -> str:
    return f"DBS programming on {session.programmed_on:%Y-%m-%d} ({session.implant.target})"


IMPLANTS = EntryKind(
    model=DbsImplant,
    check_writer=requires(Capability.EDIT_DIARY),
    error=DbsError,
    missing=gettext_lazy("There is no such DBS implant in this record."),
    label=_implant_label,
    added=AuditEntry.Action.DBS_IMPLANT_ADDED,
    changed=AuditEntry.Action.DBS_IMPLANT_UPDATED,
    removed=AuditEntry.Action.DBS_IMPLANT_REMOVED,
    fields=("implanted_on", "target", "device", "notes"),
)
_SIDE_FIELDS = tuple(
    f"{side}_{name}"
    for side in ("left", "right")
    for name in ("contacts", "amplitude", "unit", "pulse_width_us", "frequency_hz")
)
SESSIONS = EntryKind(
    model=DbsSession,
    check_writer=requires(Capability.EDIT_DIARY),
    error=DbsError,
    missing=gettext_lazy("There is no such DBS programming session in this record."),
    label=_session_label,
    added=AuditEntry.Action.DBS_SESSION_ADDED,
    changed=AuditEntry.Action.DBS_SESSION_UPDATED,
    removed=AuditEntry.Action.DBS_SESSION_REMOVED,
    fields=("programmed_on", *_SIDE_FIELDS, "notes"),
    record_path="implant__record",
)


def _implant_values(
    implanted_on: dt.date, target: str, device: str, notes: str
) -> dict[str, object]:
    if target not in DbsImplant.Target.values:
        raise DbsError(_("Choose the target: GPi, STN or other."), field="target")
    return {
        "implanted_on": implanted_on,
        "target": target,
        "device": device.strip(),
        "notes": notes.strip(),
    }


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
    IMPLANTS.check_writer(access)
    return IMPLANTS.add(access, _implant_values(implanted_on, target, device, notes), now)


@transaction.atomic
def update_dbs_implant(
    access: Access,
    implant_id: int,
    *,
    implanted_on: dt.date,
    target: str = DbsImplant.Target.GPI,
    device: str = "",
    notes: str = "",
    now: dt.datetime,
) -> list[str]:
    """Change an implant; its sessions may not then predate it. Returns the changed fields."""
    implant = IMPLANTS.find(access, implant_id, for_update=True)
    values = _implant_values(implanted_on, target, device, notes)
    first = implant.sessions.order_by("programmed_on").values_list("programmed_on", flat=True)
    if first and first[0] < implanted_on:
        raise DbsError(
            _("A programming session on %(date)s would come before this implant date.")
            % {"date": f"{first[0]:%Y-%m-%d}"},
            field="implanted_on",
        )
    return IMPLANTS.change(access, implant, values, now)


@transaction.atomic
def remove_dbs_implant(access: Access, implant_id: int, *, now: dt.datetime) -> DbsImplant:
    """Take an implant (and its programming sessions) out of the record."""
    sessions = DbsSession.objects.filter(implant__record=access.record, implant=implant_id).count()
    return IMPLANTS.remove(access, implant_id, now, sessions=sessions)


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


def _session_values(
    implant: DbsImplant,
    programmed_on: dt.date,
    left: dict[str, object] | None,
    right: dict[str, object] | None,
    notes: str,
) -> dict[str, object]:
    if programmed_on < implant.implanted_on:
        raise DbsError(
            _("The session date cannot be before the implant date (%(date)s).")
            % {"date": f"{implant.implanted_on:%Y-%m-%d}"},
            field="programmed_on",
        )
    values = {**_side_values("left", left or {}), **_side_values("right", right or {})}
    if values["left_amplitude"] is None and values["right_amplitude"] is None:
        raise DbsError(_("Give the settings of at least one side (left or right)."))
    return {"programmed_on": programmed_on, **values, "notes": notes.strip()}


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
    implant = IMPLANTS.find(access, implant_id)
    values = _session_values(implant, programmed_on, left, right, notes)
    return SESSIONS.add(access, {"implant": implant, **values}, now)


@transaction.atomic
def update_dbs_session(
    access: Access,
    session_id: int,
    *,
    programmed_on: dt.date,
    left: dict[str, object] | None = None,
    right: dict[str, object] | None = None,
    notes: str = "",
    now: dt.datetime,
) -> list[str]:
    """Change a programming session's date, settings or notes; returns the changed fields."""
    session = SESSIONS.find(access, session_id, for_update=True)
    values = _session_values(session.implant, programmed_on, left, right, notes)
    return SESSIONS.change(access, session, values, now)


@transaction.atomic
def remove_dbs_session(access: Access, session_id: int, *, now: dt.datetime) -> DbsSession:
    """Take a programming session out of the record (for one added by mistake)."""
    return SESSIONS.remove(access, session_id, now)
