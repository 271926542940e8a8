"""/api/community/…: published stories, tips and resources as JSON (read only).

Only what the public pages show: never a contact email, consent flags, moderation notes, or
anything pending, rejected or withdrawn (those are the same 404 as a missing id).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema
from ninja.params import functions as param_functions
from pydantic import AfterValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from rarelight_web.params import Text

from . import queries
from .forms import FilterForm
from .models import Submission

router = Router(tags=["community"])
MAX_LIMIT = 100
MAX_OFFSET = 1_000_000  # far past any listing; bounded so the database is never sent 2**63


class ItemOut(Schema):
    id: int
    kind: str
    title: str
    text_html: str  # the sanitised HTML the item page shows
    url: str
    category: str
    tags: list[str]
    disease_id: str | None
    disease_name: str | None
    author: str
    country: str
    published_at: dt.datetime | None


class ItemsOut(Schema):
    count: int
    items: list[ItemOut]


def _out(item: Submission) -> ItemOut:
    return ItemOut(
        id=item.pk,
        kind=item.kind,
        title=item.title,
        text_html=item.body_html,
        url=item.url,
        category=item.category,
        tags=item.tag_list,
        disease_id=item.disease_id,
        disease_name=item.disease.name if item.disease is not None else None,
        author=item.author,
        country=item.country.code or "",
        published_at=item.published_at,
    )


def _filter(name: str) -> AfterValidator:
    """The public pages' rule for one filter (FilterForm), its refusal in the form's words."""

    def check(value: str) -> str:
        try:
            return FilterForm.check(name, value)
        except ValueError as refused:
            raise PydanticCustomError("filter_not_accepted", str(refused)) from refused

    return AfterValidator(check)


def _enum(name: str) -> WithJsonSchema:
    """The accepted values in the OpenAPI schema (empty: no filter)."""
    return WithJsonSchema({"type": "string", "enum": ["", *FilterForm.accepted(name)]})


def _choice(name: str, what: str) -> Any:
    """The query parameter of a choice filter, its description listing the values accepted."""
    accepted = ", ".join(FilterForm.accepted(name))
    description = f"{what}: one of {accepted}; empty for all"
    return param_functions.Query("", max_length=50, description=description)


@router.get("/items", response=ItemsOut, summary="Published items, newest first")
def items(
    request: HttpRequest,
    q: Annotated[Text, Query("", max_length=200, description="Words that must all appear")] = "",
    tag: Annotated[Text, _filter("tag"), _enum("tag"), _choice("tag", "A topic")] = "",
    disease: Annotated[
        Text,
        _filter("disease"),
        Query("", max_length=32, description="A disease id, e.g. OMIM:617284; empty for all"),
    ] = "",
    kind: Annotated[Text, _filter("kind"), _enum("kind"), _choice("kind", "A kind of item")] = "",
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> ItemsOut:
    """Filters as on /community/, checked by the same rule: an unknown topic, kind or disease id
    is refused (422) naming the filter and what it accepts; every word of `q` must appear;
    `limit` is 1–100."""
    found = queries.published(query=q, tag=tag, disease=disease, kind=kind)
    page = list(found[offset : offset + limit])
    return ItemsOut(count=found.count(), items=[_out(item) for item in page])


@router.get("/items/{item_id}", response=ItemOut, summary="One published item")
def item(request: HttpRequest, item_id: int) -> ItemOut:
    found = Submission.objects.published().select_related("disease").filter(pk=item_id).first()
    if found is None:
        raise Http404("There is no published community item with this id.")
    return _out(found)
