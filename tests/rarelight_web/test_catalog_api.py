"""The JSON API: search, detail, problem bodies, OpenAPI docs."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.fixture
def client() -> Client:
    return Client()


def test_search(client: Client) -> None:
    response = client.get("/api/diseases", {"q": "dyt28"})
    assert response.status_code == 200
    results = response.json()
    assert results[0]["id"] == "OMIM:617284"
    assert results[0]["matched_on"] == "synonym “DYT28”"
    assert set(results[0]) == {"id", "name", "ids", "genes", "curated", "score", "matched_on"}


def test_search_limit(client: Client) -> None:
    assert len(client.get("/api/diseases", {"q": "dystonia", "limit": 3}).json()) == 3


@pytest.mark.parametrize(
    ("params", "field"), [({}, "q"), ({"q": ""}, "q"), ({"q": "x", "limit": 0}, "limit")]
)
def test_bad_search_parameters_get_a_problem_body(
    client: Client, params: dict[str, object], field: str
) -> None:
    response = client.get("/api/diseases", params)
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 422
    assert problem["errors"][0]["field"] == field


def test_detail_of_the_curated_profile(client: Client) -> None:
    response = client.get("/api/diseases/OMIM:617284")
    assert response.status_code == 200
    detail = response.json()
    assert detail["curated"] is True
    assert detail["ids"] == ["OMIM:617284", "ORPHA:589618"]
    assert detail["hpo_release"] == "HPO 2025-01-16"
    assert detail["profile"]["gene"]["hgnc"] == "HGNC:15840"
    assert all(s["link"] or s["founding_article"] for s in detail["profile"]["sources"])
    assert any(f["hpo_id"] == "HP:0001332" for f in detail["annotated_features"])


def test_detail_of_a_generated_disease(client: Client) -> None:
    detail = client.get("/api/diseases/orpha:558").json()
    assert detail["id"] == "ORPHA:558"
    assert detail["profile"] is None
    assert "not hand-curated" in detail["source"]


@pytest.mark.parametrize(
    ("disease_id", "detail"),
    [("HP:1", "is not a disease id"), ("OMIM:999999", "OMIM:999999 is not in the catalogue")],
)
def test_unknown_ids_get_a_404_problem_body(client: Client, disease_id: str, detail: str) -> None:
    response = client.get(f"/api/diseases/{disease_id}")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["title"] == "Not Found"
    assert detail in problem["detail"]
    assert problem["instance"] == f"/api/diseases/{disease_id}"


def test_unknown_api_paths_get_a_problem_body_too(client: Client) -> None:
    response = client.get("/api/nothing-here")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_openapi_docs_are_served_locally(client: Client) -> None:
    docs = client.get("/api/docs")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
    schema = client.get("/api/openapi.json").json()
    assert {"/api/diseases", "/api/diseases/{disease_id}"} <= set(schema["paths"])
