"""Changing diary entries (with the disability and Barry–Albright scales) and DBS entries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from tests.rarelight_web.factories import (
    access,
    add_member,
    dbs_side,
    make_dbs_implant,
    make_dbs_session,
    make_diary_entry,
    make_record,
    make_user,
)

from rarelight.care import BADS_REGIONS, BFM_DISABILITY_ITEMS
from rarelight_web.records import services
from rarelight_web.records.models import AuditEntry, DbsImplant, DbsSession, DiaryEntry
from rarelight_web.records.roles import Capability, Role

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
pytestmark = pytest.mark.django_db

# Worked by hand: speech 1 + handwriting 2 + feeding 0 + eating 1 + hygiene 2 + dressing 3 +
# walking 6 (wheelchair, the one item that goes to 6) = 15 of 30.
DISABILITY = {
    "speech": 1,
    "handwriting": 2,
    "feeding": 0,
    "eating_swallowing": 1,
    "hygiene": 2,
    "dressing": 3,
    "walking": 6,
}
# Worked by hand: eyes 0, mouth 1, neck 2, trunk 0, right arm 3, left arm 0, legs 4 + 4 = 14 of 32.
BADS = {
    "eyes": 0,
    "mouth": 1,
    "neck": 2,
    "trunk": 0,
    "right_arm": 3,
    "left_arm": 0,
    "right_leg": 4,
    "left_leg": 4,
}


def _actions(record_id: object) -> list[str]:
    rows = AuditEntry.objects.filter(record_id=record_id).exclude(action__in=["created", "viewed"])
    return list(rows.order_by("at", "id").values_list("action", flat=True))


def test_disability_and_barry_albright_totals_are_computed_by_the_core() -> None:
    record = make_record(at=NOW)
    edit = access(record.memberships.get().user, record, Capability.EDIT_DIARY)
    entry = services.add_diary_entry(
        edit, on=NOW.date(), bfm_disability=DISABILITY, bads=BADS, now=NOW
    )
    entry.refresh_from_db()
    assert (entry.bfm_disability_total, entry.bads_total) == (15, 14)
    assert entry.bfm_disability == DISABILITY
    assert entry.bads == BADS
    assert entry.bfm_total is None


def test_every_invalid_item_of_every_scale_is_named_and_nothing_is_stored() -> None:
    record = make_record(at=NOW)
    edit = access(record.memberships.get().user, record, Capability.EDIT_DIARY)
    with pytest.raises(services.DiaryError) as refused:
        services.add_diary_entry(
            edit,
            on=NOW.date(),
            bfm_disability={**DISABILITY, "walking": 5},  # 5 is skipped on the walking item
            bads={**BADS, "neck": 7},
            now=NOW,
        )
    locations = {problem.location for problem in refused.value.problems}
    assert {"disability_walking", "bads_neck"} <= locations
    assert not DiaryEntry.objects.exists()


def test_changing_an_entry_saves_only_what_changed_and_audits_it() -> None:
    record = make_record(at=NOW)
    entry = make_diary_entry(record, on=dt.date(2026, 11, 20), at=NOW)
    edit = access(record.memberships.get().user, record, Capability.EDIT_DIARY)
    changed = services.update_diary_entry(
        edit,
        entry.pk,
        on=dt.date(2026, 11, 20),
        regions=["legs", "neck"],
        bads=BADS,
        notes=entry.notes,
        now=NOW + dt.timedelta(hours=1),
    )
    assert changed == ["regions", "bads", "bads_total"]
    entry.refresh_from_db()
    assert entry.bads_total == 14
    assert entry.regions == ["legs", "neck"]
    assert entry.updated_at == NOW + dt.timedelta(hours=1)
    assert _actions(record.pk)[-1] == "diary_updated"


def test_a_viewer_cannot_change_an_entry() -> None:
    record = make_record(at=NOW)
    entry = make_diary_entry(record, at=NOW)
    viewer = access(add_member(record, Role.VIEWER).user, record)
    with pytest.raises(PermissionDenied):
        services.update_diary_entry(viewer, entry.pk, on=entry.on, now=NOW)


def test_an_entry_of_another_record_cannot_be_changed() -> None:
    mine, theirs = make_record(at=NOW), make_record(at=NOW)
    entry = make_diary_entry(theirs, at=NOW)
    edit = access(mine.memberships.get().user, mine, Capability.EDIT_DIARY)
    with pytest.raises(services.DiaryError, match="no such diary entry"):
        services.update_diary_entry(edit, entry.pk, on=entry.on, notes="hijack", now=NOW)
    entry.refresh_from_db()
    assert entry.notes != "hijack"


def test_the_edit_page_shows_the_stored_scores_and_saves_changes() -> None:
    guardian = make_user()
    record = make_record(guardian, at=NOW)
    entry = services.add_diary_entry(
        access(guardian, record, Capability.EDIT_DIARY),
        on=dt.date(2026, 11, 1),
        bfm_disability=DISABILITY,
        now=NOW,
    )
    client = Client()
    client.force_login(guardian)
    url = f"/records/{record.pk}/diary/{entry.pk}/edit/"
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["form"]["disability_walking"].value() == 6
    data = {"on": "2026-11-01", "notes": "after the new dose"}
    data |= {f"disability_{key}": str(value) for key, value in DISABILITY.items()}
    data |= {f"bads_{item.key}": "1" for item in BADS_REGIONS}
    response = client.post(url, data)
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.bads_total == len(BADS_REGIONS)
    assert entry.notes == "after the new dose"


def test_a_half_filled_disability_scale_is_refused_on_the_page() -> None:
    guardian = make_user()
    record = make_record(guardian, at=NOW)
    client = Client()
    client.force_login(guardian)
    first = BFM_DISABILITY_ITEMS[0].key
    response = client.post(
        f"/records/{record.pk}/diary/add/", {"on": "2026-11-01", f"disability_{first}": "2"}
    )
    assert response.status_code == 200
    assert "Score every disability item" in response.content.decode()
    assert not DiaryEntry.objects.exists()


# DBS ----------------------------------------------------------------------------------------------


def test_an_implant_can_be_changed_but_not_moved_after_its_sessions() -> None:
    record = make_record(at=NOW)
    implant = make_dbs_implant(record, implanted_on=dt.date(2025, 1, 10), at=NOW)
    make_dbs_session(implant, programmed_on=dt.date(2025, 2, 1), at=NOW)
    edit = access(record.memberships.get().user, record, Capability.EDIT_DIARY)
    changed = services.update_dbs_implant(
        edit, implant.pk, implanted_on=dt.date(2025, 1, 12), device="Activa RC", now=NOW
    )
    assert changed == ["implanted_on", "device"]
    with pytest.raises(services.DbsError) as refused:
        services.update_dbs_implant(edit, implant.pk, implanted_on=dt.date(2025, 3, 1), now=NOW)
    assert refused.value.field == "implanted_on"
    implant.refresh_from_db()
    assert implant.implanted_on == dt.date(2025, 1, 12)


def test_removing_an_implant_removes_its_sessions_and_is_audited() -> None:
    record = make_record(at=NOW)
    implant = make_dbs_implant(record, at=NOW)
    make_dbs_session(implant, at=NOW)
    edit = access(record.memberships.get().user, record, Capability.EDIT_DIARY)
    services.remove_dbs_implant(edit, implant.pk, now=NOW)
    assert not DbsImplant.objects.exists()
    assert not DbsSession.objects.exists()
    removed = AuditEntry.objects.get(action="dbs_removed")
    assert removed.details == {"sessions": 1}


def test_a_session_can_be_changed_within_the_accepted_ranges() -> None:
    record = make_record(at=NOW)
    implant = make_dbs_implant(record, implanted_on=dt.date(2025, 1, 10), at=NOW)
    session = make_dbs_session(implant, programmed_on=dt.date(2025, 2, 1), at=NOW)
    edit = access(record.memberships.get().user, record, Capability.EDIT_DIARY)
    changed = services.update_dbs_session(
        edit,
        session.pk,
        programmed_on=dt.date(2025, 2, 1),
        left=dbs_side(amplitude="3.0"),
        right=None,
        now=NOW,
    )
    assert "left_amplitude" in changed
    assert "right_amplitude" in changed
    session.refresh_from_db()
    assert session.left_amplitude == Decimal("3.0")
    assert session.right_amplitude is None
    with pytest.raises(services.DbsError) as refused:
        services.update_dbs_session(
            edit,
            session.pk,
            programmed_on=dt.date(2025, 2, 1),
            left=dbs_side(frequency_hz=900),
            now=NOW,
        )
    assert refused.value.field == "left_frequency_hz"
    session.refresh_from_db()
    assert session.left_frequency_hz != 900
    assert _actions(record.pk).count("dbs_prog_updated") == 1
