"""What every CLI command shares: how a core error reaches the user."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.markup import escape

from rarelight.errors import ProblemsError


def fail(error: Exception) -> typer.Exit:
    """One clear line on stderr and exit code 2, for every error the core raises on purpose."""
    if isinstance(error, ProblemsError):
        message = f"{error.what}: " + "; ".join(str(p) for p in error.problems)
    else:
        message = " ".join(str(error).split())
    Console(stderr=True).print(
        f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True
    )
    return typer.Exit(code=2)
