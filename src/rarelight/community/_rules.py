"""What a community submission may contain: its kinds, tags, resource categories and limits.

Rules that need no request or database row, so the web form, the moderation edit and any future
importer check the same things and name the same fields.
"""

from __future__ import annotations

from dataclasses import dataclass

from rarelight.errors import Problem

from ._markdown import render_markdown

__all__ = [
    "KINDS",
    "RESOURCE_CATEGORIES",
    "TAGS",
    "Limits",
    "check_link",
    "check_text",
]

KINDS: dict[str, str] = {
    "story": "Story",
    "tip": "Tip",
    "resource": "Resource",
}

# The directory's sections; only resources have one.
RESOURCE_CATEGORIES: dict[str, str] = {
    "organisation": "Patient organisation",
    "expert-centre": "Expert centre",
    "research-study": "Research study",
    "guide": "Practical guide",
    "other": "Other resource",
}

TAGS: dict[str, str] = {
    "diagnosis-journey": "Diagnosis journey",
    "dbs": "Deep brain stimulation (DBS)",
    "medicines": "Medicines",
    "therapy": "Therapy (physio, speech, occupational)",
    "school": "School and nursery",
    "equipment": "Equipment and adaptations",
    "siblings": "Siblings",
    "emotional-support": "Emotional support",
    "daily-life": "Daily life",
    "benefits-and-money": "Benefits and money",
    "travel": "Travel",
    "research": "Research",
}


@dataclass(frozen=True)
class Limits:
    """Length and link limits; `max_links` counts links in the text (a resource's own link aside)."""

    title_min: int = 5
    title_max: int = 150
    body_min: int = 20
    body_max: int = 10_000
    max_links: int = 3
    max_tags: int = 5
    display_name_max: int = 60


def check_text(title: str, body: str, limits: Limits | None = None) -> list[Problem]:
    """Every problem with a title and a Markdown body, each naming its field and the fix."""
    limits = limits or Limits()
    problems: list[Problem] = []
    title = title.strip()
    if not limits.title_min <= len(title) <= limits.title_max:
        problems.append(
            Problem(
                "title",
                f"The title has {len(title)} characters.",
                f"Use between {limits.title_min} and {limits.title_max} characters.",
            )
        )
    text = body.strip()
    if not limits.body_min <= len(text) <= limits.body_max:
        problems.append(
            Problem(
                "body",
                f"The text has {len(text)} characters.",
                f"Use between {limits.body_min} and {limits.body_max:,} characters.",
            )
        )
    links = render_markdown(text).links
    if links > limits.max_links:
        problems.append(
            Problem(
                "body",
                f"The text has {links} links.",
                f"Keep to {limits.max_links} links at most; a resource's own address goes in its "
                "link field.",
            )
        )
    return problems


def check_link(url: str) -> list[Problem]:
    """A resource's own link: a web address (http or https), never javascript:, data: or file:."""
    if not url.strip():
        return [
            Problem(
                "url", "A resource needs its link.", "Give its address, starting with https://."
            )
        ]
    scheme = url.strip().split(":", 1)[0].lower()
    if scheme not in {"http", "https"} or "://" not in url:
        return [
            Problem(
                "url",
                f"{url.strip()[:60]!r} is not a web address.",
                "Give an address starting with https:// or http://.",
            )
        ]
    return []
