"""A clinician uploads an annotated trio VCF with HPO terms, watches it run, and opens the evidence."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DATA = Path(__file__).parents[1] / "data" / "vcf"


def test_upload_progress_ranked_genes_and_evidence(
    page: Page, live_server: object, screenshot: Callable[[str], Path]
) -> None:
    page.goto(str(live_server) + "/triage/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Exome triage")
    page.get_by_label("Annotated VCF").set_input_files(str(DATA / "kmt2b-trio.vcf"))
    page.get_by_label("Observed features (HPO ids)").fill("HP:0001332, HP:0002451")
    page.get_by_label("PED file for a trio (optional)").set_input_files(
        str(DATA / "kmt2b-trio.ped")
    )
    page.get_by_label("Gene panel").select_option("dystonia")
    screenshot("form")
    page.get_by_role("button", name="Rank the genes").click()

    expect(page.get_by_role("heading", name="Candidate genes")).to_be_visible(timeout=180_000)
    screenshot("ranked")
    first = page.locator("ol.ranked-genes > li").first
    expect(first.locator("summary")).to_contain_text("KMT2B")
    first.locator("summary").click()
    table = first.locator("table")
    expect(table).to_be_visible()
    expect(table.get_by_role("cell", name="PVS1", exact=True)).to_be_visible()
    expect(first.get_by_text("de novo in the trio").first).to_be_visible()
    screenshot("evidence")


def test_progress_is_shown_while_reading(page: Page, live_server: object, tmp_path: Path) -> None:
    """A larger file shows the progress block (htmx polling) before the result replaces it."""
    source = (DATA / "kmt2b-trio.vcf").read_text()
    header = "".join(line for line in source.splitlines(keepends=True) if line.startswith("#"))
    body = next(line for line in source.splitlines(keepends=True) if "KMT2B" in line)
    rows = [body.replace("\t35718500\t", f"\t{35_000_000 + i}\t") for i in range(60_000)]
    big = tmp_path / "big.vcf"
    big.write_text(header + "".join(rows))
    page.goto(str(live_server) + "/triage/")
    page.get_by_label("Annotated VCF").set_input_files(str(big))
    page.get_by_label("Observed features (HPO ids)").fill("HP:0001332")
    page.get_by_label("Proband sample id (when the VCF has several)").fill("KID")
    page.get_by_role("button", name="Rank the genes").click()
    expect(page.locator("progress")).to_be_attached()
    expect(page.get_by_role("heading", name="Candidate genes")).to_be_visible(timeout=180_000)
