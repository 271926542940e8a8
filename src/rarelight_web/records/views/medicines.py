"""Medicine pages: current and past, adding, changing (or stopping), removing."""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from rarelight_web.records import medicines, services
from rarelight_web.records.access import Access, record_access
from rarelight_web.records.forms import MedicineForm
from rarelight_web.records.roles import Capability

from ._common import confirm_remove, entry_form, not_there, now

_MISSING = gettext_lazy("There is no such medicine in this record.")


def _done(access: Access) -> str:
    return reverse("records:medicines", args=[access.record.pk])


@require_http_methods(["GET"])
def medicine_list(request: HttpRequest, record_id: uuid.UUID) -> HttpResponse:
    """Current medicines (not stopped, or stopping after today), then past ones."""
    access = record_access(request.user, record_id, Capability.VIEW)
    current = now()
    services.note_viewed(access, now=current, what="medicines")
    taking, past = medicines.split_current(access.record.medicines.all(), current)
    context = {"access": access, "record": access.record, "current": taking, "past": past}
    return render(request, "records/medicines.html", context)


@require_http_methods(["GET", "POST"])
def medicine_add(request: HttpRequest, record_id: uuid.UUID) -> HttpResponseBase:
    """Add a medicine (guardians and family)."""
    access = record_access(request.user, record_id, Capability.EDIT_DIARY)
    form = MedicineForm(request.POST or None)
    return entry_form(
        request,
        access,
        form,
        save=lambda: services.add_medicine(access, **form.cleaned_data, now=now()),
        template="records/medicine_form.html",
        done=_done(access),
        success=_("Medicine added."),
    )


@require_http_methods(["GET", "POST"])
def medicine_edit(request: HttpRequest, record_id: uuid.UUID, medicine_id: int) -> HttpResponseBase:
    """Change a medicine, or stop it by giving the date it was stopped."""
    access = record_access(request.user, record_id, Capability.EDIT_DIARY)
    medicine = access.record.medicines.filter(pk=medicine_id).first()
    if medicine is None:
        return not_there(request, str(_MISSING), _done(access))
    form = MedicineForm(request.POST or None, instance=medicine)
    return entry_form(
        request,
        access,
        form,
        save=lambda: services.update_medicine(access, medicine_id, **form.cleaned_data, now=now()),
        template="records/medicine_form.html",
        done=_done(access),
        success=_("Medicine saved."),
        medicine=medicine,
    )


@require_http_methods(["GET", "POST"])
def medicine_remove(
    request: HttpRequest, record_id: uuid.UUID, medicine_id: int
) -> HttpResponseBase:
    """Confirm, then take a medicine out of the record."""
    access = record_access(request.user, record_id, Capability.EDIT_DIARY)
    medicine = access.record.medicines.filter(pk=medicine_id).first()
    if medicine is None:
        return not_there(request, str(_MISSING), _done(access))
    return confirm_remove(
        request,
        access,
        remove=lambda: services.remove_medicine(access, medicine_id, now=now()),
        template="records/medicine_remove.html",
        done=_done(access),
        success=_("Medicine removed."),
        medicine=medicine,
    )
