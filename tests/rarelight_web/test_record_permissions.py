"""The permission matrix: every records URL and API route × each role × a stranger × logged out.

The tables below are the specification. Adding a route to records/urls.py or records/api.py without
a row here fails `test_every_route_has_a_row`.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.test import Client
from django.urls import URLPattern
from tests.rarelight_web.factories import (
    add_member,
    make_appointment,
    make_dbs_implant,
    make_dbs_session,
    make_diary_entry,
    make_feature,
    make_invitation,
    make_medicine,
    make_milestone,
    make_record,
    make_report,
    make_team_member,
    make_therapy,
    make_user,
    make_variant,
)

from rarelight_web.accounts.models import User
from rarelight_web.records import urls as record_urls
from rarelight_web.records.api import router as records_router
from rarelight_web.records.models import CareRecord, Membership
from rarelight_web.records.roles import Role

WHO = ("guardian", "family", "clinician", "viewer", "stranger", "anonymous")
LOGIN = "login"  # a redirect to the sign-in page (pages that are not about one record)

Expected = int | str


@dataclass
class Circle:
    record: CareRecord
    users: dict[str, User | None]
    memberships: dict[str, Membership]
    invitation_id: int
    token: str
    team_member_id: int
    appointment_id: int
    medicine_id: int
    implant_id: int
    session_id: int
    diary_entry_id: int
    variant_id: int
    feature_id: int
    report_id: int
    therapy_id: int
    milestone_id: int


@pytest.fixture
def circle() -> Circle:
    guardian = make_user("Gwen Guardian")
    record = make_record(guardian)
    memberships = {"guardian": record.memberships.get(user=guardian)}
    for role in (Role.FAMILY, Role.CLINICIAN, Role.VIEWER):
        memberships[role.value] = add_member(record, role)
    users: dict[str, User | None] = {who: m.user for who, m in memberships.items()}
    users["stranger"] = make_user("Sam Stranger")
    users["anonymous"] = None
    invitation, token = make_invitation(record, role=Role.VIEWER)
    team_member = make_team_member(record)
    appointment = make_appointment(record)
    medicine = make_medicine(record)
    implant = make_dbs_implant(record, implanted_on=dt.date(2025, 1, 1))
    session = make_dbs_session(implant)
    diary_entry = make_diary_entry(record)
    variant, feature, report = make_variant(record), make_feature(record), make_report(record)
    therapy, milestone = make_therapy(record), make_milestone(record)
    return Circle(
        record,
        users,
        memberships,
        invitation.pk,
        token,
        team_member.pk,
        appointment.pk,
        medicine.pk,
        implant.pk,
        session.pk,
        diary_entry.pk,
        variant.pk,
        feature.pk,
        report.pk,
        therapy.pk,
        milestone.pk,
    )


def everyone(status: Expected, anonymous: Expected = LOGIN) -> dict[str, Expected]:
    """Any signed-in person gets `status` (the page is not about a record they may not see)."""
    return {**dict.fromkeys(WHO[:5], status), "anonymous": anonymous}


def members(guardian: int, family: int, clinician: int, viewer: int) -> dict[str, Expected]:
    """Members get their role's status; strangers and logged-out visitors get 404, never 403."""
    return {
        "guardian": guardian,
        "family": family,
        "clinician": clinician,
        "viewer": viewer,
        "stranger": 404,
        "anonymous": 404,
    }


@dataclass(frozen=True)
class Row:
    method: str
    path: Callable[[Circle], str]
    expect: dict[str, Expected]
    data: dict[str, str] = field(default_factory=dict)


def _r(c: Circle) -> str:
    return f"/records/{c.record.pk}"


