"""Script, event-handler and `javascript:` payloads in every field of a submission come out inert on
every page that shows them, in the feed, and in what moderators read; fields with a fixed set of
values or a format refuse them with a clear error."""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterator
from html.parser import HTMLParser

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from tests.rarelight_web.community_factories import ATOM, kmt2b, make_moderator, parse_feed
from tests.rarelight_web.factories import now

from rarelight_web.community import services
from rarelight_web.community.models import Submission

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('pwned')</script>"
HANDLER = "<img src=x onerror=alert(1)>"
SVG = '"><svg onload=alert(1)>'
JS_LINK = '<a href="javascript:alert(1)">j</a>'
MD_JS = "[j](javascript:alert(1))"
# Every free-text field gets every kind of payload (within its length limit).
TITLE = f"T {SCRIPT}{HANDLER}{SVG}{JS_LINK}{MD_JS}"
BODY = (
    f"Body {SCRIPT} {HANDLER} {SVG} {JS_LINK} {MD_JS} [d](data:text/html,x) "
    "<iframe src=javascript:alert(1)></iframe> <a href=https://ok.example onclick=alert(1)>k</a>"
)
NAME = "<script>x</script><b onmouseover=y>javascript:z"
URL = "https://example.org/?q=\"><script>alert(1)</script>&x='onmouseover='alert(1)"
EMAIL = '"<script>alert(1)</script>"@example.org'
MESSAGE = f"Please change {SCRIPT} {HANDLER} {JS_LINK}"


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


