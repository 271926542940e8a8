"""/api/registry/…: the public statistics as JSON and CSV, and the researcher-only export."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Router

from rarelight.registry import statistics_json

from .stats import statistics, statistics_csv
from .views import disease_param, export_response

router = Router(tags=["registry"])


@router.get("/stats", summary='Public statistics (counts from 1 to 4 shown as "<5")')
def stats(request: HttpRequest, disease: str = "") -> dict[str, Any]:
    return statistics_json(statistics(disease_param(request)))


@router.get("/stats.csv", summary="The same aggregates as CSV")
def stats_csv(request: HttpRequest, disease: str = "") -> HttpResponse:
    body = statistics_csv(statistics(disease_param(request)))
    return HttpResponse(body, content_type="text/csv; charset=utf-8")


@router.get("/export", summary="Individual-level data (registry researchers only)")
def export(
    request: HttpRequest, format: Literal["phenopacket", "csv"] = "phenopacket"
) -> HttpResponse:
    return export_response(request, format)
