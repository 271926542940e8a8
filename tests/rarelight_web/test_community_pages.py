"""Community pages: sharing (honeypot, rate limit, consent), the private status link, public pages
that show published items only, moderation pages for moderators only, the feed, disease pages."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from pytest_django.fixtures import Settings
from tests.rarelight_web.community_factories import (
    ATOM,
    BODY,
    NOW,
    kmt2b,
    make_moderator,
    make_published,
    make_submission,
    parse_feed,
)
from tests.rarelight_web.factories import assert_accessible, make_disease, make_user, now

from rarelight_web.community import services
from rarelight_web.community.models import Decision, Submission

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    cache.clear()  # the rate limit counts in the cache, which outlives a test
    yield
    cache.clear()


def form(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "kind": "story",
        "title": "Our first year with DBS",
        "body": BODY,
        "tags": ["dbs", "school"],
        "disease_id": "OMIM:617284",
        "display_name": "Ada's mum",
        "country": "GB",
        "consent_to_publish": "on",
        "consent_to_contact": "on",
        "contact_email": "gwen@example.org",
        "website": "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def status_key(response: object) -> str:
    match = re.search(r"/community/status/([\w-]+)/", response["Location"])  # type: ignore[index]
    assert match, response
    return match.group(1)


# Sharing ------------------------------------------------------------------------------------------


def test_the_share_page_is_accessible_and_reminds_about_privacy(client: Client) -> None:
    response = client.get("/community/share/?disease=OMIM:617284")
    html = response.content.decode()
    assert response.status_code == 200
    assert_accessible(html)
    assert "don't include other people's health details" in html
    assert 'value="OMIM:617284"' in html
    # The honeypot: in the form for robots, hidden from people.
    assert re.search(r'<div hidden>\s*<label for="id_website"', html)


def test_sharing_needs_no_account_and_gives_a_private_status_link(client: Client) -> None:
    kmt2b()
    moderator = make_moderator("Mira", email="mira@example.org")
    response = client.post("/community/share/", form())
    assert response.status_code == 302
    key = status_key(response)
    submission = Submission.objects.get()
    assert (submission.status, submission.disease_id, submission.tag_list) == (
        "pending",
        "OMIM:617284",
        ["dbs", "school"],
    )
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "Thank you for sharing" in html
    assert "waiting for review" in html
    assert f"/community/status/{key}/" in html
    assert page["X-Robots-Tag"] == "noindex"
    assert_accessible(html)
    # Moderators hear of it, with the review link and without the text or the contact address.
    (email,) = mail.outbox
    assert email.to == [moderator.email]
    assert "Our first year with DBS" in email.subject
    assert f"/community/moderation/{submission.pk}/" in email.body
    assert "gwen@example.org" not in email.body
    assert BODY not in email.body


def test_a_broken_mail_server_does_not_lose_the_submission(
    client: Client, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    kmt2b()
    make_moderator()
    settings.EMAIL_BACKEND = "tests.rarelight_web.community_factories.BrokenMailServer"
    response = client.post("/community/share/", form())
    assert response.status_code == 302
    assert Submission.objects.get().status == "pending"
    assert "Could not email moderators" in caplog.text


def test_a_wrong_status_link_is_a_404(client: Client) -> None:
    _submission, key = make_submission()
    assert client.get(f"/community/status/{key}x/").status_code == 404
    assert client.get("/community/status/guess/").status_code == 404


def test_consent_to_publish_is_required(client: Client) -> None:
    response = client.post("/community/share/", form(consent_to_publish=None))
    assert response.status_code == 200
    assert "Nothing is published without your consent" in response.content.decode()
    assert not Submission.objects.exists()


def test_contact_consent_needs_an_address(client: Client) -> None:
    response = client.post("/community/share/", form(contact_email=""))
    assert "Give an email address" in response.content.decode()
    assert not Submission.objects.exists()


def test_the_honeypot_stops_robots(client: Client) -> None:
    response = client.post("/community/share/", form(website="https://spam.example"))
    assert response.status_code == 200
    assert "This field must stay empty" in response.content.decode()
    assert not Submission.objects.exists()
    assert mail.outbox == []


def test_the_rate_limit_per_address(client: Client, settings: Settings) -> None:
    settings.COMMUNITY_THROTTLE = {"per_ip": 2, "window_minutes": 60}
    kmt2b()
    for _ in range(2):
        assert client.post("/community/share/", form()).status_code == 302
    response = client.post("/community/share/", form(title="A third story today"))
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 3000
    html = response.content.decode()
    assert "Please try again in 60 minutes" in html
    assert "A third story today" in html  # what they wrote is kept
    assert Submission.objects.count() == 2
    other = Client(REMOTE_ADDR="203.0.113.9")
    assert other.post("/community/share/", form()).status_code == 302


def test_the_rate_limit_window_passes(settings: Settings) -> None:
    from rarelight_web.community import throttle

    settings.COMMUNITY_THROTTLE = {"per_ip": 1, "window_minutes": 60}
    throttle.record_submission("198.51.100.7", NOW)
    assert throttle.retry_after("198.51.100.7", NOW + dt.timedelta(minutes=10)) == dt.timedelta(
        minutes=50
    )
    assert throttle.retry_after("198.51.100.7", NOW + dt.timedelta(minutes=61)) is None
    assert throttle.retry_after("198.51.100.8", NOW) is None


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": "Hi"}, "title", "at least 5 characters"),
        ({"body": "too short"}, "body", "Use between 20 and 10,000 characters"),
        (
            {"body": BODY + " https://a.org https://b.org https://c.org https://d.org"},
            "body",
            "The text has 4 links",
        ),
        ({"tags": ["dbs", "nonsense"]}, "tags", "Select a valid choice"),
        (
            {"tags": ["dbs", "school", "siblings", "therapy", "travel", "research"]},
            "tags",
            "at most 5 topics",
        ),
        ({"disease_id": "OMIM:999999999"}, "disease_id", "is not in the catalogue"),
        ({"kind": "resource"}, "url", "A resource needs its link"),
        ({"kind": "resource", "url": "https://x.org"}, "category", "Choose the type of resource"),
        ({"url": "javascript:alert(1)"}, "url", "starting with https:// or http://"),
        ({"contact_email": "not an address"}, "contact_email", "valid email"),
        ({"country": "Atlantis"}, "country", "Select a valid choice"),
        ({"kind": "poem"}, "kind", "Select a valid choice"),
    ],
)
def test_bad_input_names_the_field(
    client: Client, changes: dict[str, object], field: str, message: str
) -> None:
    kmt2b()
    response = client.post("/community/share/", form(**changes))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert message in " ".join(errors[field])
    assert not Submission.objects.exists()


def test_a_resource_with_its_link(client: Client) -> None:
    kmt2b()
    response = client.post(
        "/community/share/",
        form(
            kind="resource",
            category="organisation",
            url="https://www.dystonia-foundation.org/",
            title="Dystonia Medical Research Foundation",
        ),
    )
    assert response.status_code == 302
    resource = Submission.objects.get()
    assert (resource.kind, resource.category, resource.url) == (
        "resource",
        "organisation",
        "https://www.dystonia-foundation.org/",
    )


# The private status page --------------------------------------------------------------------------


def test_the_submitter_revises_when_a_moderator_asks(client: Client) -> None:
    kmt2b()
    submission, key = make_submission(at=now())
    url = f"/community/status/{key}/"
    assert "Change your submission" not in client.get(url).content.decode()
    assert client.post(url, form()).status_code == 404  # nothing to change while pending
    services.request_changes(
        make_moderator(), submission, "Please leave out the school.", now=now()
    )
    mail.outbox.clear()
    html = client.get(url).content.decode()
    assert "changes asked for" in html
    assert "Please leave out the school." in html
    assert "Change your submission" in html
    assert_accessible(html)
    response = client.post(url, form(body="Short, regular physio sessions helped most of all."))
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == "pending"
    assert "Revised" in mail.outbox[0].subject
    assert submission.decisions.last().action == Decision.Action.RESUBMITTED  # type: ignore[union-attr]


def test_the_status_page_shows_a_rejection_reason(client: Client) -> None:
    submission, key = make_submission()
    services.reject(make_moderator(), submission, "It is about another family.", now=NOW)
    html = client.get(f"/community/status/{key}/").content.decode()
    assert "not published" in html
    assert "It is about another family." in html


# Public pages: published only ---------------------------------------------------------------------


def test_pending_rejected_and_changes_asked_items_are_404(client: Client) -> None:
    moderator = make_moderator()
    pending, _k = make_submission(title="Pending story")
    rejected, _k = make_submission(title="Rejected story")
    services.reject(moderator, rejected, "no", now=NOW)
    changes, _k = make_submission(title="Changes story")
    services.request_changes(moderator, changes, "please", now=NOW)
    published = make_published(title="Published story", moderator=moderator)
    for hidden in (pending, rejected, changes):
        assert client.get(f"/community/items/{hidden.pk}/").status_code == 404
    assert client.get(f"/community/items/{published.pk}/").status_code == 200
    assert client.get("/community/items/999999/").status_code == 404
    listing = client.get("/community/").content.decode()
    feed = client.get("/community/feed/").content.decode()
    for page in (listing, feed):
        assert "Published story" in page
        for title in ("Pending story", "Rejected story", "Changes story"):
            assert title not in page
    # Taking a published item down hides it again.
    services.reject(moderator, published, "Asked to be removed.", now=NOW)
    assert client.get(f"/community/items/{published.pk}/").status_code == 404


def test_the_item_page_keeps_the_contact_email_private(client: Client) -> None:
    kmt2b()
    item = make_published(contact_email="gwen@example.org", disease=kmt2b())
    html = client.get(f"/community/items/{item.pk}/").content.decode()
    assert_accessible(html)
    assert "Our first year with DBS" in html
    assert "shared by Ada&#x27;s mum, United Kingdom" in html
    assert 'href="/diseases/OMIM:617284/"' in html
    assert "not medical advice" in html
    for path in (
        "/community/",
        f"/community/items/{item.pk}/",
        "/community/feed/",
        "/community/latest/OMIM:617284/",
    ):
        assert "gwen@example.org" not in client.get(path).content.decode()


def test_anonymous_items_say_so(client: Client) -> None:
    item = make_published(display_name="", country="")
    html = client.get(f"/community/items/{item.pk}/").content.decode()
    assert "shared by Anonymous" in html


def test_the_listing_filters_and_searches(client: Client) -> None:
    disease = kmt2b()
    other = make_disease("OMIM:128100", "Dystonia 1")
    moderator = make_moderator()
    make_published(title="Swimming helps", tags=("therapy",), disease=disease, moderator=moderator)
    make_published(title="School adjustments", tags=("school",), disease=other, moderator=moderator)
    make_published(
        kind="tip",
        title="A ramp for the car",
        body="The council paid for a ramp after an occupational therapy visit.",
        tags=("equipment",),
        moderator=moderator,
    )

    def titles(query: str) -> list[str]:
        response = client.get("/community/" + query)
        assert response.status_code == 200
        return [s.title for s in response.context["page"]]

    assert titles("") == ["A ramp for the car", "School adjustments", "Swimming helps"]
    assert titles("?tag=therapy") == ["Swimming helps"]
    assert titles("?disease=OMIM:128100") == ["School adjustments"]
    assert titles("?kind=tip") == ["A ramp for the car"]
    assert titles("?q=council+ramp") == ["A ramp for the car"]
    assert titles("?q=SWIMMING") == ["Swimming helps"]
    assert titles("?q=swimming+council") == []
    assert titles("?tag=unknown") == titles("")
    refused = client.get("/community/?kind=poem").content.decode()  # the API's words too
    assert "Kind: Select a valid choice. poem is not one of the available choices; accepted: " in (
        refused
    )
    assert "story, tip, resource. This filter was left out." in refused
    html = client.get("/community/?q=ramp").content.decode()
    assert_accessible(html)
    assert "1 match" in html


def test_the_resource_directory_groups_by_type(client: Client) -> None:
    moderator = make_moderator()
    make_published(
        kind="resource",
        category="organisation",
        url="https://www.dystonia-foundation.org/",
        title="Dystonia Medical Research Foundation",
        moderator=moderator,
    )
    make_published(
        kind="resource",
        category="research-study",
        url="https://example.org/study",
        title="A natural history study",
        disease=kmt2b(),
        moderator=moderator,
    )
    make_published(title="A story, not a resource", moderator=moderator)
    response = client.get("/community/resources/")
    html = response.content.decode()
    assert_accessible(html)
    assert [
        (key, [i.title for i in items]) for key, _label, items in response.context["sections"]
    ] == [
        ("organisation", ["Dystonia Medical Research Foundation"]),
        ("research-study", ["A natural history study"]),
    ]
    assert "A story, not a resource" not in html
    only = client.get("/community/resources/?disease=OMIM:617284")
    assert [i.title for _k, _l, items in only.context["sections"] for i in items] == [
        "A natural history study"
    ]


def test_the_feed_is_atom_with_the_published_items(client: Client) -> None:
    make_published(title="Swimming helps", disease=kmt2b(), body="Swimming **twice** a week.")
    make_published(title="Elsewhere")
    response = client.get("/community/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = parse_feed(response.content)
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        "Story: Elsewhere",
        "Story: Swimming helps",
    ]
    summary = entries[1].find(f"{ATOM}summary")
    assert summary is not None
    assert summary.get("type") == "html"
    assert summary.text == "<p>Swimming <strong>twice</strong> a week.</p>\n"
    assert entries[1].findtext(f"{ATOM}author/{ATOM}name") == "Ada's mum"
    one = parse_feed(client.get("/community/feed/?disease=OMIM:617284").content)
    assert [e.findtext(f"{ATOM}title") for e in one.findall(f"{ATOM}entry")] == [
        "Story: Swimming helps"
    ]
    assert "KMT2B-related dystonia" in (one.findtext(f"{ATOM}title") or "")


def test_the_disease_page_loads_the_latest_items(client: Client) -> None:
    make_published(title="Swimming helps", disease=kmt2b())
    make_published(title="About another disease", disease=make_disease("OMIM:128100", "Dystonia 1"))
    page = client.get("/diseases/OMIM:617284/").content.decode()
    assert 'hx-get="/community/latest/OMIM:617284/"' in page
    assert 'href="/community/?disease=OMIM%3A617284"' in page  # without JavaScript
    fragment = client.get("/community/latest/OMIM:617284/").content.decode()
    assert "Swimming helps" in fragment
    assert "About another disease" not in fragment
    empty = client.get("/community/latest/ORPHA:558/").content.decode()
    assert "No family has shared" in empty


# Moderation pages ---------------------------------------------------------------------------------


def test_moderation_pages_are_for_moderators_only(client: Client) -> None:
    submission, _key = make_submission(contact_email="gwen@example.org")
    paths = [
        "/community/moderation/",
        f"/community/moderation/{submission.pk}/",
        f"/community/moderation/{submission.pk}/edit/",
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/sign-in/?next=")
    client.force_login(make_user("Someone"))
    for path in paths:
        assert client.get(path).status_code == 404
    assert client.post(paths[1], {"decision": "approve"}).status_code == 404
    submission.refresh_from_db()
    assert submission.status == "pending"
    client.force_login(make_moderator())
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200
        assert_accessible(response.content.decode())
    assert "gwen@example.org" in client.get(paths[1]).content.decode()


def test_a_moderator_approves_from_the_queue(client: Client) -> None:
    moderator = make_moderator("Mira")
    submission, _key = make_submission(title="Waiting story")
    client.force_login(moderator)
    assert "Waiting story" in client.get("/community/moderation/").content.decode()
    response = client.post(f"/community/moderation/{submission.pk}/", {"decision": "approve"})
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == "published"
    assert client.get(f"/community/items/{submission.pk}/").status_code == 200
    history = client.get(f"/community/moderation/{submission.pk}/").content.decode()
    assert "approved and published" in history
    assert "Mira" in history


def test_rejecting_or_asking_for_changes_needs_a_message(client: Client) -> None:
    submission, _key = make_submission()
    client.force_login(make_moderator())
    for decision in ("reject", "changes"):
        response = client.post(f"/community/moderation/{submission.pk}/", {"decision": decision})
        assert response.status_code == 200
        assert "the submitter sees it" in " ".join(response.context["form"].errors["message"])
    submission.refresh_from_db()
    assert submission.status == "pending"


def test_a_moderator_edits_and_the_fields_are_logged(client: Client) -> None:
    kmt2b()
    moderator = make_moderator("Mira")
    submission, _key = make_submission(display_name="Gwen Jones")
    client.force_login(moderator)
    data = form(display_name="Gwen", tags=["dbs"])
    response = client.post(f"/community/moderation/{submission.pk}/edit/", data)
    assert response.status_code == 302
    decision = submission.decisions.get(action=Decision.Action.EDITED)
    assert (decision.actor_name, decision.fields) == ("Mira", ["disease", "display_name"])
    bad = client.post(f"/community/moderation/{submission.pk}/edit/", form(title="Hi"))
    assert bad.status_code == 200
    assert "title" in bad.context["form"].errors


def test_the_submitter_withdraws_through_the_private_link(client: Client) -> None:
    item = make_published(contact_email="gwen@example.org", at=now())
    key = "unknown"
    assert client.post(f"/community/status/{key}/withdraw/").status_code == 404
    _pending, key = make_submission()
    page = client.get(f"/community/status/{key}/").content.decode()
    assert "Withdraw my submission" in page
    assert client.get(f"/community/status/{key}/withdraw/").status_code == 405
    # The published one, through its own link.
    submission = Submission.objects.get(pk=item.pk)
    token = "k"
    Submission.objects.filter(pk=submission.pk).update(
        status_key_hash=services.hash_status_key(token)
    )
    response = client.post(f"/community/status/{token}/withdraw/")
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert "withdrawn by the submitter" in html
    assert "Withdraw my submission" not in html
    assert client.get(f"/community/items/{item.pk}/").status_code == 404
    assert "Our first year" not in client.get("/community/feed/").content.decode()
    submission.refresh_from_db()
    assert submission.contact_email == ""
