"""The `rarelight registry` commands: import phenopackets, export cases, publish statistics.

The CLI's registry is a file store, `$RARELIGHT_DATA_DIR/registry/cases.jsonl` (see
docs/ARCHITECTURE.md, "Registry"): it needs no database or Django, so a curator can build and check
a registry offline; the web app loads the same files with `manage.py registry_import`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from rarelight import config
from rarelight._cli_common import fail as _fail
from rarelight.errors import InputError, RarelightError
from rarelight.knowledge import load_catalogue
from rarelight.registry import (
    RegistryStore,
    count_phenopackets,
    import_phenopackets,
    registry_statistics,
    statistics_json,
    write_csv,
    write_phenopackets,
)

__all__ = ["registry_app"]

registry_app = typer.Typer(
    help="The case registry: import phenopackets, export cases, show public statistics.",
    no_args_is_help=True,
)
console = Console()


class ExportFormat(StrEnum):
    phenopacket = "phenopacket"
    csv = "csv"


class StatsFormat(StrEnum):
    text = "text"
    json = "json"


@cache
def _store() -> RegistryStore:
    return RegistryStore(config.data_dir() / "registry")


@registry_app.callback()
def registry() -> None:
    """The case registry: import phenopackets, export cases, show public statistics."""


@registry_app.command("import")
def registry_import(
    path: Annotated[
        Path, typer.Argument(metavar="PATH", help="A phenopacket .json, a folder or a .zip.")
    ],
    report: Annotated[
        Path | None, typer.Option(help="Also write the import report (JSON) to this file.")
    ] = None,
) -> None:
    """Import phenopackets (checked against the official schema); duplicates are skipped."""
    store = _store()
    try:
        existing = store.load()
        total = count_phenopackets(path)
        with Progress(
            TextColumn("importing"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        ) as progress:
            task = progress.add_task("import", total=total)
            result = import_phenopackets(
                path, existing, lambda done: progress.update(task, completed=done)
            )
        store.save([*existing, *result.imported])
    except RarelightError as error:
        raise _fail(error) from error
    for skipped in result.skipped:
        console.print(f"[yellow]skipped[/] {escape(str(skipped))}", highlight=False)
    console.print(
        f"{result.summary()}; the registry now holds {len(existing) + len(result.imported)} cases."
    )
    if report:
        body = {
            "imported": [c.case_id for c in result.imported],
            "skipped": [dataclasses.asdict(s) for s in result.skipped],
        }
        report.write_text(json.dumps(body, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


@registry_app.command("export")
def registry_export(
    out: Annotated[
        Path, typer.Argument(metavar="OUT", help="A .zip or folder (phenopacket), a .csv file.")
    ],
    format: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.phenopacket,
) -> None:
    """Export every case: individual-level data, for the registry's researchers only."""
    try:
        cases = _store().load()
        if format is ExportFormat.csv:
            with out.open("w", encoding="utf-8", newline="") as stream:
                count = write_csv(cases, stream)
        else:
            count = write_phenopackets(cases, out, dt.datetime.now(dt.UTC))
    except OSError as error:
        raise _fail(InputError(f"cannot write {out}: {error.strerror or error}")) from error
    except RarelightError as error:
        raise _fail(error) from error
    console.print(f"{count} cases written to {out}.")


def _annotations(disease_id: str) -> dict[str, str]:
    """HPO annotation frequency of each feature of the disease, to show beside the registry's."""
    if not disease_id:
        return {}
    try:
        catalogue = load_catalogue(config.data_dir(), config.hpo_dir())
        disease = catalogue.get(disease_id)
    except RarelightError:
        return {}
    return {f.hpo_id: f.frequency or "" for f in disease.features(catalogue.release.ontology)}


@registry_app.command("stats")
def registry_stats(
    disease: Annotated[
        str, typer.Option("--disease", help="One diagnosis, e.g. OMIM:617284; default all.")
    ] = "",
    format: Annotated[StatsFormat, typer.Option("--format", "-f")] = StatsFormat.text,
) -> None:
    """Public statistics: every count from 1 to 4 shown as "<5", with complementary suppression."""
    store = _store()
    try:
        cases = store.load()
        chosen = disease.strip() or (
            cases[0].disease_id if len({c.disease_id for c in cases}) == 1 else ""
        )
        stats = registry_statistics(
            cases,
            disease=disease.strip(),
            annotations=_annotations(chosen),
            updated=store.updated(),
        )
    except RarelightError as error:
        raise _fail(error) from error
    if format is StatsFormat.json:
        print(json.dumps(statistics_json(stats), indent=2, ensure_ascii=False))
        return
    title = stats.disease_label or stats.disease or "the whole registry"
    updated = stats.updated.strftime("%Y-%m-%d %H:%M UTC") if stats.updated else "never"
    console.print(f"[bold]Registry statistics: {escape(title)}[/] (last updated {updated})")
    console.print(f"people: {stats.individuals}   families: {stats.families}")
    console.print(f"published: {escape(stats.literature.text)} — {escape(stats.literature.source)}")
    for note in stats.notes:
        console.print(f"[yellow]note:[/] {escape(note)}")
    for table in stats.tables:
        out = Table(title=f"{table.title} ({table.unit}: {table.total})")
        out.add_column("")
        out.add_column("count", justify="right")
        for category in table.categories:
            out.add_row(category.label, category.shown)
        console.print(out)
    if stats.features:
        out = Table(title="Features: observed of assessed")
        for column in ("HPO", "feature", "observed", "assessed", "HPO annotation"):
            out.add_column(column)
        for f in stats.features:
            out.add_row(f.hpo_id, f.label, f.observed, f.assessed, f.annotation)
        console.print(out)
