"""The Atom feed of published stories, tips and resources (all, or one disease's with ?disease=)."""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from rarelight_web.catalog.models import Disease

from . import queries
from .forms import FilterForm
from .models import Submission

FEED_SIZE = 30


class LatestFeed(Feed):  # type: ignore[type-arg]
    """Titles are Atom text (escaped as XML); summaries are the sanitised HTML of the text."""

    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, *args: object, **kwargs: object) -> Disease | None:
        disease_id = FilterForm(request.GET).value("disease")
        return Disease.objects.filter(pk=disease_id).first() if disease_id else None

    def title(self, obj: Disease | None) -> str:
        if obj is None:
            return _("Rarelight community: stories, tips and resources")
        return _("Rarelight community: %(disease)s") % {"disease": obj.name}

    def subtitle(self, obj: Disease | None) -> str:
        return _("Shared by families and read by a moderator before publication.")

    def link(self, obj: Disease | None) -> str:
        url = reverse("community:listing")
        return f"{url}?disease={obj.pk}" if obj else url

    def items(self, obj: Disease | None) -> list[Submission]:
        return list(queries.published(disease=obj.pk if obj else "")[:FEED_SIZE])

    def item_title(self, item: Submission) -> str:
        return f"{item.get_kind_display()}: {item.title}"

    def item_description(self, item: Submission) -> str:
        return item.body_html

    def item_link(self, item: Submission) -> str:
        return reverse("community:item", args=[item.pk])

    def item_author_name(self, item: Submission) -> str:
        return item.author

    def item_pubdate(self, item: Submission) -> dt.datetime | None:
        return item.published_at

    def item_updateddate(self, item: Submission) -> dt.datetime:
        return item.updated_at

    def item_categories(self, item: Submission) -> list[str]:
        return [label for _slug, label in item.tag_labels]
