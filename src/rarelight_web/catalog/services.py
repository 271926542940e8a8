"""The only write path of the catalogue app: mirror the in-memory catalogue into the database."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.db import transaction

from rarelight.knowledge import Catalogue

from .models import Disease, KnowledgeLoad

_BATCH = 2000


@dataclass(frozen=True)
class LoadReport:
    """What a knowledge load did."""

    hpo_release: str
    diseases: int
    curated: int
    created: int
    updated: int
    retired: int
    skipped: bool

    def __str__(self) -> str:
        if self.skipped:
            return f"{self.diseases} diseases ({self.curated} curated) from {self.hpo_release}, up to date"
        return (
            f"{self.diseases} diseases ({self.curated} curated) from {self.hpo_release}: "
            f"{self.created} added, {self.updated} updated, {self.retired} retired"
        )


def _digest(catalogue: Catalogue) -> str:
    digest = hashlib.sha256(catalogue.release.version.encode())
    for disease in catalogue:
        digest.update(f"{disease.id}\t{disease.name}\t{disease.curated}\n".encode())
    return digest.hexdigest()


def load_knowledge(catalogue: Catalogue, now: dt.datetime | None = None) -> LoadReport:
    """Upsert every catalogue entry; skip when nothing changed since the last load (fast restarts)."""
    now = now or dt.datetime.now(dt.UTC)
    digest = _digest(catalogue)
    release = catalogue.release.name
    curated = len(catalogue.curated)
    last = KnowledgeLoad.objects.order_by("-loaded_at").first()
    if last is not None and last.digest == digest:
        return LoadReport(release, len(catalogue), curated, 0, 0, 0, skipped=True)
    with transaction.atomic():
        existing = dict(Disease.objects.values_list("id", "name"))
        rows = [
            Disease(id=d.id, name=d.name, curated=d.curated, retired=False, hpo_release=release)
            for d in catalogue
        ]
        Disease.objects.bulk_create(
            rows,
            batch_size=_BATCH,
            update_conflicts=True,
            unique_fields=["id"],
            update_fields=["name", "curated", "retired", "hpo_release"],
        )
        current = {row.id for row in rows}
        gone = [disease_id for disease_id in existing if disease_id not in current]
        retired = Disease.objects.filter(id__in=gone, retired=False).update(retired=True)
        created = sum(1 for row in rows if row.id not in existing)
        report = LoadReport(
            release, len(rows), curated, created, len(rows) - created, retired, skipped=False
        )
        KnowledgeLoad.objects.create(
            loaded_at=now,
            hpo_release=release,
            digest=digest,
            diseases=report.diseases,
            curated=curated,
            created=report.created,
            updated=report.updated,
            retired=report.retired,
        )
    return report