def _crud(
    base: str,
    entry: Callable[[Circle], int],
    writers: tuple[int, int, int, int],
    add_data: dict[str, str],
    edit_data: dict[str, str],
    *,
    add_status: int = 302,
) -> dict[str, list[Row]]:
    """Rows for `base`/add/, `base`/<id>/edit/ and `base`/<id>/remove/ (GET and POST each)."""
    get = members(*writers)
    post = members(*(add_status if s == 200 else s for s in writers))
    saved = members(*(302 if s == 200 else s for s in writers))
    name = base.rstrip("s").replace("therapie", "therapy")
    return {
        f"{name}_add": [
            Row("GET", lambda c: f"{_r(c)}/{base}/add/", get),
            Row("POST", lambda c: f"{_r(c)}/{base}/add/", post, add_data),
        ],
        f"{name}_edit": [
            Row("GET", lambda c: f"{_r(c)}/{base}/{entry(c)}/edit/", get),
            Row("POST", lambda c: f"{_r(c)}/{base}/{entry(c)}/edit/", saved, edit_data),
        ],
        f"{name}_remove": [
            Row("GET", lambda c: f"{_r(c)}/{base}/{entry(c)}/remove/", get),
            Row("POST", lambda c: f"{_r(c)}/{base}/{entry(c)}/remove/", saved),
        ],
    }


