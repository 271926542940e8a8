from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from rarelight._cli_hpo import hpo_app

runner = CliRunner()


def test_search_as_text_shows_a_table_naming_the_release() -> None:
    result = runner.invoke(hpo_app, ["search", "toe", "walking"])
    assert result.exit_code == 0, result.output
    assert "HPO 2025-01-16" in result.stdout
    assert "HP:0030051" in result.stdout  # Tip-toe gait
    assert "layperson synonym" in result.stdout


def test_search_as_json_lists_terms_best_first() -> None:
    result = runner.invoke(hpo_app, ["search", "seiz", "--format", "json", "--limit", "5"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len(rows) == 5
    assert rows[0]["id"] == "HP:0001250"
    assert rows[0]["label"] == "Seizure"
    assert rows[0]["matched_on"] == "label “Seizure”"
    assert rows[0]["notice"] is None
    assert "Epileptic seizure" in rows[0]["synonyms"]
    assert rows[0]["definition"]
    assert {"id", "label", "matched_on", "score", "notice", "synonyms", "definition"} <= set(
        rows[0]
    )
    scores = [row["score"] for row in rows]
    assert scores == sorted(scores, reverse=True)


def test_an_alternative_id_is_followed_with_a_note() -> None:
    result = runner.invoke(hpo_app, ["search", "HP:0002328", "-f", "json"])
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)
    assert row["id"] == "HP:0001332"
    assert "alternative id" in row["notice"]
    text = runner.invoke(hpo_app, ["search", "HP:0002328"])
    assert "note:" in text.stdout
    assert "Dystonia" in text.stdout


def test_all_terms_reaches_beyond_phenotypic_abnormalities() -> None:
    narrow = runner.invoke(hpo_app, ["search", "autosomal", "dominant", "-f", "json"])
    assert narrow.exit_code == 0
    assert "HP:0000006" not in [row["id"] for row in json.loads(narrow.stdout)]
    wide = runner.invoke(hpo_app, ["search", "autosomal", "dominant", "--all-terms", "-f", "json"])
    assert json.loads(wide.stdout)[0]["id"] == "HP:0000006"  # Autosomal dominant inheritance
    empty = runner.invoke(hpo_app, ["search", "autosomal", "dominant", "inheritance"])
    assert "No HPO term matches" in empty.stdout
    assert "--all-terms" in empty.stdout


def test_an_overlong_query_is_one_clear_error_line_and_exit_2() -> None:
    result = runner.invoke(hpo_app, ["search", "x" * 300])
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error:")
    assert "at most 200 characters" in lines[0]


@pytest.mark.parametrize(
    "argv",
    [["search", "seizure", "--limit", "0"], ["search", "seizure", "--format", "pdf"], ["search"]],
)
def test_usage_errors_exit_2(argv: list[str]) -> None:
    assert runner.invoke(hpo_app, argv).exit_code == 2
