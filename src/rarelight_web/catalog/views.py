"""Catalogue pages: thin views over the core catalogue."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from rarelight.errors import RarelightError
from rarelight.knowledge import NOT_A_DIAGNOSIS, Disease
from rarelight.reports import clinician_one_pager
from rarelight_web.knowledge import catalogue
from rarelight_web.problems import problem_response

SEARCH_LIMIT = 25
MAX_QUERY = 200


def home(request: HttpRequest) -> HttpResponse:
    """What Rarelight is, for whom, and the way in for each."""
    return render(request, "catalog/home.html", {"curated": catalogue().curated})


def search(request: HttpRequest) -> HttpResponse:
    """Disease search; htmx asks for the results fragment only, as you type."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    matches = catalogue().search(query, SEARCH_LIMIT) if query else []
    context = {"query": query, "matches": matches, "total": len(catalogue())}
    if request.headers.get("HX-Request"):
        return render(request, "catalog/_results.html", context)
    return render(request, "catalog/search.html", context)


def _disease_or_404(disease_id: str) -> Disease:
    try:
        return catalogue().get(disease_id)
    except RarelightError as error:
        raise Http404(str(error)) from error


def detail(request: HttpRequest, disease_id: str) -> HttpResponseBase:
    """A curated profile, or a page generated from the HPO annotations; aliases redirect."""
    disease = _disease_or_404(disease_id)
    if disease.id != disease_id:
        return redirect("catalog:detail", disease_id=disease.id, permanent=True)
    c = catalogue()
    context: dict[str, object] = {
        "disease": disease,
        "profile": disease.profile,
        "release_name": c.release.name,
        "inheritance": disease.labelled("I", c.release.ontology),
        "onset": disease.labelled("C", c.release.ontology),
        "annotated_features": disease.features(c.release.ontology),
        "not_a_diagnosis": NOT_A_DIAGNOSIS,
    }
    if disease.profile is not None:
        profile = disease.profile
        citations = profile.citation_numbers()
        context["citations"] = citations
        context["references"] = [(n, profile.source(s)) for s, n in citations.items()]
        context["features"] = [(f, c.release.ontology.label(f.hpo_id)) for f in profile.features]
        return render(request, "catalog/profile.html", context)
    return render(request, "catalog/generated.html", context)


def one_pager(request: HttpRequest, disease_id: str) -> HttpResponse:
    """The printable clinician one-pager (one A4 page, PDF) of a curated profile."""
    disease = _disease_or_404(disease_id)
    if disease.profile is None:
        raise Http404(_("Only hand-curated profiles have a clinician one-pager."))
    release = catalogue().release
    pdf = clinician_one_pager(
        disease.profile,
        release_name=release.name,
        generated_on=dt.datetime.now(dt.UTC).date(),
        hpo_labels={f.hpo_id: release.ontology.label(f.hpo_id) for f in disease.profile.features},
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    slug = disease.profile.names.preferred.lower().replace(" ", "-")
    response["Content-Disposition"] = f'inline; filename="{slug}-clinician-one-pager.pdf"'
    return response


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """A helpful 404: what was not found and a way to search instead."""
    message = (
        str(exception.args[0]) if exception.args and isinstance(exception.args[0], str) else ""
    )
    if request.path.startswith("/api/"):
        return problem_response(404, message or "No such resource.", request.path)
    return render(request, "404.html", {"message": message}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """A plain 500 page that never shows a traceback."""
    return render(request, "500.html", status=500)
