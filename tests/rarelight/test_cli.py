from __future__ import annotations

import json
import re
from pathlib import Path

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


def test_match_finds_kmt2b_among_the_dystonias_with_explanations() -> None:
    argv = ["match", "HP:0001332", "HP:0002451", "HP:0001618", "HP:0000750", "--top", "10"]
    result = runner.invoke(app, [*argv, "--format", "json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["release"] == "HPO 2025-01-16"
    ids = [r["disease_id"] for r in body["results"]]
    assert "OMIM:617284" in ids
    assert len(ids) == 10
    kmt2b = body["results"][ids.index("OMIM:617284")]["explanation"]
    matched = {t["hpo_id"]: t for t in kmt2b["terms"]}
    assert {"HP:0002451", "HP:0001618"} <= matched.keys()
    assert matched["HP:0002451"]["relation"] == "exact"
    assert matched["HP:0002451"]["log10_lr"] > 0
    assert kmt2b["check_next"]
    table = runner.invoke(app, argv, env={"COLUMNS": "200"})
    assert "not a diagnosis" in table.stdout
    row = next(line for line in table.stdout.splitlines() if "OMIM:617284" in line)
    assert "Limb dystonia +" in row
    # every entry in "what matched" names a feature (no unlabelled chance-fit or similarity parts)
    assert not re.search(r"(^|,)\s+[+-]\d", row.split("│")[-2])


def test_match_names_unknown_ids_and_exits_2() -> None:
    result = runner.invoke(app, ["match", "HP:0001332", "HP:9999999"])
    assert result.exit_code == 2
    assert "HP:9999999 is not in HPO release 2025-01-16" in result.stderr


def test_benchmark_rank_reports_accuracy_as_json(tmp_path: Path) -> None:
    cases = tmp_path / "cases.jsonl"
    rows = [
        {
            "id": "1",
            "disease_id": "OMIM:617284",
            "observed": ["HP:0001332", "HP:0002451", "HP:0001618"],
        },
        {
            "id": "2",
            "disease_id": "OMIM:154700",
            "observed": ["HP:0001166", "HP:0001083", "HP:0002616"],
        },
        {"id": "3", "disease_id": "OMIM:999999", "observed": ["HP:0001250"]},
    ]
    cases.write_text("\n".join(json.dumps(r) for r in rows))
    result = runner.invoke(
        app, ["benchmark", "rank", str(cases), "--format", "json", "--baseline-sample", "0"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert (report["cases"], report["rankable"], report["unrankable"]) == (3, 2, 1)
    assert report["top10"] == 1.0  # both rankable diseases are in their top 10
    assert set(report["uncited"]) == {"cases", "top1", "top3", "top10"}
    assert report["ms_per_case_median"] > 0
    text = runner.invoke(
        app, ["benchmark", "rank", str(cases), "--baseline-sample", "0"], env={"COLUMNS": "120"}
    )
    assert text.exit_code == 0, text.output
    rankable = next(line for line in text.stdout.splitlines() if "│ rankable " in line)
    assert "100.0%" in rankable  # top-10 as a percentage, not a fraction
    assert "Not rankable (disease not in the release): 1." in text.stdout
    assert "{" not in text.stdout  # no raw dictionaries


def test_hpo_parse_finds_toe_walking_a_voice_term_and_excluded_seizures() -> None:
    text = "walks on his toes, his voice is hoarse and quiet, no seizures"
    result = runner.invoke(app, ["hpo", "parse", text, "--format", "json"])
    assert result.exit_code == 0, result.output
    terms = {t["id"]: t for t in json.loads(result.stdout)["terms"]}
    assert terms["HP:0030051"]["status"] == "observed"  # Tip-toe gait
    assert {"HP:0001609", "HP:0001621", "HP:0001618"} & terms.keys()  # a voice term
    assert terms["HP:0001250"]["status"] == "excluded"  # Seizure
    assert terms["HP:0030051"]["text"] == "walks on his toes"


def test_hpo_parse_rejects_overlong_text_with_exit_2() -> None:
    result = runner.invoke(app, ["hpo", "parse", "x" * 5001])
    assert result.exit_code == 2
    assert "5000" in result.stderr.replace(",", "")


def test_match_reads_a_phenopacket_and_a_batch(tmp_path: Path) -> None:
    packet = tmp_path / "child.json"
    packet.write_text(
        json.dumps(
            {
                "id": "synthetic",
                "phenotypicFeatures": [
                    {"type": {"id": "HP:0002451"}},
                    {"type": {"id": "HP:0001618"}},
                    {"type": {"id": "HP:0001250"}, "excluded": True},
                ],
            }
        )
    )
    result = runner.invoke(app, ["match", "--phenopacket", str(packet), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["results"][0]["explanation"]["terms"]
    batch = tmp_path / "cases.jsonl"
    batch.write_text(
        '{"id": "a", "disease_id": "?", "observed": ["HP:0001332"]}\n{"id": "b", "disease_id": "?", "observed": ["HP:0001250"]}\n'
    )
    result = runner.invoke(app, ["match", "--batch", str(batch), "--top", "3", "--format", "json"])
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["a", "b"]
    assert all(len(line["results"]) == 3 for line in lines)


def test_match_needs_exactly_one_input_and_names_bad_packets(tmp_path: Path) -> None:
    assert runner.invoke(app, ["match"]).exit_code == 2
    bad = tmp_path / "bad.json"
    bad.write_text('{"phenotypicFeatures": [{"typo": 1}]}')
    result = runner.invoke(app, ["match", "--phenopacket", str(bad)])
    assert result.exit_code == 2
    assert 'no field named "typo"' in result.stderr
    result = runner.invoke(app, ["match", "HP:0001332", "--phenopacket", str(bad)])
    assert result.exit_code == 2
    assert "exactly one" in result.stderr
