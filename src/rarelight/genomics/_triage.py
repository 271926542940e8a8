"""The triage pipeline: read → filter → prioritise → combine → a ranked, explained result.

    triage = Triage(ranker, knowledge)              # built once, reused for every file
    result = triage.run(Path("exome.vcf.gz"), patient, pedigree=None, panel=None)
    result.ranked[0].symbol, result.ranked[0].explanation

Reading and filtering depend only on the file; `prioritise` can rank the same variants for
another phenotype or panel without reading again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rarelight.phenotype import PatientProfile, PhenotypeRanker

from ._acmg import NOTICE, criteria
from ._filters import FILTER_NAMES, VariantFilters
from ._genes import GeneInfo, GeneKnowledge
from ._inheritance import gene_genotypes, pattern_score
from ._model import (
    CandidateGene,
    FilterResult,
    FilterStatus,
    FilterSummary,
    Pattern,
    TriageResult,
    Variant,
    VariantEvidence,
)
from ._panel import Panel
from ._pedigree import Pedigree
from ._phenotype import GenePhenotype, PhenotypeScores
from ._settings import TriageSettings
from ._vcf import VcfHeader, VcfReader

Progress = Callable[[int], None]
"""Called with the number of variants read so far, every `PROGRESS_EVERY` variants."""
PROGRESS_EVERY = 1000
_PATTERN_ORDER = {pattern: index for index, pattern in enumerate(Pattern)}


@dataclass
class VariantSet:
    """The filtered variants of one file: passing ones grouped by gene, every verdict counted."""

    source: str
    header: VcfHeader
    by_gene: dict[str, list[Variant]]
    counts: dict[str, list[int]]  # filter name → [passed, failed, not run]
    read: int = 0
    notices: list[str] = field(default_factory=list)
    failed_by_gene: dict[str, list[Variant]] = field(default_factory=dict)

    def add(self, variant: Variant) -> None:
        self.read += 1
        failed = False
        for result in variant.filters:
            slot = self.counts.setdefault(result.name, [0, 0, 0])
            if result.status is FilterStatus.PASS:
                slot[0] += 1
            elif result.status is FilterStatus.FAIL:
                slot[1] += 1
                failed = True
            else:
                slot[2] += 1
        if not failed:
            self.by_gene.setdefault(variant.gene, []).append(variant)
        elif variant.gene:
            self.failed_by_gene.setdefault(variant.gene, []).append(variant)

    def add_screened(self, screened: dict[str, int]) -> None:
        """Count the variants the reader's screens failed: later filters did not run on them."""
        names = list(self.counts)
        for name, failed in screened.items():
            self.read += failed
            position = names.index(name)
            for earlier in names[:position]:
                self.counts[earlier][0] += failed
            self.counts[name][1] += failed
            for later in names[position + 1 :]:
                self.counts[later][2] += failed

    def merged(self, other: VariantSet) -> VariantSet:
        """This set plus another's variants (same family columns), e.g. spiked-in variants."""
        by_gene = {g: list(vs) for g, vs in self.by_gene.items()}
        for gene, variants in other.by_gene.items():
            by_gene.setdefault(gene, []).extend(variants)
        counts = {k: list(v) for k, v in self.counts.items()}
        for name, (p, f, n) in other.counts.items():
            slot = counts.setdefault(name, [0, 0, 0])
            slot[0] += p
            slot[1] += f
            slot[2] += n
        failed = {g: list(vs) for g, vs in self.failed_by_gene.items()}
        for gene, variants in other.failed_by_gene.items():
            failed.setdefault(gene, []).extend(variants)
        return VariantSet(self.source, self.header, by_gene, counts, self.read + other.read,
                          self.notices + other.notices, failed)  # fmt: skip


