"""`{% community_latest disease.id %}`: the newest published items about a disease, for its page."""

from __future__ import annotations

from django import template

from rarelight.community import plain_text
from rarelight_web.community import queries

register = template.Library()


@register.inclusion_tag("community/_latest.html")
def community_latest(disease_id: str, limit: int = 5) -> dict[str, object]:
    return {"items": queries.latest_for_disease(disease_id, limit), "disease_id": disease_id}


@register.filter
def excerpt(markdown: str, limit: int = 240) -> str:
    """The first words of a Markdown text, without markup (the template escapes them)."""
    return plain_text(markdown, limit)
