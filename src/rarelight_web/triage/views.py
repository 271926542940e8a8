"""Exome triage pages: upload, then a job page that polls its progress and shows ranked genes."""

from __future__ import annotations

import datetime as dt
import tempfile
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from rarelight.errors import ProblemsError, RarelightError
from rarelight.genomics import NOT_A_DIAGNOSIS, Pedigree
from rarelight.phenotype import PatientProfile
from rarelight_web.knowledge import catalogue
from rarelight_web.records import services
from rarelight_web.records.access import record_access
from rarelight_web.records.models import Membership
from rarelight_web.records.roles import CLINICAL_WRITERS, Capability, can
from rarelight_web.upload_limits import refused_for_size

from . import jobs
from .forms import SUFFIXES, TriageForm


def _owner(request: HttpRequest) -> str:
    """The session that owns a job; created on first upload so a job is never shared."""
    if not request.session.session_key:
        request.session.save()
    return str(request.session.session_key)


@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    posted = request.method == "POST"  # bound even when the file was dropped for its size
    form = TriageForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        oversized=refused_for_size(request),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            patient = PatientProfile.from_ids(
                catalogue().release.ontology, data["observed"], data["excluded"]
            )
            pedigree = (
                Pedigree.from_ped(
                    data["ped"].read().decode("utf-8", "replace"), data["proband"] or None
                )
                if data["ped"]
                else None
            )
        except ProblemsError as error:
            for problem in error.problems:
                form.add_error(None, f"{problem.location}: {problem.message}")
        except RarelightError as error:
            form.add_error(None, str(error))
        else:
            path = _store(data["vcf"])
            job = jobs.submit(
                _owner(request), path, data["vcf"].name, patient, pedigree,
                data["proband"] or None, data["panel"] or None, data["panel_only"],
            )  # fmt: skip
            return redirect("triage:job", job_id=job.id)
    return render(
        request,
        "triage/upload.html",
        {"form": form, "notice": NOT_A_DIAGNOSIS, "limit_mb": jobs_limit_mb()},
    )


def jobs_limit_mb() -> int:
    from .forms import max_upload_bytes

    return max_upload_bytes() // (1024 * 1024)


def _store(upload: object) -> Path:
    """Copy the upload to a private temporary file in the data folder (deleted after the run)."""
    folder = Path(settings.MEDIA_ROOT) / "triage"
    folder.mkdir(parents=True, exist_ok=True)
    name = str(getattr(upload, "name", "upload.vcf")).lower()
    suffix = next(s for s in sorted(SUFFIXES, key=len, reverse=True) if name.endswith(s))
    handle = tempfile.NamedTemporaryFile(dir=folder, suffix=suffix, delete=False)  # noqa: SIM115
    with handle:
        for chunk in upload.chunks():  # type: ignore[attr-defined]
            handle.write(chunk)
    return Path(handle.name)


def _job(request: HttpRequest, job_id: uuid.UUID) -> jobs.Job:
    job = jobs.get(job_id, request.session.session_key or "")
    if job is None:
        raise Http404("no such triage")
    return job


@require_GET
def job(request: HttpRequest, job_id: uuid.UUID) -> HttpResponse:
    return render(
        request, "triage/job.html", {"job": _job(request, job_id), "notice": NOT_A_DIAGNOSIS}
    )


@require_GET
def status(request: HttpRequest, job_id: uuid.UUID) -> HttpResponse:
    """The job block alone, for htmx polling; it stops polling once the job has ended."""
    return render(request, "triage/_job.html", {"job": _job(request, job_id)})


@require_http_methods(["GET", "POST"])
def save(request: HttpRequest, job_id: uuid.UUID) -> HttpResponseBase:
    """Keep a finished triage's PDF report in a care record the person may add clinical facts to
    (guardians, family, clinicians): it then sits with the record's other reports."""
    job = _job(request, job_id)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if job.status != "done" or not job.pdf:
        raise Http404("the triage has not finished")
    writable = [
        m.record
        for m in Membership.objects.filter(user_id=request.user.pk).select_related("record")
        if any(can(m.role, capability) for capability in CLINICAL_WRITERS)
    ]
    error = ""
    if request.method == "POST":
        access = record_access(request.user, request.POST.get("record", ""), Capability.VIEW)
        now = dt.datetime.now(dt.UTC)
        upload = SimpleUploadedFile(f"exome-triage-{now:%Y-%m-%d}.pdf", job.pdf, "application/pdf")
        try:
            services.add_report(
                access,
                upload=upload,
                title=f"Exome triage of {job.source}"[:160],
                now=now,
            )
        except services.ReportError as refused:
            error = str(refused)
        else:
            messages.success(request, _("The triage report is saved with the record's reports."))
            return redirect(reverse("records:condition", args=[access.record.pk]) + "#reports")
    context = {"job": job, "records": writable, "error": error, "notice": NOT_A_DIAGNOSIS}
    return render(request, "triage/save.html", context)
