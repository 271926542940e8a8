"""What a record knows about the person's condition: genetic results, HPO-coded features, reports."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .record import CareRecord


class GeneticVariant(models.Model):
    """One variant of a genetic test result, in HGVS notation as the laboratory reported it."""

    class Zygosity(models.TextChoices):
        HETEROZYGOUS = "heterozygous", _("heterozygous (one copy)")
        HOMOZYGOUS = "homozygous", _("homozygous (both copies)")
        HEMIZYGOUS = "hemizygous", _("hemizygous (X chromosome in a male)")
        UNKNOWN = "unknown", _("not known")

    class Inheritance(models.TextChoices):
        DE_NOVO = "de_novo", _("de novo (new in the child)")
        MATERNAL = "maternal", _("inherited from the mother")
        PATERNAL = "paternal", _("inherited from the father")
        INHERITED = "inherited", _("inherited, parent not given")
        UNKNOWN = "unknown", _("not known (parents not tested)")

    class Classification(models.TextChoices):
        PATHOGENIC = "pathogenic", _("pathogenic")
        LIKELY_PATHOGENIC = "likely_pathogenic", _("likely pathogenic")
        UNCERTAIN = "uncertain", _("uncertain significance (VUS)")
        UNKNOWN = "unknown", _("not given")

    record = models.ForeignKey(CareRecord, on_delete=models.CASCADE, related_name="variants")
    gene = models.CharField(max_length=32, verbose_name=_("gene"))
    hgvs_c = models.CharField(max_length=200, verbose_name=_("variant (c. or g. notation)"))
    hgvs_p = models.CharField(max_length=200, blank=True, verbose_name=_("protein change (p.)"))
    zygosity = models.CharField(max_length=16, choices=Zygosity.choices, default=Zygosity.UNKNOWN)
    inheritance = models.CharField(
        max_length=16, choices=Inheritance.choices, default=Inheritance.UNKNOWN
    )
    classification = models.CharField(
        max_length=20, choices=Classification.choices, default=Classification.UNKNOWN
    )
    laboratory = models.CharField(max_length=160, blank=True, verbose_name=_("laboratory"))
    reported_on = models.DateField(null=True, blank=True, verbose_name=_("date of the report"))
    notes = models.TextField(blank=True, max_length=2000, verbose_name=_("notes"))
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["gene", "id"]
        verbose_name = _("genetic variant")

    def __str__(self) -> str:
        return f"{self.gene} {self.hgvs_c}"


class Feature(models.Model):
    """A clinical feature as an HPO term, observed or excluded, with when it was first noticed."""

    record = models.ForeignKey(CareRecord, on_delete=models.CASCADE, related_name="features")
    hpo_id = models.CharField(max_length=10, verbose_name=_("HPO term"))
    label = models.CharField(max_length=255)  # the term's name in the release it was chosen from
    excluded = models.BooleanField(default=False, verbose_name=_("checked and not present"))
    noticed_on = models.DateField(null=True, blank=True, verbose_name=_("first noticed on"))
    notes = models.TextField(blank=True, max_length=1000, verbose_name=_("notes"))
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["excluded", "noticed_on", "label", "id"]
        constraints = [
            models.UniqueConstraint(fields=["record", "hpo_id"], name="one_feature_per_term")
        ]

    def __str__(self) -> str:
        return f"{'not ' if self.excluded else ''}{self.label} ({self.hpo_id})"


def report_path(report: ReportFile, filename: str) -> str:
    """A random name under the record's folder: the uploader's file name is never used on disk."""
    suffix = PurePath(filename).suffix.lower()
    return f"records/{report.record_id}/{uuid.uuid4().hex}{suffix}"


class ReportFile(models.Model):
    """An uploaded report (PDF or image), checked by content, kept under a random name."""

    record = models.ForeignKey(CareRecord, on_delete=models.CASCADE, related_name="reports")
    file = models.FileField(upload_to=report_path, max_length=255)
    title = models.CharField(max_length=160, verbose_name=_("what it is"))
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title
