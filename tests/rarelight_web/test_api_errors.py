"""The API's own refusals: a body that is not JSON is one problem body, whatever django-ninja's
message for it says."""

from __future__ import annotations

import pytest
from django.test import Client
from ninja.errors import HttpError
from ninja.params import models as ninja_params

pytestmark = pytest.mark.django_db

NOT_JSON = "The request body is not valid JSON: send one JSON object (see /api/docs)."
UNREADABLE = ("{", '{"text": ', "\x00", "not json", "[" * 100_000, b"\xff\xfe{")


def expected(path: str) -> dict[str, object]:
    return {
        "type": "about:blank",
        "title": "Bad Request",
        "status": 400,
        "detail": NOT_JSON,
        "instance": path,
        "errors": [{"field": "body", "message": NOT_JSON}],
    }


@pytest.mark.parametrize("body", UNREADABLE, ids=range(len(UNREADABLE)))
def test_a_body_that_is_not_json_is_a_400_problem_saying_what_to_send(body: str | bytes) -> None:
    for path in ("/api/hpo/parse", "/api/rank"):
        response = Client().post(path, body, content_type="application/json")
        assert response.status_code == 400
        assert response["Content-Type"] == "application/problem+json"
        assert response.json() == expected(path)


class _RewordedError(HttpError):
    """What a django-ninja upgrade might raise: the same refusal in other words."""

    def __init__(self, status_code: int, message: str) -> None:
        super().__init__(status_code, f"Request body could not be read ({message.lower()})")


def test_the_answer_does_not_depend_on_django_ninjas_wording(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(ninja_params, "HttpError", _RewordedError)
    response = Client().post("/api/hpo/parse", "{", content_type="application/json")
    assert response.json() == expected("/api/hpo/parse")
