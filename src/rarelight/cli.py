"""The `rarelight` command line: one command group per capability, over the same core as the web."""

from __future__ import annotations

import dataclasses
import functools
import itertools
import json
import statistics
import time
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markdown import Markdown
from rich.progress import Progress
from rich.table import Table

from rarelight import __version__, config
from rarelight._cli_common import fail as _fail
from rarelight._cli_hpo import hpo_app
from rarelight._cli_registry import registry_app
from rarelight._cli_vcf import vcf_app
from rarelight.errors import InputError, ProblemsError, RarelightError
from rarelight.knowledge import (
    Catalogue,
    DiseaseDetail,
    SearchResult,
    load_catalogue,
    render_markdown,
)
from rarelight.phenotype import (
    BaselineComparison,
    PatientProfile,
    PhenotypeRanker,
    RankSettings,
    ensure_baseline_env,
    evaluate,
    explain,
    onset_for_age,
    rankable_cases,
    read_cases,
    run_baseline,
    sample_cases,
)

app = typer.Typer(
    help="Rarelight: knowledge, diagnosis and care for ultra-rare genetic disorders.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
disease_app = typer.Typer(help="Look diseases up in the catalogue.", no_args_is_help=True)
app.add_typer(disease_app, name="disease")
benchmark_app = typer.Typer(help="Measure Rarelight on published cases.", no_args_is_help=True)
app.add_typer(benchmark_app, name="benchmark")
app.add_typer(hpo_app, name="hpo")
app.add_typer(registry_app, name="registry")
app.add_typer(vcf_app, name="vcf")
console = Console()


class ListFormat(StrEnum):
    text = "text"
    json = "json"


class TableFormat(StrEnum):
    table = "table"
    json = "json"
    tsv = "tsv"


class Sex(StrEnum):
    female = "female"
    male = "male"


class ShowFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


@cache
def _catalogue() -> Catalogue:
    return load_catalogue(config.data_dir(), config.hpo_dir())


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


@cache
def _ranker(databases: tuple[str, ...] = ("OMIM", "ORPHA")) -> PhenotypeRanker:
    catalogue = _catalogue()
    return PhenotypeRanker(
        catalogue.release, RankSettings(databases=databases), catalogue.curated_annotations()
    )


@app.command()
def match(
    observed: Annotated[
        list[str] | None, typer.Argument(metavar="HP:…", help="Observed HPO terms.")
    ] = None,
    exclude: Annotated[
        list[str] | None, typer.Option("--exclude", "-x", help="A term checked and absent.")
    ] = None,
    phenopacket: Annotated[
        Path | None, typer.Option(help="A GA4GH phenopacket v2 (JSON) instead of terms.")
    ] = None,
    batch: Annotated[
        Path | None,
        typer.Option(help="JSONL, one case a line: id, observed, excluded (ranks each case)."),
    ] = None,
    sex: Annotated[Sex | None, typer.Option(help="The patient's sex.")] = None,
    onset: Annotated[
        str | None, typer.Option(help="Age at onset in years (e.g. 6) or an HPO onset term.")
    ] = None,
    top: Annotated[int, typer.Option(min=1, max=1000)] = 10,
    format: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table,
) -> None:
    """Rank every OMIM and ORPHA disease for these features. Not a diagnosis."""
    given = sum(1 for source in (observed, phenopacket, batch) if source)
    if given != 1:
        raise _fail(InputError("give HPO terms, --phenopacket FILE or --batch FILE (exactly one)"))
    try:
        ranker = _ranker()
        ontology = ranker.release.ontology
        if batch:
            _match_batch(ranker, batch, top, format)
            return
        if phenopacket:
            patient = PatientProfile.from_phenopacket(
                ontology, _read_text(phenopacket), phenopacket.name
            )
        else:
            patient = PatientProfile.from_ids(
                ontology,
                observed or [],
                exclude or [],
                sex=sex.value if sex else None,
                onset=_onset_term(onset) if onset else None,
            )
    except RarelightError as error:
        raise _fail(error) from error
    ranked = ranker.rank(patient, top)
    rows = [
        {
            "rank": r.rank,
            "disease_id": r.disease_id,
            "name": r.name,
            "probability": round(r.probability, 4),
            "score": r.score,
            "explanation": dataclasses.asdict(explain(ranker, patient, r.disease_id)),
        }
        for r in ranked
    ]
    if format is TableFormat.json:
        body = {
            "release": ranker.release.name,
            "notice": "Not a diagnosis: a pointer for a conversation with a clinical geneticist.",
            "notices": list(patient.notices),
            "results": rows,
        }
        print(json.dumps(body, indent=2, ensure_ascii=False))
        return
    if format is TableFormat.tsv:
        print("rank\tdisease_id\tname\tprobability\tscore")
        for row in rows:
            print(
                f"{row['rank']}\t{row['disease_id']}\t{row['name']}\t{row['probability']}\t{row['score']}"
            )
        return
    for notice in patient.notices:
        console.print(f"[yellow]note:[/] {notice}")
    table = Table(title=f"Diseases that fit these features ({ranker.release.name})")
    for column in ("rank", "disease", "probability", "what matched (log10 LR)"):
        table.add_column(column)
    for row, r in zip(rows, ranked, strict=True):
        matched = ", ".join(
            f"{ontology.label(t)} {lr:+.1f}"
            for t, kind, lr in ranker.contributions(patient, r.disease_id)
            if kind == "observed" and lr > 0  # the features; the whole sum is in --format json
        )
        table.add_row(
            str(row["rank"]),
            f"{row['name']} ({row['disease_id']})",
            f"{row['probability']:.1%}",
            matched,
        )
    console.print(table)
    console.print("This ranking is not a diagnosis: talk it through with a clinical geneticist.")


def _onset_term(text: str) -> str:
    """'6' or '0.5' (years) → the HPO onset class; anything else is taken as an HPO id."""
    try:
        years = float(text)
    except ValueError:
        return text
    if years < 0 or years > 130:
        raise InputError(f"--onset {text}: an age in years from 0 to 130, or an HPO onset term")
    return onset_for_age(years)


def _read_text(path: Path, limit: int = 10_000_000) -> str:
    """A text file, refusing what is missing, too large or not UTF-8, with a clear message."""
    try:
        if path.stat().st_size > limit:
            raise InputError(f"{path} is larger than {limit // 1_000_000} MB")
        return path.read_text(encoding="utf-8")
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror or error}") from error
    except UnicodeDecodeError as error:
        raise InputError(f"{path} is not UTF-8 text") from error


