"""Deep brain stimulation and the symptom diary of a record."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .record import CareRecord


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
