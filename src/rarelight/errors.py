"""One exception hierarchy for the core; the CLI turns it into exit code 2, the web into a 4xx."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["InputError", "NotFound", "Problem", "ProblemsError", "RarelightError"]


class RarelightError(Exception):
    """Base of every error the core raises on purpose."""


class InputError(RarelightError):
    """The caller gave something Rarelight cannot use; the message says what and what is accepted."""


class NotFound(RarelightError):  # noqa: N818 - the name DESIGN.md gives it
    """A well-formed identifier that names nothing Rarelight knows."""


@dataclass(frozen=True)
class Problem:
    """One problem found by an importer: where, what, and how to fix it."""

    location: str
    message: str
    fix: str = ""

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}"
        return f"{text} (fix: {self.fix})" if self.fix else text


class ProblemsError(InputError):
    """An import failed; carries every problem found, not just the first."""

    def __init__(self, what: str, problems: list[Problem]) -> None:
        self.what = what
        self.problems = tuple(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{what}: {len(self.problems)} problem(s)\n{lines}")
