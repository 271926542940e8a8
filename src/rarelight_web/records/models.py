"""A care record (the person cared for), its care circle (memberships, invitations) and its audit."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rarelight_web.catalog.models import Disease

from .roles import Role


class CareRecord(models.Model):
    """One person cared for. The id is a random UUID, so record addresses cannot be guessed."""

    class Sex(models.TextChoices):  # FHIR administrative gender, the codes the passport will use
        FEMALE = "female", _("female")
        MALE = "male", _("male")
        OTHER = "other", _("other")
        UNKNOWN = "unknown", _("unknown or not given")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    display_name = models.CharField(
        max_length=120,
        verbose_name=_("name"),
        help_text=_("The name the care circle uses, e.g. a first name."),
    )
    date_of_birth = models.DateField(null=True, blank=True, verbose_name=_("date of birth"))
    sex = models.CharField(
        max_length=8, choices=Sex.choices, default=Sex.UNKNOWN, verbose_name=_("sex")
    )
    diagnosis = models.ForeignKey(
        Disease,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="care_records",
        verbose_name=_("diagnosis"),
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["display_name", "id"]
        verbose_name = _("care record")
        verbose_name_plural = _("care records")

    def __str__(self) -> str:
        return self.display_name


class Membership(models.Model):
    """A user's place in one record's care circle, with a role."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    record = models.ForeignKey(CareRecord, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=16, choices=Role.choices, verbose_name=_("role"))
    joined_at = models.DateTimeField()

    class Meta:
        ordering = ["joined_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "record"], name="one_membership_per_record")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.role}) in {self.record_id}"


class Invitation(models.Model):
    """A signed, expiring, single-use link that adds its holder to the circle with a role."""

    record = models.ForeignKey(CareRecord, on_delete=models.CASCADE, related_name="invitations")
    role = models.CharField(max_length=16, choices=Role.choices, verbose_name=_("role"))
    email = models.EmailField(
        blank=True,
        verbose_name=_("email address"),
        help_text=_("Optional. If given, only the account with this address can accept."),
    )
    nonce = models.CharField(max_length=32, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.role} invitation to {self.record_id}"


class AuditQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise ValueError("The audit log is append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ValueError("The audit log is append-only")


class AuditEntry(models.Model):
    """Append-only: who viewed or changed what in a record, and when (UTC)."""

    class Action(models.TextChoices):
        CREATED = "created", _("created the record")
        VIEWED = "viewed", _("viewed")
        UPDATED = "updated", _("updated")
        INVITED = "invited", _("invited someone")
        REVOKED = "revoked", _("revoked an invitation")
        JOINED = "joined", _("joined the circle")
        REMOVED = "removed", _("removed a member")
        LEFT = "left", _("left the circle")
        TEAM_ADDED = "team_added", _("added to the care team")
        TEAM_UPDATED = "team_updated", _("changed a care team entry")
        TEAM_REMOVED = "team_removed", _("removed from the care team")
        APPOINTMENT_ADDED = "appt_added", _("added an appointment")
        APPOINTMENT_UPDATED = "appt_updated", _("changed an appointment")
        APPOINTMENT_REMOVED = "appt_removed", _("removed an appointment")
        MEDICINE_ADDED = "med_added", _("added a medicine")
        MEDICINE_UPDATED = "med_updated", _("changed a medicine")
        MEDICINE_STOPPED = "med_stopped", _("stopped a medicine")
        MEDICINE_REMOVED = "med_removed", _("removed a medicine")
        DBS_IMPLANT_ADDED = "dbs_added", _("added a DBS implant")
        DBS_IMPLANT_UPDATED = "dbs_updated", _("changed a DBS implant")
        DBS_IMPLANT_REMOVED = "dbs_removed", _("removed a DBS implant")
        DBS_SESSION_ADDED = "dbs_prog_added", _("added a DBS programming session")
        DBS_SESSION_UPDATED = "dbs_prog_updated", _("changed a DBS programming session")
        DBS_SESSION_REMOVED = "dbs_prog_removed", _("removed a DBS programming session")
        DIARY_ADDED = "diary_added", _("added a diary entry")
        DIARY_UPDATED = "diary_updated", _("changed a diary entry")
        DIARY_REMOVED = "diary_removed", _("removed a diary entry")
        THERAPY_ADDED = "therapy_added", _("added a therapy or milestone")
        THERAPY_UPDATED = "therapy_updated", _("changed a therapy or milestone")
        THERAPY_REMOVED = "therapy_removed", _("removed a therapy or milestone")
        FEATURE_ADDED = "feature_added", _("added a feature")
        FEATURE_UPDATED = "feature_updated", _("changed a feature")
        FEATURE_REMOVED = "feature_removed", _("removed a feature")
        GENETICS_UPDATED = "genetics_updated", _("changed the genetic result")
        UPLOAD_ADDED = "upload_added", _("uploaded a report")
        UPLOAD_REMOVED = "upload_removed", _("removed a report")
        EXPORTED = "exported", _("exported the record")
        CONTRIBUTED = "contributed", _("contributed to the registry")
        WITHDRAWN = "withdrawn", _("withdrew from the registry")

    record = models.ForeignKey(CareRecord, on_delete=models.CASCADE, related_name="audit")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    actor_name = models.CharField(max_length=120)  # kept readable after the account is gone
    action = models.CharField(max_length=16, choices=Action.choices)
    target = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(db_index=True)
    details = models.JSONField(default=dict, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        return f"{self.actor_name} {self.action} {self.target} at {self.at:%Y-%m-%d %H:%M} UTC"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("The audit log is append-only")
        super().save(*args, **kwargs)

    def details_text(self) -> str:
        """The details as one line, e.g. "fields: sex, diagnosis; role: clinician"."""
        parts = []
        for key, value in sorted(self.details.items()):
            shown = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
            parts.append(f"{key}: {shown}")
        return "; ".join(parts)


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


class DbsImplant(models.Model):
    """A deep brain stimulation implant: when, where (target, GPi unless said otherwise), which device.

    Its programming sessions are DbsSession rows (newest first).
    """

    class Target(models.TextChoices):
        GPI = "GPi", _("GPi (globus pallidus internus)")
        STN = "STN", _("STN (subthalamic nucleus)")
        OTHER = "other", _("other")

    record = models.ForeignKey(CareRecord, on_delete=models.CASCADE, related_name="dbs_implants")
    implanted_on = models.DateField(verbose_name=_("implanted on"))
    target = models.CharField(
        max_length=8, choices=Target.choices, default=Target.GPI, verbose_name=_("target")
    )
    device = models.CharField(max_length=160, blank=True, verbose_name=_("device"))
    notes = models.TextField(blank=True, max_length=4000, verbose_name=_("notes"))
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["-implanted_on", "-id"]
        verbose_name = _("DBS implant")
        verbose_name_plural = _("DBS implants")

    def __str__(self) -> str:
        return f"DBS {self.target} implanted {self.implanted_on:%Y-%m-%d}"


class DbsSession(models.Model):
    """A DBS programming session: the settings of each side (contacts, amplitude in mA or V, pulse
    width in µs, frequency in Hz) and notes. A side with no settings (a one-sided implant) is empty.
    """

    class Unit(models.TextChoices):
        MA = "mA", _("mA")
        V = "V", _("V")

    implant = models.ForeignKey(DbsImplant, on_delete=models.CASCADE, related_name="sessions")
    programmed_on = models.DateField(verbose_name=_("date"))
    left_contacts = models.CharField(max_length=40, blank=True, verbose_name=_("left contacts"))
    left_amplitude = models.DecimalField(
        max_digits=5, decimal_places=2, null=True, blank=True, verbose_name=_("left amplitude")
    )
    left_unit = models.CharField(
        max_length=2, choices=Unit.choices, default=Unit.MA, verbose_name=_("left unit")
    )
    left_pulse_width_us = models.PositiveSmallIntegerField(
        null=True, blank=True, verbose_name=_("left pulse width (µs)")
    )
    left_frequency_hz = models.PositiveSmallIntegerField(
        null=True, blank=True, verbose_name=_("left frequency (Hz)")
    )
    right_contacts = models.CharField(max_length=40, blank=True, verbose_name=_("right contacts"))
    right_amplitude = models.DecimalField(
        max_digits=5, decimal_places=2, null=True, blank=True, verbose_name=_("right amplitude")
    )
    right_unit = models.CharField(
        max_length=2, choices=Unit.choices, default=Unit.MA, verbose_name=_("right unit")
    )
    right_pulse_width_us = models.PositiveSmallIntegerField(
        null=True, blank=True, verbose_name=_("right pulse width (µs)")
    )
    right_frequency_hz = models.PositiveSmallIntegerField(
        null=True, blank=True, verbose_name=_("right frequency (Hz)")
    )
    notes = models.TextField(blank=True, max_length=4000, verbose_name=_("notes"))
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["-programmed_on", "-id"]
        verbose_name = _("DBS programming session")
        verbose_name_plural = _("DBS programming sessions")

    def __str__(self) -> str:
        return f"DBS programming on {self.programmed_on:%Y-%m-%d}"

    def side(self, side: str) -> dict[str, object] | None:
        """The settings of "left" or "right" as a dict, or None if that side has none."""
        values = {
            name: getattr(self, f"{side}_{name}")
            for name in ("contacts", "amplitude", "unit", "pulse_width_us", "frequency_hz")
        }
        if values["amplitude"] is None and not values["contacts"]:
            return None
        return values

    @property
    def left(self) -> dict[str, object] | None:
        return self.side("left")

    @property
    def right(self) -> dict[str, object] | None:
        return self.side("right")


class DiaryEntry(models.Model):
    """A symptom and severity diary entry: the date, the affected body regions (slugs of Region, in
    choice order), optional ratings — BFMDRS movement (18 flat fields, total 0–120), BFMDRS
    disability (7 items, 0–30) and Barry–Albright (8 regions, 0–32) — with totals computed by
    rarelight.care on save, and notes.
    """

    class Region(models.TextChoices):
        LEGS = "legs", _("legs")
        ARMS = "arms", _("arms")
        TRUNK = "trunk", _("trunk")
        NECK = "neck", _("neck")
        FACE_MOUTH = "face_mouth", _("face and mouth")
        LARYNX_VOICE = "larynx_voice", _("larynx and voice")
        SWALLOWING = "swallowing", _("swallowing")
        EYES = "eyes", _("eyes")

    record = models.ForeignKey(CareRecord, on_delete=models.CASCADE, related_name="diary")
    on = models.DateField(verbose_name=_("date"))
    regions = models.JSONField(default=list, blank=True, verbose_name=_("affected body regions"))
    bfm_movement = models.JSONField(
        null=True, blank=True, verbose_name=_("BFMDRS movement scale items")
    )
    bfm_total = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        verbose_name=_("BFMDRS movement total"),
    )
    bfm_disability = models.JSONField(
        null=True, blank=True, verbose_name=_("BFMDRS disability scale items")
    )
    bfm_disability_total = models.PositiveSmallIntegerField(
        null=True, blank=True, verbose_name=_("BFMDRS disability total")
    )
    bads = models.JSONField(null=True, blank=True, verbose_name=_("Barry–Albright scale items"))
    bads_total = models.PositiveSmallIntegerField(
        null=True, blank=True, verbose_name=_("Barry–Albright total")
    )
    notes = models.TextField(blank=True, max_length=4000, verbose_name=_("notes"))
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["-on", "-id"]
        verbose_name = _("diary entry")
        verbose_name_plural = _("diary entries")

    def __str__(self) -> str:
        return f"Diary entry of {self.on:%Y-%m-%d}"

    @property
    def region_labels(self) -> list[str]:
        """The affected regions as words, in choice order."""
        labels = dict(self.Region.choices)
        return [str(labels.get(slug, slug)) for slug in self.regions]
