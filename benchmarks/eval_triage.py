"""Exome triage on the dev cases: the causal gene's rank with phenotype + genotype, genotype only
and phenotype only, and throughput against cyvcf2's raw parse rate of the same file.

Run: .venv/bin/python benchmarks/eval_triage.py ../shared/benchmarks/phenopacket_store_dev.jsonl.gz \\
       --variants 60000 --out var/bench/triage
The background VCF comes from triage_vcf.py (how it is made is in that file's docstring). The
background is read and filtered once; each case's causal variants are written to a small VCF with
the same header, read and filtered by the same code, merged in, and ranked (`Triage.prioritise`).
A sample of cases is also run end to end on a full spiked file to check that both ways agree.
"""

from __future__ import annotations

import os

os.environ.setdefault("POLARS_MAX_THREADS", "1")  # one core, like the raw parse it is compared to

import argparse
import hashlib
import json
import statistics
import sys
import time
from pathlib import Path

from cyvcf2 import VCF

sys.path.insert(0, str(Path(__file__).parent))

import triage_vcf
from rarelight.errors import ProblemsError
from rarelight.genomics import CandidateGene, GeneKnowledge, Mode, Triage, TriageResult
from rarelight.knowledge import load_catalogue
from rarelight.phenotype import PatientProfile, PhenotypeRanker

WEIGHTS = {"phenotype + genotype": None, "genotype only": 0.0, "phenotype only": 1.0}


def rank_with(
    result: TriageResult,
    gene: str,
    weight: float,
    mismatch: float | None = None,
    unknown: float = 0.0,
) -> int | None:
    """The gene's rank in the ranking when the two halves are blended with `weight`.

    `mismatch` re-weights the genes ranked by a mode mismatch (their variant score × this
    instead of × the setting); None leaves them out, as a hard inheritance filter would.
    `unknown` is the phenotype half given to genes with no disease in the release (0 in use).
    """
    setting = result.settings["mode_mismatch_weight"]
    assert isinstance(setting, float)

    def variant(g: CandidateGene) -> float:
        if not g.mode_mismatch or mismatch is None:
            return g.variant_score
        return g.variant_score / setting * mismatch if setting else 0.0

    def phenotype(g: CandidateGene) -> float:
        return g.phenotype_score if g.diseases else unknown

    ordered = sorted(
        (g for g in result.genes if g.passed or (g.mode_mismatch and mismatch is not None)),
        key=lambda g: (-(weight * phenotype(g) + (1 - weight) * variant(g)), g.symbol),
    )
    for position, g in enumerate(ordered, start=1):
        if g.symbol == gene:
            return position
    return None


def patient_for(ontology: object, spike: triage_vcf.Spike) -> PatientProfile | None:
    try:
        return PatientProfile.from_ids(ontology, spike.observed, spike.excluded)  # type: ignore[arg-type]
    except ProblemsError:
        known = [t for t in spike.observed if t in ontology]  # type: ignore[operator]
        try:
            return PatientProfile.from_ids(
                ontology, known, [t for t in spike.excluded if t in ontology]
            )  # type: ignore
        except ProblemsError:
            return None


def throughput(
    triage: Triage, files: list[Path], patient: PatientProfile, repeat: int
) -> list[dict[str, object]]:
    """Best of `repeat` interleaved runs each: raw cyvcf2 iteration vs the whole triage."""
    rows = []
    for path in files:
        raw = full = read = float("inf")
        count = 0
        cpu = wall = 0.0
        for _ in range(repeat):
            started = time.perf_counter()
            count = sum(1 for _ in VCF(str(path)))
            raw = min(raw, time.perf_counter() - started)
            started, cpu_started = time.perf_counter(), time.process_time()
            triage.read(path)
            read = min(read, time.perf_counter() - started)
            started = time.perf_counter()
            triage.run(path, patient, explain=20)
            full = min(full, time.perf_counter() - started)
            cpu += time.process_time() - cpu_started
            wall += time.perf_counter() - started + read
        rows.append({"file": path.name, "variants": count, "raw_per_s": round(count / raw),
                     "read_filter_per_s": round(count / read), "read_filter_ratio": round(raw / read, 3),
                     "triage_per_s": round(count / full), "ratio": round(raw / full, 3),
                     "cpu_per_wall": round(cpu / wall, 2)})  # fmt: skip
    return rows


