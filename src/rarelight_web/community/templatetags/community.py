"""Template helpers: `{% community_latest disease.id %}` on disease pages, and `excerpt`.

The disease pages stay free of database queries (the catalogue lives in memory): the section
asks for its items with htmx once the page has loaded, and links to them without JavaScript.
"""

from __future__ import annotations

from django import template

from rarelight.community import plain_text

register = template.Library()


@register.inclusion_tag("community/_latest_placeholder.html")
def community_latest(disease_id: str) -> dict[str, object]:
    return {"disease_id": disease_id}


@register.filter
def excerpt(markdown: str, limit: int = 240) -> str:
    """The first words of a Markdown text, without markup (the template escapes them)."""
    return plain_text(markdown, limit)
