"""The diary form: date, affected regions, the three rating scales, notes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rarelight.care import BADS_REGIONS, BFM_DISABILITY_ITEMS, BFM_REGIONS, ScaleLevel
from rarelight_web.records.models import DiaryEntry

from .care import DATE_INVALID
from .dates import RecordForm


def _level_choices(accepted: tuple[ScaleLevel, ...]) -> list[tuple[str, object]]:
    return [("", _("Not scored")), *((str(lv.value), f"{lv.value}: {lv.label}") for lv in accepted)]


BFM_FIELDS = tuple(
    name for region in BFM_REGIONS for name in (region.provoking_field, region.severity_field)
)


DISABILITY_PREFIX = "disability_"
BADS_PREFIX = "bads_"


def _scale_choice(label: str, accepted: tuple[ScaleLevel, ...]) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=_level_choices(accepted),
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": _("Choose a level from the list.")},
    )


class DiaryEntryForm(RecordForm):
    """A diary entry: the date, the affected regions, optional ratings, and notes.

    The ratings are the BFMDRS movement scale (two selects per region: provoking and severity
    factor, 0–4), the BFMDRS disability scale (seven activities) and the Barry–Albright scale
    (eight regions, 0–4). A scale with any item filled needs all of them; totals are worked out by
    the service, never taken from the form.
    """

    on = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Give the date of the entry."),
            "invalid": DATE_INVALID,
        },
    )
    regions = forms.MultipleChoiceField(
        label=_("Affected body regions (optional)"),
        choices=DiaryEntry.Region.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose body regions from the list.")},
    )
    notes = forms.CharField(
        label=_("Notes (optional)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for region in BFM_REGIONS:
            for name, factor, accepted in (
                (region.provoking_field, _("provoking factor"), region.provoking),
                (region.severity_field, _("severity factor"), region.severity),
            ):
                self.fields[name] = _scale_choice(f"{region.title}: {factor}", accepted)
        for item in BFM_DISABILITY_ITEMS:
            self.fields[DISABILITY_PREFIX + item.key] = _scale_choice(item.title, item.levels)
        for item in BADS_REGIONS:
            self.fields[BADS_PREFIX + item.key] = _scale_choice(item.title, item.levels)
            self.fields[BADS_PREFIX + item.key].help_text = item.signs

    @classmethod
    def initial_from(cls, entry: DiaryEntry) -> dict[str, object]:
        """The form's initial values for changing an entry."""
        initial: dict[str, object] = {
            "on": entry.on,
            "regions": entry.regions,
            "notes": entry.notes,
            **(entry.bfm_movement or {}),
        }
        for prefix, items in ((DISABILITY_PREFIX, entry.bfm_disability), (BADS_PREFIX, entry.bads)):
            initial.update({prefix + key: value for key, value in (items or {}).items()})
        return initial

    @property
    def entry_fields(self) -> list[forms.BoundField]:
        """The date, regions and notes, for the template."""
        return [self["on"], self["regions"], self["notes"]]

    @property
    def bfm_groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        """Per BFMDRS region: its title and its two bound fields, for the template."""
        return [
            (region.title, [self[region.provoking_field], self[region.severity_field]])
            for region in BFM_REGIONS
        ]

    @property
    def disability_fields(self) -> list[forms.BoundField]:
        return [self[DISABILITY_PREFIX + item.key] for item in BFM_DISABILITY_ITEMS]

    @property
    def bads_fields(self) -> list[forms.BoundField]:
        return [self[BADS_PREFIX + item.key] for item in BADS_REGIONS]

    def _scales(self) -> tuple[tuple[str, ...], ...]:
        return (
            BFM_FIELDS,
            tuple(DISABILITY_PREFIX + item.key for item in BFM_DISABILITY_ITEMS),
            tuple(BADS_PREFIX + item.key for item in BADS_REGIONS),
        )

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        incomplete = (
            _("Score every BFMDRS item, or leave the whole scale empty."),
            _("Score every disability item, or leave the whole scale empty."),
            _("Score every Barry–Albright region, or leave the whole scale empty."),
        )
        for names, message in zip(self._scales(), incomplete, strict=True):
            if any(cleaned.get(name) is not None for name in names):
                for name in names:
                    if name in cleaned and cleaned[name] is None:
                        self.add_error(name, message)
        return cleaned

    def _items(self, names: tuple[str, ...], prefix: str) -> dict[str, object] | None:
        values = {name[len(prefix) :]: self.cleaned_data.get(name) for name in names}
        if all(value is None for value in values.values()):
            return None
        return values

    def bfm_movement(self) -> dict[str, object] | None:
        """The 18 BFMDRS items as the service takes them, or None if the scale was left empty."""
        return self._items(self._scales()[0], "")

    def bfm_disability(self) -> dict[str, object] | None:
        """The seven disability items keyed as the service takes them, or None if left empty."""
        return self._items(self._scales()[1], DISABILITY_PREFIX)

    def bads(self) -> dict[str, object] | None:
        """The eight Barry–Albright regions keyed as the service takes them, or None if empty."""
        return self._items(self._scales()[2], BADS_PREFIX)
