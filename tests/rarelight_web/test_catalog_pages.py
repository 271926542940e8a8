"""Every catalogue page: status, content, accessibility basics, security headers."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from pypdf import PdfReader


class _Outline(HTMLParser):
    """Collects headings, landmarks, labels and external asset URLs of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.tags: set[str] = set()
        self.assets: list[str] = []
        self.label_for: set[str] = set()
        self.inputs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.add(tag)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag in {"script", "img"} and a.get("src"):
            self.assets.append(a["src"] or "")
        if tag == "link" and a.get("href"):
            self.assets.append(a["href"] or "")
        if tag == "label" and a.get("for"):
            self.label_for.add(a["for"] or "")
        labelled = a.get("aria-label") or a.get("aria-labelledby")
        if tag == "input" and a.get("type") not in {"hidden", "submit"} and not labelled:
            self.inputs.append(a.get("id") or "")


def outline(html: str) -> _Outline:
    parser = _Outline()
    parser.feed(html)
    return parser


def assert_accessible(html: str) -> None:
    page = outline(html)
    assert {"header", "nav", "main", "footer"} <= page.tags
    assert page.headings[0] == 1
    assert page.headings.count(1) == 1
    for before, after in zip(page.headings, page.headings[1:], strict=False):
        assert after <= before + 1, f"heading jumps from h{before} to h{after}"
    for input_id in page.inputs:
        assert input_id in page.label_for, f"input {input_id!r} has no label"
    for url in page.assets:
        assert url.startswith("/static/"), f"{url} is not served locally"
    assert 'href="#main"' in html


@pytest.fixture
def client() -> Client:
    return Client()


def test_home_page_shows_the_ways_in(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert_accessible(html)
    assert "/diseases/OMIM:617284/" in html
    assert "/diseases/OMIM:617284/one-pager.pdf" in html
    assert "/api/docs" in html
    assert "not a diagnosis" in html
    for way_in in ("/records/", "/community/", "/could-it-be/", "/triage/", "/registry/"):
        assert f'href="{way_in}"' in html, way_in  # every capability is reachable from home


def test_search_works_without_javascript(client: Client) -> None:
    response = client.get("/diseases/", {"q": "DYT28"})
    assert response.status_code == 200
    html = response.content.decode()
    assert_accessible(html)
    results = re.findall(r'href="(/diseases/[^"]+/)"><strong>', html)
    assert results[0] == "/diseases/OMIM:617284/"


def test_search_as_you_type_returns_a_fragment(client: Client) -> None:
    response = client.get("/diseases/", {"q": "dystonia 28"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert "KMT2B-related dystonia" in html


def test_an_empty_or_hopeless_search_says_so(client: Client) -> None:
    assert client.get("/diseases/").status_code == 200
    html = client.get("/diseases/", {"q": "zzzzqqqq"}).content.decode()
    assert "0 diseases match" in html
    assert "Try fewer words" in html


def test_the_curated_profile_page(client: Client) -> None:
    response = client.get("/diseases/OMIM:617284/")
    assert response.status_code == 200
    html = response.content.decode()
    assert_accessible(html)
    for category in ("Discovery Year", "Reported Cases", "Typical Onset", "Treatment Options"):
        assert category in html
    assert 'id="ref-1"' in html
    assert 'href="#ref-1"' in html
    assert "Questions to ask your doctor" in html
    assert "Last reviewed" in html
    assert "HP:0002451" in html
    assert "27 of 29 people treated responded" in html
    assert "<strong>246</strong> in 229 families" in html
    assert "one-pager.pdf" in html


def test_the_profile_checks_a_childs_features_against_the_disorder(client: Client) -> None:
    html = client.get("/diseases/OMIM:617284/").content.decode()
    assert 'name="f_HP:0002451"' in html
    response = client.post(
        "/could-it-be/",
        {
            "focus": "OMIM:617284",
            "action": "rank",
            "f_HP:0002451": "present",
            "f_HP:0012048": "present",
            "f_HP:0001618": "present",
            "f_HP:0000407": "absent",
            "f_HP:0000252": "unknown",
        },
    )
    page = response.content.decode()
    found = re.search(r"KMT2B-related dystonia ranks (\d+) of (\d+) diseases", page)
    assert found, page[:2000]
    assert int(found.group(1)) <= 10
    assert int(found.group(2)) > 12_000
    assert 'name="excluded" value="HP:0000407"' in page
    assert 'value="HP:0000252"' not in page


def test_other_ids_of_a_curated_profile_redirect_to_it(client: Client) -> None:
    response = client.get("/diseases/ORPHA:589618/")
    assert response.status_code == 301
    assert response["Location"] == "/diseases/OMIM:617284/"


def test_a_generated_page_says_where_it_comes_from(client: Client) -> None:
    response = client.get("/diseases/ORPHA:558/")
    assert response.status_code == 200
    html = response.content.decode()
    assert_accessible(html)
    assert "Marfan syndrome" in html
    assert "generated from the HPO 2025-01-16 annotations" in html
    assert "HP:0001166" in html  # Arachnodactyly


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/diseases/OMIM:999999/", "OMIM:999999 is not in the catalogue"),
        ("/diseases/HP:1/", "is not a disease id"),
        ("/no/such/page/", ""),
        ("/diseases/ORPHA:558/one-pager.pdf", "Only hand-curated profiles"),
    ],
)
def test_not_found_pages_are_helpful(client: Client, path: str, message: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert "We could not find that page" in html
    assert message in html
    assert "<search>" in html  # the search landmark


def test_the_one_pager_is_one_a4_page_with_the_key_figures(client: Client) -> None:
    response = client.get("/diseases/OMIM:617284/one-pager.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (595, 842)
    text = reader.pages[0].extract_text()
    for figure in ("617284", "KMT2B", "2016", "246", "229", "27", "29"):
        assert figure in text


def test_security_headers_and_content_security_policy(client: Client) -> None:
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_vendored_assets_are_served(client: Client) -> None:
    for path in (
        "/static/vendor/pico-2.1.1/pico.min.css",
        "/static/vendor/htmx-2.0.11/htmx.min.js",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
        assert len(body) > 10_000


def test_the_error_page_shows_no_traceback() -> None:
    from django.test import RequestFactory

    from rarelight_web.catalog.views import server_error

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html
    assert "Traceback" not in html
