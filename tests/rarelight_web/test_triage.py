"""Exome triage pages: upload → background job → ranked genes; limits, errors and privacy."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parents[1] / "data" / "vcf"


def upload(client: Client, vcf: bytes, name: str = "trio.vcf", **extra: object) -> object:
    data = {
        "vcf": SimpleUploadedFile(name, vcf),
        "observed": "HP:0001332 HP:0002451",
        "excluded": "",
        "proband": "KID",
        **extra,
    }
    return client.post("/triage/", data)


def finished(client: Client, location: str) -> str:
    """Poll the job's status block (as htmx does) until it has ended; its HTML."""
    for _ in range(1800):
        html = client.get(location + "status/").content.decode()
        if "hx-trigger" not in html:
            return html
        time.sleep(0.1)
    raise AssertionError("the triage job did not end")


def test_the_form_says_what_it_is_and_is_not() -> None:
    html = Client().get("/triage/").content.decode()
    assert "Not a diagnosis" in html
    assert 'enctype="multipart/form-data"' in html
    assert "At most 200 MB" in html


def test_a_trio_is_ranked_with_evidence() -> None:
    client = Client()
    ped = SimpleUploadedFile("trio.ped", (DATA / "kmt2b-trio.ped").read_bytes())
    response = upload(client, (DATA / "kmt2b-trio.vcf").read_bytes(), ped=ped, panel="dystonia")
    assert response.status_code == 302
    location = response["Location"]
    page = client.get(location).content.decode()
    assert "trio.vcf" in page
    html = finished(client, location)
    assert "Candidate genes" in html
    assert "<strong>KMT2B</strong>" in html
    assert "de novo" in html
    assert "PVS1" in html
    assert "PM6" in html
    assert "Panel: dystonia" in html
    assert not list((Path(settings.MEDIA_ROOT) / "triage").glob("*.vcf"))  # the upload is deleted


def test_another_session_gets_404() -> None:
    owner = Client()
    location = upload(owner, (DATA / "kmt2b-trio.vcf").read_bytes())["Location"]  # type: ignore[index]
    finished(owner, location)
    stranger = Client()
    assert stranger.get(location).status_code == 404
    assert stranger.get(location + "status/").status_code == 404
    assert owner.get("/triage/00000000-0000-0000-0000-000000000000/").status_code == 404


def test_an_unannotated_file_fails_with_the_reason() -> None:
    client = Client()
    plain = b"##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tKID\n"
    html = finished(client, upload(client, plain)["Location"])  # type: ignore[index]
    assert "could not be triaged" in html
    assert "no consequence annotation" in html


def test_limits_and_bad_input_are_named(settings) -> None:  # type: ignore[no-untyped-def]
    settings.TRIAGE_MAX_UPLOAD_BYTES = 1000
    client = Client()
    big = upload(client, (DATA / "kmt2b-trio.vcf").read_bytes())
    assert big.status_code == 200  # type: ignore[attr-defined]
    # The upload handler drops the file as it streams in, so it is never stored anywhere.
    assert "larger than 0.0 MB, so it was not uploaded" in big.content.decode()  # type: ignore[attr-defined]
    wrong = upload(client, b"x", name="notes.txt")
    assert "Upload a .vcf, .vcf.gz or .bcf file." in wrong.content.decode()  # type: ignore[attr-defined]
    terms = upload(client, b"x", observed="dystonia")
    assert "is not an HPO id" in terms.content.decode()  # type: ignore[attr-defined]
    unknown = upload(client, b"x", observed="HP:9999999")
    assert "HP:9999999" in unknown.content.decode()  # type: ignore[attr-defined]
    panel = upload(client, b"x", panel_only="on")
    assert "Choose a panel" in panel.content.decode()  # type: ignore[attr-defined]


def test_a_finished_triage_is_saved_as_a_report_of_a_record_the_person_may_write() -> None:
    from pypdf import PdfReader
    from tests.rarelight_web.factories import add_member, make_record, make_user

    from rarelight_web.records.models import ReportFile
    from rarelight_web.records.roles import Role

    guardian = make_user()
    mine = make_record(guardian)
    read_only = make_record()
    add_member(read_only, Role.VIEWER, user=guardian)
    client = Client()
    client.force_login(guardian)
    location = upload(client, (DATA / "kmt2b-trio.vcf").read_bytes())["Location"]  # type: ignore[index]
    finished(client, location)
    page = client.get(location + "save/").content.decode()
    assert str(mine.pk) in page
    assert str(read_only.pk) not in page  # a viewer cannot add reports there
    refused = client.post(location + "save/", {"record": str(read_only.pk)})
    assert refused.status_code == 403
    saved = client.post(location + "save/", {"record": str(mine.pk)})
    assert saved.status_code == 302
    report = ReportFile.objects.get(record=mine)
    assert report.content_type == "application/pdf"
    with report.file.open("rb") as stored:
        text = PdfReader(stored).pages[0].extract_text()
    assert "KMT2B" in text
    assert Client().get(location + "save/").status_code == 404  # another session: not there


def test_a_vcf_may_be_larger_than_a_care_record_report(settings) -> None:  # type: ignore[no-untyped-def]
    from rarelight_web.upload_limits import limit_for

    settings.RARELIGHT_UPLOAD_MAX_MB = 20
    settings.TRIAGE_MAX_UPLOAD_BYTES = 200 * 1024 * 1024
    assert limit_for("/triage/") == 200 * 1024 * 1024
    assert limit_for("/records/00000000-0000-0000-0000-000000000000/reports/add/") == 20 * 1024**2
    client = Client()
    padded = (DATA / "kmt2b-trio.vcf").read_bytes() + b"##" + b"x" * (21 * 1024 * 1024) + b"\n"
    response = upload(client, padded)
    assert response.status_code == 200 or response.status_code == 302  # type: ignore[attr-defined]
    assert b"not uploaded" not in response.content  # type: ignore[attr-defined]


def test_one_variant_in_a_recessive_gene_is_shown_with_its_caveat() -> None:
    # SPINK5's diseases are all autosomal recessive in the release; one heterozygous
    # stop-gained fits none of them, yet a second variant may have been missed.
    header = (
        (DATA / "kmt2b-trio.vcf")
        .read_text()
        .split("#CHROM")[0]
        .replace("##contig=<ID=chr1>", "##contig=<ID=chr1>\n##contig=<ID=chr5>")
    )
    body = (
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tKID\n"
        "chr5\t148100000\t.\tC\tT\t60\tPASS\tCSQ=T|stop_gained|HIGH|SPINK5|ENST00000256084|"
        "c.100C>T|p.Arg34Ter|||40|\tGT:GQ:DP\t0/1:99:40\n"
    )
    client = Client()
    response = upload(client, (header + body).encode(), name="one.vcf", observed="HP:0000962")
    html = finished(client, response["Location"])  # type: ignore[index]
    assert "<strong>SPINK5</strong>" in html
    assert "a second variant may have been missed" in html
