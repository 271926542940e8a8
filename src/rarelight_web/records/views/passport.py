"""The care passport (a page and a one-page PDF) and the progress charts of a record."""

from __future__ import annotations

import datetime as dt
import uuid

from csp.decorators import csp_replace
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from rarelight import reports
from rarelight_web.records import services
from rarelight_web.records.access import Access, record_access
from rarelight_web.records.passport import CHARTS, passport_data
from rarelight_web.records.roles import Capability

from ._common import now


def passport_pdf_of(access: Access, at: dt.datetime) -> bytes:
    """The passport PDF of the record as it is at `at` (also put in the export zip)."""
    return reports.care_passport_pdf(passport_data(access.record, at))


@require_http_methods(["GET"])
def passport(request: HttpRequest, record_id: uuid.UUID) -> HttpResponse:
    """The passport's sections in IPS order, each with "None recorded" when empty."""
    access = record_access(request.user, record_id, Capability.VIEW)
    current = now()
    services.note_viewed(access, now=current, what="care passport")
    data = passport_data(access.record, current)
    context = {
        "access": access,
        "record": access.record,
        "sections": reports.care_passport_sections(data),
        "none_recorded": reports.NONE_RECORDED,
    }
    return render(request, "records/passport.html", context)


@require_http_methods(["GET"])
def passport_pdf(request: HttpRequest, record_id: uuid.UUID) -> HttpResponse:
    """The passport as one A4 page, to print or send ahead of an appointment."""
    access = record_access(request.user, record_id, Capability.VIEW)
    current = now()
    services.note_viewed(access, now=current, what="care passport PDF")
    response = HttpResponse(passport_pdf_of(access, current), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="care-passport-{current:%Y-%m-%d}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET"])
def progress(request: HttpRequest, record_id: uuid.UUID) -> HttpResponse:
    """The three charts, each with its description and a table of the same data."""
    access = record_access(request.user, record_id, Capability.VIEW)
    services.note_viewed(access, now=now(), what="progress charts")
    plots = [(key, draw(access.record)) for key, draw in CHARTS.items()]
    context = {"access": access, "record": access.record, "plots": plots}
    return render(request, "records/progress.html", context)


@require_http_methods(["GET"])
@csp_replace({"style-src": ["'unsafe-inline'"], "img-src": ["'self'"]})  # type: ignore[arg-type]
def chart_svg(request: HttpRequest, record_id: uuid.UUID, key: str) -> HttpResponse:
    """One chart as an SVG image. matplotlib styles its shapes with style attributes, which the
    site's policy blocks inside pages, so charts are images of their own (no script can run in an
    image); members only, like every part of the record."""
    access = record_access(request.user, record_id, Capability.VIEW)
    draw = CHARTS.get(key)
    if draw is None:
        raise Http404("There is no such chart.")
    plot = draw(access.record)
    response = HttpResponse(plot.svg, content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response
