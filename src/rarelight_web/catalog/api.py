"""The diseases API: search and detail, the same shapes the CLI prints as JSON."""

from __future__ import annotations

from typing import Annotated

from django.http import HttpRequest
from ninja import Query, Router

from rarelight.errors import InputError, NotFound
from rarelight.knowledge import DiseaseDetail, SearchResult
from rarelight_web.knowledge import catalogue

router = Router(tags=["diseases"])


@router.get("", response=list[SearchResult], summary="Search diseases")
def search_diseases(
    request: HttpRequest,
    q: Annotated[
        str,
        Query(min_length=1, max_length=200, description="Name, synonym, id or gene, e.g. DYT28"),
    ],
    limit: Annotated[int, Query(ge=1, le=100, description="How many results")] = 20,
) -> list[SearchResult]:
    """Diseases matching the text, best first (score 0..1, what matched)."""
    return [SearchResult.of_match(m) for m in catalogue().search(q, limit)]


@router.get("/{disease_id}", response=DiseaseDetail, summary="One disease")
def get_disease(request: HttpRequest, disease_id: str) -> DiseaseDetail:
    """A disease by OMIM, ORPHA or DECIPHER id: its curated profile or its HPO annotations."""
    c = catalogue()
    try:
        disease = c.get(disease_id)
    except InputError as error:  # a malformed id in the path names no resource: 404
        raise NotFound(str(error)) from error
    return DiseaseDetail.of_disease(disease, c.release.ontology, c.release.name)
