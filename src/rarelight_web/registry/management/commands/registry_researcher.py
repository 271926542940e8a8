"""manage.py registry_researcher EMAIL [--revoke]: grant or remove the researcher role."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rarelight_web.accounts.models import User, normalise_email
from rarelight_web.registry import services


class Command(BaseCommand):
    help = "Let a user export individual-level registry data (or, with --revoke, stop them)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--revoke", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        email = normalise_email(options["email"])
        user = User.objects.filter(email=email).first()
        if user is None:
            raise CommandError(f"no account with the email address {email}")
        services.grant_researcher(
            user, by=None, now=dt.datetime.now(dt.UTC), revoke=options["revoke"]
        )
        verb = "is no longer" if options["revoke"] else "is now"
        self.stdout.write(f"{email} {verb} a registry researcher.")
