"""The care passport (page and one-page PDF), the progress charts, export and deletion."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.conf import settings
from django.test import Client
from pypdf import PdfReader
from tests.rarelight_web.factories import (
    access,
    add_member,
    assert_accessible,
    make_dbs_implant,
    make_dbs_session,
    make_diary_entry,
    make_disease,
    make_feature,
    make_medicine,
    make_record,
    make_report,
    make_team_member,
    make_user,
    make_variant,
)

from rarelight.care import BFM_REGIONS
from rarelight.reports import SECTION_KEYS
from rarelight_web.accounts.models import AccountEvent
from rarelight_web.records import services
from rarelight_web.records.models import CareRecord, Medicine, ReportFile
from rarelight_web.records.roles import Role

pytestmark = pytest.mark.django_db


def _bfm(level: int) -> dict[str, object]:
    return {
        name: level
        for region in BFM_REGIONS
        for name in (region.provoking_field, region.severity_field)
    }


def _full_record() -> tuple[Client, CareRecord]:
    guardian = make_user("Gwen Guardian")
    record = make_record(guardian, diagnosis=make_disease())
    make_variant(record)
    make_feature(record, "HP:0001332")
    make_feature(record, "HP:0001250", excluded=True)
    make_medicine(record, name="Trihexyphenidyl", dose="2 mg")
    stopped = make_medicine(record, name="Levodopa")
    Medicine.objects.filter(pk=stopped.pk).update(stopped_on=dt.datetime.now(dt.UTC).date())
    implant = make_dbs_implant(record)
    make_dbs_session(implant)
    today = dt.datetime.now(dt.UTC).date()
    make_diary_entry(
        record, on=today - dt.timedelta(days=60), bfm_movement=_bfm(2), regions=("legs",)
    )
    make_diary_entry(record, on=today, bfm_movement=_bfm(1), regions=("legs", "neck"))
    make_team_member(record)
    make_report(record)
    client = Client()
    client.force_login(guardian)
    return client, record


def test_the_passport_page_follows_the_ips_order_and_says_none_recorded() -> None:
    guardian = make_user()
    record = make_record(guardian)
    client = Client()
    client.force_login(guardian)
    html = client.get(f"/records/{record.pk}/passport/").content.decode()
    assert_accessible(html)
    order = [html.index(f'id="passport-{key}"') for key in SECTION_KEYS]
    assert order == sorted(order)
    assert html.count("None recorded") >= 5


def test_the_passport_pdf_is_one_page_with_the_diagnosis_and_current_medicine() -> None:
    client, record = _full_record()
    response = client.get(f"/records/{record.pk}/passport.pdf")
    assert response["Content-Type"] == "application/pdf"
    pdf = PdfReader(io.BytesIO(response.content))
    assert len(pdf.pages) == 1
    text = " ".join(pdf.pages[0].extract_text().split())
    assert "KMT2B" in text
    assert "Trihexyphenidyl" in text
    assert (
        "Levodopa" not in text.split("Allergies")[0].split("Medicines")[-1]
    )  # stopped: not current


def test_the_charts_show_the_bfmdrs_totals_and_the_treatment_changes() -> None:
    client, record = _full_record()
    html = client.get(f"/records/{record.pk}/progress/").content.decode()
    assert_accessible(html)
    assert html.count('<img src="/records/') == 3
    response = client.get(f"/records/{record.pk}/charts/bfm.svg")
    assert response["Content-Type"].startswith("image/svg+xml")
    assert "'unsafe-inline'" in response["Content-Security-Policy"]
    root = ElementTree.fromstring(response.content)  # noqa: S314 - our own SVG
    assert root.tag.endswith("svg")
    assert "BFMDRS" in response.content.decode()
    assert "Trihexyphenidyl started" in html  # the table beside the chart
    assert client.get(f"/records/{record.pk}/charts/secret.svg").status_code == 404


def test_the_export_zip_holds_the_json_the_reports_and_the_passport() -> None:
    client, record = _full_record()
    response = client.post(f"/records/{record.pk}/export/")
    assert response["Content-Type"] == "application/zip"
    # Reading the stream to the end closes it; closing it again by hand would fire
    # request_finished and close the test's database connection (PostgreSQL).
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))  # type: ignore[attr-defined]
    names = archive.namelist()
    assert {"README.txt", "record.json", "care-passport.pdf"} <= set(names)
    document = json.loads(archive.read("record.json"))
    assert document["record"]["display_name"] == record.display_name
    assert [v["gene"] for v in document["genetic_variants"]] == ["KMT2B"]
    assert len(document["diary"]) == 2
    assert document["dbs_implants"][0]["sessions"]
    report = ReportFile.objects.get()
    with report.file.open("rb") as stored:
        assert archive.read(document["reports"][0]["file_in_zip"]) == stored.read()
    assert document["audit_log"][-1]["action"] == "exported"  # the zip shows its own export
    assert record.audit.filter(action="exported").count() == 1
    assert len(PdfReader(io.BytesIO(archive.read("care-passport.pdf"))).pages) == 1


def test_deleting_needs_the_name_then_removes_everything_with_the_files(
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    client, record = _full_record()
    folder = Path(settings.MEDIA_ROOT) / "records" / str(record.pk)
    assert any(folder.iterdir())
    refused = client.post(f"/records/{record.pk}/delete/", {"confirm_name": "someone else"})
    assert refused.status_code == 400
    assert CareRecord.objects.filter(pk=record.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(f"/records/{record.pk}/delete/", {"confirm_name": record.display_name})
    assert done.status_code == 302
    assert not CareRecord.objects.filter(pk=record.pk).exists()
    assert not ReportFile.objects.exists()
    assert not folder.exists()
    event = AccountEvent.objects.filter(action="deleted_record").get()
    assert event.user.display_name == "Gwen Guardian"
    assert client.get(f"/records/{record.pk}/").status_code == 404


def test_only_a_guardian_may_delete() -> None:
    record = make_record()
    family = access(add_member(record, Role.FAMILY).user, record)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.delete_record(
            family, confirm_name=record.display_name, now=dt.datetime.now(dt.UTC)
        )
    assert CareRecord.objects.filter(pk=record.pk).exists()


@pytest.mark.parametrize(
    "page",
    [
        "",
        "condition/",
        "care-notes/",
        "variants/add/",
        "features/add/?q=dystonia",
        "reports/add/",
        "therapies/",
        "therapies/add/",
        "milestones/add/",
        "diary/",
        "diary/add/",
        "dbs/",
        "passport/",
        "progress/",
        "export/",
        "delete/",
        "registry/",
    ],
)
def test_every_record_page_is_accessible(page: str) -> None:
    client, record = _full_record()
    response = client.get(f"/records/{record.pk}/{page}")
    assert response.status_code == 200
    assert_accessible(response.content.decode())
