"""The care team, appointments and medicines of a record."""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from .record import CareRecord


class TeamMember(models.Model):
    """Someone on the record's care team: a recommended role (its slug) or a custom one, and contacts.

    `role` is a slug of a recommended role (see rarelight.care) or "custom", with its own title.
    """

    CUSTOM = "custom"

    record = models.ForeignKey(CareRecord, on_delete=models.CASCADE, related_name="team")
    role = models.CharField(max_length=64, verbose_name=_("role"))
    custom_title = models.CharField(max_length=120, blank=True, verbose_name=_("role title"))
    name = models.CharField(max_length=120, verbose_name=_("name"))
    organisation = models.CharField(
        max_length=160, blank=True, verbose_name=_("hospital, clinic or practice")
    )
    phone = models.CharField(max_length=40, blank=True, verbose_name=_("phone"))
    email = models.EmailField(blank=True, verbose_name=_("email address"))
    notes = models.TextField(blank=True, max_length=2000, verbose_name=_("notes"))
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("care team member")
        verbose_name_plural = _("care team members")

    def __str__(self) -> str:
        return f"{self.name} ({self.custom_title or self.role})"


class Appointment(models.Model):
    """An appointment: when (UTC), with whom (free text, optionally a care team entry), why, notes.

    `uid` names the appointment in calendar feeds, so a calendar app sees the same event each export.
    """

    record = models.ForeignKey(CareRecord, on_delete=models.CASCADE, related_name="appointments")
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    starts_at = models.DateTimeField(verbose_name=_("date and time (UTC)"))
    duration_minutes = models.PositiveSmallIntegerField(
        null=True, blank=True, verbose_name=_("length in minutes")
    )
    with_whom = models.CharField(max_length=160, blank=True, verbose_name=_("with whom"))
    team_member = models.ForeignKey(
        TeamMember,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appointments",
        verbose_name=_("care team member"),
    )
    reason = models.CharField(max_length=200, blank=True, verbose_name=_("reason"))
    location = models.CharField(max_length=200, blank=True, verbose_name=_("place"))
    notes = models.TextField(blank=True, max_length=4000, verbose_name=_("notes"))
    follow_up = models.TextField(blank=True, max_length=2000, verbose_name=_("follow-up"))
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")

    def __str__(self) -> str:
        return f"{self.with_whom} at {self.starts_at:%Y-%m-%d %H:%M} UTC"

    @property
    def ends_at(self) -> dt.datetime | None:
        """The end (UTC), if the length is known; else None."""
        if self.duration_minutes is None:
            return None
        return self.starts_at + dt.timedelta(minutes=self.duration_minutes)


class Medicine(models.Model):
    """A medicine: name, dose and schedule (free text), when it was started and stopped, why, and
    how it went (response, side effects, notes).

    Current while it is not stopped, or stopped after today (see medicines.split_current).
    """

    class Response(models.TextChoices):
        BETTER = "better", _("better")
        SAME = "same", _("the same")
        WORSE = "worse", _("worse")
        UNKNOWN = "unknown", _("not yet known")

    record = models.ForeignKey(CareRecord, on_delete=models.CASCADE, related_name="medicines")
    name = models.CharField(max_length=160, verbose_name=_("name"))
    dose = models.CharField(max_length=80, blank=True, verbose_name=_("dose"))
    schedule = models.CharField(max_length=160, blank=True, verbose_name=_("when it is taken"))
    started_on = models.DateField(verbose_name=_("started on"))
    stopped_on = models.DateField(null=True, blank=True, verbose_name=_("stopped on"))
    reason = models.CharField(max_length=200, blank=True, verbose_name=_("reason"))
    response = models.CharField(
        max_length=16,
        choices=Response.choices,
        default=Response.UNKNOWN,
        verbose_name=_("response"),
    )
    side_effects = models.TextField(blank=True, max_length=2000, verbose_name=_("side effects"))
    notes = models.TextField(blank=True, max_length=4000, verbose_name=_("notes"))
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["-started_on", "id"]
        verbose_name = _("medicine")
        verbose_name_plural = _("medicines")

    def __str__(self) -> str:
        return f"{self.name} from {self.started_on:%Y-%m-%d}"
