"""The symptom and severity diary: services (rules, audit, capability, the BFMDRS total computed by
rarelight.care), and the pages."""

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
    make_diary_entry,
    make_record,
    make_user,
)

from rarelight.care import BFM_REGIONS
from rarelight.errors import Problem
from rarelight_web.records import services
from rarelight_web.records.forms import DiaryEntryForm
from rarelight_web.records.models import AuditEntry, CareRecord, DiaryEntry
from rarelight_web.records.roles import Capability, Role
from rarelight_web.records.views._common import refused_on_form

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
TODAY = NOW.date()
pytestmark = pytest.mark.django_db


def _audit(record: CareRecord) -> list[tuple[str, str]]:
    return list(
        AuditEntry.objects.filter(record=record)
        .exclude(action__in=["created", "viewed"])
        .order_by("at", "id")
        .values_list("action", "target")
    )


def _bfm(**factors: tuple[int, int]) -> dict[str, object]:
    """All 18 items: (provoking, severity) per region named, 0 for the others."""
    fields: dict[str, object] = {}
    for region in BFM_REGIONS:
        provoking, severity = factors.get(region.key, (0, 0))
        fields[region.provoking_field] = provoking
        fields[region.severity_field] = severity
    return fields


# Services -----------------------------------------------------------------------------------------


def test_adding_and_removing_an_entry_is_audited() -> None:
    guardian = make_user("Gwen")
    record = make_record(guardian, at=NOW)
    edit = access(guardian, record, Capability.EDIT_DIARY)
    entry = services.add_diary_entry(
        edit,
        on=dt.date(2026, 11, 24),
        regions=["eyes", "legs", "legs"],
        notes="  Worse in the evening ",
        now=NOW,
    )
    assert entry.regions == ["legs", "eyes"]  # choice order, each once
    assert entry.region_labels == ["legs", "eyes"]
    assert (entry.bfm_movement, entry.bfm_total) == (None, None)
    assert entry.notes == "Worse in the evening"
    assert (entry.created_at, entry.updated_at) == (NOW, NOW)
    services.remove_diary_entry(edit, entry.pk, now=NOW)
    assert not DiaryEntry.objects.exists()
    assert _audit(record) == [
        ("diary_added", "diary entry of 2026-11-24"),
        ("diary_removed", "diary entry of 2026-11-24"),
    ]
    assert AuditEntry.objects.get(action="diary_added").actor == guardian


def test_the_bfmdrs_total_is_computed_by_the_core() -> None:
    record = make_record(at=NOW)
    # Worked by hand: eyes 1×1×0.5 = 0.5; neck 2×3×0.5 = 3; right leg 4×3 = 12; trunk 2×2 = 4.
    items = _bfm(eyes=(1, 1), neck=(2, 3), right_leg=(4, 3), trunk=(2, 2))
    entry = make_diary_entry(record, bfm_movement=items, at=NOW)
    entry.refresh_from_db()
    assert entry.bfm_total == Decimal("19.5")
    assert entry.bfm_movement == items
    assert _audit(record) == [("diary_added", "diary entry of 2026-11-25, BFMDRS movement 19.5")]


def test_the_bfmdrs_maximum_is_120() -> None:
    record = make_record(at=NOW)
    items = _bfm(**{region.key: (4, 4) for region in BFM_REGIONS})
    entry = make_diary_entry(record, bfm_movement=items, at=NOW)
    entry.refresh_from_db()
    assert entry.bfm_total == Decimal("120.0")


@pytest.mark.parametrize("role", [Role.FAMILY, Role.CLINICIAN])
def test_family_and_clinicians_may_add_and_remove_entries(role: Role) -> None:
    record = make_record(at=NOW)
    member = add_member(record, role).user
    writer = access(member, record)
    entry = services.add_diary_entry(writer, on=TODAY, bfm_movement=_bfm(eyes=(2, 2)), now=NOW)
    assert entry.bfm_total == Decimal("2.0")
    services.remove_diary_entry(writer, entry.pk, now=NOW)
    actors = AuditEntry.objects.filter(action__startswith="diary_").values_list("actor", flat=True)
    assert list(actors) == [member.pk, member.pk]


