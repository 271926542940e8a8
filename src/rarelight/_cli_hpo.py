"""The `rarelight hpo` commands: find HPO terms by id, name, synonym or everyday word."""

from __future__ import annotations

import json
from enum import StrEnum
from functools import cache
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from rarelight import config
from rarelight._cli_common import fail as _fail
from rarelight.errors import RarelightError
from rarelight.phenotype import HpoRelease, TermIndex, TextParser, load_release

__all__ = ["hpo_app"]

hpo_app = typer.Typer(
    help="Find HPO terms by id, name, synonym or everyday word.", no_args_is_help=True
)
console = Console()


class Format(StrEnum):
    text = "text"
    json = "json"


@cache
def _release() -> HpoRelease:
    return load_release(config.hpo_dir(), cache_dir=config.data_dir() / "cache")


@cache
def _index() -> TermIndex:
    return TermIndex(_release().ontology)


@hpo_app.callback()
def hpo() -> None:
    """Find HPO terms by id, name, synonym or everyday word."""


@hpo_app.command("search")
def hpo_search(
    words: Annotated[
        list[str],
        typer.Argument(metavar="TEXT", help="An id, a name or everyday words, e.g. toe walking."),
    ],
    format: Annotated[Format, typer.Option("--format", "-f")] = Format.text,
    limit: Annotated[int, typer.Option(min=1, max=200, help="How many results.")] = 10,
    all_terms: Annotated[
        bool,
        typer.Option("--all-terms", help="Search every term, not only phenotypic abnormalities."),
    ] = False,
) -> None:
    """Search HPO terms as you would type them; best matches first."""
    text = " ".join(words)
    try:
        release = _release()
        subtree = None if all_terms else TermIndex.DEFAULT_SUBTREE
        matches = _index().search(text, limit, subtree=subtree)
    except RarelightError as error:
        raise _fail(error) from error
    if format is Format.json:
        rows = [
            {
                "id": m.term.id,
                "label": m.term.label,
                "matched_on": m.matched_on,
                "score": m.score,
                "notice": m.notice,
                "synonyms": list(m.term.synonyms),
                "layperson_synonyms": list(m.term.layperson_synonyms),
                "definition": m.term.definition,
            }
            for m in matches
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if not matches:
        hint = "" if all_terms else " Add --all-terms to look beyond phenotypic abnormalities."
        console.print(f"No HPO term matches “{escape(text)}” ({release.name}).{hint}")
        return
    for notice in dict.fromkeys(m.notice for m in matches if m.notice):
        console.print(f"[yellow]note:[/] {escape(notice)}")
    table = Table(title=f"HPO terms matching “{escape(text)}” ({release.name})")
    for column in ("id", "label", "matched on", "score"):
        table.add_column(column)
    for m in matches:
        table.add_row(m.term.id, escape(m.term.label), escape(m.matched_on), f"{m.score:.2f}")
    console.print(table)


@cache
def _parser() -> TextParser:
    return TextParser(_release().ontology)


@hpo_app.command("parse")
def hpo_parse(
    words: Annotated[
        list[str], typer.Argument(metavar="TEXT", help="A description in plain words.")
    ],
    format: Annotated[Format, typer.Option("--format", "-f")] = Format.text,
) -> None:
    """Plain words → HPO terms, with the words that matched; negated ones are marked excluded."""
    text = " ".join(words)
    try:
        found = _parser().parse(text)
    except RarelightError as error:
        raise _fail(error) from error
    if format is Format.json:
        rows = [
            {
                "id": f.term.id,
                "label": f.term.label,
                "status": "excluded" if f.excluded else "observed",
                "text": f.text,
                "start": f.start,
                "end": f.end,
                "source": f.source,
            }
            for f in found
        ]
        print(json.dumps({"release": _release().name, "terms": rows}, indent=2, ensure_ascii=False))
        return
    if not found:
        console.print("No HPO terms recognised; try other words, or `rarelight hpo search`.")
        return
    table = Table(title=f"Terms found in the text ({_release().name})")
    for column in ("id", "label", "status", "words", "source"):
        table.add_column(column)
    for f in found:
        status = "[red]excluded[/]" if f.excluded else "observed"
        table.add_row(f.term.id, escape(f.term.label), status, escape(f"“{f.text}”"), f.source)
    console.print(table)
