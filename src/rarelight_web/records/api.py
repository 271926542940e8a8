"""The care records API: the signed-in person's records and circles, with the pages' access checks.

Session authentication (the same sign-in as the pages). A record outside the caller's circles, or
any record when signed out, is a 404 problem body — exactly like one that does not exist.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema

from rarelight_web.accounts.models import User
from rarelight_web.problems import problem_response

from . import services
from .access import Access, record_access
from .models import Membership
from .roles import Capability

router = Router(tags=["care records"])


class DiagnosisOut(Schema):
    id: str
    name: str


class RecordOut(Schema):
    id: str
    display_name: str
    date_of_birth: dt.date | None
    sex: str
    diagnosis: DiagnosisOut | None
    role: str
    capabilities: list[str]
    created_at: dt.datetime
    updated_at: dt.datetime

    @classmethod
    def of(cls, access: Access) -> RecordOut:
        record = access.record
        diagnosis = (
            DiagnosisOut(id=record.diagnosis.id, name=record.diagnosis.name)
            if record.diagnosis is not None
            else None
        )
        return cls(
            id=str(record.pk),
            display_name=record.display_name,
            date_of_birth=record.date_of_birth,
            sex=record.sex,
            diagnosis=diagnosis,
            role=access.role.value,
            capabilities=sorted(c.value for c in Capability if access.can(c)),
            created_at=record.created_at,
            updated_at=record.updated_at,
        )


class MemberOut(Schema):
    display_name: str
    role: str
    joined_at: dt.datetime
    you: bool


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@router.get("", response=list[RecordOut], summary="My care records")
def list_records(request: HttpRequest) -> list[RecordOut] | HttpResponse:
    """The records whose care circle the signed-in person is in, with their role in each."""
    if not isinstance(request.user, User):
        return problem_response(401, "Sign in to see your care records.", request.path)
    memberships = (
        Membership.objects.filter(user=request.user)
        .select_related("record", "record__diagnosis")
        .order_by("record__display_name", "record_id")
    )
    return [RecordOut.of(Access(m.record, m)) for m in memberships]


@router.get("/{record_id}", response=RecordOut, summary="One care record")
def get_record(request: HttpRequest, record_id: str) -> RecordOut:
    """A record's details (members of its circle only; noted in its audit log)."""
    access = record_access(request.user, record_id, Capability.VIEW)
    services.note_viewed(access, now=_now(), what="record (API)")
    return RecordOut.of(access)


@router.get("/{record_id}/members", response=list[MemberOut], summary="A record's care circle")
def list_members(request: HttpRequest, record_id: str) -> list[MemberOut]:
    """Who is in the record's care circle, with their roles (members only; noted in its audit)."""
    access = record_access(request.user, record_id, Capability.VIEW)
    services.note_viewed(access, now=_now(), what="care circle (API)")
    members = access.record.memberships.select_related("user").order_by("joined_at", "id")
    return [
        MemberOut(
            display_name=m.user.display_name,
            role=m.role,
            joined_at=m.joined_at,
            you=m.pk == access.membership.pk,
        )
        for m in members
    ]
