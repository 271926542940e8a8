"""The record's page about the registry: what would be shared, consent, and withdrawal."""

from __future__ import annotations

import uuid

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django_countries import countries

from rarelight_web.records import services
from rarelight_web.records.access import record_access
from rarelight_web.records.forms import RecordForm
from rarelight_web.records.roles import Capability
from rarelight_web.registry.services import active_contribution

from ._common import now

CONSENT = gettext_lazy(
    "I am a guardian of this person. I agree that a de-identified copy of this record — sex, year "
    "of birth, country, ages in years and months (at onset, diagnosis, DBS surgery and each "
    "BFMDRS score), the diagnosis, the genetic variants, the features, and the response to "
    "anticholinergic medicines and DBS — joins the Rarelight registry, where researchers can read "
    "it and where it is counted in public statistics that never show fewer than five people. No "
    "name, exact date, note or file is shared. I can withdraw it at any time."
)


class ContributeForm(RecordForm):
    country = forms.ChoiceField(
        label=gettext_lazy("Country where the person lives"),
        choices=lambda: [("", "—"), *((country.code, country.name) for country in countries)],
        error_messages={"required": gettext_lazy("Choose the country.")},
    )
    consented = forms.BooleanField(
        label=CONSENT,
        error_messages={"required": gettext_lazy("Tick the box to agree, or leave this page.")},
    )
    contact_ok = forms.BooleanField(
        label=gettext_lazy(
            "Researchers may ask me, through Rarelight, whether I would take part in a study."
        ),
        required=False,
    )


@require_http_methods(["GET", "POST"])
def registry_page(request: HttpRequest, record_id: uuid.UUID) -> HttpResponseBase:
    """Share (with consent) or withdraw the record's snapshot; guardians only."""
    access = record_access(request.user, record_id, Capability.EXPORT)
    contribution = active_contribution(access.record)
    form = ContributeForm(request.POST if request.method == "POST" else None)
    error = ""
    if request.method == "POST":
        try:
            if request.POST.get("action") == "withdraw":
                services.withdraw_from_registry(access, now=now())
                messages.success(request, _("The record was withdrawn from the registry."))
                return redirect("records:registry", record_id=access.record.pk)
            if form.is_valid():
                services.contribute_to_registry(
                    access,
                    country=form.cleaned_data["country"],
                    consent_text=str(CONSENT),
                    consented=form.cleaned_data["consented"],
                    contact_ok=form.cleaned_data["contact_ok"],
                    now=now(),
                )
                messages.success(
                    request, _("Thank you. The de-identified record is in the registry.")
                )
                return redirect("records:registry", record_id=access.record.pk)
        except services.ContributionError as refused:
            error = str(refused)
    context = {"access": access, "form": form, "contribution": contribution, "error": error}
    return render(request, "records/registry.html", context)
