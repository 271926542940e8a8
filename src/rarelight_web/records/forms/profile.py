"""Forms of what the record knows about the condition, and of therapies and milestones."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rarelight_web.records.models import CareRecord, Feature, GeneticVariant, Milestone, Therapy
from rarelight_web.records.uploads import ACCEPTED, too_large_message

from .care import DATE_INVALID
from .dates import RecordForm, RecordModelForm

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _dates(form: forms.BaseForm, required: dict[str, str]) -> None:
    """Plain-words errors for the form's date fields (RecordForm gives them the window)."""
    for name, field in form.fields.items():
        if isinstance(field, forms.DateField):
            field.error_messages["invalid"] = DATE_INVALID
            if name in required:
                field.error_messages["required"] = required[name]


class CareNotesForm(RecordModelForm):
    """Allergies and emergency notes: what the care passport shows a clinician first."""

    class Meta:
        model = CareRecord
        fields = ("allergies", "emergency_do", "emergency_avoid", "emergency_call")
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in fields}


class GeneticVariantForm(RecordModelForm):
    """One reported variant. The notation is checked by the service, which names the field."""

    class Meta:
        model = GeneticVariant
        fields = (
            "gene",
            "hgvs_c",
            "hgvs_p",
            "zygosity",
            "inheritance",
            "classification",
            "laboratory",
            "reported_on",
            "notes",
        )
        labels = {
            "hgvs_p": _("Protein change (p.), optional"),
            "laboratory": _("Laboratory (optional)"),
            "reported_on": _("Date of the report (optional)"),
            "notes": _("Notes (optional)"),
        }
        help_texts = {
            "gene": _("As on the report, e.g. KMT2B."),
            "hgvs_c": _("As on the report, e.g. NM_014727.3:c.2233C>T."),
            "hgvs_p": _("For example p.(Arg745*)."),
        }
        widgets = {"reported_on": _DATE, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gene"].error_messages["required"] = _("Give the gene, e.g. KMT2B.")
        self.fields["hgvs_c"].error_messages["required"] = _(
            "Give the variant as on the report, e.g. c.2233C>T."
        )
        for name in ("zygosity", "inheritance", "classification"):
            self.fields[name].required = False  # "not known" unless said
        _dates(self, {})


class FeatureForm(RecordForm):
    """A feature to add: an HPO term (found by the search beside the form), present or not."""

    hpo_id = forms.CharField(
        label=_("HPO term"),
        max_length=10,
        help_text=_("Search above and choose a term, or type its id, e.g. HP:0001332."),
        error_messages={"required": _("Choose a term from the search, or type its HPO id.")},
    )
    excluded = forms.TypedChoiceField(
        label=_("Is it present?"),
        choices=[("false", _("Yes, present")), ("true", _("Checked, and not present"))],
        coerce=lambda value: value == "true",
        initial="false",
        widget=forms.RadioSelect,
    )
    noticed_on = forms.DateField(
        label=_("First noticed on (optional)"), required=False, widget=_DATE
    )
    notes = forms.CharField(
        label=_("Notes (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _dates(self, {})


class FeatureChangeForm(RecordModelForm):
    """Change a feature: present or not, when first noticed, notes (the term itself stays)."""

    class Meta:
        model = Feature
        fields = ("excluded", "noticed_on", "notes")
        labels = {
            "excluded": _("Checked, and not present"),
            "noticed_on": _("First noticed on (optional)"),
            "notes": _("Notes (optional)"),
        }
        widgets = {"noticed_on": _DATE, "notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _dates(self, {})


class ReportForm(RecordForm):
    """A report to upload: the file (checked by content in the service) and what it is."""

    upload = forms.FileField(
        label=_("File (PDF, PNG or JPEG)"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join([*ACCEPTED, *ACCEPTED.values(), ".jpeg"])}
        ),
        error_messages={
            "required": _("Choose the file to upload."),
            "empty": _("The file is empty."),
        },
    )
    title = forms.CharField(
        label=_("What it is (optional)"),
        required=False,
        max_length=160,
        help_text=_("For example: Exome report, March 2024. The file's name is used if empty."),
    )

    def __init__(self, *args: Any, oversized: list[str] | None = None, **kwargs: Any) -> None:
        """`oversized`: names of files the upload handler dropped for being over the limit."""
        super().__init__(*args, **kwargs)
        self.oversized = oversized or []
        if self.oversized:
            self.fields["upload"].required = False

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        for name in self.oversized:
            self.add_error("upload", too_large_message(name))
        return cleaned


class TherapyForm(RecordModelForm):
    class Meta:
        model = Therapy
        fields = ("kind", "provider", "started_on", "ended_on", "how_often", "goals", "notes")
        labels = {
            "provider": _("With whom (optional)"),
            "ended_on": _("Ended on (leave empty if still going)"),
            "how_often": _("How often (optional)"),
            "goals": _("Goals (optional)"),
            "notes": _("Notes (optional)"),
        }
        widgets = {
            "started_on": _DATE,
            "ended_on": _DATE,
            "goals": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _dates(self, {"started_on": str(_("Give the date the therapy started."))})


class MilestoneForm(RecordModelForm):
    class Meta:
        model = Milestone
        fields = ("on", "kind", "title", "result")
        labels = {"result": _("Result or notes (optional)")}
        help_texts = {"title": _("For example: Hearing test, Started primary school.")}
        widgets = {"on": _DATE, "result": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _dates(self, {"on": str(_("Give the date."))})
