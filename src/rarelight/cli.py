"""The `rarelight` command line: one command group per capability, over the same core as the web."""

from __future__ import annotations

import json
from enum import StrEnum
from functools import cache
from typing import Annotated

import typer
from rich.console import Console
from rich.markdown import Markdown
from rich.table import Table

from rarelight import __version__, config
from rarelight.errors import InputError, RarelightError
from rarelight.knowledge import (
    Catalogue,
    DiseaseDetail,
    SearchResult,
    load_catalogue,
    render_markdown,
)

app = typer.Typer(
    help="Rarelight: knowledge, diagnosis and care for ultra-rare genetic disorders.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
disease_app = typer.Typer(help="Look diseases up in the catalogue.", no_args_is_help=True)
app.add_typer(disease_app, name="disease")
console = Console()


class ListFormat(StrEnum):
    text = "text"
    json = "json"


class ShowFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


@cache
def _catalogue() -> Catalogue:
    return load_catalogue(config.data_dir(), config.hpo_dir())


def _fail(error: Exception) -> typer.Exit:
    """One clear line on stderr and exit code 2, for every error the core raises on purpose."""
    message = str(error).strip()
    Console(stderr=True).print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(code=2)


def _version(value: bool) -> None:
    if value:
        console.print(f"rarelight {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Rarelight: knowledge, diagnosis and care for ultra-rare genetic disorders."""


@disease_app.command("search")
def disease_search(
    words: Annotated[
        list[str], typer.Argument(metavar="TEXT", help="A name, synonym, id or gene, e.g. DYT28.")
    ],
    format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.text,
    limit: Annotated[int, typer.Option(min=1, max=200, help="How many results.")] = 10,
) -> None:
    """Search the catalogue; best matches first."""
    text = " ".join(words)
    try:
        catalogue = _catalogue()
        matches = catalogue.search(text, limit)
    except RarelightError as error:
        raise _fail(error) from error
    results = [SearchResult.of_match(m) for m in matches]
    if format is ListFormat.json:
        print(
            json.dumps([r.model_dump(mode="json") for r in results], indent=2, ensure_ascii=False)
        )
        return
    if not results:
        console.print(f"No disease matches “{text}”.")
        return
    table = Table(title=f"Diseases matching “{text}” ({catalogue.release.name})")
    for column in ("id", "name", "genes", "matched on", "score"):
        table.add_column(column)
    for r in results:
        name = f"{r.name} [green](curated)[/]" if r.curated else r.name
        table.add_row(r.id, name, ", ".join(r.genes), r.matched_on, f"{r.score:.2f}")
    console.print(table)


@disease_app.command("show")
def disease_show(
    disease_id: Annotated[
        str, typer.Argument(metavar="ID", help="e.g. OMIM:617284 or ORPHA:589618")
    ],
    format: Annotated[ShowFormat, typer.Option("--format", "-f")] = ShowFormat.text,
) -> None:
    """Show one disease: the curated profile with its sources, or the generated page."""
    try:
        catalogue = _catalogue()
        disease = catalogue.get(disease_id)
    except RarelightError as error:
        raise _fail(error) from error
    ontology, release_name = catalogue.release.ontology, catalogue.release.name
    if format is ShowFormat.json:
        detail = DiseaseDetail.of_disease(disease, ontology, release_name)
        print(detail.model_dump_json(indent=2))
    elif format is ShowFormat.markdown:
        print(render_markdown(disease, ontology, release_name))
    else:
        console.print(Markdown(render_markdown(disease, ontology, release_name)))


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(envvar="PORT", min=1, max=65535)] = 8000,
    threads: Annotated[int, typer.Option(min=1, max=64)] = 8,
) -> None:
    """Apply migrations, load the bundled knowledge, and serve the web app."""
    # The CLI is a face over the core; only this command reaches into the web project.
    from rarelight_web.server import run

    try:
        run(host=host, port=port, threads=threads)
    except RarelightError as error:
        raise _fail(error) from error
    except OSError as error:  # most often: the port is taken by another program
        raise _fail(
            InputError(
                f"cannot listen on {host}:{port} ({error.strerror}); try another, e.g. PORT=8080"
            )
        ) from error
