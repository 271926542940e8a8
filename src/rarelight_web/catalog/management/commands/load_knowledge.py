"""`django-admin load_knowledge`: mirror the bundled catalogue into the database."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from rarelight.errors import RarelightError
from rarelight_web.catalog.services import load_knowledge
from rarelight_web.knowledge import catalogue


class Command(BaseCommand):
    help = "Load the bundled knowledge (HPO release and curated profiles) into the database."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = load_knowledge(catalogue())
        except RarelightError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(report))
