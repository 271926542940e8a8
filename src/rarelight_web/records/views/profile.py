"""What the record knows about the condition: genetic variants, HPO-coded features, reports, and
the allergies and emergency notes the care passport leads with."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from rarelight_web.knowledge import term_index
from rarelight_web.records import services
from rarelight_web.records.access import Access, record_access
from rarelight_web.records.forms import (
    CareNotesForm,
    FeatureChangeForm,
    FeatureForm,
    GeneticVariantForm,
    ReportForm,
)
from rarelight_web.records.models import Feature
from rarelight_web.records.roles import CLINICAL_WRITERS, Capability
from rarelight_web.upload_limits import refused_for_size

from ._common import confirm_remove, entry_form, not_there, now

_NO_VARIANT = gettext_lazy("There is no such genetic variant in this record.")
_NO_FEATURE = gettext_lazy("There is no such feature in this record.")
_NO_REPORT = gettext_lazy("There is no such report in this record.")
SUGGESTIONS = 12


def _done(access: Access, part: str = "") -> str:
    return reverse("records:condition", args=[access.record.pk]) + part


@require_http_methods(["GET"])
def condition(request: HttpRequest, record_id: uuid.UUID) -> HttpResponse:
    """Diagnosis, genetic result, features (observed, then checked and absent) and reports."""
    access = record_access(request.user, record_id, Capability.VIEW)
    services.note_viewed(access, now=now(), what="condition")
    features = list(access.record.features.all())
    context = {
        "access": access,
        "record": access.record,
        "variants": access.record.variants.all(),
        "observed": [f for f in features if not f.excluded],
        "excluded": [f for f in features if f.excluded],
        "reports": access.record.reports.all(),
        "may_write": access.can_any(*CLINICAL_WRITERS),
    }
    return render(request, "records/condition.html", context)


@require_http_methods(["GET", "POST"])
def care_notes_edit(request: HttpRequest, record_id: uuid.UUID) -> HttpResponseBase:
    """Change the allergies and emergency notes (guardians and family)."""
    access = record_access(request.user, record_id, Capability.EDIT_PROFILE)
    form = CareNotesForm(request.POST or None, instance=access.record)
    return entry_form(
        request,
        access,
        form,
        save=lambda: services.update_care_notes(access, **form.cleaned_data, now=now()),
        template="records/care_notes_form.html",
        done=reverse("records:overview", args=[access.record.pk]) + "#care-notes",
        success=_("Allergies and emergency notes saved."),
    )


# Genetic variants ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def variant_add(request: HttpRequest, record_id: uuid.UUID) -> HttpResponseBase:
    access = record_access(request.user, record_id, *CLINICAL_WRITERS)
    form = GeneticVariantForm(request.POST or None)
    return entry_form(
        request,
        access,
        form,
        save=lambda: services.add_variant(access, **form.cleaned_data, now=now()),
        template="records/variant_form.html",
        done=_done(access, "#genetics"),
        success=_("Genetic variant added."),
    )


@require_http_methods(["GET", "POST"])
def variant_edit(request: HttpRequest, record_id: uuid.UUID, variant_id: int) -> HttpResponseBase:
    access = record_access(request.user, record_id, *CLINICAL_WRITERS)
    variant = access.record.variants.filter(pk=variant_id).first()
    if variant is None:
        return not_there(request, str(_NO_VARIANT), _done(access))
    form = GeneticVariantForm(request.POST or None, instance=variant)
    return entry_form(
        request,
        access,
        form,
        save=lambda: services.update_variant(access, variant_id, **form.cleaned_data, now=now()),
        template="records/variant_form.html",
        done=_done(access, "#genetics"),
        success=_("Genetic variant saved."),
        variant=variant,
    )


@require_http_methods(["GET", "POST"])
def variant_remove(request: HttpRequest, record_id: uuid.UUID, variant_id: int) -> HttpResponseBase:
    access = record_access(request.user, record_id, *CLINICAL_WRITERS)
    variant = access.record.variants.filter(pk=variant_id).first()
    if variant is None:
        return not_there(request, str(_NO_VARIANT), _done(access))
    return confirm_remove(
        request,
        access,
        remove=lambda: services.remove_variant(access, variant_id, now=now()),
        template="records/confirm_remove.html",
        done=_done(access, "#genetics"),
        success=_("Genetic variant removed."),
        what=str(variant),
        back=_done(access, "#genetics"),
    )


# Features -----------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def feature_add(request: HttpRequest, record_id: uuid.UUID) -> HttpResponseBase:
    """Search the HPO (?q=, also live with htmx) and add a term as present or absent."""
    access = record_access(request.user, record_id, *CLINICAL_WRITERS)
    query = request.GET.get("q", "").strip()[:100]
    matches = term_index().search(query, limit=SUGGESTIONS) if query else []
    if request.headers.get("HX-Request") and request.method == "GET":
        return render(
            request, "records/_term_suggestions.html", {"matches": matches, "query": query}
        )
    initial = {"hpo_id": request.GET.get("hpo_id", "")}
    form = FeatureForm(request.POST or None, initial=initial)

    def save() -> Feature:
        feature, notice = services.add_feature(access, **form.cleaned_data, now=now())
        if notice:
            messages.info(request, notice)
        return feature

    return entry_form(
        request,
        access,
        form,
        save=save,
        template="records/feature_form.html",
        done=_done(access, "#features"),
        success=lambda feature: _("%(label)s added.") % {"label": feature.label},
        query=query,
        matches=matches,
    )


@require_http_methods(["GET", "POST"])
def feature_edit(request: HttpRequest, record_id: uuid.UUID, feature_id: int) -> HttpResponseBase:
    access = record_access(request.user, record_id, *CLINICAL_WRITERS)
    feature = access.record.features.filter(pk=feature_id).first()
    if feature is None:
        return not_there(request, str(_NO_FEATURE), _done(access))
    form = FeatureChangeForm(request.POST or None, instance=feature)
    return entry_form(
        request,
        access,
        form,
        save=lambda: services.update_feature(access, feature_id, **form.cleaned_data, now=now()),
        template="records/feature_change_form.html",
        done=_done(access, "#features"),
        success=_("Feature saved."),
        feature=feature,
    )


@require_http_methods(["GET", "POST"])
def feature_remove(request: HttpRequest, record_id: uuid.UUID, feature_id: int) -> HttpResponseBase:
    access = record_access(request.user, record_id, *CLINICAL_WRITERS)
    feature = access.record.features.filter(pk=feature_id).first()
    if feature is None:
        return not_there(request, str(_NO_FEATURE), _done(access))
    return confirm_remove(
        request,
        access,
        remove=lambda: services.remove_feature(access, feature_id, now=now()),
        template="records/confirm_remove.html",
        done=_done(access, "#features"),
        success=_("Feature removed."),
        what=f"{feature.label} ({feature.hpo_id})",
        back=_done(access, "#features"),
    )


# Reports ------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def report_add(request: HttpRequest, record_id: uuid.UUID) -> HttpResponseBase:
    """Upload a report; a file over the size limit never arrives (see records.uploads)."""
    access = record_access(request.user, record_id, *CLINICAL_WRITERS)
    posted = request.method == "POST"  # bound even when the only field was dropped for size
    form = ReportForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        oversized=refused_for_size(request),
    )
    return entry_form(
        request,
        access,
        form,
        save=lambda: services.add_report(
            access, upload=form.cleaned_data["upload"], title=form.cleaned_data["title"], now=now()
        ),
        template="records/report_form.html",
        done=_done(access, "#reports"),
        success=_("Report uploaded."),
        upload_limit_mb=settings.RARELIGHT_UPLOAD_MAX_MB,
    )


@require_http_methods(["GET"])
def report_download(request: HttpRequest, record_id: uuid.UUID, report_id: int) -> HttpResponseBase:
    """The stored file, to members only, as a download (never rendered inline by the browser)."""
    access = record_access(request.user, record_id, Capability.VIEW)
    report = access.record.reports.filter(pk=report_id).first()
    if report is None:
        return not_there(request, str(_NO_REPORT), _done(access))
    services.note_viewed(access, now=now(), what=f"report: {report.title}")
    response = FileResponse(
        report.file.open("rb"),
        as_attachment=True,
        filename=f"{report.title}{report.file.name[report.file.name.rfind('.') :]}",
        content_type=report.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
def report_remove(request: HttpRequest, record_id: uuid.UUID, report_id: int) -> HttpResponseBase:
    access = record_access(request.user, record_id, *CLINICAL_WRITERS)
    report = access.record.reports.filter(pk=report_id).first()
    if report is None:
        return not_there(request, str(_NO_REPORT), _done(access))
    return confirm_remove(
        request,
        access,
        remove=lambda: services.remove_report(access, report_id, now=now()),
        template="records/confirm_remove.html",
        done=_done(access, "#reports"),
        success=_("Report removed, with its file."),
        what=f"{report.title} ({report.original_name})",
        back=_done(access, "#reports"),
    )
