"""Therapies (speech, occupational, physical, …) and milestones (hearing tests, school, …)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .record import CareRecord


class Therapy(models.Model):
    """A course of therapy: what kind, with whom, from when to when, how often, goals and notes."""

    class Kind(models.TextChoices):
        SPEECH = "speech", _("speech and language therapy")
        OCCUPATIONAL = "occupational", _("occupational therapy")
        PHYSICAL = "physical", _("physical therapy (physiotherapy)")
        PSYCHOLOGICAL = "psychological", _("psychological support")
        OTHER = "other", _("other therapy")

    record = models.ForeignKey(CareRecord, on_delete=models.CASCADE, related_name="therapies")
    kind = models.CharField(max_length=16, choices=Kind.choices, verbose_name=_("kind"))
    provider = models.CharField(max_length=160, blank=True, verbose_name=_("with whom"))
    started_on = models.DateField(verbose_name=_("started on"))
    ended_on = models.DateField(null=True, blank=True, verbose_name=_("ended on"))
    how_often = models.CharField(max_length=80, blank=True, verbose_name=_("how often"))
    goals = models.TextField(blank=True, max_length=2000, verbose_name=_("goals"))
    notes = models.TextField(blank=True, max_length=4000, verbose_name=_("notes"))
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name_plural = _("therapies")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.started_on:%Y-%m-%d}"


class Milestone(models.Model):
    """A dated event worth keeping: a hearing test and its result, a school step, a first."""

    class Kind(models.TextChoices):
        HEARING_TEST = "hearing_test", _("hearing test")
        SCHOOL = "school", _("school")
        DEVELOPMENT = "development", _("development")
        OTHER = "other", _("other")

    record = models.ForeignKey(CareRecord, on_delete=models.CASCADE, related_name="milestones")
    on = models.DateField(verbose_name=_("date"))
    kind = models.CharField(max_length=16, choices=Kind.choices, verbose_name=_("kind"))
    title = models.CharField(max_length=160, verbose_name=_("what happened"))
    result = models.TextField(blank=True, max_length=2000, verbose_name=_("result or notes"))
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["-on", "-id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.on:%Y-%m-%d})"
