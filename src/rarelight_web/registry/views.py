"""Registry pages: public statistics (anyone) and individual-level export (researchers only)."""

from __future__ import annotations

import datetime as dt
import io
import re
import tempfile
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.html import format_html

from rarelight.registry import LITERATURE, write_csv, write_phenopackets

from . import services
from .plots import bar_chart_svg, chart_description
from .stats import statistics, statistics_csv

_DISEASE = re.compile(r"^[A-Z]+:[A-Za-z0-9_.-]{1,40}$")
PLOTTED = ("sex", "country", "variant_class", "onset", "dbs", "anticholinergic")


def disease_param(request: HttpRequest) -> str:
    """The ?disease= filter, or "" — a malformed one is ignored rather than echoed back."""
    value = request.GET.get("disease", "").strip()
    return value if _DISEASE.match(value) else ""


def stats_page(request: HttpRequest) -> HttpResponse:
    """Public statistics, every count suppressed, plots beside their data tables."""
    disease = disease_param(request)
    stats = statistics(disease)
    charts = {
        table.key: chart_description(table)
        for table in stats.tables
        if table.key in PLOTTED and table.total != "0"
    }
    context = {
        "stats": stats,
        "charts": charts,
        "literature": LITERATURE,
        "researcher": services.is_researcher(request.user),
        "csv_query": format_html("?disease={}", disease) if disease else "",
    }
    return render(request, "registry/stats.html", context)


def chart(request: HttpRequest, key: str) -> HttpResponse:
    """One statistics table as an SVG bar chart (the page shows it with alt text)."""
    stats = statistics(disease_param(request))
    table = next((t for t in stats.tables if t.key == key and key in PLOTTED), None)
    if table is None:
        raise Http404("No such chart.")
    return HttpResponse(bar_chart_svg(table, f"chart-{key}"), content_type="image/svg+xml")


def stats_csv(request: HttpRequest) -> HttpResponse:
    """The aggregates as CSV (the same suppressed counts as the page)."""
    stats = statistics(disease_param(request))
    response = HttpResponse(statistics_csv(stats), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="registry-statistics.csv"'
    return response


def export_response(request: HttpRequest, format: str) -> HttpResponse:
    """Individual-level data, for registry researchers only (403 for everyone else)."""
    if not services.is_researcher(request.user):
        raise PermissionDenied("Only registry researchers may export individual-level data.")
    now = dt.datetime.now(dt.UTC)
    cases = list(services.cases_for_export())
    if format == "csv":
        out = io.StringIO()
        count = write_csv(cases, out)
        body, content_type, name = (
            out.getvalue().encode(),
            "text/csv; charset=utf-8",
            "registry.csv",
        )
    else:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "registry.zip"
            count = write_phenopackets(cases, path, now)
            body = path.read_bytes()
        content_type, name = "application/zip", "registry-phenopackets.zip"
    services.note_export(request.user, format, count, now=now)  # type: ignore[arg-type]
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def export(request: HttpRequest, format: str) -> HttpResponse:
    return export_response(request, format)
