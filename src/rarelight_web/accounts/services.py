"""The only write path of the accounts app: each function is atomic and leaves an AccountEvent."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from .models import AccountEvent, User, normalise_email


@transaction.atomic
def sign_up(*, email: str, display_name: str, password: str, now: dt.datetime) -> User:
    """Create an account (the password is hashed with the first of PASSWORD_HASHERS, Argon2)."""
    user = User.objects.create_user(
        email=normalise_email(email),
        password=password,
        display_name=display_name.strip(),
        date_joined=now,
    )
    AccountEvent.objects.create(user=user, action=AccountEvent.Action.SIGNED_UP, at=now)
    return user


@transaction.atomic
def change_password(
    user: User, new_password: str, *, now: dt.datetime, reset: bool = False
) -> None:
    """Set a new password, after the old one was given (change) or a reset link was followed."""
    user.set_password(new_password)
    user.save(update_fields=["password"])
    action = AccountEvent.Action.PASSWORD_RESET if reset else AccountEvent.Action.PASSWORD_CHANGED
    AccountEvent.objects.create(user=user, action=action, at=now)


@transaction.atomic
def note_sign_in(user: User, *, now: dt.datetime) -> None:
    AccountEvent.objects.create(user=user, action=AccountEvent.Action.SIGNED_IN, at=now)


@transaction.atomic
def note_sign_out(user: User, *, now: dt.datetime) -> None:
    AccountEvent.objects.create(user=user, action=AccountEvent.Action.SIGNED_OUT, at=now)
