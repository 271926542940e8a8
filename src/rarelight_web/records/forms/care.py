"""Forms of the record, its circle, and its care entries (team, appointments, medicines, DBS)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rarelight_web.catalog.models import Disease
from rarelight_web.records.models import (
    Appointment,
    CareRecord,
    DbsImplant,
    DbsSession,
    Medicine,
    TeamMember,
)
from rarelight_web.records.roles import Role

from .dates import RecordForm, RecordModelForm


class CareRecordForm(RecordModelForm):
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


class InviteForm(RecordForm):
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


class TeamMemberForm(RecordModelForm):
    """One person on the care team: a recommended role or another one with its title, and contacts."""

    role = forms.ChoiceField(label=_("Role"))

    class Meta:
        model = TeamMember
        fields = ("role", "custom_title", "name", "organisation", "phone", "email", "notes")
        labels = {
            "custom_title": _("Title of the role (for “Another role”)"),
            "name": _("Name"),
            "organisation": _("Hospital, clinic or practice (optional)"),
            "phone": _("Phone (optional)"),
            "email": _("Email address (optional)"),
            "notes": _("Notes (optional)"),
        }
        help_texts = {
            "custom_title": _("For example: Dietitian, Gastroenterologist, School nurse."),
            "name": _("A person, or the clinic if you do not know who yet."),
            "phone": _("The number the family calls, e.g. +44 20 7946 0000."),
        }
        widgets = {
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, roles: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        role_field = self.fields["role"]
        assert isinstance(role_field, forms.ChoiceField)
        role_field.choices = [*roles, (TeamMember.CUSTOM, _("Another role (give its title)"))]
        role_field.error_messages["invalid_choice"] = _(
            "Choose a role from the list, or “Another role” with its title."
        )
        self.fields["name"].error_messages["required"] = _(
            "Give a name: a person, or the clinic if you do not know who yet."
        )
        self.fields["email"].error_messages["invalid"] = _(
            "Enter an email address such as name@example.org, or leave it empty."
        )

    def clean_phone(self) -> str:
        phone: str = self.cleaned_data.get("phone", "").strip()
        if phone and not _PHONE.fullmatch(phone):
            raise forms.ValidationError(
                _("Enter a phone number using digits, spaces, +, - and brackets only.")
            )
        return phone

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if cleaned.get("role") == TeamMember.CUSTOM:
            if not (cleaned.get("custom_title") or "").strip():
                self.add_error("custom_title", _("Give the role a title, e.g. Dietitian."))
        else:
            cleaned["custom_title"] = ""
        return cleaned


class AppointmentForm(RecordModelForm):
    """When (UTC), with whom (free text or someone on the care team), why, where, notes, follow-up."""

    class Meta:
        model = Appointment
        fields = (
            "starts_at",
            "duration_minutes",
            "team_member",
            "with_whom",
            "reason",
            "location",
            "notes",
            "follow_up",
        )
        labels = {
            "starts_at": _("Date and time (UTC)"),
            "duration_minutes": _("Length in minutes (optional)"),
            "team_member": _("Someone on the care team (optional)"),
            "with_whom": _("With whom"),
            "reason": _("Why (optional)"),
            "location": _("Where (optional)"),
            "notes": _("Notes (optional)"),
            "follow_up": _("Follow-up (optional)"),
        }
        help_texts = {
            "starts_at": _("Times are kept and shown in UTC (Coordinated Universal Time)."),
            "with_whom": _(
                "A person or a clinic. Leave it empty to use the care team member chosen above."
            ),
            "reason": _("For example: DBS programming review."),
            "follow_up": _("What to do afterwards: tests, referrals, the next visit."),
        }
        widgets = {
            "starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "follow_up": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, record: CareRecord, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        member_field = self.fields["team_member"]
        assert isinstance(member_field, forms.ModelChoiceField)
        member_field.queryset = TeamMember.objects.filter(record=record).order_by("name", "id")
        member_field.empty_label = _("(nobody from the care team)")
        member_field.error_messages["invalid_choice"] = _(
            "Choose someone from this record's care team, or leave it empty."
        )
        starts = self.fields["starts_at"]
        starts.error_messages["required"] = _("Give the date and time of the appointment.")
        starts.error_messages["invalid"] = _(
            "Enter a date and time such as 2027-01-05 09:30 (UTC)."
        )
        duration = self.fields["duration_minutes"]
        assert isinstance(duration, forms.IntegerField)
        # One clear message (clean_duration_minutes) instead of the database limits' generic ones.
        duration.validators = [v for v in duration.validators if not hasattr(v, "limit_value")]
        duration.widget.attrs.update({"min": 1, "max": 24 * 60})
        duration.error_messages["invalid"] = _("Give the length as a whole number of minutes.")

    def clean_duration_minutes(self) -> int | None:
        minutes: int | None = self.cleaned_data.get("duration_minutes")
        if minutes is not None and not 1 <= minutes <= 24 * 60:
            raise forms.ValidationError(_("The length must be between 1 minute and 24 hours."))
        return minutes

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        who = (cleaned.get("with_whom") or "").strip()
        if not who and cleaned.get("team_member") is None and "team_member" not in self.errors:
            self.add_error(
                "with_whom",
                _(
                    "Say who the appointment is with: a person, a clinic, or someone on the care team."
                ),
            )
        return cleaned


class MedicineForm(RecordModelForm):
    """A medicine: name, dose, when it is taken, start and stop dates, why, and how it is going."""

    class Meta:
        model = Medicine
        fields = (
            "name",
            "dose",
            "schedule",
            "started_on",
            "stopped_on",
            "reason",
            "response",
            "side_effects",
            "notes",
        )
        labels = {
            "name": _("Name of the medicine"),
            "dose": _("Dose (optional)"),
            "schedule": _("When it is taken (optional)"),
            "started_on": _("Started on"),
            "stopped_on": _("Stopped on (optional)"),
            "reason": _("Why it was given (optional)"),
            "response": _("How is it going?"),
            "side_effects": _("Side effects (optional)"),
            "notes": _("Notes (optional)"),
        }
        help_texts = {
            "name": _("For example: trihexyphenidyl, or the name on the box."),
            "dose": _("For example: 2 mg, or 5 ml."),
            "schedule": _("For example: three times a day, or at bedtime."),
            "stopped_on": _(
                "Leave it empty while it is still taken. A date later than today plans the stop."
            ),
            "reason": _("For example: dystonia in the legs."),
            "response": _("Since starting this medicine, are things better, the same or worse?"),
            "side_effects": _("Anything that changed that might be caused by the medicine."),
        }
        widgets = {
            "started_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "stopped_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "side_effects": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].error_messages["required"] = _("Give the name of the medicine.")
        started = self.fields["started_on"]
        started.error_messages["required"] = _("Give the date the medicine was started.")
        started.error_messages["invalid"] = _("Enter a date such as 2026-11-25.")
        self.fields["stopped_on"].error_messages["invalid"] = _(
            "Enter a date such as 2026-11-25, or leave it empty."
        )
        self.fields["response"].error_messages["invalid_choice"] = _(
            "Choose how it is going: better, the same, worse, or not yet known."
        )

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        started, stopped = cleaned.get("started_on"), cleaned.get("stopped_on")
        if started is not None and stopped is not None and stopped < started:
            self.add_error(
                "stopped_on", _("The “stopped on” date cannot be before the “started on” date.")
            )
        return cleaned


DATE_INVALID = _("Enter a date such as 2026-11-25.")


class DbsImplantForm(RecordModelForm):
    """A DBS implant: the date, the target (GPi unless said otherwise), the device and notes."""

    class Meta:
        model = DbsImplant
        fields = ("implanted_on", "target", "device", "notes")
        labels = {
            "implanted_on": _("Implanted on"),
            "target": _("Target"),
            "device": _("Device (optional)"),
            "notes": _("Notes (optional)"),
        }
        help_texts = {
            "target": _("Where the leads were placed; for dystonia this is usually GPi."),
            "device": _("For example: the make and model of the stimulator, or rechargeable."),
        }
        widgets = {
            "implanted_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        implanted = self.fields["implanted_on"]
        implanted.error_messages["required"] = _("Give the date of the implant.")
        implanted.error_messages["invalid"] = DATE_INVALID
        self.fields["target"].error_messages["invalid_choice"] = _(
            "Choose the target: GPi, STN or other."
        )
        self.fields["target"].required = False

    def clean_target(self) -> str:
        """GPi unless another target is chosen."""
        return str(self.cleaned_data.get("target") or DbsImplant.Target.GPI)


DBS_SIDE_FIELDS = ("contacts", "amplitude", "unit", "pulse_width_us", "frequency_hz")


class DbsSessionForm(RecordModelForm):
    """A programming session: the date, each side's settings, notes. The ranges are checked by the
    service (services.add_dbs_session), which names the field and the accepted range."""

    class Meta:
        model = DbsSession
        fields = (
            "programmed_on",
            *(f"left_{name}" for name in DBS_SIDE_FIELDS),
            *(f"right_{name}" for name in DBS_SIDE_FIELDS),
            "notes",
        )
        labels = {
            "programmed_on": _("Date of the session"),
            "left_contacts": _("Left contacts"),
            "left_amplitude": _("Left amplitude"),
            "left_unit": _("Left amplitude unit"),
            "left_pulse_width_us": _("Left pulse width (µs)"),
            "left_frequency_hz": _("Left frequency (Hz)"),
            "right_contacts": _("Right contacts"),
            "right_amplitude": _("Right amplitude"),
            "right_unit": _("Right amplitude unit"),
            "right_pulse_width_us": _("Right pulse width (µs)"),
            "right_frequency_hz": _("Right frequency (Hz)"),
            "notes": _("Notes (optional)"),
        }
        help_texts = {
            "left_contacts": _(
                "For example: 1-, C+. Leave the whole side empty if it is not used."
            ),
            "left_amplitude": _("From 0 to 10."),
            "left_pulse_width_us": _("From 10 to 450 µs."),
            "left_frequency_hz": _("From 2 to 250 Hz."),
            "right_contacts": _(
                "For example: 9-, C+. Leave the whole side empty if it is not used."
            ),
            "right_amplitude": _("From 0 to 10."),
            "right_pulse_width_us": _("From 10 to 450 µs."),
            "right_frequency_hz": _("From 2 to 250 Hz."),
        }
        widgets = {
            "programmed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        programmed = self.fields["programmed_on"]
        programmed.error_messages["required"] = _("Give the date of the session.")
        programmed.error_messages["invalid"] = DATE_INVALID
        for side, name in (("left", _("Left")), ("right", _("Right"))):
            amplitude = self.fields[f"{side}_amplitude"].error_messages
            amplitude["invalid"] = _("%(side)s amplitude: enter a number such as 2.5.") % {
                "side": name
            }
            for code in ("max_digits", "max_whole_digits", "max_decimal_places"):
                amplitude[code] = _(
                    "%(side)s amplitude must be between 0 and 10 (mA or V), "
                    "with at most 2 decimals."
                ) % {"side": name}
            for field, what in (
                ("pulse_width_us", _("pulse width")),
                ("frequency_hz", _("frequency")),
            ):
                self.fields[f"{side}_{field}"].error_messages["invalid"] = _(
                    "%(side)s %(what)s: enter a whole number."
                ) % {"side": name, "what": what}
            for field, message in (
                ("pulse_width_us", _("%(side)s pulse width must be between 10 and 450 µs.")),
                ("frequency_hz", _("%(side)s frequency must be between 2 and 250 Hz.")),
            ):
                errors = self.fields[f"{side}_{field}"].error_messages
                errors["min_value"] = errors["max_value"] = message % {"side": name}
            self.fields[f"{side}_unit"].required = False
            self.fields[f"{side}_unit"].error_messages["invalid_choice"] = _(
                "%(side)s side: choose mA or V."
            ) % {"side": name}

    def side(self, side: str) -> dict[str, Any]:
        """The cleaned settings of one side, as services.add_dbs_session takes them."""
        return {name: self.cleaned_data[f"{side}_{name}"] for name in DBS_SIDE_FIELDS}


_PHONE = re.compile(r"\+?[0-9 ()\-./]{3,38}[0-9]")
