"""/api/community: only published items, never a contact email, and the public filters."""

from __future__ import annotations

import pytest
from django.test import Client
from tests.rarelight_web.community_factories import (
    kmt2b,
    make_moderator,
    make_published,
    make_submission,
)

pytestmark = pytest.mark.django_db


def test_the_api_lists_published_items_only_without_contact_details() -> None:
    moderator = make_moderator()
    shown = make_published(
        moderator=moderator, contact_email="ada.mum@example.org", disease=kmt2b()
    )
    pending, _key = make_submission(title="Waiting for a moderator")
    response = Client().get("/api/community/items")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    (item,) = body["items"]
    assert item["id"] == shown.pk
    assert item["disease_id"] == "OMIM:617284"
    assert item["country"] == "GB"
    assert "ada.mum@example.org" not in response.content.decode()
    assert "consent" not in response.content.decode()
    assert Client().get(f"/api/community/items/{shown.pk}").json()["title"] == shown.title
    hidden = Client().get(f"/api/community/items/{pending.pk}")
    assert hidden.status_code == 404
    assert hidden["Content-Type"] == "application/problem+json"


def test_the_api_filters_like_the_listing() -> None:
    moderator = make_moderator()
    make_published(moderator=moderator, title="School and DBS settings", tags=("school",))
    make_published(moderator=moderator, title="Our first year with DBS", tags=("dbs",))
    client = Client()
    assert client.get("/api/community/items", {"tag": "school"}).json()["count"] == 1
    assert client.get("/api/community/items", {"q": "first year"}).json()["count"] == 1
    assert client.get("/api/community/items", {"limit": 1}).json()["count"] == 2
    assert len(client.get("/api/community/items", {"limit": 1}).json()["items"]) == 1
