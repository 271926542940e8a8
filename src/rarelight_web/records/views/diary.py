"""Diary pages: entries with regions, BFMDRS (movement, disability) and Barry–Albright scores."""

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
from rarelight_web.records.forms import DiaryEntryForm
from rarelight_web.records.roles import DIARY_WRITERS, Capability

from ._common import confirm_remove, entry_form, not_there, now

_MISSING = gettext_lazy("There is no such diary entry in this record.")


def _done(access: Access) -> str:
    return reverse("records:diary", args=[access.record.pk])


def _entry_values(form: DiaryEntryForm) -> dict[str, Any]:
    return {
        "on": form.cleaned_data["on"],
        "regions": form.cleaned_data["regions"],
        "bfm_movement": form.bfm_movement(),
        "bfm_disability": form.bfm_disability(),
        "bads": form.bads(),
        "notes": form.cleaned_data["notes"],
    }


@require_http_methods(["GET"])
def diary_list(request: HttpRequest, record_id: uuid.UUID) -> HttpResponse:
    """Diary entries, newest first: date, affected regions, scale totals, notes."""
    access = record_access(request.user, record_id, Capability.VIEW)
    services.note_viewed(access, now=now(), what="diary")
    context = {
        "access": access,
        "record": access.record,
        "entries": access.record.diary.all(),
        "may_write": access.can_any(*DIARY_WRITERS),
    }
    return render(request, "records/diary.html", context)


@require_http_methods(["GET", "POST"])
def diary_add(request: HttpRequest, record_id: uuid.UUID) -> HttpResponseBase:
    """Add a diary entry (guardians, family and clinicians), with optional ratings."""
    access = record_access(request.user, record_id, *DIARY_WRITERS)
    form = DiaryEntryForm(request.POST or None)
    return entry_form(
        request,
        access,
        form,
        save=lambda: services.add_diary_entry(access, **_entry_values(form), now=now()),
        template="records/diary_form.html",
        done=_done(access),
        success=_("Diary entry added."),
    )


@require_http_methods(["GET", "POST"])
def diary_edit(request: HttpRequest, record_id: uuid.UUID, entry_id: int) -> HttpResponseBase:
    """Change a diary entry: its date, regions, ratings or notes."""
    access = record_access(request.user, record_id, *DIARY_WRITERS)
    entry = access.record.diary.filter(pk=entry_id).first()
    if entry is None:
        return not_there(request, str(_MISSING), _done(access))
    form = DiaryEntryForm(request.POST or None, initial=DiaryEntryForm.initial_from(entry))
    return entry_form(
        request,
        access,
        form,
        save=lambda: services.update_diary_entry(
            access, entry_id, **_entry_values(form), now=now()
        ),
        template="records/diary_form.html",
        done=_done(access),
        success=_("Diary entry saved."),
        entry=entry,
    )


@require_http_methods(["GET", "POST"])
def diary_remove(request: HttpRequest, record_id: uuid.UUID, entry_id: int) -> HttpResponseBase:
    """Confirm, then take a diary entry out of the record."""
    access = record_access(request.user, record_id, *DIARY_WRITERS)
    entry = access.record.diary.filter(pk=entry_id).first()
    if entry is None:
        return not_there(request, str(_MISSING), _done(access))
    return confirm_remove(
        request,
        access,
        remove=lambda: services.remove_diary_entry(access, entry_id, now=now()),
        template="records/diary_remove.html",
        done=_done(access),
        success=_("Diary entry removed."),
        entry=entry,
    )
