"""Medicines on a record: services (rules, audit, capability), current and past with `now` passed in,
and the pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from tests.rarelight_web.factories import (
    access,
    add_member,
    assert_accessible,
    make_medicine,
    make_record,
    make_user,
)

from rarelight_web.records import medicines, services
from rarelight_web.records.models import AuditEntry, Medicine
from rarelight_web.records.roles import Capability, Role

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
LATER = NOW + dt.timedelta(hours=1)
TODAY = NOW.date()
pytestmark = pytest.mark.django_db


def _audit(record: object) -> list[tuple[str, str]]:
    return list(
        AuditEntry.objects.filter(record=record)
        .exclude(action__in=["created", "viewed"])
        .order_by("at", "id")
        .values_list("action", "target")
    )


# Services -----------------------------------------------------------------------------------------


def test_adding_changing_stopping_and_removing_a_medicine_is_audited() -> None:
    guardian = make_user("Gwen")
    record = make_record(guardian, at=NOW)
    edit = access(guardian, record, Capability.EDIT_DIARY)
    medicine = services.add_medicine(
        edit,
        name=" Trihexyphenidyl ",
        dose=" 2 mg ",
        schedule="three times a day",
        started_on=dt.date(2026, 6, 1),
        reason="Dystonia in the legs",
        now=NOW,
    )
    assert (medicine.name, medicine.dose) == ("Trihexyphenidyl", "2 mg")
    assert medicine.response == Medicine.Response.UNKNOWN
    assert (medicine.created_at, medicine.updated_at) == (NOW, NOW)
    fields = {
        "name": "Trihexyphenidyl",
        "dose": "4 mg",
        "schedule": "three times a day",
        "started_on": dt.date(2026, 6, 1),
        "reason": "Dystonia in the legs",
        "response": Medicine.Response.BETTER,
        "side_effects": "Dry mouth",
    }
    changed = services.update_medicine(edit, medicine.pk, **fields, now=LATER)  # type: ignore[arg-type]
    assert changed == ["dose", "response", "side_effects"]
    medicine.refresh_from_db()
    assert (medicine.updated_at, medicine.response) == (LATER, "better")
    assert services.update_medicine(edit, medicine.pk, **fields, now=LATER) == []  # type: ignore[arg-type]
    stopped = services.update_medicine(
        edit,
        medicine.pk,
        **fields,  # type: ignore[arg-type]
        stopped_on=dt.date(2026, 11, 20),
        now=LATER,
    )
    assert stopped == ["stopped_on"]
    services.remove_medicine(edit, medicine.pk, now=LATER)
    assert not Medicine.objects.exists()
    assert [a for a, _t in _audit(record)] == [
        "med_added",
        "med_updated",
        "med_stopped",
        "med_removed",
    ]
    assert _audit(record)[0][1] == "Trihexyphenidyl 2 mg (from 2026-06-01)"
    updated = AuditEntry.objects.get(record=record, action="med_updated")
    assert updated.details == {"fields": ["dose", "response", "side_effects"]}
    assert updated.actor == guardian


def test_family_may_add_medicines() -> None:
    record = make_record(at=NOW)
    family = add_member(record, Role.FAMILY).user
    medicine = services.add_medicine(
        access(family, record), name="Baclofen", started_on=TODAY, now=NOW
    )
    assert medicine.record == record
    assert AuditEntry.objects.get(action="med_added").actor == family


@pytest.mark.parametrize("role", [Role.CLINICIAN, Role.VIEWER])
def test_medicine_services_check_the_capability_again(role: Role) -> None:
    record = make_record(at=NOW)
    medicine = make_medicine(record, at=NOW)
    reader = access(add_member(record, role).user, record)
    with pytest.raises(PermissionDenied):
        services.add_medicine(reader, name="X", started_on=TODAY, now=NOW)
    with pytest.raises(PermissionDenied):
        services.update_medicine(reader, medicine.pk, name="Y", started_on=TODAY, now=NOW)
    with pytest.raises(PermissionDenied):
        services.remove_medicine(reader, medicine.pk, now=NOW)
    medicine.refresh_from_db()
    assert medicine.name == "Trihexyphenidyl"
    assert [a for a, _t in _audit(record)] == ["med_added"]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"name": "X", "started_on": TODAY, "stopped_on": TODAY - dt.timedelta(days=1)},
            "stopped_on",
            "The “stopped on” date cannot be before the “started on” date.",
        ),
        ({"name": "  ", "started_on": TODAY}, "name", "Give the name of the medicine."),
        ({"name": "X", "started_on": TODAY, "response": "great"}, "response", "Choose how"),
    ],
)
def test_medicine_rules_are_enforced_by_the_service(
    fields: dict[str, object], field: str, message: str
) -> None:
    guardian = make_user()
    record = make_record(guardian, at=NOW)
    with pytest.raises(services.MedicineError, match=message) as refused:
        services.add_medicine(access(guardian, record), now=NOW, **fields)  # type: ignore[arg-type]
    assert refused.value.field == field
    assert not Medicine.objects.exists()
    assert _audit(record) == []


def test_stopping_before_the_start_is_refused_on_update_too() -> None:
    guardian = make_user()
    record = make_record(guardian, at=NOW)
    medicine = make_medicine(record, started_on=dt.date(2026, 6, 1), at=NOW)
    with pytest.raises(services.MedicineError, match="“stopped on” date") as refused:
        services.update_medicine(
            access(guardian, record),
            medicine.pk,
            name=medicine.name,
            started_on=medicine.started_on,
            stopped_on=dt.date(2026, 5, 31),
            now=LATER,
        )
    assert refused.value.field == "stopped_on"
    medicine.refresh_from_db()
    assert medicine.stopped_on is None
    assert [a for a, _t in _audit(record)] == ["med_added"]


def test_stopping_on_the_start_day_is_allowed() -> None:
    record = make_record(at=NOW)
    medicine = make_medicine(record, started_on=TODAY, stopped_on=TODAY, at=NOW)
    assert medicine.stopped_on == medicine.started_on


def test_a_medicine_of_another_record_cannot_be_changed() -> None:
    guardian = make_user()
    mine = make_record(guardian, at=NOW)
    other = make_medicine(make_record(at=NOW), at=NOW)
    with pytest.raises(services.MedicineError, match="no such medicine"):
        services.remove_medicine(access(guardian, mine), other.pk, now=NOW)
    with pytest.raises(services.MedicineError, match="no such medicine"):
        services.update_medicine(
            access(guardian, mine), other.pk, name="X", started_on=TODAY, now=NOW
        )
    assert Medicine.objects.filter(pk=other.pk, name="Trihexyphenidyl").exists()


# Current and past ---------------------------------------------------------------------------------


def test_current_then_past_with_now_passed_in() -> None:
    record = make_record(at=NOW)

    def med(name: str, started: int, stopped: int | None = None) -> Medicine:
        return make_medicine(
            record,
            name=name,
            started_on=TODAY + dt.timedelta(days=started),
            stopped_on=None if stopped is None else TODAY + dt.timedelta(days=stopped),
            at=NOW,
        )

    med("ongoing, old", -400)
    med("ongoing, recent", -10)
    med("stops tomorrow", -60, 1)
    med("stopped today", -60, 0)
    med("stopped last month", -90, -30)
    med("stopped yesterday", -200, -1)
    current, past = medicines.split_current(record.medicines.all(), NOW)
    assert [m.name for m in current] == ["ongoing, recent", "stops tomorrow", "ongoing, old"]
    assert [m.name for m in past] == ["stopped today", "stopped yesterday", "stopped last month"]
    # The day is the UTC day of `now`: a minute before midnight, "stops tomorrow" is still current.
    late = dt.datetime.combine(TODAY + dt.timedelta(days=1), dt.time(23, 59), tzinfo=dt.UTC)
    current, past = medicines.split_current(record.medicines.all(), late)
    assert "stops tomorrow" in [m.name for m in past]
    assert medicines.is_current(record.medicines.get(name="stops tomorrow"), NOW)


def test_the_page_lists_current_then_past() -> None:
    guardian = make_user()
    record = make_record(guardian)
    today = dt.datetime.now(dt.UTC).date()
    make_medicine(
        record,
        name="Trihexyphenidyl",
        dose="2 mg",
        started_on=dt.date(2026, 6, 1),
        response=Medicine.Response.BETTER,
    )
    make_medicine(
        record,
        name="Levodopa",
        dose="50 mg",
        started_on=dt.date(2025, 1, 10),
        stopped_on=dt.date(2025, 3, 2),
        response=Medicine.Response.SAME,
        side_effects="Nausea",
    )
    planned = make_medicine(record, name="Clonazepam", stopped_on=today + dt.timedelta(days=7))
    client = Client()
    client.force_login(guardian)
    html = client.get(f"/records/{record.pk}/medicines/").content.decode()
    assert_accessible(html)
    current = html[html.index('id="current"') : html.index('id="past"')]
    past = html[html.index('id="past"') :]
    assert "Trihexyphenidyl" in current
    assert "2 mg" in current
    assert "1 Jun 2026" in current
    assert "better" in current
    assert "Clonazepam" in current
    assert f"{planned.stopped_on:%Y-%m-%d}" in current
    assert "Levodopa" in past
    assert "Levodopa" not in current
    assert "10 Jan 2025" in past
    assert "2 Mar 2025" in past
    assert "the same" in past
    assert "Nausea" in past
    assert f'href="/records/{record.pk}/medicines/add/"' in html


def test_readers_see_medicines_without_edit_links() -> None:
    record = make_record()
    make_medicine(record)
    viewer = add_member(record, Role.VIEWER).user
    client = Client()
    client.force_login(viewer)
    html = client.get(f"/records/{record.pk}/medicines/").content.decode()
    assert "Trihexyphenidyl" in html
    assert "/medicines/add/" not in html
    assert "/edit/" not in html
    assert "/remove/" not in html


# Pages --------------------------------------------------------------------------------------------


def test_the_overview_links_to_the_medicines() -> None:
    guardian = make_user()
    record = make_record(guardian, at=NOW)
    client = Client()
    client.force_login(guardian)
    html = client.get(f"/records/{record.pk}/").content.decode()
    assert f'href="/records/{record.pk}/medicines/"' in html


def test_adding_through_the_page() -> None:
    guardian = make_user()
    record = make_record(guardian)
    client = Client()
    client.force_login(guardian)
    html = client.get(f"/records/{record.pk}/medicines/add/").content.decode()
    assert_accessible(html)
    assert "Name of the medicine" in html
    assert "not yet known" in html
    response = client.post(
        f"/records/{record.pk}/medicines/add/",
        {
            "name": "Trihexyphenidyl",
            "dose": "2 mg",
            "schedule": "three times a day",
            "started_on": "2026-06-01",
            "reason": "Dystonia in the legs",
            "response": "better",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"/records/{record.pk}/medicines/"
    medicine = Medicine.objects.get(record=record)
    assert (medicine.name, medicine.dose, medicine.schedule) == (
        "Trihexyphenidyl",
        "2 mg",
        "three times a day",
    )
    assert (medicine.started_on, medicine.stopped_on, medicine.response) == (
        dt.date(2026, 6, 1),
        None,
        "better",
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"started_on": "2026-06-01", "response": "same"}, "Give the name of the medicine."),
        ({"name": "X", "response": "same"}, "Give the date the medicine was started."),
        (
            {"name": "X", "started_on": "last june", "response": "same"},
            "Enter a date such as 2026-11-25.",
        ),
        (
            {
                "name": "X",
                "started_on": "2026-06-01",
                "stopped_on": "2026-05-01",
                "response": "same",
            },
            "The “stopped on” date cannot be before the “started on” date.",
        ),
        (
            {"name": "X", "started_on": "2026-06-01", "response": "great"},
            "Choose how it is going: better, the same, worse, or not yet known.",
        ),
    ],
)
def test_form_errors_are_clear_and_nothing_is_stored(data: dict[str, str], message: str) -> None:
    guardian = make_user()
    record = make_record(guardian)
    client = Client()
    client.force_login(guardian)
    response = client.post(f"/records/{record.pk}/medicines/add/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert_accessible(html)
    assert message in html
    assert 'aria-invalid="true"' in html
    assert not Medicine.objects.exists()


def test_editing_stopping_and_removing_through_the_pages() -> None:
    guardian = make_user()
    record = make_record(guardian)
    medicine = make_medicine(record, name="Baclofen", dose="5 mg", started_on=dt.date(2026, 2, 1))
    client = Client()
    client.force_login(guardian)
    edit_url = f"/records/{record.pk}/medicines/{medicine.pk}/edit/"
    html = client.get(edit_url).content.decode()
    assert_accessible(html)
    assert 'value="2026-02-01"' in html
    assert 'value="Baclofen"' in html
    data = {"name": "Baclofen", "dose": "10 mg", "started_on": "2026-02-01", "response": "worse"}
    response = client.post(edit_url, {**data, "stopped_on": "2026-04-01"})
    assert response.status_code == 302
    medicine.refresh_from_db()
    assert (medicine.dose, medicine.stopped_on, medicine.response) == (
        "10 mg",
        dt.date(2026, 4, 1),
        "worse",
    )
    html = client.get(f"/records/{record.pk}/medicines/").content.decode()
    assert "Baclofen" in html[html.index('id="past"') :]

    remove_url = f"/records/{record.pk}/medicines/{medicine.pk}/remove/"
    html = client.get(remove_url).content.decode()
    assert_accessible(html)
    assert "Remove Baclofen?" in html
    assert "1 Feb 2026" in html
    assert Medicine.objects.filter(pk=medicine.pk).exists()  # GET only asks
    assert client.post(remove_url).status_code == 302
    assert not Medicine.objects.filter(pk=medicine.pk).exists()
    assert [a for a, _t in _audit(record)] == ["med_added", "med_stopped", "med_removed"]


def test_a_missing_medicine_redirects_to_the_list_with_a_message() -> None:
    guardian = make_user()
    record = make_record(guardian)
    client = Client()
    client.force_login(guardian)
    response = client.get(f"/records/{record.pk}/medicines/999/edit/", follow=True)
    assert response.redirect_chain[-1][0] == f"/records/{record.pk}/medicines/"
    assert "There is no such medicine in this record." in response.content.decode()