def test_viewers_cannot_write_the_diary() -> None:
    record = make_record(at=NOW)
    entry = make_diary_entry(record, at=NOW)
    viewer = access(add_member(record, Role.VIEWER).user, record)
    with pytest.raises(PermissionDenied):
        services.add_diary_entry(viewer, on=TODAY, now=NOW)
    with pytest.raises(PermissionDenied):
        services.remove_diary_entry(viewer, entry.pk, now=NOW)
    assert DiaryEntry.objects.count() == 1
    assert [a for a, _t in _audit(record)] == ["diary_added"]


def test_invalid_bfmdrs_items_are_all_reported_with_their_fields_and_nothing_is_stored() -> None:
    guardian = make_user()
    record = make_record(guardian, at=NOW)
    items = _bfm()
    items["eyes_severity"] = 5
    items["neck_provoking"] = "2"
    del items["trunk_severity"]
    with pytest.raises(services.DiaryError) as refused:
        services.add_diary_entry(access(guardian, record), on=TODAY, bfm_movement=items, now=NOW)
    assert refused.value.field == "bfm_movement"
    assert {p.location for p in refused.value.problems} == {
        "eyes_severity",
        "neck_provoking",
        "trunk_severity",
    }
    assert not DiaryEntry.objects.exists()
    assert _audit(record) == []


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"on": TODAY + dt.timedelta(days=1)}, "on"),
        ({"on": TODAY, "regions": ["legs", "tail"]}, "regions"),
    ],
)
def test_diary_rules_are_enforced_by_the_service(fields: dict[str, object], field: str) -> None:
    guardian = make_user()
    record = make_record(guardian, at=NOW)
    with pytest.raises(services.DiaryError) as refused:
        services.add_diary_entry(access(guardian, record), **fields, now=NOW)  # type: ignore[arg-type]
    assert refused.value.field == field
    assert not DiaryEntry.objects.exists()
    assert _audit(record) == []


def test_an_entry_of_another_record_cannot_be_removed() -> None:
    guardian = make_user()
    record = make_record(guardian, at=NOW)
    other = make_diary_entry(make_record(at=NOW), at=NOW)
    with pytest.raises(services.DiaryError):
        services.remove_diary_entry(access(guardian, record), other.pk, now=NOW)
    assert DiaryEntry.objects.filter(pk=other.pk).exists()


# Pages --------------------------------------------------------------------------------------------


def test_the_overview_links_to_the_diary() -> None:
    guardian = make_user()
    record = make_record(guardian)
    client = Client()
    client.force_login(guardian)
    html = client.get(f"/records/{record.pk}/").content.decode()
    assert f'href="/records/{record.pk}/diary/"' in html


def test_the_page_lists_entries_newest_first() -> None:
    guardian = make_user()
    record = make_record(guardian)
    today = dt.datetime.now(dt.UTC).date()
    make_diary_entry(record, on=today - dt.timedelta(days=10), notes="Older entry")
    make_diary_entry(
        record,
        on=today - dt.timedelta(days=1),
        regions=("neck", "larynx_voice"),
        bfm_movement=_bfm(neck=(2, 3)),
        notes="Newer entry",
    )
    client = Client()
    client.force_login(guardian)
    html = client.get(f"/records/{record.pk}/diary/").content.decode()
    assert_accessible(html)
    assert html.index("Newer entry") < html.index("Older entry")
    assert "neck, larynx and voice" in html
    assert "3.0" in html
    assert f'href="/records/{record.pk}/diary/add/"' in html
    assert AuditEntry.objects.filter(action="viewed", target="diary").exists()


def test_viewers_see_the_diary_without_change_links() -> None:
    record = make_record()
    make_diary_entry(record, notes="Stiff legs")
    viewer = add_member(record, Role.VIEWER).user
    client = Client()
    client.force_login(viewer)
    html = client.get(f"/records/{record.pk}/diary/").content.decode()
    assert "Stiff legs" in html
    assert "/diary/add/" not in html
    assert "/remove/" not in html


def _post_data(on: dt.date, **items: str) -> dict[str, object]:
    return {"on": on.isoformat(), "regions": ["legs", "trunk"], "notes": "Bad night", **items}


