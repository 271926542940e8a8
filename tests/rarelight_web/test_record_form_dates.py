"""Every date field of every record form refuses a date outside 1900–2100 and says which dates it
accepts. The forms are discovered by walking the records app, so a new form is checked too."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
from typing import Any

import pytest
from django import forms
from tests.rarelight_web.factories import make_record

import rarelight_web.records
from rarelight_web.records import forms as record_forms
from rarelight_web.records.forms import EARLIEST, LATEST, DateWindow

pytestmark = pytest.mark.django_db

WINDOW = f"Enter a date between {EARLIEST.isoformat()} and {LATEST.isoformat()}."
BASES = {DateWindow, record_forms.RecordForm, record_forms.RecordModelForm}


def _all_subclasses(cls: type) -> set[type]:
    found: set[type] = set()
    for sub in cls.__subclasses__():
        found |= {sub, *_all_subclasses(sub)}
    return found


def record_form_classes() -> list[type[forms.BaseForm]]:
    """Every form class defined anywhere in the records app (migrations aside)."""
    package = rarelight_web.records
    for module in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
        if ".migrations" not in module.name:
            importlib.import_module(module.name)
    return sorted(
        (
            cls
            for cls in _all_subclasses(forms.BaseForm)
            if cls.__module__.startswith(f"{package.__name__}.") and cls not in BASES
        ),
        key=lambda cls: f"{cls.__module__}.{cls.__qualname__}",
    )


FORMS = record_form_classes()


def build(form_class: type[forms.BaseForm], data: dict[str, str] | None) -> forms.BaseForm:
    """The form, given what its constructor needs (a record, today, the team's roles)."""
    known: dict[str, Any] = {
        "today": dt.date(2026, 11, 25),
        "record": make_record,
        "roles": lambda: [("neurologist", "Neurologist")],
    }
    kwargs: dict[str, Any] = {}
    for name, param in inspect.signature(form_class.__init__).parameters.items():
        if param.kind is param.KEYWORD_ONLY and param.default is param.empty:
            assert name in known, f"{form_class.__name__} needs {name}=…: add it to `known`"
            value = known[name]
            kwargs[name] = value() if callable(value) else value
    return form_class(data, **kwargs)


def test_discovery_finds_every_exported_record_form() -> None:
    exported = {getattr(record_forms, name) for name in record_forms.__all__}
    assert {cls for cls in exported if isinstance(cls, type) and cls not in BASES} <= set(FORMS)


@pytest.mark.parametrize("form_class", FORMS, ids=lambda cls: cls.__name__)
def test_every_record_form_gets_the_window_from_its_base(form_class: type) -> None:
    """Also the forms with no date yet: a date field added later is bounded without a thought."""
    assert issubclass(form_class, DateWindow), (
        f"{form_class.__name__}: derive from RecordForm or RecordModelForm"
    )


@pytest.mark.parametrize("form_class", FORMS, ids=lambda cls: cls.__name__)
def test_each_date_field_refuses_dates_outside_the_window(form_class: type) -> None:
    empty = build(form_class, None)
    dated = {
        name: isinstance(field, forms.DateTimeField)
        for name, field in empty.fields.items()
        if isinstance(field, forms.DateField | forms.DateTimeField)
    }
    for name, with_time in dated.items():
        for day in (EARLIEST - dt.timedelta(days=1), LATEST + dt.timedelta(days=1)):
            value = f"{day.isoformat()}T12:00" if with_time else day.isoformat()
            form = build(form_class, {name: value})
            assert WINDOW in form.errors.get(name, []), (form_class.__name__, name, value)
        for day in (EARLIEST, LATEST):  # the ends are in; another rule may still refuse one
            value = f"{day.isoformat()}T12:00" if with_time else day.isoformat()
            form = build(form_class, {name: value})
            assert WINDOW not in form.errors.get(name, []), (form_class.__name__, name, value)


def test_some_record_forms_have_dates() -> None:
    """The sweep above is not empty: the record's forms hold date and date-time fields."""
    kinds = {
        type(field)
        for form_class in FORMS
        for field in build(form_class, None).fields.values()
        if isinstance(field, forms.DateField | forms.DateTimeField)
    }
    assert kinds == {forms.DateField, forms.DateTimeField}
