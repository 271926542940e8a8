"""The diagnosis API: term search, parse, rank; bad input gets a 422 problem body."""

from __future__ import annotations

import json

import pytest
from django.test import Client


@pytest.fixture
def client() -> Client:
    return Client()


def post_json(
    client: Client, path: str, body: object
) -> tuple[int, dict[str, object] | list[object]]:
    response = client.post(path, json.dumps(body), content_type="application/json")
    return response.status_code, response.json()


def test_term_search(client: Client) -> None:
    results = client.get("/api/hpo/terms", {"q": "seizure"}).json()
    assert results[0]["id"] == "HP:0001250"


def test_parse(client: Client) -> None:
    status, found = post_json(
        client, "/api/hpo/parse", {"text": "she walks on her toes, no seizures"}
    )
    assert status == 200
    assert isinstance(found, list)
    by_id = {f["id"]: f for f in found}  # type: ignore[index]
    assert by_id["HP:0030051"]["status"] == "observed"
    assert by_id["HP:0001250"]["status"] == "excluded"


def test_rank_with_explanations(client: Client) -> None:
    status, body = post_json(
        client,
        "/api/rank",
        {
            "observed": ["HP:0001332", "HP:0002451", "HP:0001618", "HP:0000750"],
            "top": 10,
            "explain": 3,
        },
    )
    assert status == 200
    assert isinstance(body, dict)
    results = body["results"]
    assert isinstance(results, list)
    assert "OMIM:617284" in [r["disease_id"] for r in results]
    assert results[0]["explanation"]["terms"]
    assert results[5]["explanation"] is None
    assert "Not a diagnosis" in str(body["notice"])


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"observed": []}, "observed"),
        ({"observed": ["HP:0001332"] * 301}, "observed"),
        ({"observed": ["HP:9999999"]}, "observed[0]"),
        ({"observed": ["HP:0000006"]}, "observed[0]"),
    ],
)
def test_bad_rank_input_is_a_422_problem_naming_the_field(
    client: Client, body: object, field: str
) -> None:
    status, problem = post_json(client, "/api/rank", body)
    assert status == 422
    assert isinstance(problem, dict)
    errors = problem["errors"]
    assert isinstance(errors, list)
    assert errors[0]["field"] == field


def test_the_api_is_documented(client: Client) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"/api/hpo/terms", "/api/hpo/parse", "/api/rank"} <= set(paths)
