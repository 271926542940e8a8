"""Deep brain stimulation on a record: implants and programming sessions — services (ranges, audit,
capability) and the pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from tests.rarelight_web.factories import (
    access,
    add_member,
    assert_accessible,
    dbs_side,
    make_dbs_implant,
    make_dbs_session,
    make_record,
    make_user,
)

from rarelight_web.records import services
from rarelight_web.records.models import AuditEntry, DbsImplant, DbsSession
from rarelight_web.records.roles import Capability, Role

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
LATER = NOW + dt.timedelta(hours=1)
IMPLANTED = dt.date(2025, 3, 10)
pytestmark = pytest.mark.django_db


def _audit(record: object) -> list[tuple[str, str]]:
    return list(
        AuditEntry.objects.filter(record=record)
        .exclude(action__in=["created", "viewed"])
        .order_by("at", "id")
        .values_list("action", "target")
    )


# Services -----------------------------------------------------------------------------------------


def test_adding_an_implant_and_sessions_and_removing_one_is_audited() -> None:
    guardian = make_user("Gwen")
    record = make_record(guardian, at=NOW)
    edit = access(guardian, record, Capability.EDIT_DIARY)
    implant = services.add_dbs_implant(
        edit, implanted_on=IMPLANTED, device=" Percept PC ", notes=" Bilateral ", now=NOW
    )
    assert (implant.target, implant.device, implant.notes) == ("GPi", "Percept PC", "Bilateral")
    session = services.add_dbs_session(
        edit,
        implant.pk,
        programmed_on=dt.date(2026, 11, 20),
        left=dbs_side(contacts=" 1-, C+ ", amplitude="2.5"),
        right=dbs_side(contacts="9-, C+", amplitude="3", unit="V", pulse_width_us=60),
        notes="Less pulling of the left foot",
        now=LATER,
    )
    session.refresh_from_db()
    assert session.left == {
        "contacts": "1-, C+",
        "amplitude": Decimal("2.50"),
        "unit": "mA",
        "pulse_width_us": 90,
        "frequency_hz": 130,
    }
    assert session.right is not None
    assert session.right["unit"] == "V"
    assert (session.created_at, session.updated_at) == (LATER, LATER)
    services.remove_dbs_session(edit, session.pk, now=LATER)
    assert not DbsSession.objects.exists()
    assert _audit(record) == [
        ("dbs_added", "DBS GPi, Percept PC (implanted 2025-03-10)"),
        ("dbs_prog_added", "DBS programming on 2026-11-20 (GPi)"),
        ("dbs_prog_removed", "DBS programming on 2026-11-20 (GPi)"),
    ]
    assert all(len(value) <= 16 for value in AuditEntry.Action.values)


def test_a_one_sided_session_keeps_the_other_side_empty() -> None:
    guardian = make_user()
    record = make_record(guardian, at=NOW)
    implant = make_dbs_implant(record, target=DbsImplant.Target.STN, at=NOW)
    session = make_dbs_session(implant, right={}, at=NOW)
    assert session.left is not None
    assert session.right is None
    assert (session.right_amplitude, session.right_contacts) == (None, "")


def test_family_may_add_implants_and_sessions() -> None:
    record = make_record(make_user(), at=NOW)
    family = add_member(record, Role.FAMILY).user
    edit = access(family, record, Capability.EDIT_DIARY)
    implant = services.add_dbs_implant(edit, implanted_on=IMPLANTED, now=NOW)
    services.add_dbs_session(edit, implant.pk, programmed_on=NOW.date(), left=dbs_side(), now=NOW)
    assert implant.sessions.count() == 1


@pytest.mark.parametrize("role", [Role.CLINICIAN, Role.VIEWER])
def test_dbs_services_check_the_capability_again(role: Role) -> None:
    record = make_record(make_user(), at=NOW)
    implant = make_dbs_implant(record, implanted_on=IMPLANTED, at=NOW)
    session = make_dbs_session(implant, at=NOW)
    reader = access(add_member(record, role).user, record, Capability.VIEW)
    with pytest.raises(PermissionDenied):
        services.add_dbs_implant(reader, implanted_on=IMPLANTED, now=NOW)
    with pytest.raises(PermissionDenied):
        services.add_dbs_session(reader, implant.pk, programmed_on=NOW.date(), now=NOW)
    with pytest.raises(PermissionDenied):
        services.remove_dbs_session(reader, session.pk, now=NOW)
    assert DbsImplant.objects.count() == DbsSession.objects.count() == 1


@pytest.mark.parametrize(
    ("left", "field", "message"),
    [
        (dbs_side(amplitude="10.5"), "left_amplitude", "Left amplitude must be between 0 and 10"),
        (dbs_side(amplitude="-1"), "left_amplitude", "Left amplitude must be between 0 and 10"),
        (dbs_side(pulse_width_us=9), "left_pulse_width_us", "between 10 and 450 µs"),
        (dbs_side(pulse_width_us=451), "left_pulse_width_us", "between 10 and 450 µs"),
        (dbs_side(frequency_hz=1), "left_frequency_hz", "between 2 and 250 Hz"),
        (dbs_side(frequency_hz=251), "left_frequency_hz", "between 2 and 250 Hz"),
        (dbs_side(unit="W"), "left_unit", "choose mA or V"),
        (dbs_side(contacts=" "), "left_contacts", "give the contacts too"),
        ({**dbs_side(), "frequency_hz": None}, "left_frequency_hz", "give the frequency too"),
    ],
)
def test_dbs_ranges_are_enforced_by_the_service(
    left: dict[str, object], field: str, message: str
) -> None:
    guardian = make_user()
    record = make_record(guardian, at=NOW)
    implant = make_dbs_implant(record, implanted_on=IMPLANTED, at=NOW)
    edit = access(guardian, record, Capability.EDIT_DIARY)
    with pytest.raises(services.DbsError, match=message) as refused:
        services.add_dbs_session(edit, implant.pk, programmed_on=NOW.date(), left=left, now=NOW)
    assert refused.value.field == field
    assert not DbsSession.objects.exists()


def test_range_limits_are_accepted() -> None:
    guardian = make_user()
    record = make_record(guardian, at=NOW)
    implant = make_dbs_implant(record, implanted_on=IMPLANTED, at=NOW)
    low = dbs_side(amplitude="0", pulse_width_us=10, frequency_hz=2)
    high = dbs_side(amplitude="10", unit="V", pulse_width_us=450, frequency_hz=250)
    make_dbs_session(implant, left=low, right=high, at=NOW)
    assert DbsSession.objects.count() == 1


def test_other_session_rules() -> None:
    guardian = make_user()
    record = make_record(guardian, at=NOW)
    implant = make_dbs_implant(record, implanted_on=IMPLANTED, at=NOW)
    edit = access(guardian, record, Capability.EDIT_DIARY)
    with pytest.raises(services.DbsError, match="at least one side"):
        services.add_dbs_session(edit, implant.pk, programmed_on=NOW.date(), now=NOW)
    with pytest.raises(services.DbsError, match="before the implant date") as early:
        services.add_dbs_session(
            edit, implant.pk, programmed_on=dt.date(2025, 3, 9), left=dbs_side(), now=NOW
        )
    assert early.value.field == "programmed_on"
    with pytest.raises(services.DbsError, match="target"):
        services.add_dbs_implant(edit, implanted_on=IMPLANTED, target="VIM", now=NOW)


def test_another_records_implant_and_session_cannot_be_used() -> None:
    guardian = make_user()
    record = make_record(guardian, at=NOW)
    other = make_record(make_user(), at=NOW)
    theirs = make_dbs_implant(other, implanted_on=IMPLANTED, at=NOW)
    their_session = make_dbs_session(theirs, at=NOW)
    edit = access(guardian, record, Capability.EDIT_DIARY)
    with pytest.raises(services.DbsError, match="no such DBS implant"):
        services.add_dbs_session(
            edit, theirs.pk, programmed_on=NOW.date(), left=dbs_side(), now=NOW
        )
    with pytest.raises(services.DbsError, match="no such DBS programming session"):
        services.remove_dbs_session(edit, their_session.pk, now=NOW)
    assert DbsSession.objects.count() == 1


# Pages --------------------------------------------------------------------------------------------


def test_the_page_lists_implants_and_sessions_newest_first() -> None:
    guardian = make_user("Gwen")
    record = make_record(guardian, display_name="Ada")
    old = make_dbs_implant(record, implanted_on=dt.date(2020, 1, 1), device="Activa PC")
    new = make_dbs_implant(record, implanted_on=dt.date(2024, 5, 1), target="STN")
    make_dbs_session(new, programmed_on=dt.date(2024, 6, 1), notes="First programming")
    make_dbs_session(
        new, programmed_on=dt.date(2024, 9, 1), right={}, left=dbs_side(amplitude="3.2", unit="V")
    )
    client = Client()
    client.force_login(guardian)
    html = client.get(f"/records/{record.pk}/dbs/").content.decode()
    assert_accessible(html)
    assert "Deep brain stimulation of Ada" in html
    assert "Guardians and family can add" in html
    assert html.index(f'id="implant-{new.pk}"') < html.index(f'id="implant-{old.pk}"')
    assert html.index("1 Sep 2024") < html.index("1 Jun 2024")
    for shown in ("3.20 V", "2.50 mA", "90 µs", "130 Hz", "First programming", "Activa PC"):
        assert shown in html
    assert "No programming sessions yet." in html
    assert f"/records/{record.pk}/dbs/add/" in html
    assert f"/records/{record.pk}/dbs/{new.pk}/sessions/add/" in html


@pytest.mark.parametrize("role", [Role.CLINICIAN, Role.VIEWER])
def test_readers_see_dbs_without_edit_links(role: Role) -> None:
    record = make_record(make_user())
    implant = make_dbs_implant(record)
    make_dbs_session(implant)
    reader = add_member(record, role).user
    client = Client()
    client.force_login(reader)
    html = client.get(f"/records/{record.pk}/dbs/").content.decode()
    assert "Programming on" in html
    for link in ("/dbs/add/", "sessions/add/", "/remove/"):
        assert link not in html


def test_the_overview_links_to_dbs() -> None:
    guardian = make_user()
    record = make_record(guardian)
    client = Client()
    client.force_login(guardian)
    html = client.get(f"/records/{record.pk}/").content.decode()
    assert f'href="/records/{record.pk}/dbs/"' in html


def test_adding_an_implant_a_session_and_removing_it_through_the_pages() -> None:
    guardian = make_user()
    record = make_record(guardian)
    client = Client()
    client.force_login(guardian)
    html = client.get(f"/records/{record.pk}/dbs/add/").content.decode()
    assert_accessible(html)
    response = client.post(
        f"/records/{record.pk}/dbs/add/", {"implanted_on": "2025-03-10", "device": "Percept PC"}
    )
    assert response.status_code == 302
    implant = DbsImplant.objects.get(record=record)
    assert implant.target == "GPi"
    url = f"/records/{record.pk}/dbs/{implant.pk}/sessions/add/"
    assert_accessible(client.get(url).content.decode())
    response = client.post(
        url,
        {
            "programmed_on": "2025-04-01",
            "left_contacts": "1-, C+",
            "left_amplitude": "2.5",
            "left_unit": "mA",
            "left_pulse_width_us": "90",
            "left_frequency_hz": "130",
            "right_contacts": "9-, C+",
            "right_amplitude": "2",
            "right_unit": "V",
            "right_pulse_width_us": "60",
            "right_frequency_hz": "180",
        },
    )
    assert response.status_code == 302
    session = implant.sessions.get()
    assert (session.right_unit, session.right_frequency_hz) == ("V", 180)
    remove = f"/records/{record.pk}/dbs/sessions/{session.pk}/remove/"
    page = client.get(remove).content.decode()
    assert_accessible(page)
    assert "Remove the programming of 1 Apr 2025?" in page
    assert DbsSession.objects.exists()
    assert client.post(remove).status_code == 302
    assert not DbsSession.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"left_amplitude": "12"}, "Left amplitude must be between 0 and 10 (mA or V)."),
        ({"left_amplitude": "1000"}, "Left amplitude must be between 0 and 10 (mA or V)"),
        ({"left_pulse_width_us": "500"}, "Left pulse width must be between 10 and 450 µs."),
        ({"left_pulse_width_us": "-5"}, "Left pulse width must be between 10 and 450 µs."),
        ({"left_frequency_hz": "300"}, "Left frequency must be between 2 and 250 Hz."),
        ({"left_frequency_hz": "fast"}, "Left frequency: enter a whole number."),
        ({"left_amplitude": ""}, "Left side: give the amplitude too"),
        ({"programmed_on": ""}, "Give the date of the session."),
        ({"programmed_on": "2025-01-01"}, "The session date cannot be before the implant date"),
        (
            {f"left_{k}": "" for k in ("contacts", "amplitude", "pulse_width_us", "frequency_hz")},
            "Give the settings of at least one side (left or right).",
        ),
    ],
)
def test_session_form_errors_name_the_field_and_range(data: dict[str, str], message: str) -> None:
    guardian = make_user()
    record = make_record(guardian)
    implant = make_dbs_implant(record, implanted_on=IMPLANTED)
    client = Client()
    client.force_login(guardian)
    base = {
        "programmed_on": "2025-04-01",
        "left_contacts": "1-, C+",
        "left_amplitude": "2.5",
        "left_unit": "mA",
        "left_pulse_width_us": "90",
        "left_frequency_hz": "130",
    }
    response = client.post(f"/records/{record.pk}/dbs/{implant.pk}/sessions/add/", base | data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not DbsSession.objects.exists()


def test_a_missing_implant_or_session_redirects_with_a_message() -> None:
    guardian = make_user()
    record = make_record(guardian)
    client = Client()
    client.force_login(guardian)
    response = client.get(f"/records/{record.pk}/dbs/999/sessions/add/", follow=True)
    assert "There is no such DBS implant in this record." in response.content.decode()
    response = client.post(f"/records/{record.pk}/dbs/sessions/999/remove/", follow=True)
    assert "There is no such DBS programming session in this record." in response.content.decode()