class Triage:
    """Ranks the genes of an annotated VCF for a patient; holds the ranker and gene knowledge."""

    def __init__(
        self,
        ranker: PhenotypeRanker,
        knowledge: GeneKnowledge,
        settings: TriageSettings | None = None,
    ) -> None:
        self.ranker = ranker
        self.knowledge = knowledge
        self.settings = settings or TriageSettings()

    def read(
        self,
        path: Path,
        pedigree: Pedigree | None = None,
        proband: str | None = None,
        assembly: str | None = None,
        sex: str | None = None,
        progress: Progress | None = None,
    ) -> VariantSet:
        """Read and filter every variant; raises once with all malformed lines."""
        reader = VcfReader(path, pedigree, proband, assembly, sex)
        filters = VariantFilters(reader.header, self.settings)
        result = VariantSet(
            Path(path).name, reader.header, {}, {n: [0, 0, 0] for n in FILTER_NAMES}
        )
        make, add = filters.variant, result.add
        for record in reader.records(
            self.settings.max_frequency_recessive,
            progress,
            self.settings.splice_predictor_threshold,
        ):
            add(make(record))
        reader.finish()
        result.add_screened(reader.screened)
        result.notices.extend(reader.notices)
        if reader.header.assembly == "unknown":
            result.notices.append(
                "the genome assembly is not named in the header; give it with --assembly"
            )
        return result

    def run(
        self,
        path: Path,
        patient: PatientProfile,
        pedigree: Pedigree | None = None,
        proband: str | None = None,
        panel: Panel | None = None,
        panel_only: bool = False,
        progress: Progress | None = None,
        explain: int | None = None,
    ) -> TriageResult:
        """Read, filter and rank in one call."""
        variants = self.read(path, pedigree, proband, progress=progress)
        return self.prioritise(variants, patient, panel, panel_only, explain=explain)

    def prioritise(
        self,
        variants: VariantSet,
        patient: PatientProfile,
        panel: Panel | None = None,
        panel_only: bool = False,
        phenotype_weight: float | None = None,
        explain: int | None = None,
    ) -> TriageResult:
        """Inheritance, evidence and the combined score for every gene with a passing variant.

        combined = w · phenotype + (1 − w) · variant, w = `phenotype_weight` (0.7 by default);
        a gene whose genotypes fit none of its modes is ranked with its variant score × the
        mode-mismatch weight; genes that failed another gene filter follow the others; ties by
        gene symbol. `explain` limits
        the ACMG criteria and explanation lines to the best N genes (None: every gene).
        """
        settings = self.settings
        weight = settings.phenotype_weight if phenotype_weight is None else phenotype_weight
        phenotype = PhenotypeScores(self.ranker, self.knowledge, patient)
        pedigree = variants.header.pedigree
        has_frequencies = variants.header.annotation.has_frequencies
        scored: list[_Scored] = []
        panel_counts = [0, 0, 0]
        inheritance_counts = [0, 0, 0]
        for symbol, found in variants.by_gene.items():
            info = self.knowledge.get(symbol)
            genotypes = gene_genotypes(
                symbol, found, pedigree, info.modes if info else frozenset(), settings
            )
            gene_filters = [genotypes.verdict]
            _count(inheritance_counts, genotypes.verdict)
            if panel is not None:
                verdict = _panel_verdict(symbol, panel, panel_only)
                gene_filters.append(verdict)
                _count(panel_counts, verdict)
            passed = all(f.status is not FilterStatus.FAIL for f in gene_filters)
            others_pass = all(f.status is not FilterStatus.FAIL for f in gene_filters[1:])
            mismatch = not passed and others_pass and bool(genotypes.unfitting)
            ranked_by = genotypes.unfitting if mismatch else genotypes.patterns
            best_pattern, best = _best_pattern(ranked_by)
            variant_score = pattern_score(best_pattern, best) if best else 0.0
            if mismatch:
                variant_score *= settings.mode_mismatch_weight
            pheno = phenotype.gene(symbol)
            combined = weight * pheno.score + (1 - weight) * variant_score
            scored.append(_Scored(symbol, info, found, genotypes.verdict, ranked_by,
                                  tuple(gene_filters), passed, mismatch, best_pattern, best,
                                  variant_score, pheno, combined))  # fmt: skip
        scored.sort(key=lambda g: (not (g.passed or g.mismatch), -g.combined, g.symbol))
        genes = []
        for position, item in enumerate(scored):
            detailed = explain is None or position < explain
            used = item.best or tuple(sorted(item.found, key=lambda v: (-v.score, v.pos))[:1])
            evidence = []
            for v in used:
                patterns = tuple(p for p, vs in item.patterns.items() if any(v is x for x in vs))
                checked = (
                    criteria(v, item.info, patterns, item.pheno.score, item.pheno.reason,
                             has_frequencies, settings)
                    if detailed
                    else ()
                )  # fmt: skip
                evidence.append(VariantEvidence(v, patterns, checked))
            explanation = (
                (
                    f"Phenotype {item.pheno.score:.2f}: {item.pheno.reason}.",
                    _variant_reason(item.variant_score, item.pattern, item.best,
                                    item.verdict,
                                    settings.mode_mismatch_weight if item.mismatch else None),
                    f"Combined = {weight:g} × {item.pheno.score:.2f} + {1 - weight:g} × "
                    f"{item.variant_score:.2f} = {item.combined:.3f}.",
                )
                if detailed
                else ()
            )  # fmt: skip
            genes.append(
                CandidateGene(
                    rank=position + 1,
                    symbol=item.symbol,
                    combined_score=round(item.combined, 6),
                    phenotype_score=round(item.pheno.score, 6),
                    variant_score=round(item.variant_score, 6),
                    passed=item.passed,
                    patterns=tuple(item.patterns),
                    diseases=item.pheno.diseases,
                    variants=tuple(evidence),
                    filters=item.filters,
                    explanation=explanation,
                    in_panel=None if panel is None else item.symbol in panel,
                    mode_mismatch=item.mismatch,
                )
            )
        ranked = tuple(genes)
        summary = [FilterSummary(n, *c) for n, c in variants.counts.items()]
        summary.append(FilterSummary("inheritance (genes)", *inheritance_counts))
        if panel is not None:
            summary.append(FilterSummary("panel (genes)", *panel_counts))
        return TriageResult(
            source=variants.source,
            annotation=variants.header.annotation.kind,
            assembly=variants.header.assembly,
            samples=tuple(m.id for m in pedigree.members),
            proband=pedigree.proband.id,
            hpo_release=self.ranker.release.name,
            observed=patient.observed,
            excluded=patient.excluded,
            panel=panel.name if panel else None,
            panel_only=panel_only,
            variants_read=variants.read,
            genes=ranked,
            filter_summary=tuple(summary),
            notices=(NOTICE, *patient.notices, *variants.notices),
            settings={**settings.as_dict(), "phenotype_weight": weight},
        )


