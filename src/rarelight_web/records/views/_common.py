"""What every record page shares: the clock, the signed-in user, and the add/edit/remove shape.

Each entry page is "record_access first, then a form that a service saves"; `entry_form` and
`confirm_remove` hold that shape once, and put a service's refusal back on the form field it names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect, render

from rarelight_web.accounts.models import User
from rarelight_web.records import services
from rarelight_web.records.access import Access

T = TypeVar("T")


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def signed_in(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User), "login_required or record_access comes first"
    return user


def refused_on_form(form: forms.BaseForm, refused: services.EntryError) -> str:
    """Put a service's reasons on the fields they name; return what names no field of the form."""
    left: list[str] = []
    for problem in refused.problems:
        if problem.location in form.fields:
            form.add_error(problem.location, f"{problem.message} ({problem.fix})")
        else:
            left.append(str(problem))
    if refused.field in form.fields:
        form.add_error(refused.field, str(refused))
    elif not refused.problems or left:
        left.insert(0, str(refused))
    return " ".join(left)


def entry_form(
    request: HttpRequest,
    access: Access,
    form: forms.BaseForm,
    *,
    save: Callable[[], T],
    template: str,
    done: str,
    success: str | Callable[[T], str],
    **context: object,
) -> HttpResponseBase:
    """Show the form; on a valid POST call `save`, then go to `done` with `success` said (a
    callable success message is given what `save` returned)."""
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            saved = save()
        except services.EntryError as refused:
            error = refused_on_form(form, refused)
        else:
            messages.success(request, success if isinstance(success, str) else success(saved))
            return redirect(done)
    return render(request, template, {"access": access, "form": form, "error": error, **context})


def confirm_remove(
    request: HttpRequest,
    access: Access,
    *,
    remove: Callable[[], object],
    template: str,
    done: str,
    success: str,
    **context: object,
) -> HttpResponseBase:
    """Ask first (GET); remove on POST and go to `done`."""
    if request.method == "POST":
        remove()
        messages.success(request, success)
        return redirect(done)
    return render(request, template, {"access": access, **context})


def not_there(request: HttpRequest, message: str, done: str) -> HttpResponseBase:
    """An entry id that names nothing in this record: say so on the list it came from."""
    messages.error(request, message)
    return redirect(done)
