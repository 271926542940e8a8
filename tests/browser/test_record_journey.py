"""A parent signs up, creates a care record, and invites a clinician who can read but not edit."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from rarelight_web.catalog.models import Disease

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a long walk on the shore"


def sign_up(page: Page, email: str, name: str) -> None:
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Display name").fill(name)
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()


def fill_the_record(page: Page, record_url: str, screenshot: Callable[[str], Path]) -> None:
    """Team member, appointment, diary entry with BFMDRS, medicine, DBS session; chart; passport."""
    page.goto(record_url + "team/add/")
    page.get_by_label("Role:", exact=True).select_option(index=2)
    page.get_by_label("Name:", exact=True).fill("Dr Okafor")
    page.get_by_label("Phone (optional)").fill("+44 20 7946 0000")
    page.get_by_role("button", name=re.compile("Add|Save")).click()
    expect(page.get_by_text("Dr Okafor is now on the care team.")).to_be_visible()

    page.goto(record_url + "appointments/add/")
    page.get_by_label("Date and time (UTC)").fill("2031-01-15T09:30")
    page.get_by_label("With whom").fill("Dr Okafor")
    page.get_by_label("Why (optional)").fill("DBS review")
    page.get_by_role("button", name=re.compile("Add|Save")).click()
    expect(page.get_by_text("Appointment added.")).to_be_visible()

    page.goto(record_url + "diary/add/")
    page.get_by_label("Date:", exact=True).fill("2026-01-10")
    page.get_by_role("checkbox", name="legs").check()
    page.get_by_role("checkbox", name="neck").check()
    for select in page.locator("select[name$='_provoking'], select[name$='_severity']").all():
        select.select_option("0")
    # Worked by hand: right leg 4 × 3 = 12, left leg 2 × 2 = 4, total 16.
    page.locator("select[name='right_leg_provoking']").select_option("4")
    page.locator("select[name='right_leg_severity']").select_option("3")
    page.locator("select[name='left_leg_provoking']").select_option("2")
    page.locator("select[name='left_leg_severity']").select_option("2")
    screenshot("diary-bfmdrs")
    page.get_by_role("button", name="Add the entry").click()
    expect(page.get_by_text("Diary entry added.")).to_be_visible()
    expect(page.get_by_role("cell", name="16.0")).to_be_visible()

    page.goto(record_url + "medicines/add/")
    page.get_by_label("Name of the medicine").fill("Trihexyphenidyl")
    page.get_by_label("Dose (optional)").fill("2 mg")
    page.get_by_label("Started on").fill("2025-11-01")
    page.get_by_role("button", name=re.compile("Add the medicine")).click()
    expect(page.get_by_text("Medicine added.")).to_be_visible()

    page.goto(record_url + "dbs/add/")
    page.get_by_label("Implanted on").fill("2025-06-01")
    page.get_by_label("Device (optional)").fill("Percept PC")
    page.get_by_role("button", name="Add the implant").click()
    page.get_by_role("link", name="Add a programming session").click()
    page.get_by_label("Date of the session").fill("2025-07-01")
    page.get_by_label("Left contacts").fill("1-, C+")
    page.get_by_label("Left amplitude:", exact=True).fill("2.5")
    page.get_by_label("Left pulse width (µs)").fill("90")
    page.get_by_label("Left frequency (Hz)").fill("130")
    page.get_by_role("button", name="Add the session").click()
    expect(page.get_by_text("Programming session added.")).to_be_visible()

    page.goto(record_url + "progress/")
    chart = page.get_by_role("img", name=re.compile("BFMDRS"))
    expect(chart).to_be_visible()
    assert chart.evaluate("image => image.naturalWidth") > 100  # the SVG loaded and drew
    screenshot("progress")

    page.goto(record_url + "passport/")
    expect(page.get_by_text("Trihexyphenidyl").first).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("button", name=re.compile("Download the passport")).click()
    pdf = PdfReader(download_info.value.path())
    assert len(pdf.pages) == 1
    text = " ".join(pdf.pages[0].extract_text().split())
    assert "KMT2B-related dystonia" in text
    assert "Trihexyphenidyl" in text
    page.goto(record_url)


def test_sign_up_create_a_record_and_invite_a_clinician(
    page: Page, live_server: object, screenshot: Callable[[str], Path]
) -> None:
    Disease.objects.create(
        id="OMIM:617284", name="KMT2B-related dystonia", curated=True, hpo_release="HPO 2025-01-16"
    )
    base = str(live_server)
    page.goto(base + "/accounts/sign-up/")
    sign_up(page, "gwen@example.org", "Gwen")
    page.wait_for_url(base + "/records/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My care records")

    page.get_by_role("button", name="Create a care record").click()
    page.get_by_label("Name:", exact=True).fill("Ada")
    page.get_by_label("Date of birth").fill("2019-03-14")
    page.get_by_label("Sex").select_option("female")
    page.get_by_label("Diagnosis (catalogue id)").fill("OMIM:617284")
    screenshot("create-record")
    page.get_by_role("button", name="Create record").click()
    page.wait_for_url(re.compile(r"/records/[0-9a-f-]{36}/$"))
    record_url = page.url
    expect(page.get_by_role("heading", level=1)).to_have_text("Ada")
    expect(page.get_by_text("Care record created. You are its guardian.")).to_be_visible()
    expect(page.locator("#main").get_by_role("link", name="KMT2B-related dystonia")).to_be_visible()
    fill_the_record(page, record_url, screenshot)

    page.get_by_label("Role").select_option("clinician")
    page.get_by_label("Their email address (optional)").fill("dr.lee@example.org")
    page.get_by_role("button", name="Make an invitation").click()
    link = page.get_by_label("Invitation link").input_value()
    assert "/records/invitations/" in link
    screenshot("invited")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(base + "/")

    # The clinician follows the link, creates an account, and comes straight back to accept.
    assert page.goto(record_url).status == 404  # not in the circle yet: the record is not there
    page.goto(link)
    expect(page.get_by_text("Sign in, or create an account, to accept")).to_be_visible()
    page.get_by_role("button", name="Create an account").click()
    sign_up(page, "dr.lee@example.org", "Dr Lee")
    page.wait_for_url(link)
    expect(
        page.get_by_text("Gwen invites you to the care circle of Ada as clinician")
    ).to_be_visible()
    page.get_by_role("button", name="Accept and join").click()
    page.wait_for_url(record_url)
    expect(page.get_by_text("You have joined the care circle as clinician")).to_be_visible()
    expect(page.get_by_text("Your role: clinician.")).to_be_visible()
    expect(page.get_by_role("cell", name="Gwen", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Edit details")).to_have_count(0)
    expect(page.get_by_role("button", name="Make an invitation")).to_have_count(0)
    screenshot("clinician-reads")

    response = page.goto(record_url + "edit/")
    assert response is not None
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Your role does not allow this")
    expect(page.get_by_text("As clinician in this care circle you cannot")).to_be_visible()
    screenshot("clinician-cannot-edit")

    # The clinician reads the diary and the passport, but has no way to change the medicines.
    page.goto(record_url + "diary/")
    expect(page.get_by_role("cell", name="16.0")).to_be_visible()
    page.goto(record_url + "medicines/")
    expect(page.get_by_text("Trihexyphenidyl").first).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Add a medicine"))).to_have_count(0)
    assert page.goto(record_url + "medicines/add/").status == 403  # type: ignore[union-attr]
    page.goto(record_url + "passport/")
    expect(page.get_by_role("heading", name="Current medicines")).to_be_visible()
