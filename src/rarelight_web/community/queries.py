"""What the public pages read: published submissions, filtered and searched."""

from __future__ import annotations

from django.db.models import Q

from rarelight.community import TAGS

from .models import Submission, SubmissionQuerySet

MAX_TERMS = 8


def published(
    *, query: str = "", tag: str = "", disease: str = "", kind: str = ""
) -> SubmissionQuerySet:
    """Published submissions, newest first; every word of `query` must appear in the title, the
    text or the name shown (case-insensitive, on SQLite and PostgreSQL alike)."""
    items = Submission.objects.published().select_related("disease")
    if tag in TAGS:
        items = items.tagged(tag)
    if disease:
        items = items.filter(disease_id=disease)
    if kind in Submission.Kind.values:
        items = items.filter(kind=kind)
    for word in query.split()[:MAX_TERMS]:
        items = items.filter(
            Q(title__icontains=word) | Q(body__icontains=word) | Q(display_name__icontains=word)
        )
    return items.order_by("-published_at", "-id")


def latest_for_disease(disease_id: str, limit: int = 5) -> list[Submission]:
    """The newest published stories, tips and resources about one disease (its profile page)."""
    return list(published(disease=disease_id)[:limit])
