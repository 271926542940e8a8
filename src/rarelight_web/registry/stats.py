"""The public statistics, computed by the core from the stored cases and cached until they change."""

from __future__ import annotations

import csv
import io

from django.core.cache import cache

from rarelight.errors import RarelightError
from rarelight.registry import RegistryStatistics, registry_statistics
from rarelight_web.knowledge import catalogue

from .models import Case, RegistryEvent
from .services import all_cases, last_updated


def _annotations(disease_id: str) -> dict[str, str]:
    """The HPO annotation frequency of each feature of this disease, shown beside the registry's."""
    try:
        c = catalogue()
        disease = c.get(disease_id)
    except RarelightError:
        return {}
    return {f.hpo_id: f.frequency or "" for f in disease.features(c.release.ontology)}


def statistics(disease: str = "") -> RegistryStatistics:
    """Statistics for the whole registry or one diagnosis; recomputed after any change."""
    latest = RegistryEvent.objects.order_by("-id").values_list("id", flat=True).first()
    key = f"registry-stats:{latest}:{Case.objects.count()}:{disease}"
    found = cache.get(key)
    if isinstance(found, RegistryStatistics):
        return found
    cases = all_cases()
    chosen = disease or (cases[0].disease_id if len({c.disease_id for c in cases}) == 1 else "")
    stats = registry_statistics(
        cases,
        disease=disease,
        annotations=_annotations(chosen) if chosen and cases else {},
        updated=last_updated(),
    )
    cache.set(key, stats, timeout=3600)
    return stats


def statistics_csv(stats: RegistryStatistics) -> str:
    """The aggregates as CSV: question, category, count (numbers, "<5" or "suppressed")."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["disease", "question", "category", "count"])
    scope = stats.disease or "all"
    writer.writerow([scope, "people", "total", stats.individuals])
    writer.writerow([scope, "families", "total", stats.families])
    for table in stats.tables:
        for category in table.categories:
            writer.writerow([scope, table.key, category.key, category.shown])
        writer.writerow([scope, table.key, "total", table.total])
    for f in stats.features:
        writer.writerow([scope, "feature_observed", f.hpo_id, f.observed])
        writer.writerow([scope, "feature_assessed", f.hpo_id, f.assessed])
    return out.getvalue()
