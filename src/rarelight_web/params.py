"""Text types for API parameters and bodies: PostgreSQL cannot store or compare NUL characters,
so a value holding one is refused by the schema, naming the field, before any query runs."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("NUL characters (\\x00) are not accepted; send plain text")
    return value


Text = Annotated[str, AfterValidator(_no_nul)]
