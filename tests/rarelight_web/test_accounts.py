"""Accounts: sign up, sign in and out, throttling, password change and reset, Argon2, email settings."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from tests.rarelight_web.factories import assert_accessible, make_user

from rarelight_web.accounts import throttle
from rarelight_web.accounts.models import AccountEvent, User

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
PASSWORD = "a long walk on the shore"


@pytest.fixture(autouse=True)
def _fresh_throttle() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


def events(user: User) -> list[str]:
    return list(user.events.order_by("at", "id").values_list("action", flat=True))


def sign_in(client: Client, email: str, password: str, **extra: str) -> Any:
    return client.post("/accounts/sign-in/", {"username": email, "password": password, **extra})


# Sign up ------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_sign_up_hashes_with_argon2_and_signs_in() -> None:
    client = Client()
    page = client.get("/accounts/sign-up/").content.decode()
    assert_accessible(page)
    response = client.post(
        "/accounts/sign-up/",
        {
            "email": " Gwen@Example.ORG ",
            "display_name": "Gwen",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/records/"
    user = User.objects.get()
    assert user.email == "gwen@example.org"
    assert user.password.startswith("argon2$argon2id$")
    assert user.check_password(PASSWORD)
    assert events(user) == ["signed_up", "signed_in"]
    assert "Gwen" in client.get("/records/").content.decode()


@pytest.mark.django_db
def test_sign_up_follows_a_safe_next_only() -> None:
    data = {"display_name": "G", "password1": PASSWORD, "password2": PASSWORD}
    ok = Client().post(
        "/accounts/sign-up/?next=/records/invitations/x/", {**data, "email": "a@example.org"}
    )
    assert ok["Location"] == "/records/invitations/x/"
    evil = Client().post(
        "/accounts/sign-up/", {**data, "email": "b@example.org", "next": "https://evil.example/"}
    )
    assert evil["Location"] == "/records/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("email", "password", "message"),
    [
        ("GWEN@example.org", PASSWORD, "User with this Email address already exists"),
        ("new@example.org", "short", "This password is too short"),
        ("new@example.org", "password123", "This password is too common"),
        ("not-an-address", PASSWORD, "Enter a valid email address"),
    ],
)
def test_sign_up_says_what_is_wrong(email: str, password: str, message: str) -> None:
    make_user(email="gwen@example.org")
    response = Client().post(
        "/accounts/sign-up/",
        {"email": email, "display_name": "G", "password1": password, "password2": password},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert User.objects.count() == 1


# Sign in and out ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_sign_in_ends_with_the_browser_unless_remembered() -> None:
    user = make_user(email="gwen@example.org", password=PASSWORD)
    client = Client()
    assert_accessible(client.get("/accounts/sign-in/").content.decode())
    response = sign_in(client, "GWEN@example.org", PASSWORD)
    assert response.status_code == 302
    assert client.session.get_expire_at_browser_close()
    remembered = Client()
    sign_in(remembered, "gwen@example.org", PASSWORD, remember="on")
    assert not remembered.session.get_expire_at_browser_close()
    assert remembered.session.get_expiry_age() == 60 * 60 * 24 * 14
    assert events(user) == ["signed_in", "signed_in"]


@pytest.mark.django_db
def test_a_wrong_password_is_refused_plainly() -> None:
    make_user(email="gwen@example.org", password=PASSWORD)
    response = sign_in(Client(), "gwen@example.org", "wrong password")
    assert response.status_code == 200
    html = response.content.decode()
    assert "That email address and password do not match an account" in html
    assert 'role="alert"' in html


@pytest.mark.django_db
def test_sign_out_needs_a_post_and_is_noted() -> None:
    user = make_user(email="gwen@example.org")
    client = Client()
    client.force_login(user)
    page = client.get("/records/").content.decode()
    assert 'action="/accounts/sign-out/"' in page
    response = client.post("/accounts/sign-out/")
    assert response["Location"] == "/"
    assert client.get("/records/")["Location"].startswith("/accounts/sign-in/")
    assert events(user) == ["signed_out"]


# Throttling ---------------------------------------------------------------------------------------


@pytest.mark.django_db(False)
def test_five_failures_for_an_address_lock_it_for_the_window() -> None:
    for minute in range(5):
        assert throttle.retry_after("gwen@example.org", "10.0.0.1", NOW) is None
        throttle.record_failure("gwen@example.org", "10.0.0.1", NOW + dt.timedelta(minutes=minute))
    at = NOW + dt.timedelta(minutes=5)
    assert throttle.retry_after("GWEN@example.org", "10.0.0.2", at) == dt.timedelta(minutes=10)
    assert throttle.retry_after("other@example.org", "10.0.0.1", at) is None
    # The oldest failure ages out after 15 minutes, and one more attempt is allowed.
    assert (
        throttle.retry_after("gwen@example.org", None, NOW + dt.timedelta(minutes=15, seconds=1))
        is None
    )


@pytest.mark.django_db(False)
def test_twenty_failures_from_one_ip_lock_the_ip() -> None:
    for n in range(20):
        throttle.record_failure(f"person{n}@example.org", "10.0.0.9", NOW)
    wait = throttle.retry_after("new@example.org", "10.0.0.9", NOW)
    assert wait == dt.timedelta(minutes=15)
    assert throttle.retry_after("new@example.org", "10.0.0.8", NOW) is None


@pytest.mark.django_db(False)
def test_a_success_clears_the_address_but_not_the_ip() -> None:
    for _ in range(5):
        throttle.record_failure("gwen@example.org", "10.0.0.1", NOW)
    throttle.record_success("gwen@example.org")
    assert throttle.retry_after("gwen@example.org", None, NOW) is None


@pytest.mark.django_db
def test_the_sign_in_page_says_how_long_to_wait() -> None:
    make_user(email="gwen@example.org", password=PASSWORD)
    client = Client()
    for _ in range(5):
        sign_in(client, "gwen@example.org", "wrong password")
    response = sign_in(client, "gwen@example.org", PASSWORD)  # even the right password waits
    html = response.content.decode()
    assert re.search(r"Too many sign-in attempts\. Please try again in 1[45] minutes\.", html)
    assert "_auth_user_id" not in client.session


# Password change and reset ------------------------------------------------------------------------


@pytest.mark.django_db
def test_changing_the_password_keeps_you_signed_in() -> None:
    user = make_user(email="gwen@example.org", password=PASSWORD)
    client = Client()
    client.force_login(user)
    assert_accessible(client.get("/accounts/password/").content.decode())
    wrong = client.post(
        "/accounts/password/",
        {
            "old_password": "nope",
            "new_password1": "x" * 12 + "Q!",
            "new_password2": "x" * 12 + "Q!",
        },
    )
    assert "Your old password was entered incorrectly" in wrong.content.decode()
    new = "another long walk home"
    response = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response["Location"] == "/accounts/password/changed/"
    user.refresh_from_db()
    assert user.check_password(new)
    assert user.password.startswith("argon2$")
    assert client.get("/records/").status_code == 200
    assert events(user) == ["password_changed"]


@pytest.mark.django_db
def test_a_password_reset_by_email() -> None:
    user = make_user(email="gwen@example.org", password=PASSWORD)
    client = Client()
    assert_accessible(client.get("/accounts/password/reset/").content.decode())
    response = client.post("/accounts/password/reset/", {"email": "Gwen@example.org"})
    assert response["Location"] == "/accounts/password/reset/sent/"
    [message] = mail.outbox
    assert message.to == ["gwen@example.org"]
    assert message.subject == "Choose a new Rarelight password"
    found = re.search(r"http://testserver(/accounts/password/reset/[^/]+/[^/]+/)", message.body)
    assert found, message.body
    form = client.get(found.group(1), follow=True)
    assert "Choose a new password" in form.content.decode()
    new = "a brand new passphrase"
    done = client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done["Location"] == "/accounts/password/reset/done/"
    user.refresh_from_db()
    assert user.check_password(new)
    assert events(user) == ["password_reset"]
    used = client.get(found.group(1), follow=True).content.decode()
    assert "This password reset link is not valid" in used


@pytest.mark.django_db
def test_a_reset_for_an_unknown_address_looks_the_same_and_sends_nothing() -> None:
    response = Client().post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert response["Location"] == "/accounts/password/reset/sent/"
    assert mail.outbox == []


@pytest.mark.django_db
def test_account_events_are_append_only() -> None:
    user = make_user()
    event = AccountEvent.objects.create(user=user, action="signed_in", at=NOW)
    with pytest.raises(ValueError, match="append-only"):
        event.save()


# Email settings -----------------------------------------------------------------------------------


def _email_backend(tmp_path: Path, **env: str) -> str:
    own = ("RARELIGHT_", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    environment = {k: v for k, v in os.environ.items() if not k.startswith(own)}
    environment.update(
        DJANGO_SETTINGS_MODULE="rarelight_web.settings", RARELIGHT_DATA_DIR=str(tmp_path), **env
    )
    code = "from django.conf import settings as s; print(s.EMAIL_BACKEND, getattr(s, 'EMAIL_HOST', ''), getattr(s, 'EMAIL_USE_TLS', ''), getattr(s, 'EMAIL_USE_SSL', ''))"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        capture_output=True,
        text=True,
        env=environment,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_email_goes_to_the_console_by_default(tmp_path: Path) -> None:
    assert _email_backend(tmp_path).startswith("django.core.mail.backends.console.EmailBackend")


def test_email_goes_to_files_when_a_folder_is_set(tmp_path: Path) -> None:
    backend = _email_backend(tmp_path, RARELIGHT_EMAIL_FILE_PATH=str(tmp_path / "mail"))
    assert backend.startswith("django.core.mail.backends.filebased.EmailBackend")


def test_email_goes_over_smtp_when_a_host_is_set(tmp_path: Path) -> None:
    starttls = _email_backend(tmp_path, RARELIGHT_SMTP_HOST="smtp.example.org")
    assert starttls == "django.core.mail.backends.smtp.EmailBackend smtp.example.org True False"
    ssl = _email_backend(
        tmp_path, RARELIGHT_SMTP_HOST="smtp.example.org", RARELIGHT_SMTP_SECURITY="ssl"
    )
    assert ssl.endswith("False True")