def test_adding_with_a_bfmdrs_rating_through_the_page() -> None:
    guardian = make_user()
    record = make_record(guardian)
    client = Client()
    client.force_login(guardian)
    url = f"/records/{record.pk}/diary/add/"
    html = client.get(url).content.decode()
    assert_accessible(html)
    assert "Dystonia present at rest" in html
    assert "Severe: no useful grasp" in html
    today = dt.datetime.now(dt.UTC).date()
    items = {name: str(value) for name, value in _bfm(eyes=(1, 1), right_leg=(4, 3)).items()}
    response = client.post(url, {**_post_data(today, **items), "bfm_total": "99"})
    assert response.status_code == 302
    assert response["Location"] == f"/records/{record.pk}/diary/"
    entry = DiaryEntry.objects.get()
    assert entry.regions == ["legs", "trunk"]
    assert entry.bfm_total == Decimal("12.5")  # from the core, never from the form
    html = client.get(response["Location"]).content.decode()
    assert "Diary entry added." in html
    assert "12.5" in html


def test_adding_without_a_bfmdrs_rating_through_the_page() -> None:
    guardian = make_user()
    record = make_record(guardian)
    client = Client()
    client.force_login(guardian)
    today = dt.datetime.now(dt.UTC).date()
    response = client.post(f"/records/{record.pk}/diary/add/", _post_data(today))
    assert response.status_code == 302
    entry = DiaryEntry.objects.get()
    assert (entry.bfm_movement, entry.bfm_total) == (None, None)


def test_a_partly_filled_bfmdrs_needs_every_item_and_nothing_is_stored() -> None:
    guardian = make_user()
    record = make_record(guardian)
    client = Client()
    client.force_login(guardian)
    today = dt.datetime.now(dt.UTC).date()
    response = client.post(
        f"/records/{record.pk}/diary/add/", _post_data(today, eyes_provoking="2")
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "eyes_severity" in form.errors
    assert "eyes_provoking" not in form.errors
    assert len(form.errors) == 17
    assert "Score every BFMDRS item" in response.content.decode()
    assert_accessible(response.content.decode())
    assert not DiaryEntry.objects.exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"on": "2099-01-01"}, "on", "cannot be in the future"),
        ({"on": ""}, "on", "Give the date of the entry."),
        ({"on": "2026-01-01", "regions": "tail"}, "regions", "Choose body regions"),
        ({"on": "2026-01-01", "eyes_provoking": "7"}, "eyes_provoking", "Choose a level"),
    ],
)
def test_form_errors_are_shown_per_field_and_nothing_is_stored(
    data: dict[str, str], field: str, message: str
) -> None:
    guardian = make_user()
    record = make_record(guardian)
    client = Client()
    client.force_login(guardian)
    response = client.post(f"/records/{record.pk}/diary/add/", data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert message in response.content.decode()
    assert not DiaryEntry.objects.exists()


def test_core_problems_are_put_on_their_fields() -> None:
    form = DiaryEntryForm({"on": "2026-01-01"})
    assert form.is_valid()
    refused = services.DiaryError(
        "not valid",
        field="bfm_movement",
        problems=[Problem("eyes_severity", "5 is not on this item's scale", "enter 0 to 4")],
    )
    assert refused_on_form(form, refused) == ""
    assert form.errors["eyes_severity"] == ["5 is not on this item's scale (enter 0 to 4)"]


def test_a_clinician_can_add_through_the_page() -> None:
    record = make_record()
    clinician = add_member(record, Role.CLINICIAN).user
    client = Client()
    client.force_login(clinician)
    today = dt.datetime.now(dt.UTC).date()
    items = dict.fromkeys(_bfm(), "1")
    response = client.post(f"/records/{record.pk}/diary/add/", _post_data(today, **items))
    assert response.status_code == 302
    # every region 1×1: six at weight 1, three (eyes, mouth, neck) at 0.5
    assert DiaryEntry.objects.get().bfm_total == Decimal("7.5")
    assert AuditEntry.objects.get(action="diary_added").actor == clinician


def test_removing_through_the_page() -> None:
    guardian = make_user()
    record = make_record(guardian)
    entry = make_diary_entry(record, notes="Mistake")
    client = Client()
    client.force_login(guardian)
    url = f"/records/{record.pk}/diary/{entry.pk}/remove/"
    html = client.get(url).content.decode()
    assert_accessible(html)
    assert "Remove the diary entry of" in html
    response = client.post(url)
    assert response.status_code == 302
    assert not DiaryEntry.objects.exists()
    assert "Diary entry removed." in client.get(response["Location"]).content.decode()
    missing = client.get(url)
    assert missing.status_code == 302
