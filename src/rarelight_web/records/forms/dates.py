"""The window of dates a record accepts, 1900 to 2100, for every date field of its forms.

Outside it a date is a typo (0001, 9999): the charts, the calendar feed and the passport could not
place it, so the form says what is accepted instead of storing it. Every record form derives from
`RecordForm` or `RecordModelForm`, which give each of its date and date-time fields the window, so a
new form or field cannot forget it."""

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
    """Give each date and date-time field of `form` the window (once)."""
    for field in form.fields.values():
        dated = isinstance(field, forms.DateField | forms.DateTimeField)
        if dated and in_window not in field.validators:
            field.validators = [*field.validators, in_window]


class DateWindow(forms.BaseForm):
    """Mixin: the window on every date field the form has when it is cleaned, including fields a
    subclass adds or replaces in its own `__init__`."""

    def full_clean(self) -> None:
        bound_dates(self)
        super().full_clean()


class RecordForm(DateWindow, forms.Form):
    """Base of the record's plain forms."""


class RecordModelForm(DateWindow, forms.ModelForm):  # type: ignore[type-arg]
    """Base of the record's model forms."""
