"""A whole record as one zip: record.json (every part, with its audit log), the uploaded reports,
and the care passport PDF — what a guardian takes away under the right to data portability."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from pathlib import PurePath
from typing import IO, Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from rarelight_web.records.models import CareRecord

FORMAT = "rarelight-care-record/1"
_SKIP = {"id", "record", "implant", "file", "uploaded_by", "actor"}


def _row(item: models.Model) -> dict[str, Any]:
    """The entry's own fields as JSON-ready values (no internal ids or links)."""
    row: dict[str, Any] = {}
    for field in item._meta.concrete_fields:
        if field.name in _SKIP:
            continue
        value = getattr(item, field.attname)
        if isinstance(field, models.ForeignKey):
            related = getattr(item, field.name)
            value = str(related) if related is not None else None
        row[field.name] = value
    return row


def _rows(items: Iterable[models.Model]) -> list[dict[str, Any]]:
    return [_row(item) for item in items]


def record_document(record: CareRecord) -> dict[str, Any]:
    """Everything the record holds, by part, newest entries as the pages order them."""
    implants = []
    for implant in record.dbs_implants.prefetch_related("sessions"):
        implants.append({**_row(implant), "sessions": _rows(implant.sessions.all())})
    reports = [
        {**_row(report), "file_in_zip": report_name(report.pk, report.title, report.file.name)}
        for report in record.reports.all()
    ]
    return {
        "format": FORMAT,
        "record": {**_row(record), "diagnosis": record.diagnosis_id},
        "care_circle": [
            {"name": m.user.display_name, "role": m.role, "joined_at": m.joined_at}
            for m in record.memberships.select_related("user").order_by("joined_at", "id")
        ],
        "genetic_variants": _rows(record.variants.all()),
        "features": _rows(record.features.all()),
        "reports": reports,
        "care_team": _rows(record.team.all()),
        "appointments": _rows(record.appointments.all()),
        "medicines": _rows(record.medicines.all()),
        "dbs_implants": implants,
        "diary": _rows(record.diary.all()),
        "therapies": _rows(record.therapies.all()),
        "milestones": _rows(record.milestones.all()),
        "audit_log": [
            {"at": e.at, "who": e.actor_name, "action": e.action, "what": e.target, **e.details}
            for e in record.audit.order_by("at", "id")
        ],
    }


def report_name(report_id: int, title: str, stored: str) -> str:
    """A safe name inside the zip: the id, the title with path characters removed, the suffix."""
    safe = "".join(c if c.isalnum() or c in " -_." else "_" for c in title).strip() or "report"
    return f"reports/{report_id}-{safe[:80]}{PurePath(stored).suffix}"


_README = """This is the whole care record of {name}, exported from Rarelight on {when} UTC.

record.json      every part of the record (details, care circle, genetic variants, features,
                 care team, appointments, medicines, DBS, diary with scores, therapies and
                 milestones) and its audit log; dates are ISO 8601, times UTC
reports/         the uploaded reports, as they were uploaded
care-passport.pdf  the one-page care passport as of the export

It holds health information: keep it somewhere safe.
"""


def export_zip(
    record: CareRecord, *, now: dt.datetime, passport_pdf: Callable[[], bytes] | None = None
) -> IO[bytes]:
    """The record as a zip in a temporary file (uploads can be large), positioned at its start."""
    spooled: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)  # noqa: SIM115
    document = record_document(record)
    with zipfile.ZipFile(spooled, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "README.txt", _README.format(name=record.display_name, when=f"{now:%Y-%m-%d %H:%M}")
        )
        archive.writestr(
            "record.json",
            json.dumps(document, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False),
        )
        for report in record.reports.all():
            name = report_name(report.pk, report.title, report.file.name)
            with report.file.open("rb") as stored, archive.open(name, "w") as copy:
                shutil.copyfileobj(stored, copy)  # a report can be 20 MB: never whole in memory
        if passport_pdf is not None:
            archive.writestr("care-passport.pdf", passport_pdf())
    spooled.seek(0)
    return spooled
