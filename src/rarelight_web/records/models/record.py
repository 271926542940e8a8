"""A care record (the person cared for), its care circle (memberships, invitations) and its audit."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rarelight_web.catalog.models import Disease
from rarelight_web.records.roles import Role


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
    allergies = models.TextField(
        blank=True,
        max_length=2000,
        verbose_name=_("allergies and intolerances"),
        help_text=_("Medicines, foods or materials, and what happens. Write “none known” if so."),
    )
    emergency_do = models.TextField(
        blank=True,
        max_length=2000,
        verbose_name=_("in an emergency: what to do"),
        help_text=_("For example: how a dystonic crisis shows and what helps; DBS battery check."),
    )
    emergency_avoid = models.TextField(
        blank=True,
        max_length=2000,
        verbose_name=_("in an emergency: what to avoid"),
        help_text=_("For example: medicines that worsen dystonia; MRI or diathermy with DBS."),
    )
    emergency_call = models.TextField(
        blank=True,
        max_length=2000,
        verbose_name=_("in an emergency: who to call"),
        help_text=_("Names and numbers, e.g. the movement-disorders team, the DBS nurse."),
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
    # SHA-256 of this member's private calendar link key (the key itself is shown once, never
    # stored); empty when the member has no link. Leaving the circle ends the link.
    calendar_key_hash = models.CharField(max_length=64, blank=True, db_index=True)

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
        CALENDAR_LINK = "calendar_link", _("made a private calendar link")
        CALENDAR_STOPPED = "calendar_stop", _("stopped a private calendar link")
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
        VARIANT_ADDED = "variant_added", _("added a genetic variant")
        VARIANT_UPDATED = "variant_updated", _("changed a genetic variant")
        VARIANT_REMOVED = "variant_removed", _("removed a genetic variant")
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
