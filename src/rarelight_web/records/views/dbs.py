"""Deep brain stimulation pages: implants and programming sessions, each added, changed, removed."""

from __future__ import annotations

import uuid
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from rarelight_web.records import services
from rarelight_web.records.access import Access, record_access
from rarelight_web.records.forms import DbsImplantForm, DbsSessionForm
from rarelight_web.records.models import DbsImplant, DbsSession
from rarelight_web.records.roles import Capability

from ._common import confirm_remove, entry_form, not_there, now

_NO_IMPLANT = gettext_lazy("There is no such DBS implant in this record.")
_NO_SESSION = gettext_lazy("There is no such DBS programming session in this record.")


def _done(access: Access) -> str:
    return reverse("records:dbs", args=[access.record.pk])


def _implant(access: Access, implant_id: int) -> DbsImplant | None:
    return access.record.dbs_implants.filter(pk=implant_id).first()


def _session(access: Access, session_id: int) -> DbsSession | None:
    return (
        DbsSession.objects.select_related("implant")
        .filter(implant__record=access.record, pk=session_id)
        .first()
    )


@require_http_methods(["GET"])
def dbs_list(request: HttpRequest, record_id: uuid.UUID) -> HttpResponse:
    """DBS implants with their programming sessions, newest first."""
    access = record_access(request.user, record_id, Capability.VIEW)
    services.note_viewed(access, now=now(), what="dbs")
    implants = access.record.dbs_implants.prefetch_related("sessions")
    context = {"access": access, "record": access.record, "implants": implants}
    return render(request, "records/dbs.html", context)


@require_http_methods(["GET", "POST"])
def dbs_implant_add(request: HttpRequest, record_id: uuid.UUID) -> HttpResponseBase:
    """Add a DBS implant (guardians and family)."""
    access = record_access(request.user, record_id, Capability.EDIT_DIARY)
    form = DbsImplantForm(request.POST or None)
    return entry_form(
        request,
        access,
        form,
        save=lambda: services.add_dbs_implant(access, **form.cleaned_data, now=now()),
        template="records/dbs_implant_form.html",
        done=_done(access),
        success=_("DBS implant added."),
    )


@require_http_methods(["GET", "POST"])
def dbs_implant_edit(
    request: HttpRequest, record_id: uuid.UUID, implant_id: int
) -> HttpResponseBase:
    """Change an implant's date, target, device or notes."""
    access = record_access(request.user, record_id, Capability.EDIT_DIARY)
    implant = _implant(access, implant_id)
    if implant is None:
        return not_there(request, str(_NO_IMPLANT), _done(access))
    form = DbsImplantForm(request.POST or None, instance=implant)
    return entry_form(
        request,
        access,
        form,
        save=lambda: services.update_dbs_implant(
            access, implant_id, **form.cleaned_data, now=now()
        ),
        template="records/dbs_implant_form.html",
        done=_done(access),
        success=_("DBS implant saved."),
        implant=implant,
    )


@require_http_methods(["GET", "POST"])
def dbs_implant_remove(
    request: HttpRequest, record_id: uuid.UUID, implant_id: int
) -> HttpResponseBase:
    """Confirm, then take an implant and its programming sessions out of the record."""
    access = record_access(request.user, record_id, Capability.EDIT_DIARY)
    implant = _implant(access, implant_id)
    if implant is None:
        return not_there(request, str(_NO_IMPLANT), _done(access))
    return confirm_remove(
        request,
        access,
        remove=lambda: services.remove_dbs_implant(access, implant_id, now=now()),
        template="records/dbs_implant_remove.html",
        done=_done(access),
        success=_("DBS implant removed."),
        implant=implant,
        sessions=implant.sessions.count(),
    )


def _session_values(form: DbsSessionForm) -> dict[str, Any]:
    """The form's session as the services take it: date, each side's settings, notes."""
    return {
        "programmed_on": form.cleaned_data["programmed_on"],
        "left": form.side("left"),
        "right": form.side("right"),
        "notes": form.cleaned_data["notes"],
    }


@require_http_methods(["GET", "POST"])
def dbs_session_add(
    request: HttpRequest, record_id: uuid.UUID, implant_id: int
) -> HttpResponseBase:
    """Add a programming session to an implant (guardians and family)."""
    access = record_access(request.user, record_id, Capability.EDIT_DIARY)
    implant = _implant(access, implant_id)
    if implant is None:
        return not_there(request, str(_NO_IMPLANT), _done(access))
    form = DbsSessionForm(request.POST or None)
    return entry_form(
        request,
        access,
        form,
        save=lambda: services.add_dbs_session(
            access, implant_id, **_session_values(form), now=now()
        ),
        template="records/dbs_session_form.html",
        done=_done(access),
        success=_("Programming session added."),
        implant=implant,
    )


@require_http_methods(["GET", "POST"])
def dbs_session_edit(
    request: HttpRequest, record_id: uuid.UUID, session_id: int
) -> HttpResponseBase:
    """Change a programming session's date, settings or notes."""
    access = record_access(request.user, record_id, Capability.EDIT_DIARY)
    session = _session(access, session_id)
    if session is None:
        return not_there(request, str(_NO_SESSION), _done(access))
    form = DbsSessionForm(request.POST or None, instance=session)
    return entry_form(
        request,
        access,
        form,
        save=lambda: services.update_dbs_session(
            access, session_id, **_session_values(form), now=now()
        ),
        template="records/dbs_session_form.html",
        done=_done(access),
        success=_("Programming session saved."),
        implant=session.implant,
        session=session,
    )


@require_http_methods(["GET", "POST"])
def dbs_session_remove(
    request: HttpRequest, record_id: uuid.UUID, session_id: int
) -> HttpResponseBase:
    """Confirm, then take a programming session out of the record."""
    access = record_access(request.user, record_id, Capability.EDIT_DIARY)
    session = _session(access, session_id)
    if session is None:
        return not_there(request, str(_NO_SESSION), _done(access))
    return confirm_remove(
        request,
        access,
        remove=lambda: services.remove_dbs_session(access, session_id, now=now()),
        template="records/dbs_session_remove.html",
        done=_done(access),
        success=_("Programming session removed."),
        session=session,
    )
