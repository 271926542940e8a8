"""Does sex and age of onset help? Rank the dev cases from their phenopacket files, with and without.

Run: .venv/bin/python benchmarks/eval_phenopackets.py \\
       ../shared/benchmarks/phenopacket_store_dev_phenopackets.zip ../shared/benchmarks/phenopacket_store_dev.jsonl.gz
The JSONL gives each case's disease; the zip gives the phenopacket (sex, feature onsets). Excluded
terms are ignored and only OMIM diseases ranked, as in fit_ranking.py.
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import json
import zipfile
from pathlib import Path

from rarelight.errors import ProblemsError
from rarelight.phenotype import PatientProfile, PhenotypeRanker, RankSettings, load_release


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("packets", type=Path)
    parser.add_argument("cases", type=Path)
    args = parser.parse_args()
    release = load_release(cache_dir=Path("var/cache"))
    ranker = PhenotypeRanker(release, RankSettings(databases=("OMIM",), use_excluded=False))
    with gzip.open(args.cases, "rt", encoding="utf-8") as handle:
        diseases = {Path(row["source"]).name: row["disease_id"] for row in map(json.loads, handle)}
    ranks: dict[str, list[int]] = {
        "features only": [],
        "+ sex": [],
        "+ onset": [],
        "+ sex and onset": [],
    }
    with_sex = with_onset = 0
    with zipfile.ZipFile(args.packets) as archive:
        for name in sorted(archive.namelist()):
            index = ranker.index_of(diseases.get(Path(name).name, ""))
            if index is None:
                continue
            try:
                text = archive.read(name).decode()
                full = PatientProfile.from_phenopacket(release.ontology, text, name)
            except ProblemsError:
                continue
            full = dataclasses.replace(full, excluded=())
            with_sex += full.sex is not None
            with_onset += full.onset is not None
            variants = {
                "features only": dataclasses.replace(full, sex=None, onset=None),
                "+ sex": dataclasses.replace(full, onset=None),
                "+ onset": dataclasses.replace(full, sex=None),
                "+ sex and onset": full,
            }
            for label, patient in variants.items():
                ranks[label].append(ranker.position(ranker.scores(patient), index))
    total = len(ranks["features only"])
    print(f"{total} rankable packets; sex given in {with_sex}, an onset class in {with_onset}\n")
    print("| evidence used | top-1 | top-10 |\n|---|---|---|")
    for label, values in ranks.items():
        top1 = sum(r == 1 for r in values) / total
        top10 = sum(r <= 10 for r in values) / total
        print(f"| {label} | {top1:.1%} | {top10:.1%} |")


if __name__ == "__main__":
    main()
