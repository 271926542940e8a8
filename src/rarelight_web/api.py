"""The JSON API under /api/: one NinjaAPI, one router per app, domain errors → problem bodies."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError
from ninja.parser import Parser

import rarelight
from rarelight.errors import InputError, NotFound, ProblemsError, RarelightError

from .catalog.api import router as catalog_router
from .community.api import router as community_router
from .diagnosis.api import router as diagnosis_router
from .problems import problem_response
from .records.api import router as records_router
from .registry.api import router as registry_router


class BodyNotJsonError(Exception):
    """A request body that is not JSON (malformed, not UTF-8, nested too deep to read)."""


class _JsonParser(Parser):
    """ninja's JSON parser, failing with our own exception type: what we answer then is decided
    by that type, never by the wording of ninja's message."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        try:
            return super().parse_body(request)
        except Exception as error:  # any failure to read it: invalid JSON, bytes, or too deep
            raise BodyNotJsonError(str(error)) from error


api = NinjaAPI(
    title="Rarelight API",
    version=rarelight.__version__,
    description=(
        "Disease knowledge for ultra-rare genetic disorders: hand-curated, cited profiles and a "
        "catalogue generated from the HPO annotations. Information, not a diagnosis."
    ),
    urls_namespace="api",
    parser=_JsonParser(),
)
api.add_router("/diseases", catalog_router)
api.add_router("", diagnosis_router)
api.add_router("/records", records_router)
api.add_router("/registry", registry_router)
api.add_router("/community", community_router)


# One table from domain errors to HTTP status codes.
_STATUS: list[tuple[type[RarelightError], int]] = [(NotFound, 404), (InputError, 422)]


@api.exception_handler(RarelightError)
def _domain_error(request: HttpRequest, error: RarelightError) -> HttpResponse:
    status = next((code for kind, code in _STATUS if isinstance(error, kind)), 400)
    if isinstance(error, ProblemsError):
        errors = [{"field": p.location, "message": p.message, "fix": p.fix} for p in error.problems]
        detail = "; ".join(f"{p.location}: {p.message}" for p in error.problems)
        return problem_response(status, detail, request.path, errors=errors)
    return problem_response(status, str(error), request.path)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, error: Http404) -> HttpResponse:
    detail = str(error.args[0]) if error.args else "No such resource."
    return problem_response(404, detail, request.path)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, error: PermissionDenied) -> HttpResponse:
    detail = str(error.args[0]) if error.args else "Your role does not allow this."
    return problem_response(403, detail, request.path)


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, error: ValidationError) -> HttpResponse:
    problems = [
        {
            "field": ".".join(
                str(p) for p in item.get("loc", ()) if p not in {"query", "path", "body"}
            ),
            "message": item.get("msg", ""),
        }
        for item in error.errors
    ]
    detail = "; ".join(f"{p['field']}: {p['message']}" for p in problems)
    return problem_response(422, detail, request.path, errors=problems)


@api.exception_handler(BodyNotJsonError)
def _body_not_json(request: HttpRequest, error: BodyNotJsonError) -> HttpResponse:
    """Also answers if a django-ninja release stops wrapping the parser's error."""
    message = "The request body is not valid JSON: send one JSON object (see /api/docs)."
    return problem_response(
        400, message, request.path, errors=[{"field": "body", "message": message}]
    )


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    """Ninja's own refusals. The one users meet is a body our parser could not read: ninja wraps
    the parser's BodyNotJsonError in an HttpError (whatever its message says), so that one is
    told by its cause, and says what is accepted."""
    if isinstance(error.__cause__, BodyNotJsonError):
        return _body_not_json(request, error.__cause__)
    return problem_response(error.status_code, str(error), request.path)
