"""Community submissions (stories, tips, resources) and the append-only log of moderation decisions.

Nothing is public until a moderator publishes it. The submitter's contact email is kept for
moderators only; the private status link is a random secret of which only a hash is stored.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from rarelight.community import KINDS, RESOURCE_CATEGORIES, TAGS
from rarelight_web.catalog.models import Disease

MODERATE = "community.moderate_submission"  # the permission a moderator has (user.has_perm)
MODERATORS_GROUP = "Community moderators"


class SubmissionQuerySet(models.QuerySet["Submission"]):
    def published(self) -> SubmissionQuerySet:
        return self.filter(status=Submission.Status.PUBLISHED)

    def tagged(self, tag: str) -> SubmissionQuerySet:
        return self.filter(tags__contains=f"|{tag}|")


class Submission(models.Model):
    """A story, tip or resource from anyone, with its moderation status."""

    class Kind(models.TextChoices):
        STORY = "story", _(KINDS["story"])
        TIP = "tip", _(KINDS["tip"])
        RESOURCE = "resource", _(KINDS["resource"])

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for review")
        CHANGES_REQUESTED = "changes", _("changes asked for")
        PUBLISHED = "published", _("published")
        REJECTED = "rejected", _("not published")
        WITHDRAWN = "withdrawn", _("withdrawn by the submitter")

    kind = models.CharField(max_length=16, choices=Kind.choices, verbose_name=_("kind"))
    category = models.CharField(
        max_length=24,
        blank=True,
        choices=[(k, _(v)) for k, v in RESOURCE_CATEGORIES.items()],
        verbose_name=_("type of resource"),
    )
    title = models.CharField(max_length=150, verbose_name=_("title"))
    body = models.TextField(verbose_name=_("text"))
    body_html = models.TextField(editable=False)  # sanitised when written (services.py)
    url = models.URLField(max_length=500, blank=True, verbose_name=_("link"))
    tags = models.CharField(max_length=400, blank=True, editable=False)  # "|dbs|school|"
    disease = models.ForeignKey(
        Disease,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="community_submissions",
        verbose_name=_("disease"),
    )
    display_name = models.CharField(max_length=60, blank=True, verbose_name=_("display name"))
    country = CountryField(blank=True, verbose_name=_("country"))
    consent_to_publish = models.BooleanField(default=False)
    consent_to_contact = models.BooleanField(default=False)
    contact_email = models.EmailField(blank=True)  # moderators only, never on a public page
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    moderator_message = models.TextField(
        blank=True
    )  # reason or changes asked for; submitter sees it
    status_key_hash = models.CharField(max_length=64, unique=True, editable=False)
    submitted_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-submitted_at", "-id"]
        permissions = [("moderate_submission", "Can moderate community submissions")]
        verbose_name = _("community submission")
        verbose_name_plural = _("community submissions")

    def __str__(self) -> str:
        return f"{self.kind}: {self.title}"

    @property
    def tag_list(self) -> list[str]:
        return [t for t in self.tags.split("|") if t]

    @property
    def tag_labels(self) -> list[tuple[str, str]]:
        return [(t, TAGS.get(t, t)) for t in self.tag_list]

    @property
    def author(self) -> str:
        return self.display_name or str(_("Anonymous"))


class DecisionQuerySet(models.QuerySet["Decision"]):
    def update(self, **kwargs: Any) -> int:
        raise ValueError("The moderation log is append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ValueError("The moderation log is append-only")


class Decision(models.Model):
    """Append-only: who did what to a submission, and when (UTC). No actor means the submitter."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        RESUBMITTED = "resubmitted", _("sent back with changes")
        EDITED = "edited", _("edited")
        APPROVED = "approved", _("approved and published")
        REJECTED = "rejected", _("rejected")
        CHANGES_REQUESTED = "changes", _("asked for changes")
        WITHDRAWN = "withdrawn", _("withdrawn by the submitter")

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="decisions")
    action = models.CharField(max_length=16, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_name = models.CharField(max_length=120)  # kept readable after the account is gone
    at = models.DateTimeField(db_index=True)
    reason = models.TextField(blank=True)
    fields = models.JSONField(default=list)  # the fields an edit changed

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return (
            f"{self.actor_name} {self.action} #{self.submission_id} at {self.at:%Y-%m-%d %H:%M} UTC"
        )

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("The moderation log is append-only")
        super().save(*args, **kwargs)
