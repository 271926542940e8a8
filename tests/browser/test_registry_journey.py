"""A visitor reads the public registry statistics, narrows them to one diagnosis, downloads the CSV."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from tests.rarelight.registry.conftest import packet

from rarelight_web.registry import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_read_the_registry_statistics(
    page: Page, live_server: object, screenshot: Callable[[str], Path], tmp_path: Path
) -> None:
    for i in range(12):
        sex = "MALE" if i < 2 else "FEMALE"
        data = packet(id=f"case-{i}", subject={"id": f"Family {i} p", "sex": sex})
        (tmp_path / f"case-{i}.json").write_text(json.dumps(data))
    services.import_path(tmp_path, actor=None, now=dt.datetime.now(dt.UTC))
    base = str(live_server)

    page.goto(base + "/")
    page.get_by_role("link", name="Registry", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Registry statistics")
    expect(page.locator("#registry-people")).to_have_text("12")
    expect(page.locator("#literature")).to_contain_text("246 people")
    chart = page.get_by_role("img", name="By sex")
    expect(chart).to_be_visible()
    chart.scroll_into_view_if_needed()
    page.wait_for_load_state("networkidle")
    assert chart.evaluate("image => image.complete && image.naturalWidth") > 100  # it drew
    sex_table = page.locator("table", has=page.locator("caption", has_text="By sex"))
    expect(
        sex_table.locator("tr", has=page.get_by_role("rowheader", name="male", exact=True))
    ).to_contain_text("<5")
    screenshot("overall")

    page.get_by_label("Diagnosis (OMIM or ORPHA id)").fill("OMIM:617284")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dystonia 28")
    expect(page.get_by_role("heading", name="Features: observed of those assessed")).to_be_visible()
    screenshot("one-diagnosis")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download these figures (CSV)").click()
    text = Path(download.value.path()).read_text()
    assert "OMIM:617284,people,total,12" in text
