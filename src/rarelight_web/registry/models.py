"""The registry in the database: de-identified cases, family contributions and an append-only log.

A case row holds the core `RegistryCase` as JSON (the one definition of a case) plus the columns
needed to find duplicates and to group by diagnosis. A contribution links a care record to the case
it gave, with the consent; the case row itself holds nothing that names the record.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from rarelight.registry import RegistryCase
from rarelight_web.records.models import CareRecord


class Case(models.Model):
    """One person in the registry (published, contributed by a family, or by a clinician)."""

    case_id = models.CharField(max_length=200, unique=True)
    source = models.CharField(max_length=16)
    pmid = models.CharField(max_length=32, blank=True)
    subject_id = models.CharField(max_length=200, blank=True)
    disease_id = models.CharField(max_length=40, blank=True, db_index=True)
    data = models.JSONField()  # RegistryCase.model_dump(mode="json")
    added_at = models.DateTimeField()

    class Meta:
        ordering = ["case_id"]
        permissions = [
            ("export_individual_data", "Can export individual-level registry data"),
        ]

    def __str__(self) -> str:
        return self.case_id

    def to_case(self) -> RegistryCase:
        return RegistryCase.model_validate(self.data)


class Contribution(models.Model):
    """A guardian's consented contribution of a care record's de-identified snapshot."""

    record = models.ForeignKey(CareRecord, on_delete=models.CASCADE, related_name="contributions")
    case = models.OneToOneField(
        Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="contribution"
    )
    consent_text = models.TextField()  # the words the guardian agreed to, kept as shown
    consented_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    consented_at = models.DateTimeField()
    contact_ok = models.BooleanField(default=False)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-consented_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["record"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="one_active_contribution_per_record",
            )
        ]

    def __str__(self) -> str:
        return f"contribution of {self.record_id}"


class RegistryEvent(models.Model):
    """Append-only log of every change to the registry; its latest time is "last updated"."""

    class Action(models.TextChoices):
        IMPORTED = "imported"
        CONTRIBUTED = "contributed"
        WITHDRAWN = "withdrawn"
        EXPORTED = "exported"
        GRANTED = "granted"
        REVOKED = "revoked"

    action = models.CharField(max_length=16, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(db_index=True)
    detail = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.action} at {self.at:%Y-%m-%d %H:%M}"
