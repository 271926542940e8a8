"""Catalogue rows in the database: the targets other apps link to (a record's diagnosis, a story's disease).

The catalogue itself lives in memory (`rarelight.knowledge.Catalogue`); these rows mirror its ids.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Disease(models.Model):
    """One catalogue entry, by its canonical CURIE (a curated profile's primary id)."""

    id = models.CharField(primary_key=True, max_length=32, verbose_name=_("id"))
    name = models.CharField(max_length=400, verbose_name=_("name"))
    curated = models.BooleanField(default=False, verbose_name=_("hand-curated"))
    retired = models.BooleanField(
        default=False,
        verbose_name=_("retired"),
        help_text=_("No longer in the loaded HPO release; kept so that links to it still resolve."),
    )
    hpo_release = models.CharField(max_length=32, verbose_name=_("HPO release"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("disease")
        verbose_name_plural = _("diseases")

    def __str__(self) -> str:
        return f"{self.name} ({self.id})"


class KnowledgeLoad(models.Model):
    """An audit entry for each time the bundled knowledge was written to the database."""

    loaded_at = models.DateTimeField()
    hpo_release = models.CharField(max_length=32)
    digest = models.CharField(max_length=64, db_index=True)
    diseases = models.PositiveIntegerField()
    curated = models.PositiveIntegerField()
    created = models.PositiveIntegerField()
    updated = models.PositiveIntegerField()
    retired = models.PositiveIntegerField()

    class Meta:
        ordering = ["-loaded_at"]
        get_latest_by = "loaded_at"

    def __str__(self) -> str:
        return f"{self.hpo_release} at {self.loaded_at:%Y-%m-%d %H:%M} UTC"
