"""The registry web app: contributions and withdrawal, public statistics, researcher-only export."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.http import Http404
from django.test import Client
from tests.rarelight.registry.conftest import packet
from tests.rarelight_web.factories import add_member, make_disease, make_record, make_user

from rarelight.registry import FeatureFact, ScoreFact, VariantFact
from rarelight_web.records.roles import Role
from rarelight_web.registry import services
from rarelight_web.registry.models import Case, Contribution, RegistryEvent

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 25, 8, 0, tzinfo=dt.UTC)
CONSENT = "I agree that a de-identified summary of this record joins the registry."


def _import(tmp_path: Path, people: int = 9) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(people):
        data = packet(
            id=f"case-{i}", subject={"id": f"Family {i} p", "sex": "MALE" if i < 3 else "FEMALE"}
        )
        (folder / f"case-{i}.json").write_text(json.dumps(data))
    (folder / "broken.json").write_text('{"id": 1}')
    report = services.import_path(folder, actor=None, now=NOW)
    assert (len(report.imported), len(report.skipped)) == (people, 1)


def _contribute(record_guardian: object = None, **more: object):  # type: ignore[no-untyped-def]
    guardian = make_user("Guardian")
    record = make_record(guardian, diagnosis=make_disease())
    facts = services.person_facts(
        record,
        country="GB",
        onset=dt.date(2024, 1, 5),
        variants=[
            VariantFact("KMT2B", "NM_014727.3:c.2503C>T", "p.(Arg835Ter)", inheritance="de_novo")
        ],
        features=[FeatureFact("HP:0001332", "Dystonia", onset=dt.date(2024, 1, 5))],
        dbs_surgery=dt.date(2025, 2, 1),
        bfmdrs=[ScoreFact(dt.date(2025, 1, 20), 40), ScoreFact(dt.date(2025, 8, 1), 18)],
    )
    contribution = services.contribute(
        guardian, record.pk, facts, consent_text=CONSENT, consented=True, contact_ok=True, now=NOW
    )
    return guardian, record, contribution


def test_a_guardian_contributes_a_deidentified_snapshot() -> None:
    guardian, record, contribution = _contribute()
    row = Case.objects.get()
    assert contribution.case == row
    assert contribution.consent_text == CONSENT
    assert contribution.consented_by == guardian
    text = json.dumps(row.data)
    assert record.display_name not in text
    assert str(record.pk) not in text
    assert "2019-03-14" not in text
    assert "2024-01-05" not in text
    case = row.to_case()
    assert (case.source.value, case.consent.value, case.contact_ok) == ("family", "given", True)
    assert (case.year_of_birth, case.country, case.onset_months) == (2019, "GB", 57)
    assert case.dbs is not None
    assert case.dbs.bfmdrs_after == 18
    assert RegistryEvent.objects.filter(action="contributed").count() == 1


def test_consent_must_be_explicit_and_only_once() -> None:
    guardian = make_user()
    record = make_record(guardian)
    facts = services.person_facts(record)
    with pytest.raises(services.ContributionError, match="consent"):
        services.contribute(
            guardian, record.pk, facts, consent_text=CONSENT, consented=False, now=NOW
        )
    services.contribute(guardian, record.pk, facts, consent_text=CONSENT, consented=True, now=NOW)
    with pytest.raises(services.ContributionError, match="already"):
        services.contribute(
            guardian, record.pk, facts, consent_text=CONSENT, consented=True, now=NOW
        )
    assert Case.objects.count() == 1


@pytest.mark.parametrize("role", [Role.FAMILY, Role.CLINICIAN, Role.VIEWER])
def test_only_a_guardian_may_contribute_or_withdraw(role: Role) -> None:
    _guardian, record, _contribution = _contribute()
    member = add_member(record, role).user
    with pytest.raises(PermissionDenied):
        services.withdraw(member, record.pk, now=NOW)
    with pytest.raises(Http404):
        services.withdraw(make_user("Stranger"), record.pk, now=NOW)
    assert Case.objects.count() == 1


def test_withdrawal_removes_the_case_from_the_registry_and_the_next_statistics(
    tmp_path: Path,
) -> None:
    _import(tmp_path, 6)
    client = Client()
    before = client.get("/api/registry/stats").json()
    assert before["individuals"] == "6"
    guardian, record, contribution = _contribute()
    assert client.get("/api/registry/stats").json()["individuals"] == "7"
    services.withdraw(guardian, record.pk, now=NOW + dt.timedelta(days=1))
    contribution.refresh_from_db()
    assert contribution.case is None
    assert contribution.withdrawn_at is not None
    assert Case.objects.count() == 6
    after = client.get("/api/registry/stats").json()
    assert after["individuals"] == "6"
    assert after["updated"].startswith("2026-11-26")
    with pytest.raises(services.ContributionError, match="nothing to withdraw"):
        services.withdraw(guardian, record.pk, now=NOW)
    services.contribute(
        guardian,
        record.pk,
        services.person_facts(record),
        consent_text=CONSENT,
        consented=True,
        now=NOW,
    )
    assert Contribution.objects.filter(record=record).count() == 2


def test_the_public_page_shows_suppressed_counts_plots_and_the_literature(tmp_path: Path) -> None:
    _import(tmp_path)
    response = Client().get("/registry/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="registry-people">9<' in html
    assert "246 people" in html
    assert "229 families" in html
    assert "Awareness4Rare" in html
    assert "&lt;5" in html
    assert re.search(
        r"<img src=\"/registry/charts/sex.svg\" alt=\"By sex, people\. [^\"]*male: &lt;5", html
    )
    svg = Client().get("/registry/charts/sex.svg")
    assert svg["Content-Type"] == "image/svg+xml"
    text = svg.content.decode()
    assert text.startswith("<svg")
    root = text[: text.index(">") + 1]
    assert 'role="img"' in root
    assert 'aria-labelledby="chart-sex-title"' in root
    assert 'aria-describedby="chart-sex-desc"' in root
    assert '<title id="chart-sex-title">By sex</title>' in text
    assert "male: &lt;5" in text
    assert Client().get("/registry/charts/nonsense.svg").status_code == 404
    assert "<caption>By sex" in html
    assert 'id="last-updated"' in html
    assert "25 November 2026" in html
    assert "Individual-level export" not in html
    odd = Client().get("/registry/?disease=<script>")
    assert odd.status_code == 200
    assert "<script>" not in odd.content.decode().split("<main")[-1]


def test_statistics_api_and_csv_never_show_a_small_count(tmp_path: Path) -> None:
    _import(tmp_path)
    client = Client()
    body = client.get("/api/registry/stats", {"disease": "OMIM:617284"}).json()
    sex = {c["key"]: c["shown"] for c in body["tables"][0]["categories"]}
    assert sex["male"] == "<5"
    for table in body["tables"]:
        for category in table["categories"]:
            assert category["shown"] not in {"1", "2", "3", "4"}
    for response in (client.get("/api/registry/stats.csv"), client.get("/registry/statistics.csv")):
        assert response.status_code == 200
        rows = [line.split(",") for line in response.content.decode().splitlines()[1:]]
        assert ["all", "people", "total", "9"] in rows
        assert all(row[-1] not in {"1", "2", "3", "4"} for row in rows)


EXPORTS = [
    "/registry/export/csv/",
    "/registry/export/phenopacket/",
    "/api/registry/export?format=csv",
    "/api/registry/export",
]


@pytest.mark.parametrize("url", EXPORTS)
def test_only_researchers_export_individual_level_data(tmp_path: Path, url: str) -> None:
    _import(tmp_path, 5)
    anonymous = Client()
    assert anonymous.get(url).status_code == 403
    family = Client()
    guardian, _record, _contribution = _contribute()
    family.force_login(guardian)
    assert family.get(url).status_code == 403
    staff = make_user("Staff")
    staff.is_staff = True
    staff.save()
    family.force_login(staff)
    assert family.get(url).status_code == 403

    researcher = make_user("Researcher", email="researcher@example.org")
    call_command("registry_researcher", "researcher@example.org", stdout=io.StringIO())
    client = Client()
    client.force_login(researcher)
    response = client.get(url)
    assert response.status_code == 200
    if "csv" in url:
        assert len(response.content.decode().splitlines()) == 7
    else:
        with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
            assert len(archive.namelist()) == 6
    assert RegistryEvent.objects.filter(action="exported").count() == 1

    call_command("registry_researcher", "researcher@example.org", "--revoke", stdout=io.StringIO())
    client.force_login(type(researcher).objects.get(pk=researcher.pk))
    assert client.get(url).status_code == 403


def test_the_researcher_link_shows_only_for_researchers(tmp_path: Path) -> None:
    researcher = make_user(email="r@example.org")
    services.grant_researcher(researcher, by=None, now=NOW)
    client = Client()
    client.force_login(researcher)
    assert "Individual-level export" in client.get("/registry/").content.decode()


def test_management_import_reports_every_file(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.json").write_text(json.dumps(packet()))
    (folder / "b.json").write_text("{")
    out = io.StringIO()
    call_command("registry_import", str(folder), stdout=out)
    assert "1 imported, 1 skipped, 2 files" in out.getvalue()
    assert "b.json $" in out.getvalue()


def test_granting_an_unknown_address_is_a_clear_error() -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="no account"):
        call_command("registry_researcher", "nobody@example.org")


def test_deleting_a_care_record_withdraws_its_contribution() -> None:
    _guardian, record, _contribution = _contribute()
    assert Case.objects.count() == 1
    record.delete()
    assert Case.objects.count() == 0
    assert RegistryEvent.objects.filter(action="withdrawn").count() == 1
