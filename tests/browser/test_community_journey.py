"""A parent shares a story without an account; a moderator approves it; it appears on the listing,
on the KMT2B page and in the Atom feed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from tests.rarelight_web.community_factories import kmt2b, make_moderator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a long walk on the shore"
TITLE = "Swimming made the mornings easier"


def test_share_a_story_a_moderator_approves_it_and_it_is_published(
    page: Page, live_server: object, screenshot: Callable[[str], Path]
) -> None:
    kmt2b()
    make_moderator("Mira", email="mira@example.org", password=PASSWORD)
    base = str(live_server)

    # A parent starts from the KMT2B page: nothing shared yet.
    page.goto(base + "/diseases/OMIM:617284/")
    section = page.locator("#community")
    expect(section.get_by_text("No family has shared")).to_be_visible()  # loaded by htmx
    section.get_by_role("button", name="Share your story, a tip or a resource").click()
    page.wait_for_url(base + "/community/share/?disease=OMIM%3A617284")
    expect(page.get_by_label("Disease (catalogue id)")).to_have_value("OMIM:617284")
    expect(page.get_by_text("don't include other people's health details")).to_be_visible()
    page.get_by_label("Story").check()
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Your text").fill(
        "Our son's dystonia is worst in the morning. **Warm water** loosens his legs, so we "
        "swim before school twice a week."
    )
    page.get_by_label("Therapy (physio, speech, occupational)").check()
    page.get_by_label("Name to show").fill("Sam's dad")
    page.get_by_label("Country").select_option("IE")
    screenshot("share-form")
    page.get_by_role("button", name="Send for review").click()
    expect(page.get_by_text("Nothing is published without your consent")).to_be_visible()
    page.get_by_label("I agree that Rarelight may publish this").check()
    page.get_by_role("button", name="Send for review").click()

    page.wait_for_url(base + "/community/status/**")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your submission")
    expect(page.get_by_text("Thank you for sharing")).to_be_visible()
    expect(page.locator("strong.status-pending")).to_have_text("waiting for review")
    status_link = page.get_by_label("Status link").input_value()
    assert status_link == page.url
    screenshot("submitted")
    page.goto(base + "/community/")
    expect(page.get_by_text(TITLE)).to_have_count(0)  # not public before review

    # The moderator signs in, reads it in the queue and approves it.
    page.goto(base + "/community/moderation/")
    page.wait_for_url(base + "/accounts/sign-in/**")
    page.get_by_label("Email address").fill("mira@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(base + "/community/moderation/")
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator(".community-text strong")).to_have_text("Warm water")
    page.get_by_label("Approve and publish").check()
    screenshot("review")
    page.get_by_role("button", name="Record the decision").click()
    page.wait_for_url(base + "/community/moderation/")
    expect(page.get_by_text("Published.")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(base + "/")

    # Published: on the listing, on its own page, on the KMT2B page, and in the feed.
    page.goto(base + "/community/")
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_text("shared by Sam's dad, Ireland")).to_be_visible()
    screenshot("published")
    page.goto(base + "/diseases/OMIM:617284/")
    expect(page.locator("#community").get_by_role("link", name=TITLE)).to_be_visible()
    page.locator("#community").scroll_into_view_if_needed()
    screenshot("on-the-disease-page")
    feed = page.request.get(base + "/community/feed/?disease=OMIM:617284")
    assert feed.ok
    assert feed.headers["content-type"].startswith("application/atom+xml")
    assert f"<title>Story: {TITLE}</title>" in feed.text()
    page.goto(status_link)
    expect(page.locator("strong.status-published")).to_have_text("published")
