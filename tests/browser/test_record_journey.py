"""A parent signs up, creates a care record, and invites a clinician who can read but not edit."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from rarelight_web.catalog.models import Disease

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a long walk on the shore"


def sign_up(page: Page, email: str, name: str) -> None:
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Display name").fill(name)
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()


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
