"""Account pages: Django's authentication views, with writes routed through services.py."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth import views as auth
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme

from . import services
from .forms import SignInForm, SignUpForm
from .models import User

_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _next_url(request: HttpRequest) -> str:
    """The `next` parameter if it points at this site, else the person's records."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and safe else reverse("records:list")


def sign_up(request: HttpRequest) -> HttpResponseBase:
    """Create an account and sign straight in."""
    if request.user.is_authenticated:
        return redirect(_next_url(request))
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        now = _now()
        user = services.sign_up(
            email=form.cleaned_data["email"],
            display_name=form.cleaned_data["display_name"],
            password=form.cleaned_data["password1"],
            now=now,
        )
        login(request, user, backend=_BACKEND)
        services.note_sign_in(user, now=now)
        return redirect(_next_url(request))
    return render(request, "accounts/sign_up.html", {"form": form, "next": _next_url(request)})


class SignInView(auth.LoginView):
    """Throttled sign-in; without "keep me signed in" the session ends with the browser."""

    form_class = SignInForm
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "now": _now()}

    def form_valid(self, form: SignInForm) -> HttpResponse:  # type: ignore[override]
        response = super().form_valid(form)
        if not form.cleaned_data.get("remember"):
            self.request.session.set_expiry(0)
        user = form.get_user()
        assert isinstance(user, User)
        services.note_sign_in(user, now=_now())
        return response


class SignOutView(auth.LogoutView):
    """Sign out (POST only, as Django requires) and note it."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if isinstance(request.user, User):
            services.note_sign_out(request.user, now=_now())
        return super().post(request, *args, **kwargs)


class PasswordChangeView(auth.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        assert isinstance(form.user, User)
        services.change_password(form.user, form.cleaned_data["new_password1"], now=_now())
        update_session_auth_hash(self.request, form.user)
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetView(auth.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_sent")


class PasswordResetConfirmView(auth.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: SetPasswordForm) -> HttpResponse:  # type: ignore[type-arg]
        assert isinstance(form.user, User)
        services.change_password(
            form.user, form.cleaned_data["new_password1"], now=_now(), reset=True
        )
        del self.request.session[auth.INTERNAL_RESET_SESSION_TOKEN]
        return HttpResponseRedirect(self.get_success_url())