def summary(ranks: list[int | None]) -> dict[str, float]:
    n = len(ranks)
    return {f"top{k}": round(100 * sum(1 for r in ranks if r is not None and r <= k) / n, 1) for k in (1, 5, 10)} | {
        "not_ranked": round(100 * sum(1 for r in ranks if r is None) / n, 1)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("cases", type=Path)
    parser.add_argument("--variants", type=int, default=60_000)
    parser.add_argument("--out", type=Path, default=Path("var/bench/triage"))
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--end-to-end", type=int, default=20)
    args = parser.parse_args()

    catalogue = load_catalogue(Path("var"), None)
    release = catalogue.release
    ranker = PhenotypeRanker(release, extra=catalogue.curated_annotations())
    knowledge = GeneKnowledge.from_release(release)
    triage = Triage(ranker, knowledge)
    x_only = {s: bool(g.modes) and g.modes <= {Mode.X_LINKED} for s, g in knowledge.genes.items()}
    plain = triage_vcf.write_background(args.out, args.variants, x_only)
    _, _, chroms = triage_vcf.gene_universe(x_only, __import__("random").Random(7))
    spikes, skipped = triage_vcf.spikes(args.cases, chroms)
    spikes = spikes[: args.limit] if args.limit else spikes
    background = triage.read(args.out / "background.vcf.gz")
    head = triage_vcf.header(["PROBAND"])
    ranks: dict[str, list[int | None]] = {k: [] for k in WEIGHTS}
    halves: dict[str, dict[float, list[int | None]]] = {"A": {}, "B": {}}
    grid = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
    mismatch_weight = triage.settings.mode_mismatch_weight
    mismatch_grid: tuple[float | None, ...] = (None, 0.0, 0.25, 0.5, 0.75, 1.0)
    mismatches: dict[str, dict[str, list[int | None]]] = {"A": {}, "B": {}}
    unknown_grid = (0.0, 0.05, 0.1, 0.2, 0.3)
    unknowns: dict[str, dict[str, list[int | None]]] = {"A": {}, "B": {}}
    in_release: list[int | None] = []
    misses: dict[str, int] = {}
    unusable = 0
    timings = []
    spike_file = args.out / "spike.vcf"
    checks: list[tuple[triage_vcf.Spike, PatientProfile, int | None]] = []
    for spike in spikes:
        patient = patient_for(release.ontology, spike)
        if patient is None:
            unusable += 1
            continue
        spike_file.write_text(head + "".join(triage_vcf.line(s) + "\n" for s in spike.sites))
        started = time.perf_counter()
        try:
            variants = background.merged(triage.read(spike_file))
        except ProblemsError as error:
            print(f"{spike.case_id}: {error}", file=sys.stderr)
            unusable += 1
            continue
        result = triage.prioritise(variants, patient, explain=10)
        timings.append(time.perf_counter() - started)
        for label, weight in WEIGHTS.items():
            w = triage.settings.phenotype_weight if weight is None else weight
            ranks[label].append(rank_with(result, spike.gene, w, mismatch_weight))
        half = "A" if int(hashlib.sha256(spike.gene.encode()).hexdigest(), 16) % 2 == 0 else "B"
        for w in grid:
            halves[half].setdefault(w, []).append(rank_with(result, spike.gene, w, mismatch_weight))
        for q in unknown_grid:
            unknowns[half].setdefault(str(q), []).append(
                rank_with(result, spike.gene, triage.settings.phenotype_weight, mismatch_weight, q)
            )
        for d in mismatch_grid:
            mismatches[half].setdefault(str(d), []).append(
                rank_with(result, spike.gene, triage.settings.phenotype_weight, d)
            )
        if spike.gene in knowledge:
            in_release.append(ranks["phenotype + genotype"][-1])
        if ranks["phenotype + genotype"][-1] is None:
            gene = next((g for g in result.genes if g.symbol == spike.gene), None)
            reason = (
                "causal variant failed a variant filter"
                if gene is None
                else gene.filters[0].reason.split(";")[0][:60]
            )
            key = (
                reason
                if gene is None
                else f"gene filter: {gene.filters[0].reason.split(':')[0][:70]}"
            )
            misses[key] = misses.get(key, 0) + 1
        if len(checks) < args.end_to_end and len(checks) * 400 <= len(ranks["genotype only"]):
            checks.append((spike, patient, ranks["phenotype + genotype"][-1]))
    agree = 0
    for spike, patient, expected in checks:
        full = args.out / "spiked.vcf"
        full.write_text(plain.read_text() + "".join(triage_vcf.line(s) + "\n" for s in spike.sites))
        result = triage.run(full, patient)
        agree += result.rank_of(spike.gene) == expected
    report = {
        "cases_with_variant_spiked": len(spikes),
        "skipped": skipped,
        "phenotype_unusable": unusable,
        "ranked": len(ranks["genotype only"]),
        **{label: summary(r) for label, r in ranks.items()},
        "gene_in_release": {"cases": len(in_release), **summary(in_release)},
        "misses": misses,
        "weight_grid_half_A": {str(w): summary(r) for w, r in halves["A"].items()},
        "weight_grid_half_B": {str(w): summary(r) for w, r in halves["B"].items()},
        "mode_mismatch_grid_half_A": {d: summary(r) for d, r in mismatches["A"].items()},
        "mode_mismatch_grid_half_B": {d: summary(r) for d, r in mismatches["B"].items()},
        "unknown_gene_grid_half_A": {q: summary(r) for q, r in unknowns["A"].items()},
        "unknown_gene_grid_half_B": {q: summary(r) for q, r in unknowns["B"].items()},
        "background_filters": dict(background.counts.items()),
        "background_candidate_genes": len(background.by_gene),
        "prioritise_ms_median": round(1000 * statistics.median(timings), 1),
        "end_to_end_agree": f"{agree}/{len(checks)}",
    }
    patient = patient_for(release.ontology, spikes[0])
    assert patient is not None
    report["throughput"] = throughput(
        triage,
        [args.out / f"background{s}" for s in (".vcf", ".vcf.gz", ".bcf")],
        patient,
        args.repeat,
    )
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
