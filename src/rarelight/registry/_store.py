"""The CLI's registry: one JSON Lines file of cases in the data folder, replaced atomically."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from pydantic import ValidationError

from rarelight.errors import InputError

from ._model import RegistryCase

__all__ = ["RegistryStore"]


class RegistryStore:
    """`<data dir>/registry/cases.jsonl`: one de-identified case a line."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "cases.jsonl"

    def load(self) -> list[RegistryCase]:
        if not self.path.exists():
            return []
        cases = []
        with self.path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, start=1):
                if not line.strip():
                    continue
                try:
                    cases.append(RegistryCase.model_validate_json(line))
                except ValidationError as error:
                    raise InputError(
                        f"{self.path} line {number}: {error.errors()[0]['msg']}"
                    ) from error
        return cases

    def save(self, cases: Iterable[RegistryCase]) -> None:
        """Write all cases to a temporary file, then swap it in: a crash never leaves half a file."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                for case in cases:
                    out.write(case.model_dump_json() + "\n")
            os.replace(name, self.path)
        except BaseException:
            Path(name).unlink(missing_ok=True)
            raise

    def updated(self) -> dt.datetime | None:
        if not self.path.exists():
            return None
        return dt.datetime.fromtimestamp(self.path.stat().st_mtime, dt.UTC)
