"""Forms for a record's details and for invitations; views pass cleaned data to services.py."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rarelight_web.catalog.models import Disease

from .models import CareRecord
from .roles import Role


class CareRecordForm(forms.ModelForm):  # type: ignore[type-arg]
    """Name, date of birth, sex, and a diagnosis from the catalogue by its id (e.g. OMIM:617284)."""

    diagnosis_id = forms.CharField(
        label=_("Diagnosis (catalogue id)"),
        required=False,
        max_length=32,
        help_text=_(
            "Optional: the id of a disease in the Rarelight catalogue, e.g. OMIM:617284 for "
            "KMT2B-related dystonia. Use “Find a disease” to look an id up."
        ),
        widget=forms.TextInput(attrs={"list": "curated-diseases", "autocomplete": "off"}),
    )

    class Meta:
        model = CareRecord
        fields = ("display_name", "date_of_birth", "sex")
        widgets = {
            "date_of_birth": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args: Any, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        if self.instance.diagnosis_id:
            self.initial.setdefault("diagnosis_id", self.instance.diagnosis_id)

    def clean_date_of_birth(self) -> dt.date | None:
        born: dt.date | None = self.cleaned_data.get("date_of_birth")
        if born is not None and born > self.today:
            raise forms.ValidationError(_("The date of birth cannot be in the future."))
        return born

    def clean_diagnosis_id(self) -> Disease | None:
        curie = self.cleaned_data.get("diagnosis_id", "").strip()
        if not curie:
            return None
        prefix, _sep, local = curie.partition(":")
        disease = Disease.objects.filter(pk=f"{prefix.upper()}:{local}").first()
        if disease is None:
            raise forms.ValidationError(
                _("%(id)s is not in the catalogue. Use an id such as OMIM:617284."),
                params={"id": curie},
            )
        return disease


class InviteForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Role.choices,
        initial=Role.VIEWER,
        help_text=_(
            "Guardian: everything, including the circle. Family: read and edit. "
            "Clinician: read, and later clinical notes and scores. Viewer: read only."
        ),
    )
    email = forms.EmailField(
        label=_("Their email address (optional)"),
        required=False,
        help_text=_(
            "If you give one, we email them the link and only that account can accept it. "
            "Otherwise, share the link yourself."
        ),
    )
