"""Free text → HPO: precision, recall and F1 of TextParser on parents' sentences with hand-coded terms.

Run: .venv/bin/python benchmarks/eval_text.py [benchmarks/lay_sentences.jsonl] [--errors]
Each line of the file: {"text": ..., "observed": [HP ids], "excluded": [HP ids], "set": ...}; `set`
says whether the parser was tuned on the sentence ("dev") or not ("held-out", "held-out-2", each
written before the parser changes it was scored after), and each set is reported apart.
`--errors` lists the dev sentences' misses only, so the held-out sets stay unseen while tuning.
Micro-averaged over all sentences, for observed terms, excluded terms, and both (a term with the
wrong status counts as a miss and a false alarm). Strict: the exact id. Lenient: a predicted term
that is the gold term, its parent or its child also counts (distance 1 in the ontology).
Prints a Markdown table for RESULTS.md; `--errors` also lists each sentence's misses and extras.
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from dataclasses import dataclass
from pathlib import Path

from rarelight.phenotype import Ontology, TextParser, load_release

HERE = Path(__file__).parent


@dataclass
class Score:
    """Micro-averaged counts: predictions that hit, all predictions, gold terms found, all gold."""

    hit_predictions: int = 0
    predictions: int = 0
    found_gold: int = 0
    gold: int = 0

    def add(self, predicted: set[str], gold: set[str], near: dict[str, set[str]] | None) -> None:
        def hits(term: str, others: set[str]) -> bool:
            return term in others or (near is not None and bool(near[term] & others))

        self.hit_predictions += sum(hits(p, gold) for p in predicted)
        self.predictions += len(predicted)
        self.found_gold += sum(hits(g, predicted) for g in gold)
        self.gold += len(gold)

    def row(self, name: str) -> str:
        precision = self.hit_predictions / self.predictions if self.predictions else 0.0
        recall = self.found_gold / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        counts = f"{self.predictions} predicted / {self.gold} gold"
        return f"| {name} | {precision:.3f} | {recall:.3f} | {f1:.3f} | {counts} |"


def _neighbours(ontology: Ontology, term_id: str) -> set[str]:
    term = ontology.get(term_id)
    parents = set(term.parents) if term else set()
    children = {c for c in ontology.descendants(term_id) if term_id in _parents(ontology, c)}
    return parents | children


def _parents(ontology: Ontology, term_id: str) -> tuple[str, ...]:
    term = ontology.get(term_id)
    return term.parents if term else ()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("sentences", nargs="?", type=Path, default=HERE / "lay_sentences.jsonl")
    parser.add_argument("--cache", type=Path, default=Path("var/cache"), help="HPO cache folder")
    parser.add_argument("--errors", action="store_true", help="list misses and extras per sentence")
    parser.add_argument(
        "--errors-set",
        default="dev",
        help="whose errors --errors lists (default: dev; held-out sets are for scoring only)",
    )
    args = parser.parse_args()

    release = load_release(cache_dir=args.cache)
    started = time.perf_counter()
    text_parser = TextParser(release.ontology)
    build = time.perf_counter() - started
    cases = [json.loads(line) for line in args.sentences.read_text("utf-8").splitlines() if line]

    kinds = ("observed", "excluded", "combined")
    strict = {kind: Score() for kind in kinds}
    lenient = {kind: Score() for kind in kinds}
    sets = sorted({case.get("set", "all") for case in cases})
    by_set = {name: (Score(), Score()) for name in sets}
    parse_seconds = 0.0
    for case in cases:
        started = time.perf_counter()
        found = text_parser.parse(case["text"])
        parse_seconds += time.perf_counter() - started
        predicted = {
            "observed": {f.term.id for f in found if not f.excluded},
            "excluded": {f.term.id for f in found if f.excluded},
        }
        gold = {"observed": set(case["observed"]), "excluded": set(case["excluded"])}
        predicted["combined"] = {f"{t}+" for t in predicted["observed"]} | {
            f"{t}-" for t in predicted["excluded"]
        }
        gold["combined"] = {f"{t}+" for t in gold["observed"]} | {f"{t}-" for t in gold["excluded"]}
        terms = {t[:-1] for t in predicted["combined"] | gold["combined"]}
        near = {t: _neighbours(release.ontology, t) for t in terms}
        signed_near = {f"{t}{s}": {f"{n}{s}" for n in near[t]} for t in terms for s in "+-"}
        set_strict, set_lenient = by_set[case.get("set", "all")]
        set_strict.add(predicted["combined"], gold["combined"], None)
        set_lenient.add(predicted["combined"], gold["combined"], signed_near)
        for kind in kinds:
            strict[kind].add(predicted[kind], gold[kind], None)
            lenient[kind].add(
                predicted[kind], gold[kind], signed_near if kind == "combined" else near
            )
        shown = case.get("set", "all") == args.errors_set
        if args.errors and shown and predicted["combined"] != gold["combined"]:
            missed = sorted(gold["combined"] - predicted["combined"])
            extra = sorted(predicted["combined"] - gold["combined"])
            label = release.ontology.label
            print(f"- {case['text']}")
            print(f"    missed: {', '.join(f'{t} {label(t[:-1])}' for t in missed) or '-'}")
            print(f"    extra:  {', '.join(f'{t} {label(t[:-1])}' for t in extra) or '-'}")

    print(f"\nmachine: {platform.machine()}, Python {platform.python_version()}")
    print(f"{release.name}; {len(cases)} sentences from {args.sentences.name}")
    print(
        f"parser build {build:.2f} s; parse {1000 * parse_seconds / len(cases):.2f} ms per sentence\n"
    )
    print("| measure | precision | recall | F1 | counts |")
    print("|---|---|---|---|---|")
    for kind in kinds:
        print(strict[kind].row(f"{kind}, strict"))
    for kind in kinds:
        print(lenient[kind].row(f"{kind}, lenient (±1 level)"))
    if len(sets) > 1:
        print("\n| sentences (combined) | precision | recall | F1 | counts |")
        print("|---|---|---|---|---|")
        for name in sets:
            size = sum(case.get("set", "all") == name for case in cases)
            print(by_set[name][0].row(f"{name} ({size}), strict"))
            print(by_set[name][1].row(f"{name} ({size}), lenient"))


if __name__ == "__main__":
    main()
