"""Uploaded reports (PDF or images): stored under random names, removed with their files.

Guardians and family (EDIT_PROFILE) and clinicians (ADD_CLINICAL) upload; every member reads.
"""

from __future__ import annotations

import datetime as dt
from pathlib import PurePath

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rarelight_web.records.access import Access
from rarelight_web.records.models import AuditEntry, ReportFile
from rarelight_web.records.roles import CLINICAL_WRITERS
from rarelight_web.records.uploads import UploadRefusedError, check_report

from ._entries import EntryError, EntryKind, delete_files_after_commit, requires


class ReportError(EntryError):
    """An upload Rarelight does not keep; `field` names the form field."""


REPORTS = EntryKind(
    model=ReportFile,
    check_writer=requires(*CLINICAL_WRITERS),
    error=ReportError,
    missing=gettext_lazy("There is no such report in this record."),
    label=lambda report: f"{report.title} ({report.original_name})",
    added=AuditEntry.Action.UPLOAD_ADDED,
    changed=AuditEntry.Action.UPLOAD_ADDED,
    removed=AuditEntry.Action.UPLOAD_REMOVED,
    fields=("title",),
)


@transaction.atomic
def add_report(
    access: Access, *, upload: UploadedFile, title: str = "", now: dt.datetime
) -> ReportFile:
    """Keep an uploaded report, after checking what it really is (see records.uploads)."""
    REPORTS.check_writer(access)
    try:
        checked = check_report(upload)
    except UploadRefusedError as refused:
        raise ReportError(str(refused), field="upload") from None
    original = PurePath(upload.name or "report").name[:255]
    upload.name = f"report{checked.extension}"  # the stored name is random; see report_path
    upload.seek(0)
    return REPORTS.add(
        access,
        {
            "file": upload,
            "title": title.strip() or PurePath(original).stem[:160] or _("Report"),
            "original_name": original,
            "content_type": checked.content_type,
            "size": checked.size,
            "sha256": checked.sha256,
            "uploaded_by": access.membership.user,
        },
        now,
    )


@transaction.atomic
def remove_report(access: Access, report_id: int, *, now: dt.datetime) -> ReportFile:
    """Take a report out of the record and delete its file."""
    report = REPORTS.remove(access, report_id, now)
    delete_files_after_commit([report.file.name])
    return report
