"""The submission form (anyone), the moderator's edit form and decision form.

Views pass cleaned data to services.py, which checks the core rules again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.core.validators import URLValidator
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from rarelight.community import RESOURCE_CATEGORIES, TAGS, Limits, check_text
from rarelight.errors import InputError
from rarelight.knowledge import normalise_disease_id
from rarelight_web.catalog.models import Disease

from .models import Submission
from .services import Consent, Content

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

LIMITS = Limits()
HONEYPOT = "website"


class WebAddressField(forms.URLField):
    """A web address: http or https only (never javascript:, data: or file:)."""

    default_validators = [URLValidator(schemes=["http", "https"])]


class ContentForm(forms.Form):
    """What a submission says: shared by submitters (and their revisions) and moderators."""

    kind = forms.ChoiceField(
        label=_("What are you sharing?"),
        choices=Submission.Kind.choices,
        widget=forms.RadioSelect,
        initial=Submission.Kind.STORY,
    )
    title = forms.CharField(
        label=_("Title"),
        min_length=LIMITS.title_min,
        max_length=LIMITS.title_max,
    )
    body = forms.CharField(
        label=_("Your text"),
        max_length=LIMITS.body_max,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Plain text is fine. You can use **bold**, *italics*, lists (start a line with “- ”) "
            "and links; at most %(links)d links. No pictures or HTML."
        )
        % {"links": LIMITS.max_links},
    )
    category = forms.ChoiceField(
        label=_("Type of resource"),
        required=False,
        choices=[("", _("— only for resources —")), *RESOURCE_CATEGORIES.items()],
    )
    url = WebAddressField(
        label=_("Link to the resource"),
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": _("Enter a web address starting with https:// or http://.")},
        help_text=_("For resources: the address of the organisation, centre, study or guide."),
    )
    tags = forms.MultipleChoiceField(
        label=_("Topics"),
        required=False,
        choices=list(TAGS.items()),
        widget=forms.CheckboxSelectMultiple,
    )
    disease_id = forms.CharField(
        label=_("Disease (catalogue id)"),
        required=False,
        max_length=32,
        help_text=_(
            "Optional: the id of the disease this is about, e.g. OMIM:617284 for KMT2B-related "
            "dystonia. Leave empty if it is about rare diseases in general."
        ),
        widget=forms.TextInput(attrs={"list": "curated-diseases", "autocomplete": "off"}),
    )
    display_name = forms.CharField(
        label=_("Name to show"),
        required=False,
        max_length=LIMITS.display_name_max,
        help_text=_("Optional, e.g. a first name or “Ada's mum”. Leave empty to be anonymous."),
    )
    country = forms.ChoiceField(
        label=_("Country"),
        required=False,
        choices=[("", _("Prefer not to say")), *countries],
    )

    def clean_tags(self) -> list[str]:
        tags: list[str] = self.cleaned_data.get("tags", [])
        if len(tags) > LIMITS.max_tags:
            raise forms.ValidationError(
                _("Choose at most %(n)d topics."), params={"n": LIMITS.max_tags}
            )
        return tags

    def clean_disease_id(self) -> Disease | None:
        curie = self.cleaned_data.get("disease_id", "").strip()
        if not curie:
            return None
        prefix, _sep, local = curie.partition(":")
        disease = Disease.objects.filter(pk=f"{prefix.upper()}:{local.strip()}").first()
        if disease is None:
            raise forms.ValidationError(
                _(
                    "%(id)s is not in the catalogue. Use an id such as OMIM:617284, or leave it empty."
                ),
                params={"id": curie},
            )
        return disease

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for problem in check_text(data.get("title", ""), data.get("body", ""), LIMITS):
            if problem.location not in self.errors:
                self.add_error(problem.location, f"{problem.message} {problem.fix}")
        if data.get("kind") == Submission.Kind.RESOURCE:
            if not data.get("url") and "url" not in self.errors:
                self.add_error("url", _("A resource needs its link, starting with https://."))
            if not data.get("category"):
                self.add_error("category", _("Choose the type of resource."))
        return data

    def content(self) -> Content:
        data = self.cleaned_data
        return Content(
            kind=data["kind"],
            title=data["title"],
            body=data["body"],
            tags=tuple(data["tags"]),
            disease=data["disease_id"],
            category=data["category"] if data["kind"] == Submission.Kind.RESOURCE else "",
            url=data["url"],
            display_name=data["display_name"],
            country=data["country"],
        )

    @classmethod
    def initial_from(cls, submission: Submission) -> dict[str, object]:
        return {
            "kind": submission.kind,
            "title": submission.title,
            "body": submission.body,
            "category": submission.category,
            "url": submission.url,
            "tags": submission.tag_list,
            "disease_id": submission.disease_id or "",
            "display_name": submission.display_name,
            "country": submission.country.code or "",
        }


class SubmissionForm(ContentForm):
    """Open to anyone: the content, the consents, and a honeypot field people never see."""

    consent_to_publish = forms.BooleanField(
        label=_("I agree that Rarelight may publish this, after a moderator has read it."),
        error_messages={"required": _("Nothing is published without your consent: tick the box.")},
    )
    consent_to_contact = forms.BooleanField(
        label=_("A moderator may email me about this submission."),
        required=False,
    )
    contact_email = forms.EmailField(
        label=_("Your email address (only if you agree to be contacted)"),
        required=False,
        help_text=_("Only moderators see it. It is never shown on the site."),
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get(HONEYPOT):
            self.add_error(HONEYPOT, _("This field must stay empty."))
        wants_contact = data.get("consent_to_contact") and not data.get("contact_email")
        if wants_contact and "contact_email" not in self.errors:
            self.add_error(
                "contact_email", _("Give an email address, or untick “A moderator may email me”.")
            )
        return data

    def consent(self) -> Consent:
        data = self.cleaned_data
        return Consent(
            to_publish=data["consent_to_publish"],
            to_contact=data["consent_to_contact"],
            contact_email=data["contact_email"] if data["consent_to_contact"] else "",
        )


class DecisionForm(forms.Form):
    """Approve, reject with a reason, or ask for changes (the submitter sees the message)."""

    APPROVE, REJECT, CHANGES = "approve", "reject", "changes"
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (APPROVE, _("Approve and publish")),
            (CHANGES, _("Ask the submitter for changes")),
            (REJECT, _("Reject")),
        ],
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=_("Message to the submitter"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Needed to reject or ask for changes; the submitter sees it on their status page."
        ),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("decision") in {self.REJECT, self.CHANGES}
            and not data.get("message", "").strip()
        ):
            self.add_error(
                "message", _("Say why, or which changes are needed: the submitter sees it.")
            )
        return data


def _filter_choice(label: StrOrPromise, choices: list[tuple[str, Any]]) -> forms.ChoiceField:
    """An optional choice whose refusal lists the values accepted."""
    accepted = ", ".join(key for key, _label in choices)
    invalid = format_lazy(
        _("Select a valid choice. %(value)s is not one of the available choices; accepted: {}."),
        accepted,
    )
    return forms.ChoiceField(
        label=label, required=False, choices=choices, error_messages={"invalid_choice": invalid}
    )


class FilterForm(forms.Form):
    """The filters of the public pages (read from the query string) and of /api/community/items:
    one rule for both. A value that is not accepted (a NUL character, which PostgreSQL cannot
    compare; an unknown topic or kind; an overlong or malformed disease id) is left out on a page,
    and `problems()` says which filter and why; the API refuses it with the same words (`check`)."""

    CHOICES: dict[str, list[tuple[str, Any]]] = {
        "tag": list(TAGS.items()),
        "kind": Submission.Kind.choices,
    }
    q = forms.CharField(label=_("Search words"), required=False)
    tag = _filter_choice(_("Topic"), CHOICES["tag"])
    disease = forms.CharField(label=_("Disease"), required=False, max_length=32)
    kind = _filter_choice(_("Kind"), CHOICES["kind"])

    @classmethod
    def accepted(cls, name: str) -> list[str]:
        """The values a choice filter accepts, e.g. for the API's schema."""
        return [key for key, _label in cls.CHOICES[name]]

    @classmethod
    def check(cls, name: str, value: str) -> str:
        """One filter's accepted value (a disease id normalised); ValueError saying what was wrong
        and what is accepted if it is refused."""
        form = cls({name: value})
        if name in form.errors:
            raise ValueError(" ".join(str(message) for message in form.errors[name]))
        return form.value(name)

    def clean_disease(self) -> str:
        given: str = self.cleaned_data.get("disease", "").strip()
        try:
            return normalise_disease_id(given) if given else ""
        except InputError as error:
            raise forms.ValidationError(str(error)) from error

    def value(self, name: str) -> str:
        """The filter's accepted value, or "" when it was left out."""
        if name in self.errors:  # cleans the form once; a refused value is not in cleaned_data
            return ""
        return str(self.cleaned_data.get(name) or "")

    def problems(self) -> list[str]:
        """One sentence per filter left out: which one, and why."""
        return [
            _("%(filter)s: %(reason)s This filter was left out.")
            % {"filter": self.fields[name].label, "reason": " ".join(str(m) for m in messages)}
            for name, messages in self.errors.items()
        ]