@dataclass(frozen=True)
class _Scored:
    """A gene's scores before ranking; evidence is built after sorting, for the genes shown."""

    symbol: str
    info: GeneInfo | None
    found: list[Variant]
    verdict: FilterResult  # the inheritance filter's
    patterns: dict[Pattern, tuple[Variant, ...]]  # the patterns it is ranked by (fitting or not)
    filters: tuple[FilterResult, ...]
    passed: bool
    mismatch: bool  # failed only the inheritance filter, by a mode mismatch: ranked, discounted
    pattern: Pattern
    best: tuple[Variant, ...]
    variant_score: float
    pheno: GenePhenotype
    combined: float


def _count(counts: list[int], result: FilterResult) -> None:
    index = {FilterStatus.PASS: 0, FilterStatus.FAIL: 1, FilterStatus.NOT_RUN: 2}[result.status]
    counts[index] += 1


def _panel_verdict(symbol: str, panel: Panel, panel_only: bool) -> FilterResult:
    if symbol in panel:
        return FilterResult("panel", FilterStatus.PASS, f"{symbol} is in the {panel.name} panel")
    if panel_only:
        return FilterResult(
            "panel", FilterStatus.FAIL, f"{symbol} is not in the {panel.name} panel"
        )
    return FilterResult(
        "panel",
        FilterStatus.NOT_RUN,
        f"{symbol} is not in the {panel.name} panel (kept: not panel-only)",
    )


def _best_pattern(
    patterns: dict[Pattern, tuple[Variant, ...]],
) -> tuple[Pattern, tuple[Variant, ...]]:
    if not patterns:
        return Pattern.DOMINANT, ()
    return max(patterns.items(), key=lambda item: (pattern_score(*item), -_PATTERN_ORDER[item[0]]))


def _variant_reason(
    score: float,
    pattern: Pattern,
    variants: tuple[Variant, ...],
    verdict: FilterResult,
    mismatch_weight: float | None = None,
) -> str:
    if not variants:
        return f"Variant 0.00: {verdict.reason}."
    described = "; ".join(_describe(v) for v in variants)
    how = "the mean of the pair" if len(variants) > 1 else "its variant score"
    if mismatch_weight is not None:
        how += (
            f" × {mismatch_weight:g}, because {verdict.reason} — a second variant may have been "
            "missed (a deletion or a deep intronic change), so the gene stays in the ranking"
        )
    return f"Variant {score:.2f} ({pattern.value}, {how}): {described}."


def _describe(variant: Variant) -> str:
    change = " ".join(x for x in (variant.hgvs_c, variant.hgvs_p) if x) or variant.id
    frequency = (
        "absent from the population data"
        if variant.frequency is None
        else f"{variant.frequency_source} {variant.frequency:.2g}"
    )
    predictors = ", ".join(f"{k} {v:g}" for k, v in variant.predictors)
    parts = [variant.consequence, change, variant.proband.zygosity.value, frequency]
    if predictors:
        parts.append(predictors)
    return f"{' '.join(parts[:2])} ({', '.join(parts[2:])}; score {variant.score:.2f})"
