"""manage.py registry_import PATH: load phenopackets (file, folder or zip) into the registry."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rarelight.errors import RarelightError
from rarelight_web.registry import services


class Command(BaseCommand):
    help = "Import GA4GH phenopackets (a .json, a folder or a .zip) into the registry."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = services.import_path(options["path"], actor=None, now=dt.datetime.now(dt.UTC))
        except RarelightError as error:
            raise CommandError(str(error)) from error
        for skipped in report.skipped:
            self.stdout.write(f"skipped {skipped}")
        self.stdout.write(report.summary())
