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

from rarelight.community import TAGS

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


def test_the_api_refuses_a_filter_the_pages_refuse_naming_it_and_what_is_accepted() -> None:
    """One rule (the pages' FilterForm): an unknown topic, kind or disease id is a 422 problem
    body naming each filter, the value at fault and the values accepted."""
    response = Client().get(
        "/api/community/items", {"tag": "no-such-topic", "kind": "poem", "disease": "HP:0001332"}
    )
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 422
    errors = {e["field"]: e["message"] for e in problem["errors"]}
    assert set(errors) == {"tag", "kind", "disease"}
    assert "no-such-topic is not one of the available choices" in errors["tag"]
    assert "accepted: diagnosis-journey, dbs, medicines," in errors["tag"]
    assert errors["kind"].endswith(
        "poem is not one of the available choices; accepted: story, tip, resource."
    )
    assert "'HP:0001332' is not a disease id; expected OMIM:<number>" in errors["disease"]
    for name, message in errors.items():
        assert f"{name}: {message}" in problem["detail"]


def test_the_api_filters_by_kind_and_disease_as_the_pages_read_them() -> None:
    moderator = make_moderator()
    make_published(moderator=moderator, title="A tip about KMT2B", kind="tip", disease=kmt2b())
    make_published(moderator=moderator, title="A story with no disease")
    client = Client()
    tips = client.get("/api/community/items", {"kind": "tip"}).json()
    assert [item["title"] for item in tips["items"]] == ["A tip about KMT2B"]
    for spelling in ("OMIM:617284", "omim:617284", "MIM:617284"):  # normalised as on the pages
        found = client.get("/api/community/items", {"disease": spelling}).json()
        assert [item["title"] for item in found["items"]] == ["A tip about KMT2B"], spelling
    assert client.get("/api/community/items", {"kind": "", "tag": ""}).json()["count"] == 2


def test_the_schema_lists_the_topics_and_kinds_accepted() -> None:
    spec = Client().get("/api/openapi.json").json()
    params = {p["name"]: p for p in spec["paths"]["/api/community/items"]["get"]["parameters"]}
    assert params["tag"]["schema"]["enum"] == ["", *TAGS]
    assert params["kind"]["schema"]["enum"] == ["", "story", "tip", "resource"]
    assert "OMIM:617284" in params["disease"]["description"]
