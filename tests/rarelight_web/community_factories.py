"""Factories for community submissions and moderators, shared by the community tests."""

from __future__ import annotations

import datetime as dt
import smtplib
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from tests.rarelight_web.factories import make_disease, make_user

from rarelight_web.accounts.models import User
from rarelight_web.catalog.models import Disease
from rarelight_web.community import services
from rarelight_web.community.models import Submission

ATOM = "{http://www.w3.org/2005/Atom}"
NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
BODY = "We found that short, regular physio sessions helped our daughter most."


def make_moderator(name: str = "Mo", *, email: str = "", password: str | None = None) -> User:
    user = make_user(name, email=email, password=password)
    services.grant_moderator(user)
    return User.objects.get(pk=user.pk)  # a fresh instance: permissions are cached per object


def content(**changes: object) -> services.Content:
    values: dict[str, object] = {
        "kind": "story",
        "title": "Our first year with DBS",
        "body": BODY,
        "tags": ("dbs",),
        "disease": None,
        "category": "",
        "url": "",
        "display_name": "Ada's mum",
        "country": "GB",
    }
    values.update(changes)
    return services.Content(**values)  # type: ignore[arg-type]


def make_submission(
    *,
    at: dt.datetime = NOW,
    contact_email: str = "",
    disease: Disease | None = None,
    **changes: object,
) -> tuple[Submission, str]:
    """A pending submission (with its status key)."""
    consent = services.Consent(
        to_publish=True, to_contact=bool(contact_email), contact_email=contact_email
    )
    return services.submit(content(disease=disease, **changes), consent, now=at)


def make_published(
    *, at: dt.datetime = NOW, moderator: User | None = None, **changes: object
) -> Submission:
    submission, _key = make_submission(at=at, **changes)
    return services.approve(moderator or make_moderator(), submission, now=at)


def kmt2b() -> Disease:
    return make_disease("OMIM:617284", "KMT2B-related dystonia")


def parse_feed(content: bytes) -> ET.Element:
    """The Atom feed the app served to the test (trusted input: no entities, no DTD)."""
    return ET.fromstring(content)  # noqa: S314 - our own output


class BrokenMailServer(BaseEmailBackend):
    """An email backend whose server refuses every message."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        raise smtplib.SMTPServerDisconnected("the server went away")