def _match_batch(ranker: PhenotypeRanker, path: Path, top: int, format: TableFormat) -> None:
    """Rank each case of a JSONL file; JSON lines out (or TSV), a bad case named by its line."""
    ontology = ranker.release.ontology
    if format is not TableFormat.json:
        print("case\trank\tdisease_id\tname\tprobability")
    for number, case in enumerate(read_cases(path), start=1):
        try:
            patient = PatientProfile.from_ids(ontology, list(case.observed), list(case.excluded))
        except ProblemsError as error:
            raise InputError(f"{path.name} line {number} ({case.id}): {error}") from error
        ranked = ranker.rank(patient, top)
        if format is TableFormat.json:
            results = [
                {
                    "rank": r.rank,
                    "disease_id": r.disease_id,
                    "name": r.name,
                    "probability": round(r.probability, 4),
                }
                for r in ranked
            ]
            print(json.dumps({"id": case.id, "results": results}, ensure_ascii=False))
        else:
            for r in ranked:
                print(f"{case.id}\t{r.rank}\t{r.disease_id}\t{r.name}\t{r.probability:.4f}")


@benchmark_app.command("rank")
def benchmark_rank(
    cases_path: Annotated[
        Path, typer.Argument(metavar="CASES.jsonl[.gz]", help="Published cases.")
    ],
    limit: Annotated[int | None, typer.Option(min=1, help="Only the first N cases.")] = None,
    database: Annotated[
        str, typer.Option(help="Rank among OMIM, ORPHA or both (OMIM,ORPHA).")
    ] = "OMIM",
    format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.text,
    baseline_sample: Annotated[
        int,
        typer.Option(
            min=0,
            envvar="RARELIGHT_BASELINE_SAMPLE",
            help="Also rank a fixed sample of N cases with hpo3's HPOSet similarity, in its own "
            "environment under the data folder (made on first use); 0 skips it.",
        ),
    ] = 300,
) -> None:
    """Rank published cases over every disease and report top-k accuracy and speed.

    With --baseline-sample, hpo3's HPOSet similarity ranks the same sample in the same run.
    """
    databases = tuple(sorted(d.strip().upper() for d in database.split(",")))
    if not set(databases) <= {"OMIM", "ORPHA"}:
        raise _fail(InputError(f"--database {database!r}: use OMIM, ORPHA or OMIM,ORPHA"))
    started = time.perf_counter()
    try:
        ranker = _ranker(databases)
        cases = list(itertools.islice(read_cases(cases_path), limit))
    except RarelightError as error:
        raise _fail(error) from error
    load_s = time.perf_counter() - started
    runs = {}
    with Progress(console=Console(stderr=True), transient=True) as progress:
        for name, settings in (
            ("main", ranker.settings),
            ("excluded_ignored", dataclasses.replace(ranker.settings, use_excluded=False)),
        ):
            task = progress.add_task(f"ranking ({name})", total=len(cases))
            variant = ranker if name == "main" else ranker.with_settings(settings)
            runs[name] = evaluate(variant, cases, functools.partial(progress.advance, task))
    main_run = runs["main"]
    report = {
        "release": main_run.release,
        "databases": list(databases),
        "cases": main_run.cases,
        "rankable": len(main_run.all.ranks),
        "unrankable": main_run.unrankable,
        **{k: v for k, v in main_run.all.summary().items() if k != "cases"},
        "uncited": {
            k: v
            for k, v in main_run.uncited.summary().items()
            if k in {"cases", "top1", "top3", "top10"}
        },
        "excluded_ignored": {
            k: v
            for k, v in runs["excluded_ignored"].all.summary().items()
            if k in {"top1", "top3", "top10"}
        },
        "ms_per_case_median": round(statistics.median(main_run.milliseconds), 3)
        if main_run.milliseconds
        else None,
        "ms_per_case_p95": round(_p95(main_run.milliseconds), 3) if main_run.milliseconds else None,
        "load_s": round(load_s, 2),
    }
    if baseline_sample:
        errors = Console(stderr=True)
        try:
            errors.print("preparing baseline environment…")
            python = ensure_baseline_env(config.data_dir())
            sample = sample_cases(rankable_cases(ranker, cases), baseline_sample)
            errors.print(f"running hpo3 baseline on {len(sample)} cases")
            with Progress(console=errors, transient=True) as progress:
                task = progress.add_task("ranking (hpo3)", total=len(sample))
                baseline = run_baseline(
                    python, sample, progress=functools.partial(progress.advance, task)
                )
        except RarelightError as error:
            raise _fail(error) from error
        comparison = BaselineComparison.measure(ranker, sample, baseline)
        report["baseline"] = dataclasses.asdict(comparison)
    if format is ListFormat.json:
        print(json.dumps(report, indent=2))
        return
    _print_benchmark(report)