# Pages: url name → the rows that exercise it (each method the view accepts).
PAGES: dict[str, list[Row]] = {
    "list": [Row("GET", lambda c: "/records/", everyone(200))],
    "create": [
        Row("GET", lambda c: "/records/new/", everyone(200)),
        Row(
            "POST", lambda c: "/records/new/", everyone(302), {"display_name": "Bo", "sex": "male"}
        ),
    ],
    "invitation": [
        # Members already belong (a clear message, 200); the stranger may accept; the logged-out
        # visitor sees a page asking them to sign in or sign up first.
        Row("GET", lambda c: f"/records/invitations/{c.token}/", everyone(200, anonymous=200)),
        Row(
            "POST",
            lambda c: f"/records/invitations/{c.token}/",
            {**everyone(200), "stranger": 302},
        ),
    ],
    "overview": [Row("GET", lambda c: f"{_r(c)}/", members(200, 200, 200, 200))],
    "edit": [
        Row("GET", lambda c: f"{_r(c)}/edit/", members(200, 200, 403, 403)),
        Row(
            "POST",
            lambda c: f"{_r(c)}/edit/",
            members(302, 302, 403, 403),
            {"display_name": "Ada L", "sex": "female"},
        ),
    ],
    "invite": [
        Row("GET", lambda c: f"{_r(c)}/invite/", members(200, 403, 403, 403)),
        Row("POST", lambda c: f"{_r(c)}/invite/", members(302, 403, 403, 403), {"role": "family"}),
    ],
    "revoke_invitation": [
        Row(
            "POST",
            lambda c: f"{_r(c)}/invitations/{c.invitation_id}/revoke/",
            members(302, 403, 403, 403),
        ),
    ],
    "remove_member": [
        Row(
            "GET",
            lambda c: f"{_r(c)}/members/{c.memberships['viewer'].pk}/remove/",
            members(200, 403, 403, 403),
        ),
        Row(
            "POST",
            lambda c: f"{_r(c)}/members/{c.memberships['family'].pk}/remove/",
            members(302, 403, 403, 403),
        ),
    ],
    "leave": [
        Row("GET", lambda c: f"{_r(c)}/leave/", members(200, 200, 200, 200)),
        # The only guardian is refused (the page again, with the reason); everyone else leaves.
        Row("POST", lambda c: f"{_r(c)}/leave/", members(200, 302, 302, 302)),
    ],
    "audit": [Row("GET", lambda c: f"{_r(c)}/audit/", members(200, 403, 403, 403))],
    "team": [Row("GET", lambda c: f"{_r(c)}/team/", members(200, 200, 200, 200))],
    **_crud(
        "team",
        lambda c: c.team_member_id,
        (200, 200, 403, 403),
        {"role": "ent-audiologist", "name": "Okafor"},
        {"role": "medical-geneticist", "name": "Rivera", "phone": "020 7946 0000"},
    ),
    "appointments": [Row("GET", lambda c: f"{_r(c)}/appointments/", members(200, 200, 200, 200))],
    **_crud(
        "appointments",
        lambda c: c.appointment_id,
        (200, 200, 403, 403),
        {"starts_at": "2027-01-05T09:30", "with_whom": "Dr Okafor"},
        {"starts_at": "2027-02-01T14:00", "with_whom": "Dr Rivera", "duration_minutes": "45"},
    ),
    "appointment_calendar": [
        Row("GET", lambda c: f"{_r(c)}/appointments.ics", members(200, 200, 200, 200))
    ],
    "medicines": [Row("GET", lambda c: f"{_r(c)}/medicines/", members(200, 200, 200, 200))],
    **_crud(
        "medicines",
        lambda c: c.medicine_id,
        (200, 200, 403, 403),
        {"name": "Baclofen", "started_on": "2026-01-05", "response": "better"},
        {
            "name": "Trihexyphenidyl",
            "dose": "4 mg",
            "started_on": "2026-01-05",
            "stopped_on": "2026-03-01",
            "response": "same",
        },
    ),
    "dbs": [Row("GET", lambda c: f"{_r(c)}/dbs/", members(200, 200, 200, 200))],
    "dbs_implant_add": [
        Row("GET", lambda c: f"{_r(c)}/dbs/add/", members(200, 200, 403, 403)),
        Row(
            "POST",
            lambda c: f"{_r(c)}/dbs/add/",
            members(302, 302, 403, 403),
            {"implanted_on": "2025-06-01", "target": "GPi", "device": "Percept PC"},
        ),
    ],
    "dbs_session_add": [
        Row(
            "GET",
            lambda c: f"{_r(c)}/dbs/{c.implant_id}/sessions/add/",
            members(200, 200, 403, 403),
        ),
        Row(
            "POST",
            lambda c: f"{_r(c)}/dbs/{c.implant_id}/sessions/add/",
            members(302, 302, 403, 403),
            {
                "programmed_on": "2026-11-01",
                "left_contacts": "1-, C%2B",
                "left_amplitude": "2.5",
                "left_unit": "mA",
                "left_pulse_width_us": "90",
                "left_frequency_hz": "130",
            },
        ),
    ],
    "dbs_implant_edit": [
        Row("GET", lambda c: f"{_r(c)}/dbs/{c.implant_id}/edit/", members(200, 200, 403, 403)),
        Row(
            "POST",
            lambda c: f"{_r(c)}/dbs/{c.implant_id}/edit/",
            members(302, 302, 403, 403),
            {"implanted_on": "2024-06-01", "target": "GPi", "device": "Activa RC"},
        ),
    ],
    "dbs_implant_remove": [
        Row("GET", lambda c: f"{_r(c)}/dbs/{c.implant_id}/remove/", members(200, 200, 403, 403)),
        Row("POST", lambda c: f"{_r(c)}/dbs/{c.implant_id}/remove/", members(302, 302, 403, 403)),
    ],
    "dbs_session_edit": [
        Row(
            "GET",
            lambda c: f"{_r(c)}/dbs/sessions/{c.session_id}/edit/",
            members(200, 200, 403, 403),
        ),
        Row(
            "POST",
            lambda c: f"{_r(c)}/dbs/sessions/{c.session_id}/edit/",
            members(302, 302, 403, 403),
            {
                "programmed_on": "2026-11-01",
                "left_contacts": "1-, C%2B",
                "left_amplitude": "2.5",
                "left_unit": "mA",
                "left_pulse_width_us": "90",
                "left_frequency_hz": "130",
            },
        ),
    ],
    "dbs_session_remove": [
        Row(
            "GET",
            lambda c: f"{_r(c)}/dbs/sessions/{c.session_id}/remove/",
            members(200, 200, 403, 403),
        ),
        Row(
            "POST",
            lambda c: f"{_r(c)}/dbs/sessions/{c.session_id}/remove/",
            members(302, 302, 403, 403),
        ),
    ],
    "diary": [Row("GET", lambda c: f"{_r(c)}/diary/", members(200, 200, 200, 200))],
    **_crud(
        "diary",
        lambda c: c.diary_entry_id,
        (200, 200, 200, 403),
        {"on": "2026-01-05", "regions": "legs", "notes": "Stiff"},
        {"on": "2026-01-06", "regions": "arms", "notes": "Better"},
    ),
}


