"""Appointments on a record: services (rules, audit, capability), upcoming and past, the pages, and
the iCalendar feed parsed back."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from tests.rarelight_web.factories import (
    access,
    add_member,
    assert_accessible,
    make_appointment,
    make_disease,
    make_record,
    make_team_member,
    make_user,
)

from rarelight_web.records import appointments, services
from rarelight_web.records.models import Appointment, AuditEntry, Membership
from rarelight_web.records.roles import Capability, Role

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
LATER = NOW + dt.timedelta(hours=1)
pytestmark = pytest.mark.django_db


def _audit(record: object) -> list[tuple[str, str]]:
    return list(
        AuditEntry.objects.filter(record=record)
        .exclude(action__in=["created", "viewed"])
        .order_by("at", "id")
        .values_list("action", "target")
    )


# Services -----------------------------------------------------------------------------------------


def test_adding_changing_and_removing_an_appointment_is_audited() -> None:
    guardian = make_user("Gwen")
    record = make_record(guardian, at=NOW)
    edit = access(guardian, record, Capability.EDIT_DIARY)
    cet = dt.timezone(dt.timedelta(hours=1))
    appointment = services.add_appointment(
        edit,
        starts_at=dt.datetime(2026, 12, 3, 10, 30, tzinfo=cet),
        duration_minutes=45,
        with_whom=" Dr Okafor ",
        reason=" Hearing test ",
        now=NOW,
    )
    assert appointment.starts_at == dt.datetime(2026, 12, 3, 9, 30, tzinfo=dt.UTC)
    assert appointment.starts_at.utcoffset() == dt.timedelta(0)
    assert (appointment.with_whom, appointment.reason) == ("Dr Okafor", "Hearing test")
    assert (appointment.created_at, appointment.updated_at) == (NOW, NOW)
    assert appointment.ends_at == dt.datetime(2026, 12, 3, 10, 15, tzinfo=dt.UTC)
    changed = services.update_appointment(
        edit,
        appointment.pk,
        starts_at=appointment.starts_at,
        duration_minutes=45,
        with_whom="Dr Okafor",
        reason="Hearing test",
        follow_up="Book the next one in 6 months",
        now=LATER,
    )
    assert changed == ["follow_up"]
    appointment.refresh_from_db()
    assert appointment.updated_at == LATER
    unchanged = services.update_appointment(
        edit,
        appointment.pk,
        starts_at=appointment.starts_at,
        duration_minutes=45,
        with_whom="Dr Okafor",
        reason="Hearing test",
        follow_up="Book the next one in 6 months",
        now=LATER,
    )
    assert unchanged == []
    services.remove_appointment(edit, appointment.pk, now=LATER)
    assert not Appointment.objects.exists()
    label = "Dr Okafor (2026-12-03 09:30 UTC)"
    assert _audit(record) == [
        ("appt_added", label),
        ("appt_updated", label),
        ("appt_removed", label),
    ]
    updated = AuditEntry.objects.get(record=record, action="appt_updated")
    assert updated.details == {"fields": ["follow_up"], "appointment": str(appointment.uid)}
    assert updated.actor == guardian


def test_family_may_add_appointments() -> None:
    record = make_record(at=NOW)
    family = add_member(record, Role.FAMILY).user
    appointment = services.add_appointment(
        access(family, record), starts_at=LATER, with_whom="Physio", now=NOW
    )
    assert appointment.record == record
    assert AuditEntry.objects.get(action="appt_added").actor == family


@pytest.mark.parametrize("role", [Role.CLINICIAN, Role.VIEWER])
def test_appointment_services_check_the_capability_again(role: Role) -> None:
    record = make_record(at=NOW)
    appointment = make_appointment(record, at=NOW)
    reader = access(add_member(record, role).user, record)
    with pytest.raises(PermissionDenied):
        services.add_appointment(reader, starts_at=LATER, with_whom="X", now=NOW)
    with pytest.raises(PermissionDenied):
        services.update_appointment(reader, appointment.pk, starts_at=LATER, with_whom="Y", now=NOW)
    with pytest.raises(PermissionDenied):
        services.remove_appointment(reader, appointment.pk, now=NOW)
    appointment.refresh_from_db()
    assert appointment.with_whom == "Dr Okafor"
    assert [a for a, _t in _audit(record)] == ["appt_added"]


def test_the_team_member_names_the_appointment_and_must_be_on_this_record() -> None:
    guardian = make_user()
    record = make_record(guardian, at=NOW)
    rivera = make_team_member(record, name="Dr Rivera", at=NOW)
    edit = access(guardian, record)
    appointment = services.add_appointment(edit, starts_at=LATER, team_member=rivera, now=NOW)
    assert appointment.with_whom == "Dr Rivera"
    elsewhere = make_team_member(make_record(at=NOW), name="Dr Elsewhere", at=NOW)
    with pytest.raises(services.AppointmentError, match="this record's care team"):
        services.add_appointment(edit, starts_at=LATER, team_member=elsewhere, now=NOW)
    rivera.delete()  # SET_NULL: the appointment stays, with the name it had
    appointment.refresh_from_db()
    assert (appointment.team_member, appointment.with_whom) == (None, "Dr Rivera")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"starts_at": NOW.replace(tzinfo=None), "with_whom": "X"}, "time zone"),
        ({"starts_at": LATER, "with_whom": "  "}, "Say who the appointment is with"),
        ({"starts_at": LATER, "with_whom": "X", "duration_minutes": 0}, "between 1 minute"),
        ({"starts_at": LATER, "with_whom": "X", "duration_minutes": 1441}, "between 1 minute"),
    ],
)
def test_appointment_rules_are_enforced_by_the_service(
    fields: dict[str, object], message: str
) -> None:
    guardian = make_user()
    record = make_record(guardian, at=NOW)
    with pytest.raises(services.AppointmentError, match=message):
        services.add_appointment(access(guardian, record), now=NOW, **fields)  # type: ignore[arg-type]
    assert not Appointment.objects.exists()
    assert _audit(record) == []


def test_an_appointment_of_another_record_cannot_be_changed() -> None:
    guardian = make_user()
    mine = make_record(guardian, at=NOW)
    other = make_appointment(make_record(at=NOW), at=NOW)
    with pytest.raises(services.AppointmentError, match="no such appointment"):
        services.remove_appointment(access(guardian, mine), other.pk, now=NOW)
    assert Appointment.objects.filter(pk=other.pk).exists()


# Upcoming and past --------------------------------------------------------------------------------


def test_upcoming_soonest_first_then_past_most_recent_first() -> None:
    record = make_record(at=NOW)

    def at(hours: float, who: str, minutes: int | None = None) -> Appointment:
        return make_appointment(
            record,
            starts_at=NOW + dt.timedelta(hours=hours),
            with_whom=who,
            duration_minutes=minutes,
            at=NOW,
        )

    at(48, "in two days")
    at(-48, "two days ago")
    at(2, "in two hours")
    at(-1, "under way", minutes=90)  # started an hour ago, ends in half an hour
    at(-1, "an hour ago, no length")
    at(-24 * 30, "last month")
    upcoming, past = appointments.split_upcoming(record.appointments.all(), NOW)
    assert [a.with_whom for a in upcoming] == ["under way", "in two hours", "in two days"]
    assert [a.with_whom for a in past] == ["an hour ago, no length", "two days ago", "last month"]


def test_the_page_lists_upcoming_then_past_in_utc() -> None:
    guardian = make_user()
    record = make_record(guardian)
    soon = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(days=3)
    make_appointment(record, starts_at=soon, with_whom="Dr Soon", reason="DBS review")
    make_appointment(record, starts_at=soon - dt.timedelta(days=30), with_whom="Dr Before")
    client = Client()
    client.force_login(guardian)
    html = client.get(f"/records/{record.pk}/appointments/").content.decode()
    assert_accessible(html)
    upcoming = html[html.index('id="upcoming"') : html.index('id="past"')]
    past = html[html.index('id="past"') :]
    assert "Dr Soon" in upcoming
    assert "DBS review" in upcoming
    assert "Dr Before" in past
    assert "Dr Before" not in upcoming
    assert f"{soon:%H:%M} UTC" in upcoming
    assert "All times are in UTC" in html
    assert f'href="/records/{record.pk}/appointments.ics"' in html
    assert f'href="/records/{record.pk}/appointments/add/"' in html


def test_readers_see_appointments_without_edit_links() -> None:
    record = make_record()
    make_appointment(record)
    viewer = add_member(record, Role.VIEWER).user
    client = Client()
    client.force_login(viewer)
    html = client.get(f"/records/{record.pk}/appointments/").content.decode()
    assert "Dr Okafor" in html
    assert "/appointments/add/" not in html
    assert "/edit/" not in html
    assert "/remove/" not in html


# Pages --------------------------------------------------------------------------------------------


def test_the_overview_links_to_the_appointments() -> None:
    guardian = make_user()
    record = make_record(guardian, at=NOW)
    client = Client()
    client.force_login(guardian)
    html = client.get(f"/records/{record.pk}/").content.decode()
    assert f'href="/records/{record.pk}/appointments/"' in html


def test_adding_through_the_page_with_a_team_member() -> None:
    guardian = make_user()
    record = make_record(guardian)
    rivera = make_team_member(record, name="Dr Rivera")
    client = Client()
    client.force_login(guardian)
    html = client.get(f"/records/{record.pk}/appointments/add/").content.decode()
    assert_accessible(html)
    assert "Date and time (UTC)" in html
    assert f'<option value="{rivera.pk}">Dr Rivera' in html
    response = client.post(
        f"/records/{record.pk}/appointments/add/",
        {
            "starts_at": "2027-01-05T09:30",
            "duration_minutes": "40",
            "team_member": str(rivera.pk),
            "reason": "Genetic counselling",
            "location": "Clinic 4, Great Ormond Street",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"/records/{record.pk}/appointments/"
    appointment = Appointment.objects.get(record=record)
    assert appointment.starts_at == dt.datetime(2027, 1, 5, 9, 30, tzinfo=dt.UTC)
    assert (appointment.with_whom, appointment.team_member, appointment.duration_minutes) == (
        "Dr Rivera",
        rivera,
        40,
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"with_whom": "Dr Okafor"}, "Give the date and time of the appointment."),
        (
            {"starts_at": "next tuesday", "with_whom": "Dr Okafor"},
            "Enter a date and time such as 2027-01-05 09:30 (UTC).",
        ),
        (
            {"starts_at": "2027-01-05T09:30"},
            "Say who the appointment is with: a person, a clinic, or someone on the care team.",
        ),
        (
            {"starts_at": "2027-01-05T09:30", "with_whom": "X", "duration_minutes": "-5"},
            "The length must be between 1 minute and 24 hours.",
        ),
        (
            {"starts_at": "2027-01-05T09:30", "with_whom": "X", "duration_minutes": "an hour"},
            "Give the length as a whole number of minutes.",
        ),
        (
            {"starts_at": "2027-01-05T09:30", "team_member": "99999"},
            "Choose someone from this record&#x27;s care team, or leave it empty.",
        ),
    ],
)
def test_form_errors_are_clear_and_nothing_is_stored(data: dict[str, str], message: str) -> None:
    guardian = make_user()
    record = make_record(guardian)
    client = Client()
    client.force_login(guardian)
    response = client.post(f"/records/{record.pk}/appointments/add/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert_accessible(html)
    assert message in html
    assert 'aria-invalid="true"' in html
    assert not Appointment.objects.exists()


def test_a_team_member_of_another_record_is_not_offered() -> None:
    guardian = make_user()
    record = make_record(guardian)
    elsewhere = make_team_member(make_record(), name="Dr Elsewhere")
    client = Client()
    client.force_login(guardian)
    html = client.get(f"/records/{record.pk}/appointments/add/").content.decode()
    assert "Dr Elsewhere" not in html
    response = client.post(
        f"/records/{record.pk}/appointments/add/",
        {"starts_at": "2027-01-05T09:30", "team_member": str(elsewhere.pk)},
    )
    assert response.status_code == 200
    assert not Appointment.objects.exists()


def test_editing_and_removing_through_the_pages() -> None:
    guardian = make_user()
    record = make_record(guardian)
    appointment = make_appointment(
        record, starts_at=dt.datetime(2027, 3, 1, 8, 15, tzinfo=dt.UTC), with_whom="Dr Okafor"
    )
    client = Client()
    client.force_login(guardian)
    edit_url = f"/records/{record.pk}/appointments/{appointment.pk}/edit/"
    html = client.get(edit_url).content.decode()
    assert_accessible(html)
    assert 'value="2027-03-01T08:15"' in html
    assert 'value="Dr Okafor"' in html
    response = client.post(
        edit_url, {"starts_at": "2027-03-02T10:00", "with_whom": "Dr Okafor", "notes": "Fasting"}
    )
    assert response.status_code == 302
    appointment.refresh_from_db()
    assert appointment.starts_at == dt.datetime(2027, 3, 2, 10, 0, tzinfo=dt.UTC)
    assert (appointment.notes, appointment.duration_minutes) == ("Fasting", None)

    remove_url = f"/records/{record.pk}/appointments/{appointment.pk}/remove/"
    html = client.get(remove_url).content.decode()
    assert_accessible(html)
    assert "Remove the appointment with Dr Okafor?" in html
    assert "Tue 2 Mar 2027, 10:00 UTC" in html
    assert Appointment.objects.filter(pk=appointment.pk).exists()  # GET only asks
    assert client.post(remove_url).status_code == 302
    assert not Appointment.objects.filter(pk=appointment.pk).exists()
    assert [a for a, _t in _audit(record)] == ["appt_added", "appt_updated", "appt_removed"]


def test_a_missing_appointment_redirects_to_the_list_with_a_message() -> None:
    guardian = make_user()
    record = make_record(guardian)
    client = Client()
    client.force_login(guardian)
    response = client.get(f"/records/{record.pk}/appointments/999/edit/", follow=True)
    assert response.redirect_chain[-1][0] == f"/records/{record.pk}/appointments/"
    assert "There is no such appointment in this record." in response.content.decode()


# iCalendar ----------------------------------------------------------------------------------------


def _unfold(body: bytes) -> list[str]:
    """The content lines of an iCalendar body: CRLF only, folded lines joined (RFC 5545 3.1)."""
    assert body.endswith(b"\r\n")
    raw = body[: -len(b"\r\n")].split(b"\r\n")
    for line in raw:
        assert b"\n" not in line
        assert b"\r" not in line
        assert len(line) <= 75, line
    lines: list[bytes] = []
    for line in raw:
        if line.startswith(b" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return [line.decode("utf-8") for line in lines]


def _unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)


def _events(lines: list[str]) -> list[dict[str, str]]:
    assert lines[0] == "BEGIN:VCALENDAR"
    assert lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines
    assert any(line.startswith("PRODID:") for line in lines)
    events: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    for line in lines[1:-1]:
        if line == "BEGIN:VEVENT":
            assert current is None
            current = {}
        elif line == "END:VEVENT":
            assert current is not None
            events.append(current)
            current = None
        elif current is not None:
            name, _sep, value = line.partition(":")
            current[name] = value
    assert current is None
    return events


def test_the_feed_folds_escapes_and_uses_utc() -> None:
    record = make_record(at=NOW)
    long_place = "Ward 7, Hôpital Necker–Enfants malades; 149 rue de Sèvres, 75015 Paris " * 2
    first = make_appointment(
        record,
        starts_at=dt.datetime(2026, 12, 3, 9, 30, tzinfo=dt.UTC),
        duration_minutes=45,
        with_whom="Dr Okafor, ENT; audiology",
        reason="Hearing test\nbring the last audiogram",
        location=long_place.strip(),
        at=NOW,
    )
    second = make_appointment(
        record,
        starts_at=dt.datetime(2027, 1, 5, 14, 0, tzinfo=dt.UTC),
        duration_minutes=None,
        with_whom="Physio",
        at=NOW,
    )
    body = appointments.ics_feed(record.appointments.all(), now=LATER).encode()
    events = _events(_unfold(body))
    assert len(events) == 2
    one, two = events
    assert one["UID"] == f"{first.uid}@rarelight"
    assert two["UID"] == f"{second.uid}@rarelight"
    assert one["DTSTAMP"] == "20261125T130000Z"
    assert (one["DTSTART"], one["DTEND"]) == ("20261203T093000Z", "20261203T101500Z")
    assert two["DTSTART"] == "20270105T140000Z"
    assert "DTEND" not in two
    assert one["SUMMARY"] == "Appointment: Dr Okafor\\, ENT\\; audiology"
    assert _unescape(one["SUMMARY"]) == "Appointment: Dr Okafor, ENT; audiology"
    assert _unescape(one["DESCRIPTION"]) == "Hearing test\nbring the last audiogram"
    assert _unescape(one["LOCATION"]) == long_place.strip()
    assert two["SUMMARY"] == "Appointment: Physio"


def test_folding_never_splits_a_utf8_character() -> None:
    record = make_record(at=NOW)
    who = "é" * 100 + "€" * 40
    make_appointment(
        record, starts_at=dt.datetime(2026, 12, 3, 9, 30, tzinfo=dt.UTC), with_whom=who, at=NOW
    )
    body = appointments.ics_feed(record.appointments.all(), now=LATER).encode("utf-8")
    for part in body.split(b"\r\n"):
        assert len(part) <= 75
        part.decode("utf-8")  # each physical line is valid UTF-8 on its own
    assert _events(_unfold(body))[0]["SUMMARY"] == f"Appointment: {who}"


def test_the_feed_over_http_is_stable_and_private() -> None:
    guardian = make_user()
    record = make_record(guardian, display_name="Zephyrine Quill", diagnosis=make_disease())
    make_appointment(
        record,
        with_whom="Dr Okafor",
        notes="Zephyrine's dystonia worse",
        follow_up="MRI referral",
    )
    make_appointment(record, with_whom="Physio", starts_at=NOW - dt.timedelta(days=10))
    clinician = add_member(record, Role.CLINICIAN).user
    client = Client()
    client.force_login(clinician)
    url = f"/records/{record.pk}/appointments.ics"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "private" in response["Cache-Control"]
    body = response.content
    events = _events(_unfold(body))
    assert len(events) == 2  # past appointments stay in the calendar too
    assert {e["SUMMARY"] for e in events} == {"Appointment: Dr Okafor", "Appointment: Physio"}
    text = body.decode().lower()
    for secret in ("zephyrine", "quill", "kmt2b", "dystonia", "mri referral", str(record.pk)):
        assert secret not in text
    again = _events(_unfold(client.get(url).content))
    assert [e["UID"] for e in again] == [e["UID"] for e in events]
    viewed = AuditEntry.objects.filter(record=record, action="viewed", actor=clinician)
    assert viewed.filter(target="appointments calendar").exists()


def test_an_empty_feed_is_still_a_calendar() -> None:
    body = appointments.ics_feed([], now=NOW).encode()
    lines = _unfold(body)
    assert _events(lines) == []
    assert body.count(b"\r\n") == len(lines)


def test_a_private_calendar_link_serves_the_feed_until_it_is_replaced_or_stopped() -> None:
    guardian = make_user()
    record = make_record(guardian)
    make_appointment(record)
    client = Client()
    client.force_login(guardian)
    page = client.post(f"/records/{record.pk}/calendar-link/").content.decode()
    link = re.search(r'value="(http://testserver(/records/calendar/[^"]+\.ics))"', page)
    assert link is not None
    path = link.group(2)
    feed = Client().get(path)  # a calendar app: no session
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VEVENT" in feed.content
    assert record.display_name.encode() not in feed.content
    assert Membership.objects.get(user=guardian).calendar_key_hash not in path  # only a hash kept
    again = client.post(f"/records/{record.pk}/calendar-link/").content.decode()
    assert path not in again
    assert Client().get(path).status_code == 404  # the old link stopped
    new_path = re.search(r'value="http://testserver(/records/calendar/[^"]+\.ics)"', again)
    assert new_path is not None
    client.post(f"/records/{record.pk}/calendar-link/", {"action": "stop"})
    assert Client().get(new_path.group(1)).status_code == 404
    actions = list(record.audit.values_list("action", flat=True))
    assert actions.count("calendar_link") == 2
    assert actions.count("calendar_stop") == 1


def test_leaving_the_circle_ends_the_calendar_link() -> None:
    record = make_record()
    family = add_member(record, Role.FAMILY).user
    client = Client()
    client.force_login(family)
    page = client.post(f"/records/{record.pk}/calendar-link/").content.decode()
    match = re.search(r'value="http://testserver(/records/calendar/[^"]+\.ics)"', page)
    assert match is not None
    assert Client().get(match.group(1)).status_code == 200
    client.post(f"/records/{record.pk}/leave/")
    assert Client().get(match.group(1)).status_code == 404
