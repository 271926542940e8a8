"""A person who signs in (by email address), and an append-only log of their account events."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils.translation import gettext_lazy as _


def normalise_email(email: str) -> str:
    """The form every email address is stored and looked up in: trimmed and lower-case."""
    return email.strip().lower()


class UserManager(BaseUserManager["User"]):
    """Creates users; `get_by_natural_key` matches the email address case-insensitively."""

    use_in_migrations = True

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email=normalise_email(username or ""))

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("A user needs an email address")
        user = self.model(email=normalise_email(email), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """Someone with an account: an email address to sign in with and a name others see."""

    email = models.EmailField(unique=True, verbose_name=_("email address"))
    display_name = models.CharField(
        max_length=120,
        verbose_name=_("display name"),
        help_text=_("The name people in your care circles see."),
    )
    is_active = models.BooleanField(default=True, verbose_name=_("active"))
    is_staff = models.BooleanField(default=False, verbose_name=_("staff"))
    date_joined = models.DateTimeField(verbose_name=_("date joined"))

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        ordering = ["email"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = normalise_email(self.email)

    def get_full_name(self) -> str:
        return self.display_name

    def get_short_name(self) -> str:
        return self.display_name


class AccountEvent(models.Model):
    """Append-only: an account was created, signed in or out, or had its password changed."""

    class Action(models.TextChoices):
        SIGNED_UP = "signed_up", _("signed up")
        SIGNED_IN = "signed_in", _("signed in")
        SIGNED_OUT = "signed_out", _("signed out")
        PASSWORD_CHANGED = "password_changed", _("changed their password")
        PASSWORD_RESET = "password_reset", _("reset their password")
        DELETED_RECORD = "deleted_record", _("deleted a care record")  # nothing kept about it

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=32, choices=Action.choices)
    at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.user} {self.action} at {self.at:%Y-%m-%d %H:%M} UTC"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("Account events are append-only")
        super().save(*args, **kwargs)
