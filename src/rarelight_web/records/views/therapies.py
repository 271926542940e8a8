"""Therapies and milestones pages: one list, each kind added, changed and removed."""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from rarelight_web.records import services
from rarelight_web.records.access import Access, record_access
from rarelight_web.records.forms import MilestoneForm, TherapyForm
from rarelight_web.records.roles import DIARY_WRITERS, Capability

from ._common import confirm_remove, entry_form, not_there, now

_NO_THERAPY = gettext_lazy("There is no such therapy in this record.")
_NO_MILESTONE = gettext_lazy("There is no such milestone in this record.")


def _done(access: Access, part: str = "") -> str:
    return reverse("records:therapies", args=[access.record.pk]) + part


@require_http_methods(["GET"])
def therapy_list(request: HttpRequest, record_id: uuid.UUID) -> HttpResponse:
    """Current and past therapies, then milestones, newest first."""
    access = record_access(request.user, record_id, Capability.VIEW)
    services.note_viewed(access, now=now(), what="therapies and milestones")
    today = now().date()
    therapies = list(access.record.therapies.all())
    context = {
        "access": access,
        "record": access.record,
        "current": [t for t in therapies if t.ended_on is None or t.ended_on >= today],
        "past": [t for t in therapies if t.ended_on is not None and t.ended_on < today],
        "milestones": access.record.milestones.all(),
        "may_write": access.can_any(*DIARY_WRITERS),
    }
    return render(request, "records/therapies.html", context)


@require_http_methods(["GET", "POST"])
def therapy_add(request: HttpRequest, record_id: uuid.UUID) -> HttpResponseBase:
    access = record_access(request.user, record_id, *DIARY_WRITERS)
    form = TherapyForm(request.POST or None)
    return entry_form(
        request,
        access,
        form,
        save=lambda: services.add_therapy(access, **form.cleaned_data, now=now()),
        template="records/entry_form.html",
        done=_done(access),
        success=_("Therapy added."),
        heading=_("Add a therapy"),
        back=_done(access),
    )


@require_http_methods(["GET", "POST"])
def therapy_edit(request: HttpRequest, record_id: uuid.UUID, therapy_id: int) -> HttpResponseBase:
    access = record_access(request.user, record_id, *DIARY_WRITERS)
    therapy = access.record.therapies.filter(pk=therapy_id).first()
    if therapy is None:
        return not_there(request, str(_NO_THERAPY), _done(access))
    form = TherapyForm(request.POST or None, instance=therapy)
    return entry_form(
        request,
        access,
        form,
        save=lambda: services.update_therapy(access, therapy_id, **form.cleaned_data, now=now()),
        template="records/entry_form.html",
        done=_done(access),
        success=_("Therapy saved."),
        heading=_("Change a therapy"),
        back=_done(access),
    )


@require_http_methods(["GET", "POST"])
def therapy_remove(request: HttpRequest, record_id: uuid.UUID, therapy_id: int) -> HttpResponseBase:
    access = record_access(request.user, record_id, *DIARY_WRITERS)
    therapy = access.record.therapies.filter(pk=therapy_id).first()
    if therapy is None:
        return not_there(request, str(_NO_THERAPY), _done(access))
    return confirm_remove(
        request,
        access,
        remove=lambda: services.remove_therapy(access, therapy_id, now=now()),
        template="records/confirm_remove.html",
        done=_done(access),
        success=_("Therapy removed."),
        what=str(therapy),
        back=_done(access),
    )


@require_http_methods(["GET", "POST"])
def milestone_add(request: HttpRequest, record_id: uuid.UUID) -> HttpResponseBase:
    access = record_access(request.user, record_id, *DIARY_WRITERS)
    form = MilestoneForm(request.POST or None)
    return entry_form(
        request,
        access,
        form,
        save=lambda: services.add_milestone(access, **form.cleaned_data, now=now()),
        template="records/entry_form.html",
        done=_done(access, "#milestones"),
        success=_("Milestone added."),
        heading=_("Add a milestone"),
        back=_done(access, "#milestones"),
    )


@require_http_methods(["GET", "POST"])
def milestone_edit(
    request: HttpRequest, record_id: uuid.UUID, milestone_id: int
) -> HttpResponseBase:
    access = record_access(request.user, record_id, *DIARY_WRITERS)
    milestone = access.record.milestones.filter(pk=milestone_id).first()
    if milestone is None:
        return not_there(request, str(_NO_MILESTONE), _done(access))
    form = MilestoneForm(request.POST or None, instance=milestone)
    return entry_form(
        request,
        access,
        form,
        save=lambda: services.update_milestone(
            access, milestone_id, **form.cleaned_data, now=now()
        ),
        template="records/entry_form.html",
        done=_done(access, "#milestones"),
        success=_("Milestone saved."),
        heading=_("Change a milestone"),
        back=_done(access, "#milestones"),
    )


@require_http_methods(["GET", "POST"])
def milestone_remove(
    request: HttpRequest, record_id: uuid.UUID, milestone_id: int
) -> HttpResponseBase:
    access = record_access(request.user, record_id, *DIARY_WRITERS)
    milestone = access.record.milestones.filter(pk=milestone_id).first()
    if milestone is None:
        return not_there(request, str(_NO_MILESTONE), _done(access))
    return confirm_remove(
        request,
        access,
        remove=lambda: services.remove_milestone(access, milestone_id, now=now()),
        template="records/confirm_remove.html",
        done=_done(access, "#milestones"),
        success=_("Milestone removed."),
        what=str(milestone),
        back=_done(access, "#milestones"),
    )
