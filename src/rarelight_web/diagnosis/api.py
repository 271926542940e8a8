"""The diagnosis API: HPO term search, free text → terms, and ranking with explanations."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from rarelight.phenotype import MAX_TERMS, PatientProfile, explain
from rarelight_web.knowledge import catalogue, ranker, term_index, text_parser

router = Router(tags=["diagnosis"])
NOT_A_DIAGNOSIS = "Not a diagnosis: a pointer for a conversation with a clinical geneticist."


class TermOut(Schema):
    id: str
    label: str
    matched_on: str
    score: float
    notice: str | None


class ParseIn(Schema):
    text: Annotated[str, Field(min_length=1, max_length=5000)]


class FoundOut(Schema):
    id: str
    label: str
    status: Literal["observed", "excluded"]
    text: str
    start: int
    end: int
    source: str


class RankIn(Schema):
    observed: Annotated[list[str], Field(min_length=1, max_length=MAX_TERMS)]
    excluded: Annotated[list[str], Field(max_length=MAX_TERMS)] = []
    sex: Literal["female", "male"] | None = None
    onset: Annotated[str | None, Field(description="An HPO onset term, e.g. HP:0011463")] = None
    top: Annotated[int, Field(ge=1, le=200)] = 20
    explain: Annotated[
        int, Field(ge=0, le=50, description="How many of the top diseases to explain")
    ] = 10


class RankedOut(Schema):
    rank: int
    disease_id: str
    name: str
    probability: float
    score: float
    explanation: dict[str, object] | None


class RankOut(Schema):
    release: str
    notice: str
    notices: list[str]
    results: list[RankedOut]


@router.get("/hpo/terms", response=list[TermOut], summary="Search HPO terms (autocomplete)")
def search_terms(
    request: HttpRequest,
    q: Annotated[
        str, Query(min_length=1, max_length=200, description="Words, a prefix or an HPO id")
    ],
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> list[TermOut]:
    return [
        TermOut(
            id=m.term.id,
            label=m.term.label,
            matched_on=m.matched_on,
            score=m.score,
            notice=m.notice,
        )
        for m in term_index().search(q, limit)
    ]


@router.post("/hpo/parse", response=list[FoundOut], summary="Free text → HPO terms")
def parse_text(request: HttpRequest, body: ParseIn) -> list[FoundOut]:
    """Plain words → candidate terms, with the words that matched; negated ones are 'excluded'."""
    return [
        FoundOut(
            id=f.term.id,
            label=f.term.label,
            status="excluded" if f.excluded else "observed",
            text=f.text,
            start=f.start,
            end=f.end,
            source=f.source,
        )
        for f in text_parser().parse(body.text)
    ]


@router.post("/rank", response=RankOut, summary="Rank diseases for a phenotype")
def rank(request: HttpRequest, body: RankIn) -> RankOut:
    """Every OMIM and ORPHA disease ranked, the top ones explained. Not a diagnosis."""
    the_ranker = ranker()
    patient = PatientProfile.from_ids(
        catalogue().release.ontology, body.observed, body.excluded, sex=body.sex, onset=body.onset
    )
    results = [
        RankedOut(
            rank=r.rank,
            disease_id=r.disease_id,
            name=r.name,
            probability=round(r.probability, 6),
            score=r.score,
            explanation=dataclasses.asdict(explain(the_ranker, patient, r.disease_id))
            if position < body.explain
            else None,
        )
        for position, r in enumerate(the_ranker.rank(patient, body.top))
    ]
    return RankOut(
        release=the_ranker.release.name,
        notice=NOT_A_DIAGNOSIS,
        notices=list(patient.notices),
        results=results,
    )
