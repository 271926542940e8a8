"""A guardian shares the record's de-identified snapshot with the registry from the record page."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client
from tests.rarelight_web.factories import (
    make_dbs_implant,
    make_diary_entry,
    make_disease,
    make_feature,
    make_medicine,
    make_record,
    make_user,
    make_variant,
)

from rarelight.care import BFM_REGIONS
from rarelight_web.records.models import Medicine
from rarelight_web.registry.models import Case, Contribution

pytestmark = pytest.mark.django_db


def _bfm(level: int) -> dict[str, object]:
    return {
        name: level
        for region in BFM_REGIONS
        for name in (region.provoking_field, region.severity_field)
    }


def test_sharing_needs_consent_then_sends_no_name_and_no_exact_date() -> None:
    guardian = make_user()
    record = make_record(guardian, diagnosis=make_disease())
    record.display_name = "Ada Lovelace-Smith"
    record.date_of_birth = dt.date(2018, 3, 14)
    record.save()
    make_variant(record)
    make_feature(record, "HP:0001332", noticed_on=dt.date(2024, 5, 2))
    medicine = make_medicine(record, name="Trihexyphenidyl")
    Medicine.objects.filter(pk=medicine.pk).update(response=Medicine.Response.BETTER)
    make_dbs_implant(record, implanted_on=dt.date(2025, 6, 1))
    make_diary_entry(record, on=dt.date(2025, 5, 1), bfm_movement=_bfm(2))
    client = Client()
    client.force_login(guardian)
    url = f"/records/{record.pk}/registry/"

    refused = client.post(url, {"country": "GB"})
    assert "Tick the box to agree" in refused.content.decode()
    assert not Case.objects.exists()

    shared = client.post(url, {"country": "GB", "consented": "on"})
    assert shared.status_code == 302
    case = Case.objects.get()
    text = json.dumps(case.data)
    assert "Ada" not in text
    assert "Lovelace" not in text
    assert "2018-03-14" not in text
    assert "2024-05-02" not in text
    assert case.data["country"] == "GB"
    assert case.data["year_of_birth"] == 2018
    assert case.data["variants"][0]["gene"] == "KMT2B"
    assert case.data["anticholinergic"] == "good"
    assert case.data["onset_months"] == 73  # 2018-03-14 to 2024-05-02
    assert record.audit.filter(action="contributed").count() == 1

    page = client.get(url).content.decode()
    assert "Withdraw it from the registry" in page
    client.post(url, {"action": "withdraw"})
    assert not Case.objects.exists()
    assert Contribution.objects.get().withdrawn_at is not None
    assert record.audit.filter(action="withdrawn").count() == 1