CLINICAL_WRITERS = (200, 200, 200, 403)  # guardian, family, clinician, viewer
PAGES.update(
    {
        "condition": [Row("GET", lambda c: f"{_r(c)}/condition/", members(200, 200, 200, 200))],
        "care_notes": [
            Row("GET", lambda c: f"{_r(c)}/care-notes/", members(200, 200, 403, 403)),
            Row(
                "POST",
                lambda c: f"{_r(c)}/care-notes/",
                members(302, 302, 403, 403),
                {"allergies": "None known", "emergency_call": "DBS nurse"},
            ),
        ],
        "report_download": [
            Row(
                "GET",
                lambda c: f"{_r(c)}/reports/{c.report_id}/",
                members(200, 200, 200, 200),
            )
        ],
        "therapies": [Row("GET", lambda c: f"{_r(c)}/therapies/", members(200, 200, 200, 200))],
        **_crud(
            "variants",
            lambda c: c.variant_id,
            CLINICAL_WRITERS,
            {"gene": "KMT2B", "hgvs_c": "c.1A>G"},
            {"gene": "KMT2B", "hgvs_c": "c.2A>G"},
        ),
        **_crud(
            "features",
            lambda c: c.feature_id,
            CLINICAL_WRITERS,
            {"hpo_id": "HP:0030051", "excluded": "false"},
            {"excluded": "on"},
        ),
        # A report is a file: posting a form without one shows the form again (200).
        **_crud("reports", lambda c: c.report_id, CLINICAL_WRITERS, {}, {}, add_status=200),
        **_crud(
            "therapies",
            lambda c: c.therapy_id,
            CLINICAL_WRITERS,
            {"kind": "physical", "started_on": "2026-01-05"},
            {"kind": "physical", "started_on": "2026-01-06"},
        ),
        **_crud(
            "milestones",
            lambda c: c.milestone_id,
            CLINICAL_WRITERS,
            {"on": "2026-01-05", "kind": "school", "title": "Started school"},
            {"on": "2026-01-05", "kind": "school", "title": "Started year 2"},
        ),
    }
)
PAGES.update(
    {
        "passport": [Row("GET", lambda c: f"{_r(c)}/passport/", members(200, 200, 200, 200))],
        "passport_pdf": [
            Row("GET", lambda c: f"{_r(c)}/passport.pdf", members(200, 200, 200, 200))
        ],
        "progress": [Row("GET", lambda c: f"{_r(c)}/progress/", members(200, 200, 200, 200))],
        "chart": [Row("GET", lambda c: f"{_r(c)}/charts/bfm.svg", members(200, 200, 200, 200))],
        "export": [
            Row("GET", lambda c: f"{_r(c)}/export/", members(200, 403, 403, 403)),
            Row("POST", lambda c: f"{_r(c)}/export/", members(200, 403, 403, 403)),
        ],
        "registry": [
            Row("GET", lambda c: f"{_r(c)}/registry/", members(200, 403, 403, 403)),
            # Without consent nothing is shared: the form comes back (200).
            Row(
                "POST",
                lambda c: f"{_r(c)}/registry/",
                members(200, 403, 403, 403),
                {"country": "GB"},
            ),
        ],
        "delete": [
            Row("GET", lambda c: f"{_r(c)}/delete/", members(200, 403, 403, 403)),
            # A wrong name deletes nothing (400); the real deletion is tested on its own.
            Row(
                "POST",
                lambda c: f"{_r(c)}/delete/",
                members(400, 403, 403, 403),
                {"confirm_name": "not the name"},
            ),
        ],
    }
)
PAGES.update(
    {
        # Any member may make a private calendar link for themselves.
        "calendar_link": [
            Row("POST", lambda c: f"{_r(c)}/calendar-link/", members(200, 200, 200, 200))
        ],
        # The link is the key: without a valid one everybody, signed in or not, gets 404.
        "calendar_feed": [
            Row("GET", lambda c: "/records/calendar/not-a-key.ics", everyone(404, anonymous=404))
        ],
    }
)
del PAGES["report_edit"]  # a report is uploaded again rather than changed

