"""The record itself: the list of one's records, creating one, its overview and details, the audit log."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from rarelight_web.catalog.models import Disease
from rarelight_web.records import services
from rarelight_web.records.access import record_access
from rarelight_web.records.forms import CareRecordForm, InviteForm
from rarelight_web.records.models import AuditEntry, Membership
from rarelight_web.records.roles import Capability

from ._common import now, signed_in
from .circle import invitation_link

AUDIT_PAGE_SIZE = 100


def _record_form_context(form: CareRecordForm) -> dict[str, object]:
    return {"form": form, "curated": Disease.objects.filter(curated=True).order_by("name")}


@login_required
def record_list(request: HttpRequest) -> HttpResponse:
    """The records the signed-in person is in the circle of, with their role in each."""
    memberships = (
        Membership.objects.filter(user=signed_in(request))
        .select_related("record", "record__diagnosis")
        .order_by("record__display_name", "record_id")
    )
    return render(request, "records/list.html", {"memberships": memberships})


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponseBase:
    """A new care record; its creator becomes its first guardian."""
    current = now()
    form = CareRecordForm(request.POST or None, today=current.date())
    if request.method == "POST" and form.is_valid():
        record = services.create_record(
            signed_in(request),
            display_name=form.cleaned_data["display_name"],
            date_of_birth=form.cleaned_data["date_of_birth"],
            sex=form.cleaned_data["sex"],
            diagnosis=form.cleaned_data["diagnosis_id"],
            now=current,
        )
        messages.success(request, _("Care record created. You are its guardian."))
        return redirect("records:overview", record_id=record.pk)
    return render(request, "records/form.html", _record_form_context(form))


@require_http_methods(["GET"])
def overview(request: HttpRequest, record_id: uuid.UUID) -> HttpResponse:
    """The record, its care circle, and (for guardians) invitations."""
    access = record_access(request.user, record_id, Capability.VIEW)
    current = now()
    services.note_viewed(access, now=current)
    context: dict[str, object] = {
        "access": access,
        "record": access.record,
        "members": access.record.memberships.select_related("user").order_by("joined_at", "id"),
    }
    if access.can(Capability.MANAGE_CIRCLE):
        pending = access.record.invitations.filter(
            accepted_at=None, revoked_at=None, expires_at__gt=current
        ).order_by("created_at", "id")
        context["invite_form"] = InviteForm()
        context["pending"] = [(i, invitation_link(request, i)) for i in pending]
    return render(request, "records/overview.html", context)


@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, record_id: uuid.UUID) -> HttpResponseBase:
    """Change the record's details (guardians and family)."""
    access = record_access(request.user, record_id, Capability.EDIT_PROFILE)
    current = now()
    form = CareRecordForm(request.POST or None, instance=access.record, today=current.date())
    if request.method == "POST" and form.is_valid():
        services.update_record(
            access,
            display_name=form.cleaned_data["display_name"],
            date_of_birth=form.cleaned_data["date_of_birth"],
            sex=form.cleaned_data["sex"],
            diagnosis=form.cleaned_data["diagnosis_id"],
            now=current,
        )
        messages.success(request, _("Details saved."))
        return redirect("records:overview", record_id=access.record.pk)
    return render(request, "records/form.html", {**_record_form_context(form), "access": access})


@require_http_methods(["GET"])
def audit_log(request: HttpRequest, record_id: uuid.UUID) -> HttpResponse:
    """Who viewed or changed what, newest first (guardians)."""
    access = record_access(request.user, record_id, Capability.READ_AUDIT)
    services.note_viewed(access, now=now(), what="audit log")
    entries = AuditEntry.objects.filter(record=access.record).order_by("-at", "-id")
    page = Paginator(entries, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "records/audit.html", {"access": access, "page": page})
