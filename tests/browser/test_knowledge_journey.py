"""A family's and a clinician's way through the knowledge pages, in a real browser."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_search_profile_and_one_pager(
    page: Page, live_server: object, screenshot: Callable[[str], Path]
) -> None:
    base = str(live_server)
    page.goto(base + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Rarelight")
    screenshot("home")

    # Type into the search box: htmx fetches results as you type, no submit needed.
    box = page.get_by_label("Disease name, synonym, id or gene")
    box.press_sequentially("DYT28", delay=40)
    first = page.locator("#results ol.results li a").first
    expect(first).to_contain_text("KMT2B-related dystonia")
    assert page.url == base + "/diseases/?q=DYT28"  # hx-push-url keeps the address shareable
    screenshot("search")

    first.click()
    page.wait_for_url(re.compile(r"/diseases/OMIM:617284/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("KMT2B-related dystonia")
    expect(page.get_by_role("heading", name="At a glance")).to_be_visible()
    expect(page.get_by_role("heading", name="Questions to ask your doctor")).to_be_visible()
    screenshot("profile")

    with page.expect_download() as download_info:
        page.get_by_role("button", name=re.compile("clinician one-pager")).click()
    pdf = Path(download_info.value.path())
    reader = PdfReader(io.BytesIO(pdf.read_bytes()))
    assert len(reader.pages) == 1
    assert "617284" in reader.pages[0].extract_text()


def test_search_works_with_the_keyboard_and_without_javascript(
    browser: object, live_server: object, screenshot: Callable[[str], Path], page: Page
) -> None:
    base = str(live_server)
    page.goto(base + "/diseases/")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Skip to main content")
    page.get_by_label("Disease name, synonym, id or gene").fill("dystonia 28")
    page.keyboard.press("Enter")
    expect(page.locator("#results ol.results li a").first).to_contain_text("KMT2B-related dystonia")
    screenshot("keyboard-search")


def test_search_without_javascript(browser: object, live_server: object) -> None:
    from playwright.sync_api import Browser

    assert isinstance(browser, Browser)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(str(live_server) + "/diseases/")
    page.get_by_label("Disease name, synonym, id or gene").fill("KMT2B")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#results ol.results li a").first).to_contain_text("KMT2B-related dystonia")
    context.close()
