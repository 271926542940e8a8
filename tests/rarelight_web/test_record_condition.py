"""The condition part of a record: genetic variants, HPO-coded features, uploaded reports, care
notes, and therapies and milestones."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from fpdf import FPDF
from tests.rarelight_web.factories import (
    access,
    add_member,
    assert_accessible,
    make_feature,
    make_record,
    make_report,
    make_user,
    make_variant,
    png_bytes,
)

from rarelight_web.records import services
from rarelight_web.records.models import AuditEntry, Feature, GeneticVariant, ReportFile
from rarelight_web.records.roles import Capability, Role

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
pytestmark = pytest.mark.django_db


def _pdf() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Exome report: KMT2B c.2233C>T")
    return bytes(pdf.output())


def _stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _guardian_client() -> tuple[Client, object]:
    guardian = make_user()
    record = make_record(guardian, at=NOW)
    client = Client()
    client.force_login(guardian)
    return client, record


# Genetic variants ---------------------------------------------------------------------------------


def test_a_variant_is_stored_as_reported_and_audited() -> None:
    record = make_record(at=NOW)
    variant = make_variant(record, at=NOW)
    assert (variant.gene, variant.hgvs_c, variant.hgvs_p) == (
        "KMT2B",
        "NM_014727.3:c.2233C>T",
        "p.(Arg745*)",
    )
    assert AuditEntry.objects.filter(action="variant_added", target="KMT2B NM_014727.3:c.2233C>T")


@pytest.mark.parametrize(
    ("field", "fields"),
    [
        ("gene", {"gene": "kmt 2b!", "hgvs_c": "c.1A>G"}),
        ("hgvs_c", {"gene": "KMT2B", "hgvs_c": "2233C>T"}),
        ("hgvs_p", {"gene": "KMT2B", "hgvs_c": "c.1A>G", "hgvs_p": "Arg745*"}),
        ("zygosity", {"gene": "KMT2B", "hgvs_c": "c.1A>G", "zygosity": "triploid"}),
        ("reported_on", {"gene": "KMT2B", "hgvs_c": "c.1A>G", "reported_on": dt.date(2027, 1, 1)}),
    ],
)
def test_a_malformed_variant_names_its_field_and_stores_nothing(
    field: str, fields: dict[str, object]
) -> None:
    record = make_record(at=NOW)
    edit = access(record.memberships.get().user, record, Capability.EDIT_PROFILE)
    with pytest.raises(services.GeneticsError) as refused:
        services.add_variant(edit, now=NOW, **fields)  # type: ignore[arg-type]
    assert refused.value.field == field
    assert not GeneticVariant.objects.exists()


def test_gene_symbols_are_upper_cased_and_spaces_dropped_from_the_notation() -> None:
    record = make_record(at=NOW)
    edit = access(record.memberships.get().user, record, Capability.EDIT_PROFILE)
    variant = services.add_variant(edit, gene=" kmt2b ", hgvs_c="c. 2233C>T", now=NOW)
    assert (variant.gene, variant.hgvs_c, variant.zygosity) == ("KMT2B", "c.2233C>T", "unknown")


def test_a_clinician_may_add_a_variant_and_a_viewer_may_not() -> None:
    record = make_record(at=NOW)
    clinician = access(add_member(record, Role.CLINICIAN).user, record)
    services.add_variant(clinician, gene="KMT2B", hgvs_c="c.1A>G", now=NOW)
    viewer = access(add_member(record, Role.VIEWER).user, record)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.add_variant(viewer, gene="KMT2B", hgvs_c="c.2A>G", now=NOW)
    assert GeneticVariant.objects.count() == 1


# Features -----------------------------------------------------------------------------------------


def test_a_feature_is_stored_with_the_label_of_the_release() -> None:
    record = make_record(at=NOW)
    feature = make_feature(record, "HP:0001332", noticed_on=dt.date(2024, 3, 1), at=NOW)
    assert (feature.hpo_id, feature.label, feature.excluded) == ("HP:0001332", "Dystonia", False)


def test_an_alternative_id_is_stored_as_the_current_term_with_a_notice() -> None:
    from rarelight_web.knowledge import catalogue

    ontology = catalogue().release.ontology
    term = next(t for t in ontology.terms() if t.alt_ids)
    record = make_record(at=NOW)
    edit = access(record.memberships.get().user, record, Capability.EDIT_PROFILE)
    feature, notice = services.add_feature(edit, hpo_id=term.alt_ids[0], now=NOW)
    assert feature.hpo_id == term.id
    assert notice is not None
    assert term.alt_ids[0] in notice


@pytest.mark.parametrize(
    ("hpo_id", "message"), [("dystonia", "not an HPO id"), ("HP:9999999", "not in HPO")]
)
def test_an_unknown_term_is_refused_on_its_field(hpo_id: str, message: str) -> None:
    record = make_record(at=NOW)
    edit = access(record.memberships.get().user, record, Capability.EDIT_PROFILE)
    with pytest.raises(services.FeatureError, match=message) as refused:
        services.add_feature(edit, hpo_id=hpo_id, now=NOW)
    assert refused.value.field == "hpo_id"
    assert not Feature.objects.exists()


def test_the_same_term_twice_is_refused() -> None:
    record = make_record(at=NOW)
    make_feature(record, "HP:0001332", at=NOW)
    edit = access(record.memberships.get().user, record, Capability.EDIT_PROFILE)
    with pytest.raises(services.FeatureError, match="already in the record"):
        services.add_feature(edit, hpo_id="HP:0001332", excluded=True, now=NOW)


def test_the_feature_page_searches_terms_and_adds_one_as_absent() -> None:
    client, record = _guardian_client()
    page = client.get(f"/records/{record.pk}/features/add/", {"q": "seizure"})
    html = page.content.decode()
    assert "HP:0001250" in html
    assert_accessible(html)
    response = client.post(
        f"/records/{record.pk}/features/add/", {"hpo_id": "HP:0001250", "excluded": "true"}
    )
    assert response.status_code == 302
    feature = Feature.objects.get()
    assert feature.excluded
    condition = client.get(f"/records/{record.pk}/condition/").content.decode()
    assert "Checked and not present" in condition
    assert "Seizure" in condition


# Reports ------------------------------------------------------------------------------------------


def test_a_pdf_report_is_kept_under_a_random_name_and_downloads_as_an_attachment() -> None:
    client, record = _guardian_client()
    upload = SimpleUploadedFile("exome report.pdf", _pdf(), content_type="application/pdf")
    response = client.post(f"/records/{record.pk}/reports/add/", {"upload": upload, "title": ""})
    assert response.status_code == 302
    report = ReportFile.objects.get()
    assert (report.title, report.original_name, report.content_type) == (
        "exome report",
        "exome report.pdf",
        "application/pdf",
    )
    assert "exome" not in report.file.name
    assert report.file.name.endswith(".pdf")
    download = client.get(f"/records/{record.pk}/reports/{report.pk}/")
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]


def test_a_50_mb_file_is_refused_with_a_clear_message_and_nothing_is_stored() -> None:
    client, record = _guardian_client()
    big = SimpleUploadedFile(
        "scan.pdf", b"%PDF-1.7\n" + b"0" * (50 * 1024 * 1024), "application/pdf"
    )
    response = client.post(f"/records/{record.pk}/reports/add/", {"upload": big})
    html = response.content.decode()
    assert response.status_code == 200
    assert "larger than 20 MB" in html
    assert "PDF, PNG or JPEG" in html
    assert not ReportFile.objects.exists()
    assert _stored_files() == []


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("setup.exe", b"MZ\x90\x00\x03" + b"\x00" * 4000),
        ("report.pdf", b"\x7fELF\x02\x01\x01" + b"\x00" * 4000),  # a program named as a PDF
        ("notes.pdf", b"just some text, not a PDF"),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100),  # a PNG header on nothing
    ],
)
def test_an_executable_or_a_disguised_file_is_refused_and_nothing_is_stored(
    name: str, data: bytes
) -> None:
    client, record = _guardian_client()
    upload = SimpleUploadedFile(name, data, content_type="application/pdf")
    response = client.post(f"/records/{record.pk}/reports/add/", {"upload": upload})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Reports can be PDF, PNG or JPEG files" in html
    assert not ReportFile.objects.exists()
    assert _stored_files() == []


def test_removing_a_report_deletes_its_file(django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    record = make_record(at=NOW)
    report = make_report(record, at=NOW)
    assert len(_stored_files()) == 1
    edit = access(record.memberships.get().user, record, Capability.EDIT_PROFILE)
    with django_capture_on_commit_callbacks(execute=True):
        services.remove_report(edit, report.pk, now=NOW)
    assert _stored_files() == []
    assert AuditEntry.objects.filter(action="upload_removed").count() == 1


def test_an_image_report_is_accepted() -> None:
    record = make_record(at=NOW)
    report = make_report(record, at=NOW)
    assert report.content_type == "image/png"
    assert report.size == len(png_bytes())


# Care notes, therapies and milestones ----------------------------------------------------------------


def test_care_notes_are_saved_and_shown_on_the_overview() -> None:
    client, record = _guardian_client()
    response = client.post(
        f"/records/{record.pk}/care-notes/",
        {
            "allergies": "Penicillin: rash",
            "emergency_avoid": "Metoclopramide",
            "emergency_do": "",
            "emergency_call": "",
        },
    )
    assert response.status_code == 302
    html = client.get(f"/records/{record.pk}/").content.decode()
    assert "Penicillin: rash" in html
    assert "Metoclopramide" in html
    assert html.count("None recorded.") >= 2  # what to do, who to call


def test_a_therapy_cannot_end_before_it_starts() -> None:
    record = make_record(at=NOW)
    edit = access(record.memberships.get().user, record, Capability.EDIT_DIARY)
    with pytest.raises(services.TherapyError) as refused:
        services.add_therapy(
            edit,
            kind="speech",
            started_on=dt.date(2026, 5, 1),
            ended_on=dt.date(2026, 4, 1),
            now=NOW,
        )
    assert refused.value.field == "ended_on"


def test_a_milestone_cannot_be_in_the_future() -> None:
    client, record = _guardian_client()
    response = client.post(
        f"/records/{record.pk}/milestones/add/",
        {"on": "2099-01-01", "kind": "hearing_test", "title": "Hearing test"},
    )
    assert response.status_code == 200
    assert "appointments" in response.content.decode()


def test_the_therapies_page_lists_current_and_past_and_milestones() -> None:
    client, record = _guardian_client()
    for data in (
        {"kind": "speech", "started_on": "2025-01-01"},
        {"kind": "physical", "started_on": "2024-01-01", "ended_on": "2024-06-01"},
    ):
        assert client.post(f"/records/{record.pk}/therapies/add/", data).status_code == 302
    client.post(
        f"/records/{record.pk}/milestones/add/",
        {"on": "2026-02-01", "kind": "hearing_test", "title": "Hearing test", "result": "Normal"},
    )
    html = client.get(f"/records/{record.pk}/therapies/").content.decode()
    assert_accessible(html)
    current, past = html.split("Past therapies")
    assert "speech and language therapy" in current
    assert "physical therapy" in past
    assert "Hearing test" in html
    assert "Normal" in html
