"""A parent describes their child in plain words and gets ranked, explained diseases."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_plain_words_to_chips_to_explained_diseases(
    page: Page, live_server: object, screenshot: Callable[[str], Path]
) -> None:
    page.goto(str(live_server) + "/could-it-be/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Could it be…?")
    expect(page.get_by_text("This is not a diagnosis.")).to_be_visible()

    page.get_by_label("In your own words").fill("walks on toes, hoarse voice, poor balance")
    page.get_by_role("button", name="Find matching terms").click()
    present = page.locator(".chip.present")
    expect(present.filter(has_text="Tip-toe gait")).to_be_visible()
    expect(present.filter(has_text=re.compile("Hoarse voice"))).to_be_visible()
    screenshot("chips")

    results = page.locator("ol.ranked > li")
    expect(results.first).to_be_visible()
    assert results.count() >= 10
    why = results.first.locator("details.explanation")
    why.locator("summary").click()
    expect(why.locator("table")).to_be_visible()
    expect(why.get_by_text("Tip-toe gait").first).to_be_visible()
    screenshot("explained")


def test_autocomplete_adds_a_feature_as_absent(
    page: Page, live_server: object, screenshot: Callable[[str], Path]
) -> None:
    page.goto(str(live_server) + "/could-it-be/")
    page.get_by_label("Feature (plain words or HPO term)").press_sequentially("seizu", delay=50)
    suggestion = page.locator("#suggestions li").filter(has_text="Seizure").first
    expect(suggestion).to_be_visible()
    suggestion.get_by_role("button", name="absent").click()
    expect(page.locator(".chip.absent").filter(has_text="Seizure")).to_be_visible()
    screenshot("absent-chip")
