"""A guardian's data rights: take the whole record away as a zip, or delete it for good."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from rarelight_web.records import services
from rarelight_web.records.access import record_access
from rarelight_web.records.export import export_zip
from rarelight_web.records.roles import Capability

from ._common import now


@require_http_methods(["GET", "POST"])
def export(request: HttpRequest, record_id: uuid.UUID) -> HttpResponseBase:
    """What the zip holds (GET); the zip itself (POST), noted in the audit log."""
    access = record_access(request.user, record_id, Capability.EXPORT)
    if request.method == "GET":
        return render(request, "records/export.html", {"access": access})
    current = now()
    services.note_exported(access, now=current)
    from .passport import passport_pdf_of  # the passport view builds the same PDF

    archive = export_zip(
        access.record, now=current, passport_pdf=lambda: passport_pdf_of(access, current)
    )
    response = FileResponse(
        archive,
        as_attachment=True,
        filename=f"care-record-{current:%Y-%m-%d}.zip",
        content_type="application/zip",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest, record_id: uuid.UUID) -> HttpResponseBase:
    """Ask for the record's name, then delete the record, its files and its audit log."""
    access = record_access(request.user, record_id, Capability.DELETE)
    error = ""
    if request.method == "POST":
        try:
            services.delete_record(
                access, confirm_name=request.POST.get("confirm_name", ""), now=now()
            )
        except services.DeleteRefusedError as refused:
            error = str(refused)
        else:
            messages.success(request, _("The care record and all its files were deleted."))
            return redirect("records:list")
    status = 400 if error else 200
    return render(request, "records/delete.html", {"access": access, "error": error}, status=status)
