"""The care team on a record: services (rules, audit, capability), team gaps, and the pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from tests.rarelight_web.factories import (
    access,
    add_member,
    assert_accessible,
    make_disease,
    make_record,
    make_team_member,
    make_user,
)

from rarelight.care import DEFAULT_CARE_TEAM
from rarelight_web.records import services
from rarelight_web.records.models import AuditEntry, TeamMember
from rarelight_web.records.roles import Capability, Role

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
LATER = NOW + dt.timedelta(hours=1)
pytestmark = pytest.mark.django_db

KMT2B_ROLES = [
    "Medical geneticist",
    "Developmental pediatrician",
    "Neurologist (movement disorders)",
    "Speech-language pathologist",
    "Occupational and physical therapists",
    "Child psychiatrist or psychologist",
    "ENT specialist and audiologist",
    "Orthopedic specialist",
]


def _audit(record: object) -> list[tuple[str, str]]:
    return list(
        AuditEntry.objects.filter(record=record)
        .exclude(action__in=["created", "viewed"])
        .order_by("at", "id")
        .values_list("action", "target")
    )


def _gaps_section(html: str) -> str:
    return html[html.index('id="gaps"') :]


# Services -----------------------------------------------------------------------------------------


def test_adding_changing_and_removing_a_team_member_is_audited() -> None:
    guardian = make_user("Gwen")
    record = make_record(guardian, at=NOW)
    edit = access(guardian, record, Capability.EDIT_PROFILE)
    member = services.add_team_member(
        edit,
        role=" Medical Geneticist ",
        name=" Dr Rivera ",
        phone="020 7946 0000",
        email="Rivera@Example.org",
        now=NOW,
    )
    assert (member.role, member.name, member.email) == (
        "medical-geneticist",
        "Dr Rivera",
        "rivera@example.org",
    )
    assert (member.created_at, member.updated_at) == (NOW, NOW)
    changed = services.update_team_member(
        edit, member.pk, role="medical-geneticist", name="Dr Rivera", phone="0", now=LATER
    )
    assert changed == ["phone", "email"]
    member.refresh_from_db()
    assert (member.phone, member.email, member.updated_at) == ("0", "", LATER)
    assert (
        services.update_team_member(
            edit, member.pk, role=member.role, name=member.name, phone="0", now=LATER
        )
        == []
    )
    services.remove_team_member(edit, member.pk, now=LATER)
    assert not TeamMember.objects.filter(record=record).exists()
    assert _audit(record) == [
        ("team_added", "Dr Rivera (medical-geneticist)"),
        ("team_updated", "Dr Rivera (medical-geneticist)"),
        ("team_removed", "Dr Rivera (medical-geneticist)"),
    ]
    updated = AuditEntry.objects.get(record=record, action="team_updated")
    assert updated.details == {"fields": ["phone", "email"]}
    assert updated.actor == guardian


def test_family_may_edit_the_team() -> None:
    record = make_record(at=NOW)
    family = add_member(record, Role.FAMILY).user
    member = services.add_team_member(
        access(family, record), role="ent-audiologist", name="Okafor", now=NOW
    )
    assert member.record == record
    assert AuditEntry.objects.get(action="team_added").actor == family


@pytest.mark.parametrize("role", [Role.CLINICIAN, Role.VIEWER])
def test_team_services_check_the_capability_again(role: Role) -> None:
    record = make_record(at=NOW)
    member = make_team_member(record, at=NOW)
    reader = access(add_member(record, role).user, record)
    with pytest.raises(PermissionDenied):
        services.add_team_member(reader, role="custom", custom_title="Dietitian", name="X", now=NOW)
    with pytest.raises(PermissionDenied):
        services.update_team_member(reader, member.pk, role=member.role, name="Y", now=NOW)
    with pytest.raises(PermissionDenied):
        services.remove_team_member(reader, member.pk, now=NOW)
    member.refresh_from_db()
    assert member.name == "Dr Rivera"
    assert _audit(record) == [("team_added", "Dr Rivera (medical-geneticist)")]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"role": "wizard", "name": "X"}, "Choose a role from the list"),
        ({"role": "custom", "name": "X"}, "Give the role a title"),
        ({"role": "custom", "custom_title": "  ", "name": "X"}, "Give the role a title"),
        ({"role": "medical-geneticist", "name": " "}, "Give a name"),
    ],
)
def test_team_rules_are_enforced_by_the_service(fields: dict[str, str], message: str) -> None:
    guardian = make_user()
    record = make_record(guardian, at=NOW)
    with pytest.raises(services.TeamError, match=message):
        services.add_team_member(access(guardian, record), now=NOW, **fields)  # type: ignore[arg-type]
    assert not TeamMember.objects.exists()
    assert _audit(record) == []


def test_a_custom_role_keeps_its_title_and_others_drop_it() -> None:
    guardian = make_user()
    record = make_record(guardian, at=NOW)
    edit = access(guardian, record)
    custom = services.add_team_member(
        edit, role="Custom", custom_title=" Dietitian ", name="Lee", now=NOW
    )
    assert (custom.role, custom.custom_title) == ("custom", "Dietitian")
    plain = services.add_team_member(
        edit, role="orthopedic-specialist", custom_title="ignored", name="Ito", now=NOW
    )
    assert plain.custom_title == ""


def test_a_member_of_another_record_cannot_be_changed() -> None:
    guardian = make_user()
    mine = make_record(guardian, at=NOW)
    other = make_team_member(make_record(at=NOW), at=NOW)
    with pytest.raises(services.TeamError, match="not on this care team"):
        services.remove_team_member(access(guardian, mine), other.pk, now=NOW)
    assert TeamMember.objects.filter(pk=other.pk).exists()


# Team gaps ----------------------------------------------------------------------------------------


def test_a_kmt2b_record_shows_the_eight_roles_minus_the_filled_ones() -> None:
    guardian = make_user()
    record = make_record(guardian, diagnosis=make_disease(), at=NOW)
    client = Client()
    client.force_login(guardian)
    html = client.get(f"/records/{record.pk}/team/").content.decode()
    assert_accessible(html)
    gaps = _gaps_section(html)
    assert [title for title in KMT2B_ROLES if f"<h3>{title}</h3>" in gaps] == KMT2B_ROLES
    assert gaps.count("<h3>") == 8
    assert "recommended for KMT2B-related dystonia" in gaps
    assert "When to see them:" in gaps
    assert "At diagnosis, and again when planning a family" in gaps  # from the curated profile
    assert f"/records/{record.pk}/team/add/?role=medical-geneticist" in gaps

    make_team_member(record, role="medical-geneticist", name="Dr Rivera")
    make_team_member(record, role="ent-audiologist", name="Okafor")
    html = client.get(f"/records/{record.pk}/team/").content.decode()
    gaps = _gaps_section(html)
    assert gaps.count("<h3>") == 6
    assert "<h3>Medical geneticist</h3>" not in gaps
    assert "<h3>ENT specialist and audiologist</h3>" not in gaps
    assert "<h3>Orthopedic specialist</h3>" in gaps
    team = html[: html.index('id="gaps"')]
    assert "Dr Rivera" in team
    assert "Okafor" in team


def test_custom_roles_are_never_gaps_and_never_fill_one() -> None:
    guardian = make_user()
    record = make_record(guardian, diagnosis=make_disease(), at=NOW)
    make_team_member(record, role="custom", custom_title="Medical geneticist", name="Lee")
    make_team_member(record, role="custom", custom_title="Dietitian", name="Ito")
    client = Client()
    client.force_login(guardian)
    html = client.get(f"/records/{record.pk}/team/").content.decode()
    gaps = _gaps_section(html)
    assert gaps.count("<h3>") == 8
    assert "Dietitian" not in gaps
    assert "custom" not in gaps
    assert "Dietitian" in html[: html.index('id="gaps"')]


def test_without_a_curated_profile_the_default_team_is_recommended() -> None:
    guardian = make_user()
    record = make_record(guardian, at=NOW)
    make_team_member(record, role="orthopedic-specialist", name="Ito")
    client = Client()
    client.force_login(guardian)
    gaps = _gaps_section(client.get(f"/records/{record.pk}/team/").content.decode())
    assert "no diagnosis with a curated profile" in gaps
    expected = [r.title for r in DEFAULT_CARE_TEAM if r.role != "orthopedic-specialist"]
    assert [t for t in expected if f"<h3>{t}</h3>" in gaps] == expected
    assert gaps.count("<h3>") == 7


def test_readers_see_the_team_without_edit_links() -> None:
    record = make_record(at=NOW)
    make_team_member(record)
    viewer = add_member(record, Role.VIEWER).user
    client = Client()
    client.force_login(viewer)
    html = client.get(f"/records/{record.pk}/team/").content.decode()
    assert "Dr Rivera" in html
    assert "/team/add/" not in html
    assert "/edit/" not in html


# Pages --------------------------------------------------------------------------------------------


def test_the_overview_links_to_the_team() -> None:
    guardian = make_user()
    record = make_record(guardian, at=NOW)
    client = Client()
    client.force_login(guardian)
    assert (
        f'href="/records/{record.pk}/team/"'
        in client.get(f"/records/{record.pk}/").content.decode()
    )


def test_adding_from_a_gap_fills_the_role_in() -> None:
    guardian = make_user()
    record = make_record(guardian, diagnosis=make_disease(), at=NOW)
    client = Client()
    client.force_login(guardian)
    html = client.get(f"/records/{record.pk}/team/add/?role=ent-audiologist").content.decode()
    assert_accessible(html)
    assert '<option value="ent-audiologist" selected>' in html
    response = client.post(
        f"/records/{record.pk}/team/add/",
        {"role": "ent-audiologist", "name": "Okafor", "phone": "+44 (20) 7946-0000"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/records/{record.pk}/team/"
    member = TeamMember.objects.get(record=record)
    assert (member.role, member.name, member.phone) == (
        "ent-audiologist",
        "Okafor",
        "+44 (20) 7946-0000",
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"role": "custom", "name": "Lee"}, "Give the role a title, e.g. Dietitian."),
        (
            {"role": "medical-geneticist", "name": ""},
            "Give a name: a person, or the clinic if you do not know who yet.",
        ),
        (
            {"role": "wizard", "name": "Lee"},
            "Choose a role from the list, or “Another role” with its title.",
        ),
        (
            {"role": "medical-geneticist", "name": "Lee", "email": "lee-at-clinic"},
            "Enter an email address such as name@example.org, or leave it empty.",
        ),
        (
            {"role": "medical-geneticist", "name": "Lee", "phone": "call reception"},
            "Enter a phone number using digits, spaces, +, - and brackets only.",
        ),
    ],
)
def test_form_errors_are_clear_and_nothing_is_stored(data: dict[str, str], message: str) -> None:
    guardian = make_user()
    record = make_record(guardian, at=NOW)
    client = Client()
    client.force_login(guardian)
    response = client.post(f"/records/{record.pk}/team/add/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert_accessible(html)
    assert message.replace("“", "&ldquo;").replace("”", "&rdquo;") in html or message in html
    assert 'aria-invalid="true"' in html
    assert not TeamMember.objects.exists()


def test_editing_and_removing_through_the_pages() -> None:
    guardian = make_user()
    record = make_record(guardian, at=NOW)
    member = make_team_member(record)
    client = Client()
    client.force_login(guardian)
    edit_url = f"/records/{record.pk}/team/{member.pk}/edit/"
    html = client.get(edit_url).content.decode()
    assert_accessible(html)
    assert 'value="Dr Rivera"' in html
    response = client.post(
        edit_url, {"role": "custom", "custom_title": "Neurogeneticist", "name": "Dr Rivera"}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.role, member.custom_title) == ("custom", "Neurogeneticist")

    remove_url = f"/records/{record.pk}/team/{member.pk}/remove/"
    html = client.get(remove_url).content.decode()
    assert_accessible(html)
    assert "Remove Dr Rivera from the care team?" in html
    assert "Neurogeneticist" in html
    assert TeamMember.objects.filter(pk=member.pk).exists()  # GET only asks
    assert client.post(remove_url).status_code == 302
    assert not TeamMember.objects.filter(pk=member.pk).exists()
    assert [a for a, _t in _audit(record)] == ["team_added", "team_updated", "team_removed"]


def test_a_missing_team_member_redirects_to_the_team_with_a_message() -> None:
    guardian = make_user()
    record = make_record(guardian, at=NOW)
    client = Client()
    client.force_login(guardian)
    response = client.get(f"/records/{record.pk}/team/999/edit/", follow=True)
    assert response.redirect_chain[-1][0] == f"/records/{record.pk}/team/"
    assert "That person is not on this care team." in response.content.decode()
