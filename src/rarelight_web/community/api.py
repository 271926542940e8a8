"""/api/community/…: published stories, tips and resources as JSON (read only).

Only what the public pages show: never a contact email, consent flags, moderation notes, or
anything pending, rejected or withdrawn (those are the same 404 as a missing id).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema

from rarelight_web.params import Text

from . import queries
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


@router.get("/items", response=ItemsOut, summary="Published items, newest first")
def items(
    request: HttpRequest,
    q: Annotated[Text, Query("", max_length=200, description="Words that must all appear")] = "",
    tag: Annotated[Text, Query("", max_length=50)] = "",
    disease: Annotated[Text, Query("", max_length=32, description="e.g. OMIM:617284")] = "",
    kind: Annotated[Text, Query("", max_length=50)] = "",
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> ItemsOut:
    """Filters as on /community/: every word of `q` must appear; `limit` is 1–100."""
    found = queries.published(query=q, tag=tag, disease=disease, kind=kind)
    page = list(found[offset : offset + limit])
    return ItemsOut(count=found.count(), items=[_out(item) for item in page])


@router.get("/items/{item_id}", response=ItemOut, summary="One published item")
def item(request: HttpRequest, item_id: int) -> ItemOut:
    found = Submission.objects.published().select_related("disease").filter(pk=item_id).first()
    if found is None:
        raise Http404("There is no published community item with this id.")
    return _out(found)