class _Active(HTMLParser):
    """Collects anything a browser would run: inline or foreign scripts, on* handlers, script URLs,
    and elements Rarelight never emits from user text (svg, iframe, object, embed, img)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script":
            self._in_script = True
            if not (a.get("src") or "").startswith("/static/"):
                self.found.append(f"<script src={a.get('src')!r}>")
        if tag in {"svg", "iframe", "object", "embed", "img", "base"}:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.found.append(f"{tag} {name}")
            if name in {"href", "src", "action", "formaction", "hx-get", "hx-post"}:
                url = re.sub(r"\s", "", html_lib.unescape(value or "")).lower()
                if url.startswith(("javascript:", "data:", "vbscript:")):
                    self.found.append(f"{tag} {name}={value}")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.found.append(f"inline script {data.strip()[:40]!r}")


def assert_inert(page: str) -> None:
    parser = _Active()
    parser.feed(page)
    assert parser.found == []


@pytest.mark.django_db(False)
@pytest.mark.parametrize("payload", [SCRIPT, HANDLER, SVG, JS_LINK, '<a href=" java\tscript:x">'])
def test_the_check_catches_each_payload_when_it_is_live(payload: str) -> None:
    with pytest.raises(AssertionError):
        assert_inert(f"<p>{payload}</p>")


def shared(client: Client, **changes: str) -> tuple[Submission, str]:
    data = {
        "kind": "resource",
        "category": "organisation",
        "title": TITLE,
        "body": BODY,
        "url": URL,
        "tags": ["dbs"],
        "disease_id": "OMIM:617284",
        "display_name": NAME,
        "country": "FR",
        "consent_to_publish": "on",
        "consent_to_contact": "on",
        "contact_email": EMAIL,
        "website": "",
        **changes,
    }
    response = client.post("/community/share/", data)
    assert response.status_code == 302, response.context["form"].errors
    key = response["Location"].rstrip("/").rsplit("/", 1)[1]
    return Submission.objects.get(), key


def test_payloads_in_every_field_are_inert_on_every_page(client: Client) -> None:
    kmt2b()
    moderator = make_moderator()
    submission, key = shared(client)
    assert submission.title == " ".join(TITLE.split())  # kept as written, shown as text
    assert submission.contact_email == EMAIL

    # What the submitter and the moderators see before publication.
    status = client.get(f"/community/status/{key}/").content.decode()
    assert_inert(status)
    assert "&lt;script&gt;" in status
    services.request_changes(moderator, submission, MESSAGE, now=now())
    status = client.get(f"/community/status/{key}/").content.decode()
    assert_inert(status)
    assert "Please change &lt;script&gt;" in status
    client.force_login(moderator)
    for path in ("/community/moderation/", f"/community/moderation/{submission.pk}/"):
        assert_inert(client.get(path).content.decode())
    edit = client.get(f"/community/moderation/{submission.pk}/edit/").content.decode()
    assert_inert(edit)
    client.logout()
    (email,) = mail.outbox
    assert email.content_subtype == "plain"  # never HTML: the title is text to the reader
    assert "\n" not in email.subject

    # Published: every public page, the disease page section and the feed.
    services.approve(moderator, submission, now=now())
    pages = {
        path: client.get(path)
        for path in (
            "/community/",
            f"/community/?q={SCRIPT}&disease={SCRIPT}&tag={SCRIPT}&kind={SCRIPT}",
            f"/community/share/?disease={SVG}&kind={SCRIPT}",
            f"/community/resources/?disease={SVG}",
            f"/community/items/{submission.pk}/",
            "/community/resources/",
            "/community/resources/?disease=OMIM:617284",
            "/community/latest/OMIM:617284/",
            f"/community/status/{key}/",
        )
    }
    for path, response in pages.items():
        assert response.status_code == 200, path
        page = response.content.decode()
        assert_inert(page)
        assert EMAIL not in page
        assert html_lib.escape(EMAIL) not in page
    item = pages[f"/community/items/{submission.pk}/"].content.decode()
    assert "T &lt;script&gt;alert(&#x27;pwned&#x27;)&lt;/script&gt;" in item  # shown, as text
    assert 'href="https://ok.example" rel="nofollow noopener noreferrer ugc"' in item
    assert "&lt;b onmouseover=y&gt;javascript:z" in item

    feed = client.get("/community/feed/").content
    assert b"<script" not in feed  # every user character of markup is escaped in the XML
    assert b"<img" not in feed
    root = parse_feed(feed)
    (entry,) = root.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "Resource: " + submission.title
    assert entry.find(f"{ATOM}title").get("type") in {None, "text"}  # type: ignore[union-attr]
    summary = entry.find(f"{ATOM}summary")
    assert summary is not None
    assert summary.get("type") == "html"
    assert_inert(summary.text or "")
    assert "javascript:" not in "".join(link.get("href", "") for link in entry.iter(f"{ATOM}link"))
    assert EMAIL.encode() not in feed


def test_the_form_shows_refused_payloads_back_as_text(client: Client) -> None:
    kmt2b()
    response = client.post(
        "/community/share/",
        {
            "kind": SCRIPT,
            "category": HANDLER,
            "title": TITLE,
            "body": BODY,
            "url": "javascript:alert(1)",
            "tags": [SCRIPT],
            "disease_id": "<svg onload=x>",
            "display_name": NAME,
            "country": JS_LINK,
            "contact_email": EMAIL + SCRIPT,
            "consent_to_contact": "on",
            "website": SVG,
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert_inert(page)
    errors = response.context["form"].errors
    assert set(errors) >= {
        "kind",
        "category",
        "url",
        "tags",
        "disease_id",
        "country",
        "contact_email",
        "consent_to_publish",
        "website",
    }
    assert "&lt;svg onload=x&gt; is not in the catalogue" in page
    assert not Submission.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        " javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
    ],
)
def test_a_resource_link_must_be_a_web_address(client: Client, url: str) -> None:
    kmt2b()
    response = client.post(
        "/community/share/",
        {
            "kind": "resource",
            "category": "guide",
            "title": "A practical guide",
            "body": "A guide to school support plans for children with dystonia.",
            "url": url,
            "consent_to_publish": "on",
        },
    )
    assert response.status_code == 200
    assert (
        "Enter a web address starting with https:// or http://."
        in response.context["form"].errors["url"]
    )
    assert not Submission.objects.exists()
