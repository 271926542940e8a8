"""Care records and the care circle: services (rules, invitations, audit), pages and the API."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client
from tests.rarelight_web.factories import (
    access,
    add_member,
    assert_accessible,
    make_disease,
    make_invitation,
    make_record,
    make_user,
)

from rarelight_web.records import services
from rarelight_web.records.models import AuditEntry, Invitation, Membership
from rarelight_web.records.roles import CAPABILITIES, Capability, Role, can

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
pytestmark = pytest.mark.django_db


def actions(record: object) -> list[str]:
    return list(
        AuditEntry.objects.filter(record=record)
        .order_by("at", "id")
        .values_list("action", flat=True)
    )


# Roles --------------------------------------------------------------------------------------------


@pytest.mark.django_db(False)
def test_the_role_table() -> None:
    assert CAPABILITIES[Role.GUARDIAN] == frozenset(Capability)
    assert can("family", Capability.EDIT_PROFILE)
    assert not can("family", Capability.MANAGE_CIRCLE)
    assert can("clinician", Capability.VIEW)
    assert not can("clinician", Capability.EDIT_PROFILE)
    assert CAPABILITIES[Role.VIEWER] == {Capability.VIEW}
    assert not can("owner", Capability.VIEW)
    assert all(Capability.VIEW in caps for caps in CAPABILITIES.values())


# Records ------------------------------------------------------------------------------------------


def test_creating_a_record_makes_its_creator_the_guardian() -> None:
    user = make_user("Gwen")
    record = make_record(user, diagnosis=make_disease(), at=NOW)
    membership = Membership.objects.get(record=record)
    assert (membership.user, membership.role, membership.joined_at) == (user, "guardian", NOW)
    assert record.created_at == record.updated_at == NOW
    assert record.diagnosis_id == "OMIM:617284"
    entry = AuditEntry.objects.get(record=record)
    assert (entry.actor, entry.actor_name, entry.action, entry.at) == (user, "Gwen", "created", NOW)


def test_updating_audits_the_changed_fields_only() -> None:
    record = make_record(at=NOW)
    family = add_member(record, Role.FAMILY)
    later = NOW + dt.timedelta(hours=1)
    changed = services.update_record(
        access(family.user, record, Capability.EDIT_PROFILE),
        display_name="Ada",
        date_of_birth=record.date_of_birth,
        sex="female",
        diagnosis=make_disease(),
        now=later,
    )
    assert changed == ["diagnosis"]
    record.refresh_from_db()
    assert record.updated_at == later
    entry = AuditEntry.objects.filter(record=record, action="updated").get()
    assert entry.details == {"fields": ["diagnosis"]}
    assert entry.details_text() == "fields: diagnosis"
    unchanged = services.update_record(
        access(family.user, record),
        display_name="Ada",
        date_of_birth=record.date_of_birth,
        sex="female",
        diagnosis=record.diagnosis,
        now=later,
    )
    assert unchanged == []
    assert actions(record).count("updated") == 1


@pytest.mark.parametrize("role", [Role.CLINICIAN, Role.VIEWER])
def test_services_check_the_capability_again(role: Role) -> None:
    record = make_record(at=NOW)
    member = add_member(record, role)
    with pytest.raises(PermissionDenied, match=f"As {role.value}"):
        services.update_record(
            access(member.user, record),
            display_name="X",
            date_of_birth=None,
            sex="unknown",
            diagnosis=None,
            now=NOW,
        )
    with pytest.raises(PermissionDenied):
        services.invite(access(member.user, record), role="viewer", email="", now=NOW)


def test_the_audit_log_is_append_only() -> None:
    record = make_record(at=NOW)
    entry = AuditEntry.objects.get(record=record)
    entry.target = "something else"
    with pytest.raises(ValueError, match="append-only"):
        entry.save()
    with pytest.raises(ValueError, match="append-only"):
        AuditEntry.objects.filter(record=record).update(target="x")
    with pytest.raises(ValueError, match="append-only"):
        AuditEntry.objects.filter(record=record).delete()


# Invitations --------------------------------------------------------------------------------------


def test_an_invitation_adds_its_holder_with_its_role_once() -> None:
    record = make_record(at=NOW)
    invitation, token = make_invitation(record, role=Role.CLINICIAN, at=NOW)
    assert invitation.expires_at == NOW + dt.timedelta(days=7)
    doctor = make_user("Dr Lee")
    membership = services.accept_invitation(doctor, token, now=NOW + dt.timedelta(days=1))
    assert (membership.role, membership.record_id) == ("clinician", record.pk)
    invitation.refresh_from_db()
    assert invitation.accepted_by == doctor
    assert actions(record) == ["created", "invited", "joined"]
    with pytest.raises(services.AlreadyMember):
        services.accept_invitation(doctor, token, now=NOW)
    with pytest.raises(services.InvitationError, match="already been used"):
        services.accept_invitation(make_user(), token, now=NOW)


def test_the_token_is_stable_and_names_its_invitation() -> None:
    record = make_record(at=NOW)
    invitation, token = make_invitation(record, at=NOW)
    assert services.invitation_token(invitation) == token
    assert services.check_invitation(token, None, now=NOW) == invitation


@pytest.mark.parametrize(
    ("age", "ok"),
    [
        (dt.timedelta(days=7) - dt.timedelta(seconds=1), True),
        (dt.timedelta(days=7, seconds=1), False),
    ],
)
def test_invitations_expire_after_seven_days(age: dt.timedelta, ok: bool) -> None:
    record = make_record(at=NOW)
    _invitation, token = make_invitation(record, at=NOW)
    if ok:
        services.accept_invitation(make_user(), token, now=NOW + age)
    else:
        with pytest.raises(services.InvitationError, match="expired"):
            services.accept_invitation(make_user(), token, now=NOW + age)
        assert Membership.objects.filter(record=record).count() == 1


def test_a_revoked_invitation_stops_working() -> None:
    record = make_record(at=NOW)
    invitation, token = make_invitation(record, at=NOW)
    guardian = access(record.memberships.get().user, record)
    services.revoke_invitation(guardian, invitation.pk, now=NOW)
    with pytest.raises(services.InvitationError, match="withdrawn"):
        services.accept_invitation(make_user(), token, now=NOW)
    with pytest.raises(services.CircleError, match="already used or withdrawn"):
        services.revoke_invitation(guardian, invitation.pk, now=NOW)
    with pytest.raises(services.CircleError, match="no such invitation"):
        services.revoke_invitation(guardian, invitation.pk + 100, now=NOW)
    assert actions(record) == ["created", "invited", "revoked"]


@pytest.mark.parametrize(
    "mangle",
    [
        lambda t: t[:-2] + ("aa" if not t.endswith("aa") else "bb"),  # signature
        lambda t: "9999." + t.split(".", 1)[1],  # another invitation id
        lambda t: "not-a-token",
        lambda t: "",
    ],
)
def test_a_tampered_token_is_invalid(mangle: object) -> None:
    record = make_record(at=NOW)
    _invitation, token = make_invitation(record, at=NOW)
    assert callable(mangle)
    with pytest.raises(services.InvitationError, match="not valid"):
        services.accept_invitation(make_user(), mangle(token), now=NOW)


def test_a_token_signed_for_something_else_is_invalid() -> None:
    from django.core import signing

    record = make_record(at=NOW)
    invitation, _token = make_invitation(record, at=NOW)
    forged = signing.TimestampSigner(salt="elsewhere").sign(f"{invitation.pk}.{invitation.nonce}")
    with pytest.raises(services.InvitationError, match="not valid"):
        services.check_invitation(forged, None, now=NOW)


def test_an_invitation_for_an_address_is_for_that_account_only() -> None:
    record = make_record(at=NOW)
    _invitation, token = make_invitation(record, email="Dr.Lee@Example.org", at=NOW)
    with pytest.raises(services.InvitationError, match="another email address"):
        services.accept_invitation(make_user(email="someone@example.org"), token, now=NOW)
    doctor = make_user(email="dr.lee@example.org")
    assert services.accept_invitation(doctor, token, now=NOW).user == doctor


# The last guardian --------------------------------------------------------------------------------


def test_the_last_guardian_can_neither_leave_nor_be_removed() -> None:
    record = make_record(at=NOW)
    guardian = access(record.memberships.get().user, record)
    with pytest.raises(services.LastGuardianError, match="at least one guardian"):
        services.leave(guardian, now=NOW)
    with pytest.raises(services.LastGuardianError):
        services.remove_member(guardian, guardian.membership.pk, now=NOW)
    assert Membership.objects.filter(record=record).count() == 1


def test_with_two_guardians_one_may_go() -> None:
    record = make_record(at=NOW)
    first = access(record.memberships.get().user, record)
    second = add_member(record, Role.GUARDIAN)
    viewer = add_member(record, Role.VIEWER)
    services.remove_member(first, viewer.pk, now=NOW)
    services.leave(first, now=NOW)
    remaining = access(second.user, record)
    with pytest.raises(services.LastGuardianError):
        services.leave(remaining, now=NOW)
    assert list(record.memberships.values_list("role", flat=True)) == ["guardian"]
    assert actions(record) == ["created", "removed", "left"]
    removed = AuditEntry.objects.get(record=record, action="removed")
    assert removed.target == f"{viewer.user.display_name} (viewer)"


def test_anyone_but_the_last_guardian_may_leave() -> None:
    record = make_record(at=NOW)
    family = add_member(record, Role.FAMILY)
    services.leave(access(family.user, record), now=NOW)
    assert not Membership.objects.filter(pk=family.pk).exists()


def test_removing_someone_from_another_circle_is_refused() -> None:
    record = make_record(at=NOW)
    other = add_member(make_record(at=NOW), Role.VIEWER)
    guardian = access(record.memberships.get().user, record)
    with pytest.raises(services.CircleError, match="not in this care circle"):
        services.remove_member(guardian, other.pk, now=NOW)
    assert Membership.objects.filter(pk=other.pk).exists()


# Pages --------------------------------------------------------------------------------------------


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_my_records_and_creating_one() -> None:
    make_disease()
    user = make_user("Gwen")
    client = signed_in(user)
    empty = client.get("/records/")
    assert_accessible(empty.content.decode())
    assert "not in any care circle yet" in empty.content.decode()
    form = client.get("/records/new/").content.decode()
    assert_accessible(form)
    assert 'list="curated-diseases"' in form
    response = client.post(
        "/records/new/",
        {
            "display_name": "Ada",
            "date_of_birth": "2019-03-14",
            "sex": "female",
            "diagnosis_id": "omim:617284",
        },
    )
    assert response.status_code == 302
    record = user.memberships.get().record
    assert response["Location"] == f"/records/{record.pk}/"
    assert record.diagnosis_id == "OMIM:617284"
    listing = client.get("/records/").content.decode()
    assert "Ada" in listing
    assert "KMT2B-related dystonia" in listing


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"display_name": "", "sex": "female"}, "This field is required"),
        (
            {"display_name": "Ada", "sex": "female", "diagnosis_id": "OMIM:000000"},
            "is not in the catalogue",
        ),
        (
            {"display_name": "Ada", "sex": "female", "date_of_birth": "2099-01-01"},
            "cannot be in the future",
        ),
    ],
)
def test_the_record_form_says_what_is_wrong(data: dict[str, str], message: str) -> None:
    client = signed_in(make_user())
    response = client.post("/records/new/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Membership.objects.exists()


def test_the_overview_for_a_guardian_and_for_a_viewer() -> None:
    guardian = make_user("Gwen", email="gwen@example.org")
    record = make_record(guardian, diagnosis=make_disease())
    viewer = add_member(record, Role.VIEWER, make_user("Val", email="val@example.org"))
    invitation, token = make_invitation(record, role=Role.CLINICIAN, email="dr@example.org")
    page = signed_in(guardian).get(f"/records/{record.pk}/").content.decode()
    assert_accessible(page)
    assert "Gwen" in page
    assert "Val" in page
    assert "val@example.org" in page
    assert f"/records/invitations/{token}/" in page
    assert f"/invitations/{invitation.pk}/revoke/" in page
    assert f"/members/{viewer.pk}/remove/" in page
    assert "/audit/" in page
    assert "/diseases/OMIM:617284/" in page
    seen = signed_in(viewer.user).get(f"/records/{record.pk}/").content.decode()
    assert_accessible(seen)
    assert "Gwen" in seen
    assert "val@example.org" not in seen
    assert token not in seen
    assert "/invite/" not in seen
    assert "/edit/" not in seen
    assert "/audit/" not in seen
    assert "/leave/" in seen


def test_viewing_a_record_is_audited() -> None:
    record = make_record()
    viewer = add_member(record, Role.VIEWER)
    signed_in(viewer.user).get(f"/records/{record.pk}/")
    entry = AuditEntry.objects.get(record=record, action="viewed")
    assert (entry.actor, entry.target) == (viewer.user, "record")


def test_guardians_read_the_audit_log() -> None:
    guardian = make_user("Gwen")
    record = make_record(guardian)
    viewer = add_member(record, Role.VIEWER, make_user("Val"))
    signed_in(viewer.user).get(f"/records/{record.pk}/")
    response = signed_in(guardian).get(f"/records/{record.pk}/audit/")
    page = response.content.decode()
    assert_accessible(page)
    assert "created the record" in page
    assert re.search(r"Val</td>\s*<td>viewed: record", page)
    assert "viewed: audit log" in page  # reading the log is itself logged
    # Not the 403 page. (A bare "403" also turns up in a timestamp's microseconds.)
    assert response.status_code == 200
    assert "Your role does not allow this" not in page


def test_inviting_by_email_sends_the_link_but_not_the_name() -> None:
    guardian = make_user("Gwen")
    record = make_record(guardian, display_name="Ada Lovelace")
    client = signed_in(guardian)
    response = client.post(
        f"/records/{record.pk}/invite/", {"role": "clinician", "email": "Dr@Example.org"}
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get(record=record)
    assert (invitation.role, invitation.email) == ("clinician", "dr@example.org")
    [message] = mail.outbox
    assert message.to == ["dr@example.org"]
    assert "Gwen invites you" in message.subject
    link = f"http://testserver/records/invitations/{services.invitation_token(invitation)}/"
    assert link in message.body
    assert "Ada" not in message.body + message.subject
    page = client.get(f"/records/{record.pk}/").content.decode()
    assert "Invitation sent by email" in page


def test_a_link_only_invitation_sends_no_email() -> None:
    guardian = make_user()
    record = make_record(guardian)
    signed_in(guardian).post(f"/records/{record.pk}/invite/", {"role": "family", "email": ""})
    assert Invitation.objects.get(record=record).email == ""
    assert mail.outbox == []


def test_the_invite_form_rejects_an_unknown_role() -> None:
    guardian = make_user()
    record = make_record(guardian)
    response = signed_in(guardian).post(f"/records/{record.pk}/invite/", {"role": "owner"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Invitation.objects.exists()


def test_accepting_an_invitation_in_the_browser() -> None:
    record = make_record(display_name="Ada")
    _invitation, token = make_invitation(record, role=Role.CLINICIAN)
    url = f"/records/invitations/{token}/"
    anonymous = Client().get(url).content.decode()
    assert_accessible(anonymous)
    assert f"/accounts/sign-in/?next={url.replace(':', '%3A')}" in anonymous
    assert "Ada" not in anonymous  # the record's name waits until the holder signs in
    doctor = make_user("Dr Lee")
    client = signed_in(doctor)
    page = client.get(url).content.decode()
    assert_accessible(page)
    assert "invites you to the care circle of Ada as clinician" in page
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == f"/records/{record.pk}/"
    assert record.memberships.get(user=doctor).role == "clinician"
    assert (
        "You have joined the care circle as clinician"
        in client.get(response["Location"]).content.decode()
    )
    again = client.get(url)
    assert again.status_code == 200
    assert "already in this care circle" in again.content.decode()
    used = signed_in(make_user()).post(url)
    assert used.status_code == 400
    assert "already been used" in used.content.decode()


def test_a_broken_invitation_link_says_so() -> None:
    response = signed_in(make_user()).get("/records/invitations/nonsense/")
    assert response.status_code == 400
    html = response.content.decode()
    assert_accessible(html)
    assert "This invitation link is not valid" in html


def test_the_last_guardian_is_told_why_they_cannot_leave() -> None:
    guardian = make_user()
    record = make_record(guardian)
    client = signed_in(guardian)
    assert_accessible(client.get(f"/records/{record.pk}/leave/").content.decode())
    response = client.post(f"/records/{record.pk}/leave/")
    assert response.status_code == 200
    assert "A care record needs at least one guardian" in response.content.decode()
    assert record.memberships.count() == 1


def test_a_guardian_removes_a_member_after_confirming() -> None:
    guardian = make_user()
    record = make_record(guardian)
    family = add_member(record, Role.FAMILY, make_user("Fay"))
    client = signed_in(guardian)
    url = f"/records/{record.pk}/members/{family.pk}/remove/"
    confirm = client.get(url).content.decode()
    assert_accessible(confirm)
    assert "Remove Fay from the care circle?" in confirm
    response = client.post(url)
    assert response["Location"] == f"/records/{record.pk}/"
    assert not record.memberships.filter(pk=family.pk).exists()
    assert (
        "Fay is no longer in the care circle" in client.get(response["Location"]).content.decode()
    )
    assert signed_in(family.user).get(f"/records/{record.pk}/").status_code == 404


def test_a_revoked_invitation_disappears_from_the_overview() -> None:
    guardian = make_user()
    record = make_record(guardian)
    invitation, token = make_invitation(record)
    client = signed_in(guardian)
    client.post(f"/records/{record.pk}/invitations/{invitation.pk}/revoke/")
    page = client.get(f"/records/{record.pk}/").content.decode()
    assert token not in page
    assert "No pending invitations" in page
    assert "Invitation withdrawn" in page


def test_a_member_without_the_capability_gets_a_friendly_403() -> None:
    record = make_record()
    viewer = add_member(record, Role.VIEWER)
    response = signed_in(viewer.user).get(f"/records/{record.pk}/edit/")
    assert response.status_code == 403
    html = response.content.decode()
    assert_accessible(html)
    assert "As viewer in this care circle you cannot change this record&#x27;s details" in html


def test_family_edit_the_details() -> None:
    record = make_record()
    family = add_member(record, Role.FAMILY)
    client = signed_in(family.user)
    form = client.get(f"/records/{record.pk}/edit/").content.decode()
    assert_accessible(form)
    assert 'value="2019-03-14"' in form
    client.post(
        f"/records/{record.pk}/edit/",
        {"display_name": "Ada L", "sex": "female", "date_of_birth": "2019-03-14"},
    )
    record.refresh_from_db()
    assert record.display_name == "Ada L"
    assert AuditEntry.objects.get(record=record, action="updated").actor == family.user


def test_signed_out_visitors_get_404_not_a_login_redirect() -> None:
    record = make_record()
    response = Client().get(f"/records/{record.pk}/")
    assert response.status_code == 404
    assert "you may need to sign in" in response.content.decode()


# API ----------------------------------------------------------------------------------------------


def test_the_api_lists_my_records_with_role_and_capabilities() -> None:
    user = make_user()
    mine = make_record(user, display_name="Ada", diagnosis=make_disease())
    other = make_record(display_name="Bo")
    add_member(other, Role.CLINICIAN, user)
    make_record(display_name="Not mine")
    body = signed_in(user).get("/api/records").json()
    assert [r["display_name"] for r in body] == ["Ada", "Bo"]
    ada, bo = body
    assert ada["id"] == str(mine.pk)
    assert ada["diagnosis"] == {"id": "OMIM:617284", "name": "KMT2B-related dystonia"}
    assert ada["role"] == "guardian"
    assert "manage_circle" in ada["capabilities"]
    assert (bo["role"], bo["capabilities"]) == ("clinician", ["add_clinical", "view"])


def test_the_api_record_and_members_are_audited() -> None:
    guardian = make_user("Gwen")
    record = make_record(guardian)
    add_member(record, Role.VIEWER, make_user("Val"))
    client = signed_in(guardian)
    detail = client.get(f"/api/records/{record.pk}").json()
    assert (detail["sex"], detail["date_of_birth"]) == ("female", "2019-03-14")
    members = client.get(f"/api/records/{record.pk}/members").json()
    assert [(m["display_name"], m["role"], m["you"]) for m in members] == [
        ("Gwen", "guardian", True),
        ("Val", "viewer", False),
    ]
    assert "email" not in members[0]
    viewed = AuditEntry.objects.filter(record=record, action="viewed").values_list(
        "target", flat=True
    )
    assert sorted(viewed) == ["care circle (API)", "record (API)"]


def test_the_api_answers_strangers_and_nonsense_ids_with_a_404_problem() -> None:
    record = make_record()
    client = signed_in(make_user())
    for path in (f"/api/records/{record.pk}", "/api/records/not-a-uuid/members"):
        response = client.get(path)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"
        assert "could not find that care record" in response.json()["detail"]
    signed_out = Client().get("/api/records")
    assert signed_out.status_code == 401
    assert signed_out.json()["detail"] == "Sign in to see your care records."
