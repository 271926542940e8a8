"""Rank published cases and score the ranking: top-k accuracy, MRR, speed, split by citation."""

from __future__ import annotations

import gzip
import json
import statistics
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rarelight.errors import InputError, ProblemsError

from ._patient import PatientProfile
from ._rank import PhenotypeRanker


@dataclass(frozen=True)
class Case:
    """One benchmark case: a published patient with a known disease."""

    id: str
    disease_id: str
    observed: tuple[str, ...]
    excluded: tuple[str, ...] = ()
    pmid: str | None = None
    gene: str | None = None


def read_cases(path: Path) -> Iterator[Case]:
    """Cases from JSONL (optionally gzipped); a malformed line fails with its number."""
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        handle = opener(path, "rt", encoding="utf-8")
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror or error}") from error
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                yield Case(
                    id=str(row["id"]),
                    disease_id=str(row["disease_id"]),
                    observed=tuple(row["observed"]),
                    excluded=tuple(row.get("excluded") or ()),
                    pmid=row.get("pmid"),
                    gene=row.get("gene"),
                )
            except (json.JSONDecodeError, KeyError, TypeError) as error:
                raise InputError(
                    f"{path.name} line {number}: not a case ({error}); each line needs "
                    "id, disease_id and observed (a list of HPO ids)"
                ) from error


@dataclass
class Tally:
    """Ranks of the rankable cases of one group."""

    ranks: list[int] = field(default_factory=list)

    def share(self, k: int) -> float:
        return sum(r <= k for r in self.ranks) / len(self.ranks) if self.ranks else 0.0

    def summary(self) -> dict[str, float | int]:
        return {
            "cases": len(self.ranks),
            "top1": round(self.share(1), 4),
            "top3": round(self.share(3), 4),
            "top10": round(self.share(10), 4),
            "mrr": round(statistics.fmean(1 / r for r in self.ranks), 4) if self.ranks else 0.0,
            "median_rank": statistics.median(self.ranks) if self.ranks else 0,
        }


@dataclass
class Evaluation:
    """Everything a benchmark run measured."""

    release: str
    cases: int = 0
    unrankable: int = 0
    invalid: int = 0
    all: Tally = field(default_factory=Tally)
    uncited: Tally = field(default_factory=Tally)
    milliseconds: list[float] = field(default_factory=list)
    by_case: dict[str, int] = field(default_factory=dict)  # case id → rank, for per-gene figures
    # (probability given to the right disease, was it ranked first) for a reliability table
    calibration: list[tuple[float, bool]] = field(default_factory=list)


def evaluate(
    ranker: PhenotypeRanker,
    cases: Iterable[Case],
    progress: Callable[[], None] | None = None,
) -> Evaluation:
    """Rank each case over every disease; cases whose disease is not in the release are counted."""
    cited = ranker.release_references()
    result = Evaluation(release=ranker.release.name)
    for case in cases:
        result.cases += 1
        if progress:
            progress()
        if ranker.index_of(case.disease_id) is None:
            result.unrankable += 1
            continue
        patient = case_profile(ranker, case)
        if patient is None:
            result.invalid += 1
            continue
        started = time.perf_counter()
        scores = ranker.scores(patient)
        index = ranker.index_of(case.disease_id)
        assert index is not None
        rank = ranker.position(scores, index)
        result.milliseconds.append((time.perf_counter() - started) * 1000)
        result.all.ranks.append(rank)
        result.by_case[case.id] = rank
        if not case.pmid or case.pmid not in cited.get(case.disease_id, ()):
            result.uncited.ranks.append(rank)
        terms = len(ranker.most_specific(patient.observed))
        top_probability = float(ranker.probabilities(scores, terms).max())
        result.calibration.append((top_probability, rank == 1))
    return result


def case_profile(ranker: PhenotypeRanker, case: Case) -> PatientProfile | None:
    """The case as a patient; published cases may carry a retired or non-phenotype id, so only the
    usable terms are kept (None when no observed term is usable)."""
    ontology = ranker.release.ontology
    try:
        return PatientProfile.from_ids(ontology, list(case.observed), list(case.excluded))
    except ProblemsError:
        pass

    def usable(ids: tuple[str, ...]) -> list[str]:
        kept = []
        for hpo_id in ids:
            try:
                PatientProfile.from_ids(ontology, [hpo_id])
                kept.append(hpo_id)
            except ProblemsError:
                continue
        return kept

    observed = usable(case.observed)
    if not observed:
        return None
    return PatientProfile.from_ids(ontology, observed, usable(case.excluded))
