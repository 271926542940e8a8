"""The ranking's accuracy by group of cases: cited or not, gene half, first added after the release.

Run: .venv/bin/python benchmarks/rank_breakdown.py ../shared/benchmarks/phenopacket_store_dev.jsonl.gz
Ranks like `rarelight benchmark rank` (the catalogue's release and curated profiles, OMIM diseases,
default settings) and splits the rankable cases: cited or not by the release's annotations, gene
half A or B (sha256(gene) mod 2; parameters are chosen on A), and whether phenopacket-store first
added the case after the release date (`first_added`, read from the raw line). Each row is given
with excluded terms scored and ignored. The last row is the fixed sample of 300 cases on which
`rarelight benchmark rank` runs the hpo3 baseline (`--baseline-sample 300`), for comparing with a
recorded baseline run without re-running hpo3.
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import hashlib
import json
from pathlib import Path

from rarelight import config
from rarelight.knowledge import load_catalogue
from rarelight.phenotype import (
    Case,
    PhenotypeRanker,
    RankSettings,
    evaluate,
    rankable_cases,
    read_cases,
    sample_cases,
)

RELEASE_DATE = "2025-01-16"


def _half(case: Case) -> str:
    return "AB"[int(hashlib.sha256((case.gene or case.disease_id).encode()).hexdigest(), 16) % 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("cases", type=Path)
    args = parser.parse_args()
    catalogue = load_catalogue(config.data_dir(), config.hpo_dir())
    ranker = PhenotypeRanker(
        catalogue.release, RankSettings(databases=("OMIM",)), catalogue.curated_annotations()
    )
    ignoring = ranker.with_settings(dataclasses.replace(ranker.settings, use_excluded=False))
    cases = list(read_cases(args.cases))
    with gzip.open(args.cases, "rt", encoding="utf-8") as handle:
        added = {row["id"]: row.get("first_added") or "" for row in map(json.loads, handle)}
    runs = [evaluate(r, cases) for r in (ranker, ignoring)]
    cited = ranker.release_references()
    sample = {c.id for c in sample_cases(rankable_cases(ranker, cases), 300)}
    groups = {
        "all rankable": lambda c: True,
        "cited": lambda c: bool(c.pmid) and c.pmid in cited.get(c.disease_id, ()),
        "uncited": lambda c: not c.pmid or c.pmid not in cited.get(c.disease_id, ()),
        "gene half A (tuned on)": lambda c: _half(c) == "A",
        "gene half B (held out)": lambda c: _half(c) == "B",
        "half B, uncited": lambda c: (
            _half(c) == "B" and (not c.pmid or c.pmid not in cited.get(c.disease_id, ()))
        ),
        f"first added after {RELEASE_DATE}": lambda c: added.get(c.id, "") > RELEASE_DATE,
        "baseline sample (300, seeded)": lambda c: c.id in sample,
    }
    print("| cases | n | top-1 | top-3 | top-10 | excluded ignored: top-1 / top-10 |")
    print("|---|---|---|---|---|---|")
    for name, member in groups.items():
        chosen = [c.id for c in cases if c.id in runs[0].by_case and member(c)]
        ranks, plain = ([run.by_case[i] for i in chosen] for run in runs)

        def share(values: list[int], k: int) -> str:
            return f"{sum(v <= k for v in values) / len(values):.1%}" if values else "–"

        print(
            f"| {name} | {len(ranks):,} | {share(ranks, 1)} | {share(ranks, 3)} | "
            f"{share(ranks, 10)} | {share(plain, 1)} / {share(plain, 10)} |"
        )


if __name__ == "__main__":
    main()
