"""Sign-up and sign-in forms; sign-in is throttled (see throttle.py)."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, BaseUserCreationForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import throttle
from .models import User, normalise_email


class SignUpForm(BaseUserCreationForm):  # type: ignore[type-arg]
    """Email address, a display name, and a password typed twice."""

    class Meta:
        model = User
        fields = ("email", "display_name")
        widgets = {
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "display_name": forms.TextInput(attrs={"autocomplete": "name"}),
        }

    def clean_email(self) -> str:
        return normalise_email(self.cleaned_data["email"])


class SignInForm(AuthenticationForm):
    """Email and password; refused for a while after too many failures for the address or the IP."""

    username = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    remember = forms.BooleanField(
        label=_("Keep me signed in on this device for two weeks"),
        required=False,
        help_text=_(
            "Leave unticked on a shared computer: you are signed out when the browser closes."
        ),
    )
    error_messages = {
        "invalid_login": _(
            "That email address and password do not match an account. Check both and try again."
        ),
        "inactive": _("This account is inactive."),
    }

    def __init__(
        self, request: HttpRequest | None = None, *args: Any, now: dt.datetime, **kwargs: Any
    ) -> None:
        self.now = now
        super().__init__(request, *args, **kwargs)

    def _ip(self) -> str | None:
        return self.request.META.get("REMOTE_ADDR") if self.request is not None else None

    def clean(self) -> dict[str, Any]:
        email = self.cleaned_data.get("username")
        if not email or not self.cleaned_data.get("password"):
            return self.cleaned_data
        wait = throttle.retry_after(email, self._ip(), self.now)
        if wait is not None:
            minutes = max(1, math.ceil(wait.total_seconds() / 60))
            raise ValidationError(
                ngettext(
                    "Too many sign-in attempts. Please try again in %(minutes)d minute.",
                    "Too many sign-in attempts. Please try again in %(minutes)d minutes.",
                    minutes,
                )
                % {"minutes": minutes},
                code="throttled",
            )
        try:
            cleaned = super().clean()
        except ValidationError as error:
            if error.code == "invalid_login":
                throttle.record_failure(email, self._ip(), self.now)
            raise
        throttle.record_success(email)
        return cleaned
