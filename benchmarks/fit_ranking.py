"""Fit the ranking's parameters on half of the genes and report the other half beside it.

Run: .venv/bin/python benchmarks/fit_ranking.py ../shared/benchmarks/phenopacket_store_dev.jsonl.gz \
       '{"noise": [0.1, 0.25], "ancestor_discount": [0.03, 0.1], "max_log_lr": [3, 10]}'
Cases are split by sha256(gene) mod 2: choose parameters on half A only; half B shows whether the
choice generalises. Ranks among OMIM diseases, excluded terms ignored unless --use-excluded.
A few genes have hundreds of cases (STXBP1 462 in A, NF1 405 in B), so the gene-averaged top-1 and
top-10 ("A genes", "B genes": each gene's accuracy, averaged over genes) are shown beside the
case-averaged figures: a change that only helps one large gene shows up there.
A grid key that names a field of `ranking_variants.Variant` (a measured, not adopted change) ranks
with that variant, e.g. '{"cluster_exponent": [0.25, 0.5]}'.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import statistics
from collections import defaultdict
from pathlib import Path

from ranking_variants import VARIANT_FIELDS, Variant, VariantRanker
from rarelight.phenotype import (
    AnnotatedDisease,
    Annotation,
    Case,
    HpoRelease,
    PhenotypeRanker,
    RankSettings,
    evaluate,
    load_release,
    read_cases,
)


def _half(case: Case) -> int:
    return int(hashlib.sha256((case.gene or case.disease_id).encode()).hexdigest(), 16) % 2


def _by_gene(cases: list[Case], ranks: dict[str, int], k: int) -> float:
    """Top-k accuracy per gene, averaged over genes (cases the ranker could not rank left out)."""
    hits: dict[str, list[bool]] = defaultdict(list)
    for case in cases:
        if case.id in ranks:
            hits[case.gene or case.disease_id].append(ranks[case.id] <= k)
    return statistics.fmean(statistics.fmean(h) for h in hits.values()) if hits else 0.0


def _orpha_twins(release: HpoRelease) -> dict[str, list[Annotation]]:
    """The ORPHA annotations of each OMIM disease's twin: the one ORPHA entry of its gene, when
    that gene has exactly one OMIM and one ORPHA disease (an experiment; not used by default)."""
    by_gene: dict[str, list[AnnotatedDisease]] = defaultdict(list)
    for disease in release.diseases:
        genes = {g.symbol for g in disease.genes}
        if disease.database in {"OMIM", "ORPHA"} and len(genes) == 1:
            by_gene[genes.pop()].append(disease)
    extra = {}
    for diseases in by_gene.values():
        omim = [d for d in diseases if d.database == "OMIM"]
        orpha = [d for d in diseases if d.database == "ORPHA"]
        if len(omim) == 1 and len(orpha) == 1:
            extra[omim[0].id] = [a for a in orpha[0].annotations if a.aspect == "P"]
    return extra


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("cases", type=Path)
    parser.add_argument("grid", help="JSON object: RankSettings field → list of values")
    parser.add_argument("--use-excluded", action="store_true", help="Score excluded terms too.")
    parser.add_argument(
        "--orpha-twins", action="store_true", help="Add each OMIM disease's ORPHA twin's features."
    )
    args = parser.parse_args()
    grid: dict[str, list[object]] = json.loads(args.grid)
    release = load_release(cache_dir=Path("var/cache"))
    cases = list(read_cases(args.cases))
    extra = _orpha_twins(release) if args.orpha_twins else None
    halves = [[c for c in cases if _half(c) == h] for h in (0, 1)]
    print(
        "| "
        + " | ".join(grid)
        + " | A top-1 | A top-10 | A genes top-1 | A genes top-10 | B top-1 | B top-10"
        + " | B genes top-1 | B genes top-10 | B uncited top-1 | B uncited top-10 |"
    )
    print("|" + "---|" * (len(grid) + 10))
    for values in itertools.product(*grid.values()):
        chosen = dict(zip(grid, values, strict=True))
        settings = RankSettings(
            **{k: v for k, v in chosen.items() if k not in VARIANT_FIELDS},
            databases=("OMIM",),
            use_excluded=args.use_excluded,
        )
        variant = {k: v for k, v in chosen.items() if k in VARIANT_FIELDS}
        ranker = (
            VariantRanker(release, settings, extra, Variant(**variant))  # type: ignore[arg-type]
            if variant
            else PhenotypeRanker(release, settings, extra)
        )
        a, b = (evaluate(ranker, half) for half in halves)
        ranks_a, ranks_b = a.by_case, b.by_case
        cells = [
            a.all.share(1), a.all.share(10),
            _by_gene(halves[0], ranks_a, 1), _by_gene(halves[0], ranks_a, 10),
            b.all.share(1), b.all.share(10),
            _by_gene(halves[1], ranks_b, 1), _by_gene(halves[1], ranks_b, 10),
            b.uncited.share(1), b.uncited.share(10),
        ]  # fmt: skip
        print(
            "| "
            + " | ".join(str(v) for v in values)
            + " | "
            + " | ".join(f"{c:.1%}" for c in cells)
            + " |"
        )


if __name__ == "__main__":
    main()
