from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import rarelight
from rarelight.cli import app

runner = CliRunner()


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"rarelight {rarelight.__version__}"


def test_search_as_json_lists_results_best_first() -> None:
    result = runner.invoke(app, ["disease", "search", "dystonia", "28", "--format", "json"])
    assert result.exit_code == 0, result.output
    results = json.loads(result.stdout)
    assert results[0]["id"] == "OMIM:617284"
    assert results[0]["curated"] is True
    scores = [r["score"] for r in results]
    assert scores == sorted(scores, reverse=True)


def test_search_as_text_shows_a_table() -> None:
    result = runner.invoke(app, ["disease", "search", "KMT2B"])
    assert result.exit_code == 0
    assert "OMIM:617284" in result.stdout
    assert "HPO 2025-01-16" in result.stdout


def test_show_json_prints_the_profile_with_resolvable_sources() -> None:
    result = runner.invoke(app, ["disease", "show", "OMIM:617284", "--format", "json"])
    assert result.exit_code == 0, result.output
    detail = json.loads(result.stdout)
    assert detail["hpo_release"] == "HPO 2025-01-16"
    profile = detail["profile"]
    assert profile["discovery"]["year"] == 2016
    sources = {s["id"]: s for s in profile["sources"]}
    assert all(s["link"] or s["founding_article"] for s in sources.values())

    def walk(node: object) -> int:
        if isinstance(node, dict):
            count = 0
            if "sources" in node and node is not profile:
                assert node["sources"], node
                assert set(node["sources"]) <= sources.keys()
                count = 1
            return count + sum(walk(v) for k, v in node.items() if k != "sources")
        if isinstance(node, list):
            return sum(walk(item) for item in node)
        return 0

    assert walk(profile) > 50


def test_show_markdown_has_numbered_sources_and_the_summary_table() -> None:
    result = runner.invoke(app, ["disease", "show", "ORPHA:589618", "--format", "markdown"])
    assert result.exit_code == 0
    assert result.stdout.startswith("# KMT2B-related dystonia")
    assert "| Discovery Year | 2016" in result.stdout
    assert "## Sources" in result.stdout
    assert "not a diagnosis" in result.stdout


def test_show_text_renders_a_generated_page() -> None:
    result = runner.invoke(app, ["disease", "show", "ORPHA:558"])
    assert result.exit_code == 0
    assert "Marfan syndrome" in result.stdout
    assert "not hand-curated" in result.stdout


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["disease", "show", "OMIM:999999"], "OMIM:999999 is not in the catalogue"),
        (["disease", "show", "HP:1"], "is not a disease id"),
    ],
)
def test_errors_exit_2_with_one_clear_line(argv: list[str], message: str) -> None:
    result = runner.invoke(app, argv)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error:")
    assert message in lines[0]


def test_usage_errors_also_exit_2() -> None:
    result = runner.invoke(app, ["disease", "show", "OMIM:617284", "--format", "pdf"])
    assert result.exit_code == 2
