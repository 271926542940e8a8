"""Values of a triage run: calls, variants with their filter results, evidence and candidate genes.

Everything here is a frozen value that turns into plain JSON (`to_json`), so a result can be
stored with a care record or sent to a browser as it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from ._consequence import ConsequenceClass


class FilterStatus(StrEnum):
    """A filter's verdict on a variant or gene; failing items are kept and shown, never dropped."""

    PASS = "PASS"  # noqa: S105 - a filter verdict, not a password
    FAIL = "FAIL"
    NOT_RUN = "NOT_RUN"


@dataclass(frozen=True, slots=True)
class FilterResult:
    """One filter's verdict with the reason a person can check."""

    name: str
    status: FilterStatus
    reason: str


class Zygosity(StrEnum):
    """A sample's genotype at one variant."""

    HET = "heterozygous"
    HOM = "homozygous"
    HEMI = "hemizygous"
    REF = "reference"
    MISSING = "missing"


@dataclass(frozen=True, slots=True)
class Call:
    """One sample's genotype with its quality (GQ) and read depth (DP) when the VCF has them."""

    sample: str
    zygosity: Zygosity
    quality: int | None = None
    depth: int | None = None

    @property
    def carries(self) -> bool:
        return self.zygosity in (Zygosity.HET, Zygosity.HOM, Zygosity.HEMI)


class Mode(StrEnum):
    """A disease's mode of inheritance as the HPO annotates it."""

    AUTOSOMAL_DOMINANT = "autosomal dominant"
    AUTOSOMAL_RECESSIVE = "autosomal recessive"
    X_LINKED = "X-linked"


class Pattern(StrEnum):
    """How the genotypes in a gene fit a mode of inheritance."""

    DE_NOVO = "de novo"
    DOMINANT = "heterozygous (dominant)"
    HOMOZYGOUS = "homozygous (recessive)"
    COMPOUND_HETEROZYGOUS = "compound heterozygous (recessive)"
    X_LINKED = "X-linked"


PATTERN_MODES: dict[Pattern, frozenset[Mode]] = {
    Pattern.DE_NOVO: frozenset({Mode.AUTOSOMAL_DOMINANT, Mode.X_LINKED}),
    Pattern.DOMINANT: frozenset({Mode.AUTOSOMAL_DOMINANT}),
    Pattern.HOMOZYGOUS: frozenset({Mode.AUTOSOMAL_RECESSIVE}),
    Pattern.COMPOUND_HETEROZYGOUS: frozenset({Mode.AUTOSOMAL_RECESSIVE}),
    Pattern.X_LINKED: frozenset({Mode.X_LINKED}),
}
"""Which disease modes each genotype pattern can explain."""


@dataclass(frozen=True, slots=True)
class Variant:
    """One ALT allele with its most severe annotation, the proband's (and family's) calls.

    `frequency` is the highest population allele frequency the annotation carries (None: absent
    from the population data or no such field); `predictors` holds REVEL, CADD and SpliceAI scores
    when present; `score` is the variant score, 0 (benign-looking) to 1 (null variant, never seen).
    """

    chrom: str
    pos: int
    ref: str
    alt: str
    gene: str
    consequence: str
    kind: ConsequenceClass
    calls: tuple[Call, ...]
    filters: tuple[FilterResult, ...]
    score: float
    frequency: float | None = None
    frequency_source: str = ""
    predictors: tuple[tuple[str, float], ...] = ()
    hgvs_c: str = ""
    hgvs_p: str = ""
    transcript: str = ""
    location: str = ""

    @property
    def id(self) -> str:
        """chrom-pos-ref-alt, the way gnomAD names a variant."""
        return f"{self.chrom}-{self.pos}-{self.ref}-{self.alt}"

    @property
    def passed(self) -> bool:
        """No filter failed (NOT_RUN counts as passed: a missing field is no evidence against)."""
        return all(f.status is not FilterStatus.FAIL for f in self.filters)

    @property
    def proband(self) -> Call:
        return self.calls[0]

    def predictor(self, name: str) -> float | None:
        for key, value in self.predictors:
            if key == name:
                return value
        return None


class Direction(StrEnum):
    PATHOGENIC = "pathogenic"
    BENIGN = "benign"


@dataclass(frozen=True, slots=True)
class Criterion:
    """One ACMG/AMP criterion checked automatically: met or not, and why. Evidence, not a verdict."""

    code: str
    strength: str
    direction: Direction
    met: bool
    reason: str


@dataclass(frozen=True)
class VariantEvidence:
    """A variant in a candidate gene with the patterns it takes part in and its ACMG criteria."""

    variant: Variant
    patterns: tuple[Pattern, ...]
    criteria: tuple[Criterion, ...]


@dataclass(frozen=True, slots=True)
class DiseaseMatch:
    """One of a gene's diseases with its place in the phenotype ranking."""

    disease_id: str
    name: str
    modes: tuple[Mode, ...]
    phenotype_rank: int
    phenotype_score: float
    log10_score: float


@dataclass(frozen=True)
class CandidateGene:
    """A gene with its variants, both score halves and the combined score (all 0..1, higher better).

    `rank` is 1-based. A gene whose genotypes fit none of its diseases' modes (one heterozygous
    variant in a recessive gene, say) fails the inheritance filter but stays in the ranking with
    `mode_mismatch` True and its variant score discounted: exome sequencing can miss the second
    variant. Genes that failed any other gene filter get `passed` False and follow every ranked
    gene.
    """

    rank: int
    symbol: str
    combined_score: float
    phenotype_score: float
    variant_score: float
    passed: bool
    patterns: tuple[Pattern, ...]
    diseases: tuple[DiseaseMatch, ...]
    variants: tuple[VariantEvidence, ...]
    filters: tuple[FilterResult, ...]
    explanation: tuple[str, ...]
    in_panel: bool | None = None
    mode_mismatch: bool = False

    @property
    def in_ranking(self) -> bool:
        """Passed every gene filter, or failed only the inheritance one by a mode mismatch."""
        return self.passed or self.mode_mismatch


@dataclass(frozen=True)
class FilterSummary:
    """How many variants each filter passed, failed or could not run on."""

    name: str
    passed: int
    failed: int
    not_run: int


@dataclass(frozen=True)
class TriageResult:
    """A whole triage: inputs named, every candidate gene ranked, filter counts and notices."""

    source: str
    annotation: str
    assembly: str
    samples: tuple[str, ...]
    proband: str
    hpo_release: str
    observed: tuple[str, ...]
    excluded: tuple[str, ...]
    panel: str | None
    panel_only: bool
    variants_read: int
    genes: tuple[CandidateGene, ...]
    filter_summary: tuple[FilterSummary, ...]
    notices: tuple[str, ...] = ()
    settings: dict[str, float | str | bool] = field(default_factory=dict)

    @property
    def ranked(self) -> tuple[CandidateGene, ...]:
        """The genes in the ranking, best first: those that passed every filter and those whose
        only failure is a mode mismatch (flagged with `mode_mismatch`)."""
        return tuple(g for g in self.genes if g.in_ranking)

    def rank_of(self, symbol: str) -> int | None:
        """The 1-based rank of a gene in the ranking (None when it is not in it)."""
        for gene in self.ranked:
            if gene.symbol == symbol:
                return gene.rank
        return None
