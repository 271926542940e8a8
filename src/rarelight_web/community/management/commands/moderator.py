"""`manage.py moderator grant|revoke|list [EMAIL]`: who may moderate community submissions."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rarelight_web.accounts.models import User, normalise_email
from rarelight_web.community import services


class Command(BaseCommand):
    help = "Grant or revoke the community moderator role (by account email), or list moderators."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["grant", "revoke", "list"])
        parser.add_argument("email", nargs="?", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        action, email = options["action"], normalise_email(options["email"])
        if action == "list":
            for moderator in services.moderators().order_by("email"):
                self.stdout.write(f"{moderator.email}\t{moderator.display_name}")
            return
        if not email:
            raise CommandError(
                f"'{action}' needs the account's email address, e.g. {action} a@example.org"
            )
        user = User.objects.filter(email=email).first()
        if user is None:
            raise CommandError(
                f"No account has the email address {email!r}; they sign up at /accounts/sign-up/ first"
            )
        if action == "grant":
            services.grant_moderator(user)
            self.stdout.write(f"{email} is now a community moderator")
        else:
            services.revoke_moderator(user)
            self.stdout.write(f"{email} is no longer a community moderator")
