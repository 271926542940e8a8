"""The `rarelight vcf` commands: triage an annotated exome VCF against the patient's features."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from rarelight import config
from rarelight._cli_common import fail as _fail
from rarelight.errors import InputError, RarelightError
from rarelight.genomics import (
    NOT_A_DIAGNOSIS,
    GeneKnowledge,
    Panel,
    Pedigree,
    Triage,
    TriageResult,
    ranked_summary,
    to_html,
    to_json,
    to_tsv,
    triage_pdf,
)
from rarelight.knowledge import load_catalogue
from rarelight.phenotype import PatientProfile, PhenotypeRanker

__all__ = ["vcf_app"]

vcf_app = typer.Typer(help="Triage an annotated exome VCF.", no_args_is_help=True)
console = Console()


class Format(StrEnum):
    table = "table"
    tsv = "tsv"
    json = "json"
    html = "html"
    pdf = "pdf"


class Assembly(StrEnum):
    grch37 = "GRCh37"
    grch38 = "GRCh38"


class Sex(StrEnum):
    female = "female"
    male = "male"


@cache
def _triage() -> Triage:
    """The ranker and gene knowledge of the bundled release (curated profiles folded in), once."""
    catalogue = load_catalogue(config.data_dir(), config.hpo_dir())
    ranker = PhenotypeRanker(catalogue.release, extra=catalogue.curated_annotations())
    return Triage(ranker, GeneKnowledge.from_release(catalogue.release))


@vcf_app.callback()
def vcf() -> None:
    """Triage an annotated exome VCF."""


@vcf_app.command("triage")
def triage(
    path: Annotated[
        Path, typer.Argument(metavar="VCF", help="VCF, VCF.gz or BCF annotated by VEP or SnpEff.")
    ],
    hpo: Annotated[
        list[str], typer.Option("--hpo", help="An observed HPO term (repeat for more).")
    ],
    exclude: Annotated[
        list[str] | None, typer.Option("--exclude", "-x", help="A term checked and absent.")
    ] = None,
    ped: Annotated[
        Path | None, typer.Option(help="PED file of a trio (proband and parents).")
    ] = None,
    proband: Annotated[str | None, typer.Option(help="The proband's sample id.")] = None,
    panel: Annotated[str | None, typer.Option(help="'dystonia' or a file of gene symbols.")] = None,
    panel_only: Annotated[
        bool, typer.Option("--panel-only", help="Rank only genes in the panel.")
    ] = False,
    sex: Annotated[
        Sex | None, typer.Option(help="The proband's sex (hemizygous calls on X).")
    ] = None,
    assembly: Annotated[
        Assembly | None, typer.Option(help="Genome assembly, when the header does not name it.")
    ] = None,
    format: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here (PDF needs it).")
    ] = None,
    top: Annotated[int, typer.Option(min=1, max=10_000, help="How many genes to show.")] = 20,
) -> None:
    """Rank the genes of an exome for the patient's features, with the evidence. Not a diagnosis."""
    if panel_only and not panel:
        raise _fail(InputError("--panel-only needs --panel dystonia or --panel FILE"))
    if format is Format.pdf and output is None:
        raise _fail(InputError("--format pdf needs --output FILE.pdf"))
    if not path.is_file():
        raise _fail(InputError(f"no such file: {path}"))
    try:
        engine = _triage()
        release = engine.ranker.release
        patient = PatientProfile.from_ids(release.ontology, hpo, exclude or [])
        pedigree = Pedigree.read(ped, proband) if ped else None
        chosen = Panel.named(panel, release) if panel else None
        with Progress(
            TextColumn("reading variants"), BarColumn(), TextColumn("{task.completed:,}"),
            TimeElapsedColumn(), console=Console(stderr=True), transient=True,
        ) as progress:  # fmt: skip
            task = progress.add_task("read", total=None)
            variants = engine.read(
                path, pedigree, proband, assembly.value if assembly else None, sex.value if sex else None,
                progress=lambda n: progress.update(task, completed=n),
            )  # fmt: skip
        result = engine.prioritise(variants, patient, chosen, panel_only, explain=top)
    except RarelightError as error:
        raise _fail(error) from error
    _write(result, format, output, top)


def _write(result: TriageResult, format: Format, output: Path | None, top: int) -> None:
    if format is Format.pdf:
        assert output is not None
        output.write_bytes(triage_pdf(result, top))
        Console(stderr=True).print(f"wrote {output}")
        return
    if format is Format.table:
        _table(result, top)
        return
    text = {
        Format.json: lambda: json.dumps(to_json(result, top), indent=2, ensure_ascii=False),
        Format.tsv: lambda: to_tsv(result, top),
        Format.html: lambda: to_html(result, top),
    }[format]()
    if output:
        output.write_text(text, encoding="utf-8")
        Console(stderr=True).print(f"wrote {output}")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _table(result: TriageResult, top: int) -> None:
    for notice in result.notices[1:]:
        console.print(f"[yellow]note:[/] {escape(notice)}")
    table = Table(
        title=f"Candidate genes in {escape(result.source)} ({result.annotation}, "
        f"{result.assembly}, {result.hpo_release})",
        box=box.SIMPLE_HEAD,
    )
    # Three text columns wrap at spaces; the numbers never wrap. "score" is the combined score
    # with its phenotype and variant halves, so the table fits an 80-column terminal.
    table.add_column("#", no_wrap=True, justify="right")
    table.add_column("gene", no_wrap=True)
    table.add_column("score (pheno/var)", no_wrap=True)
    table.add_column("pattern", min_width=12)
    table.add_column("variants", min_width=16)
    table.add_column("ACMG met", min_width=9)
    for gene in result.ranked[:top]:
        table.add_row(
            str(gene.rank),
            gene.symbol + ("*" if gene.mode_mismatch else ""),
            f"{gene.combined_score:.3f} ({gene.phenotype_score:.2f}/{gene.variant_score:.2f})",
            ", ".join(p.value for p in gene.patterns),
            escape(
                "; ".join(
                    f"{e.variant.consequence} {e.variant.hgvs_p or e.variant.hgvs_c or e.variant.id}"
                    for e in gene.variants
                )
            ),
            ", ".join(dict.fromkeys(c.code for e in gene.variants for c in e.criteria if c.met)),
        )
    console.print(table)
    console.print(
        f"{result.variants_read:,} variants read; {ranked_summary(result)} (marked *: a second "
        "variant may have been missed). "
        f"{NOT_A_DIAGNOSIS}"
    )
