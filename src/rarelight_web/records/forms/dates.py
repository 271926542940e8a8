"""The window of dates a record accepts, 1900 to 2100, for every date field of its forms.

Outside it a date is a typo (0001, 9999): the charts, the calendar feed and the passport could not
place it, so the form says what is accepted instead of storing it."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2100, 12, 31)


def in_window(value: dt.date) -> None:
    day = value.date() if isinstance(value, dt.datetime) else value
    if not EARLIEST <= day <= LATEST:
        raise forms.ValidationError(
            _("Enter a date between %(first)s and %(last)s."),
            code="outside_window",
            params={"first": EARLIEST.isoformat(), "last": LATEST.isoformat()},
        )


def bound_dates(form: forms.BaseForm) -> None:
    """Give each date and date-time field of `form` the window."""
    for field in form.fields.values():
        if isinstance(field, forms.DateField | forms.DateTimeField):
            field.validators = [*field.validators, in_window]
