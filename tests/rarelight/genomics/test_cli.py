"""`rarelight vcf triage` on the hand-made trio, in every format, and its clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rarelight.cli import app

runner = CliRunner()
DATA = Path(__file__).parents[2] / "data" / "vcf"
TRIO = [str(DATA / "kmt2b-trio.vcf"), "--ped", str(DATA / "kmt2b-trio.ped")]
TERMS = ["--hpo", "HP:0001332", "--hpo", "HP:0002451"]  # Dystonia, Limb dystonia


def test_table_names_the_de_novo_kmt2b_variant() -> None:
    result = runner.invoke(app, ["vcf", "triage", *TRIO, *TERMS])
    assert result.exit_code == 0, result.output
    assert "KMT2B" in result.stdout
    assert "de novo" in result.stdout
    assert "Not a diagnosis" in result.stdout


def test_table_fits_an_80_column_terminal() -> None:
    result = runner.invoke(app, ["vcf", "triage", *TRIO, *TERMS], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= 80
    assert "stop_gained" in result.stdout  # the consequence is not cut short
    assert "PVS1" in result.stdout  # the criteria column is not cut off
    row = next(line for line in lines if "KMT2B" in line)
    assert "(0.85/" in row  # the score shows both halves


def test_json_carries_evidence_and_filter_counts() -> None:
    result = runner.invoke(
        app, ["vcf", "triage", *TRIO, *TERMS, "--format", "json", "--panel", "dystonia"]
    )
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    top = body["genes"][0]
    assert (top["symbol"], top["patterns"], top["in_panel"]) == ("KMT2B", ["de novo"], True)
    met = {c["code"] for c in top["variants"][0]["criteria"] if c["met"]}
    assert {"PVS1", "PM6", "PM2"} <= met
    counts = {f["name"]: f for f in body["filter_summary"]}
    assert counts["filter column"]["failed"] == 1  # the LowQual TOR1A call
    assert counts["frequency"]["failed"] == 1  # the common synonymous TTN variant
    ttn = next(g for g in body["genes"] if g["symbol"] == "TTN")
    assert ttn["passed"] is False  # inherited from the unaffected father


@pytest.mark.parametrize(("fmt", "start"), [("tsv", "rank\tgene"), ("html", "<!doctype html>")])
def test_text_formats(fmt: str, start: str) -> None:
    result = runner.invoke(app, ["vcf", "triage", *TRIO, *TERMS, "--format", fmt])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(start)


def test_pdf_needs_an_output_file(tmp_path: Path) -> None:
    assert runner.invoke(app, ["vcf", "triage", *TRIO, *TERMS, "--format", "pdf"]).exit_code == 2
    target = tmp_path / "triage.pdf"
    result = runner.invoke(app, ["vcf", "triage", *TRIO, *TERMS, "-f", "pdf", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(b"%PDF")


def test_panel_only_keeps_panel_genes(tmp_path: Path) -> None:
    panel = tmp_path / "panel.txt"
    panel.write_text("TTN\n")
    result = runner.invoke(
        app, ["vcf", "triage", *TRIO, *TERMS, "--panel", str(panel), "--panel-only", "-f", "tsv"]
    )
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in result.stdout.splitlines()[1:]]
    assert all(row[2] == "no" for row in rows)  # KMT2B is outside this panel, TTN fails inheritance


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--hpo", "HP:9999999"], "HP:9999999"),
        (["--panel-only"], "--panel-only needs --panel"),
        (["--panel", "nonsense"], "no such built-in panel"),
    ],
)
def test_clear_errors(args: list[str], message: str) -> None:
    result = runner.invoke(
        app, ["vcf", "triage", *TRIO, *(args if "--hpo" in args else [*TERMS, *args])]
    )
    assert result.exit_code == 2
    assert message in result.output


def test_unannotated_and_missing_files(tmp_path: Path) -> None:
    plain = tmp_path / "plain.vcf"
    plain.write_text(
        "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS\n"
    )
    result = runner.invoke(app, ["vcf", "triage", str(plain), *TERMS])
    assert result.exit_code == 2
    assert "no consequence annotation" in result.output
    result = runner.invoke(app, ["vcf", "triage", str(tmp_path / "missing.vcf"), *TERMS])
    assert result.exit_code == 2
    assert "no such file" in result.output


def test_trio_needs_the_ped_or_a_proband() -> None:
    result = runner.invoke(app, ["vcf", "triage", str(DATA / "kmt2b-trio.vcf"), *TERMS])
    assert result.exit_code == 2
    assert "--proband" in result.output