# API: route path (as in records/api.py) and method → row.
API: dict[tuple[str, str], Row] = {
    ("", "GET"): Row("GET", lambda c: "/api/records", everyone(200, anonymous=401)),
    ("/{record_id}", "GET"): Row(
        "GET", lambda c: f"/api/records/{c.record.pk}", members(200, 200, 200, 200)
    ),
    ("/{record_id}/members", "GET"): Row(
        "GET", lambda c: f"/api/records/{c.record.pk}/members", members(200, 200, 200, 200)
    ),
}

CASES = [
    pytest.param(row, who, id=f"{name}-{row.method}-{who}")
    for name, rows in PAGES.items()
    for row in rows
    for who in WHO
] + [
    pytest.param(row, who, id=f"api{path or '/'}-{method}-{who}")
    for (path, method), row in API.items()
    for who in WHO
]


def test_every_route_has_a_row() -> None:
    names = {p.name for p in record_urls.urlpatterns if isinstance(p, URLPattern)}
    assert names == set(PAGES), "add a PAGES row for each records URL (and remove stale ones)"
    routes = {
        (path, method)
        for path, view in records_router.path_operations.items()
        for operation in view.operations
        for method in operation.methods
    }
    assert routes == set(API), "add an API row for each records API route (and remove stale ones)"


@pytest.mark.django_db
@pytest.mark.parametrize(("row", "who"), CASES)
def test_permission_matrix(circle: Circle, row: Row, who: str) -> None:
    client = Client()
    user = circle.users[who]
    if user is not None:
        client.force_login(user)
    path = row.path(circle)
    response = client.generic(
        row.method,
        path,
        data="&".join(f"{k}={v}" for k, v in row.data.items()),
        content_type="application/x-www-form-urlencoded",
    )
    if response.streaming:  # a file download: reading it to the end closes the file (the test
        b"".join(response.streaming_content)  # type: ignore[attr-defined]  # client's way)
    expected = row.expect[who]
    if expected == LOGIN:
        assert response.status_code == 302, response.content[:500]
        assert response["Location"].startswith("/accounts/sign-in/?next=")
    else:
        assert response.status_code == expected, (who, path, response.content[:500])
    if expected == 404 and path.startswith("/api/"):
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["status"] == 404
    if expected == 403:
        assert b"you cannot" in response.content


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/records/{}/",
        "/records/{}/edit/",
        "/records/{}/audit/",
        "/records/{}/team/",
        "/records/{}/team/add/",
        "/records/{}/appointments/",
        "/records/{}/appointments/add/",
        "/records/{}/appointments.ics",
        "/records/{}/medicines/",
        "/records/{}/medicines/add/",
        "/records/{}/dbs/",
        "/records/{}/dbs/add/",
        "/records/{}/diary/",
        "/records/{}/diary/add/",
        "/api/records/{}",
        "/api/records/{}/members",
    ],
)
def test_a_stranger_cannot_tell_a_hidden_record_from_a_missing_one(
    circle: Circle, path: str
) -> None:
    client = Client()
    stranger = circle.users["stranger"]
    assert stranger is not None
    client.force_login(stranger)
    missing_id = uuid.uuid4()
    hidden = client.get(path.format(circle.record.pk))
    missing = client.get(path.format(missing_id))
    assert hidden.status_code == missing.status_code == 404
    assert _neutral(hidden.content, circle.record.pk) == _neutral(missing.content, missing_id)


def _neutral(body: bytes, record_id: uuid.UUID) -> str:
    """The body with the record id and the per-response CSRF token taken out."""
    text = body.decode().replace(str(record_id), "ID")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)


@pytest.mark.django_db
def test_post_only_routes_refuse_get_without_revealing_anything(circle: Circle) -> None:
    client = Client()
    stranger = circle.users["stranger"]
    assert stranger is not None
    client.force_login(stranger)
    url = f"/records/{circle.record.pk}/invitations/{circle.invitation_id}/revoke/"
    missing = f"/records/{uuid.uuid4()}/invitations/{circle.invitation_id}/revoke/"
    assert client.get(url).status_code == client.get(missing).status_code == 405
