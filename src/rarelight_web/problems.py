"""RFC 9457 problem bodies: the one shape every API error takes."""

from __future__ import annotations

import json
from http import HTTPStatus

from django.http import HttpResponse


def problem_response(status: int, detail: str, instance: str, **extra: object) -> HttpResponse:
    """An application/problem+json response with a title, the specific detail, and the path."""
    body = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "instance": instance,
        **extra,
    }
    return HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type="application/problem+json"
    )