def _print_benchmark(report: dict[str, Any]) -> None:
    """The benchmark as a person reads it: accuracy by group as percentages, then speed."""

    def share(value: float | None) -> str:
        return "—" if value is None else f"{value:.1%}"

    def shares(group: dict[str, Any]) -> tuple[str, str, str]:
        return share(group["top1"]), share(group["top3"]), share(group["top10"])

    table = Table(
        title=f"Ranking {report['cases']:,} published cases ({report['release']}, "
        f"among {', '.join(report['databases'])} diseases)"
    )
    for column in ("cases", "n", "top-1", "top-3", "top-10"):
        table.add_column(column, justify="left" if column == "cases" else "right")
    table.add_row("rankable", f"{report['rankable']:,}", *shares(report))
    table.add_row("uncited (paper not cited by the annotations)",
                  f"{report['uncited']['cases']:,}", *shares(report["uncited"]))  # fmt: skip
    table.add_row("rankable, excluded terms ignored", f"{report['rankable']:,}",
                  *shares(report["excluded_ignored"]))  # fmt: skip
    baseline = report.get("baseline")
    if baseline:
        table.add_row(f"baseline sample: {baseline['method']}", f"{baseline['cases']:,}",
                      share(baseline["top1"]), "", share(baseline["top10"]))  # fmt: skip
        table.add_row("baseline sample: Rarelight", f"{baseline['cases']:,}",
                      share(baseline["rarelight_top1"]), "",
                      share(baseline["rarelight_top10"]))  # fmt: skip
    console.print(table)
    console.print(
        f"Not rankable (disease not in the release): {report['unrankable']:,}. "
        f"MRR {report['mrr']}, median rank {report['median_rank']}. "
        f"{report['ms_per_case_median']} ms per case (median), {report['ms_per_case_p95']} ms "
        f"(p95); loaded in {report['load_s']} s."
    )
    if baseline:
        console.print(
            f"Baseline {baseline['ms_per_case_median']} ms per case: Rarelight is "
            f"{baseline['speed_ratio']}× faster on the same cases."
        )


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


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
