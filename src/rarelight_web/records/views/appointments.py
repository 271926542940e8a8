"""Appointment pages: upcoming and past, adding, changing, removing, and the .ics feed."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from rarelight_web.records import appointments, services
from rarelight_web.records.access import Access, record_access
from rarelight_web.records.forms import AppointmentForm
from rarelight_web.records.roles import Capability

from ._common import confirm_remove, entry_form, not_there, now

_MISSING = gettext_lazy("There is no such appointment in this record.")


def _done(access: Access) -> str:
    return reverse("records:appointments", args=[access.record.pk])


@require_http_methods(["GET"])
def appointment_list(request: HttpRequest, record_id: uuid.UUID) -> HttpResponse:
    """Upcoming appointments (soonest first), then past ones (most recent first)."""
    access = record_access(request.user, record_id, Capability.VIEW)
    current = now()
    services.note_viewed(access, now=current, what="appointments")
    rows = access.record.appointments.select_related("team_member")
    upcoming, past = appointments.split_upcoming(rows, current)
    context = {"access": access, "record": access.record, "upcoming": upcoming, "past": past}
    return render(request, "records/appointments.html", context)


@require_http_methods(["GET", "POST"])
def appointment_add(request: HttpRequest, record_id: uuid.UUID) -> HttpResponseBase:
    """Add an appointment (guardians and family)."""
    access = record_access(request.user, record_id, Capability.EDIT_DIARY)
    form = AppointmentForm(request.POST or None, record=access.record)
    return entry_form(
        request,
        access,
        form,
        save=lambda: services.add_appointment(access, **form.cleaned_data, now=now()),
        template="records/appointment_form.html",
        done=_done(access),
        success=_("Appointment added."),
    )


@require_http_methods(["GET", "POST"])
def appointment_edit(
    request: HttpRequest, record_id: uuid.UUID, appointment_id: int
) -> HttpResponseBase:
    """Change an appointment."""
    access = record_access(request.user, record_id, Capability.EDIT_DIARY)
    appointment = access.record.appointments.filter(pk=appointment_id).first()
    if appointment is None:
        return not_there(request, str(_MISSING), _done(access))
    form = AppointmentForm(request.POST or None, instance=appointment, record=access.record)
    return entry_form(
        request,
        access,
        form,
        save=lambda: services.update_appointment(
            access, appointment_id, **form.cleaned_data, now=now()
        ),
        template="records/appointment_form.html",
        done=_done(access),
        success=_("Appointment saved."),
        appointment=appointment,
    )


@require_http_methods(["GET", "POST"])
def appointment_remove(
    request: HttpRequest, record_id: uuid.UUID, appointment_id: int
) -> HttpResponseBase:
    """Confirm, then take an appointment out of the record."""
    access = record_access(request.user, record_id, Capability.EDIT_DIARY)
    appointment = access.record.appointments.filter(pk=appointment_id).first()
    if appointment is None:
        return not_there(request, str(_MISSING), _done(access))
    return confirm_remove(
        request,
        access,
        remove=lambda: services.remove_appointment(access, appointment_id, now=now()),
        template="records/appointment_remove.html",
        done=_done(access),
        success=_("Appointment removed."),
        appointment=appointment,
    )


@require_POST
def calendar_link(request: HttpRequest, record_id: uuid.UUID) -> HttpResponse:
    """Make (or stop) the member's private calendar link; a new link is shown once."""
    access = record_access(request.user, record_id, Capability.VIEW)
    current = now()
    if request.POST.get("action") == "stop":
        services.stop_calendar_key(access, now=current)
        messages.success(request, _("Your private calendar link no longer works."))
        return redirect(_done(access) + "#calendar")
    key = services.new_calendar_key(access, now=current)
    link = request.build_absolute_uri(reverse("records:calendar_feed", args=[key]))
    return render(request, "records/calendar_link.html", {"access": access, "link": link})


@require_http_methods(["GET"])
def calendar_feed(request: HttpRequest, key: str) -> HttpResponse:
    """The appointments for a calendar app that holds a member's private link (no sign-in).

    Calendar apps fetch every few minutes, so fetches are not written to the audit log one by
    one: making and stopping the link are, and the link means "this member's calendar reads the
    appointments" until it is stopped.
    """
    membership = services.membership_for_calendar_key(key)
    if membership is None:
        raise Http404("This calendar link does not work (any more).")
    current = now()
    rows = membership.record.appointments.order_by("starts_at", "id")
    response = HttpResponse(
        appointments.ics_feed(rows, now=current), content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_http_methods(["GET"])
def appointment_calendar(request: HttpRequest, record_id: uuid.UUID) -> HttpResponse:
    """The appointments as an iCalendar file (members; no name or diagnosis in it)."""
    access = record_access(request.user, record_id, Capability.VIEW)
    current = now()
    services.note_viewed(access, now=current, what="appointments calendar")
    rows = access.record.appointments.order_by("starts_at", "id")
    response = HttpResponse(
        appointments.ics_feed(rows, now=current), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="appointments.ics"'
    response["Cache-Control"] = "private, no-store"
    return response
