"""Which inheritance patterns a gene's genotypes fit, and whether they fit the gene's diseases.

Patterns: de novo (trio: both parents called reference), heterozygous (dominant), homozygous and
compound heterozygous (recessive), X-linked (hemizygous or homozygous on X; heterozygous on X for
X-linked dominant). In a trio an unaffected parent who carries the same genotype rules a pattern
out, and an affected parent must carry a dominant variant. Frequencies must be under the
threshold of the mode: dominant and X-linked heterozygous 0.1%, recessive 1% (settings).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ._model import (
    PATTERN_MODES,
    Call,
    FilterResult,
    FilterStatus,
    Mode,
    Pattern,
    Variant,
    Zygosity,
)
from ._pedigree import Pedigree
from ._settings import TriageSettings

_X = {"X", "chrX"}
_CARRIES = (Zygosity.HET, Zygosity.HOM, Zygosity.HEMI)


@dataclass(frozen=True)
class GeneGenotypes:
    """The patterns found in one gene: for each, the variants that make it, and the gene verdict."""

    patterns: dict[Pattern, tuple[Variant, ...]]
    verdict: FilterResult
    unfitting: dict[Pattern, tuple[Variant, ...]] = field(default_factory=dict)
    """Patterns found that fit none of the gene's modes (e.g. one heterozygous variant in a
    recessive gene): the gene fails the filter but can still be ranked at a discount."""


def _parents(variant: Variant, pedigree: Pedigree) -> list[tuple[Call, bool | None]]:
    """(call, affected) of each parent present in the VCF."""
    parents = [m for m in (pedigree.father, pedigree.mother) if m is not None]
    return [(variant.calls[i + 1], p.affected) for i, p in enumerate(parents)]


def _rare(variant: Variant, limit: float) -> bool:
    return variant.frequency is None or variant.frequency <= limit


def _de_novo(variant: Variant, pedigree: Pedigree, settings: TriageSettings) -> bool:
    if not pedigree.is_trio or variant.proband.zygosity not in _CARRIES:
        return False
    for call, _ in _parents(variant, pedigree):
        if call.zygosity is not Zygosity.REF:
            return False
        if call.quality is not None and call.quality < settings.min_quality:
            return False
        if call.depth is not None and call.depth < settings.min_depth:
            return False
    return _rare(variant, settings.max_frequency_dominant)


def _segregates_dominant(variant: Variant, pedigree: Pedigree) -> bool:
    for call, affected in _parents(variant, pedigree):
        carries = call.zygosity in _CARRIES
        if affected is False and carries:
            return False
        if affected is True and call.zygosity is Zygosity.REF:
            return False
    return True


def _segregates_recessive(variant: Variant, pedigree: Pedigree) -> bool:
    return all(
        not (affected is False and call.zygosity in (Zygosity.HOM, Zygosity.HEMI))
        for call, affected in _parents(variant, pedigree)
    )


def _compound_pairs(
    hets: Sequence[Variant], pedigree: Pedigree, de_novo: set[str]
) -> list[tuple[Variant, Variant]]:
    """Pairs of heterozygous variants that can sit on different copies of the gene."""
    pairs = []
    for i, first in enumerate(hets):
        for second in hets[i + 1 :]:
            if pedigree.is_trio:
                origin = [_origin(v, pedigree, de_novo) for v in (first, second)]
                if "both" in origin or origin[0] == origin[1]:
                    continue
            pairs.append((first, second))
    return pairs


def _origin(variant: Variant, pedigree: Pedigree, de_novo: set[str]) -> str:
    if variant.id in de_novo:
        return "de novo"
    father, mother = variant.calls[1].zygosity, variant.calls[2].zygosity
    in_father, in_mother = father in _CARRIES, mother in _CARRIES
    if in_father and in_mother:
        return "both"
    if in_father:
        return "father"
    if in_mother:
        return "mother"
    return "unknown"  # parents not called: phase unknown, so the pair is kept


def gene_genotypes(
    symbol: str,
    variants: Sequence[Variant],
    pedigree: Pedigree,
    modes: frozenset[Mode],
    settings: TriageSettings,
) -> GeneGenotypes:
    """Patterns the passing variants of one gene fit, restricted to its diseases' modes."""
    ordered = sorted(variants, key=lambda v: (-v.score, v.pos, v.alt))
    found: dict[Pattern, tuple[Variant, ...]] = {}
    family = pedigree.father is not None or pedigree.mother is not None
    de_novo = [v for v in ordered if _de_novo(v, pedigree, settings)] if family else []
    if de_novo:
        found[Pattern.DE_NOVO] = (de_novo[0],)
    autosomal = [v for v in ordered if v.chrom not in _X]
    on_x = [v for v in ordered if v.chrom in _X]
    dominant = [
        v
        for v in autosomal
        if v.proband.zygosity is Zygosity.HET
        and _rare(v, settings.max_frequency_dominant)
        and all(v is not d for d in de_novo)
        and (not family or _segregates_dominant(v, pedigree))
    ]
    if dominant:
        found[Pattern.DOMINANT] = (dominant[0],)
    recessive = [
        v
        for v in autosomal
        if _rare(v, settings.max_frequency_recessive)
        and (not family or _segregates_recessive(v, pedigree))
    ]
    homozygous = [v for v in recessive if v.proband.zygosity is Zygosity.HOM]
    if homozygous:
        found[Pattern.HOMOZYGOUS] = (homozygous[0],)
    hets = [v for v in recessive if v.proband.zygosity is Zygosity.HET]
    pairs = _compound_pairs(hets[:20], pedigree, {v.id for v in de_novo})
    if pairs:
        best = max(pairs, key=lambda p: (p[0].score + p[1].score, -p[0].pos, -p[1].pos))
        found[Pattern.COMPOUND_HETEROZYGOUS] = best
    x_linked = [
        v
        for v in on_x
        if (
            v.proband.zygosity in (Zygosity.HEMI, Zygosity.HOM)
            and _rare(v, settings.max_frequency_recessive)
        )
        or (v.proband.zygosity is Zygosity.HET and _rare(v, settings.max_frequency_dominant))
    ]
    if family:
        x_linked = [v for v in x_linked if _segregates_x(v, pedigree)]
    if x_linked:
        found[Pattern.X_LINKED] = (x_linked[0],)
    return _verdict(symbol, found, modes)


def _segregates_x(variant: Variant, pedigree: Pedigree) -> bool:
    """An unaffected father cannot carry an X-linked disease allele (he would show it)."""
    if pedigree.father is None or pedigree.father.affected is not False:
        return True
    return variant.calls[1].zygosity not in _CARRIES


def _verdict(
    symbol: str, found: dict[Pattern, tuple[Variant, ...]], modes: frozenset[Mode]
) -> GeneGenotypes:
    if not found:
        return GeneGenotypes(
            {},
            FilterResult(
                "inheritance",
                FilterStatus.FAIL,
                "no inheritance pattern fits: too common for its mode, or ruled out by a parent",
            ),
        )
    if not modes:
        names = ", ".join(p.value for p in found)
        return GeneGenotypes(
            found,
            FilterResult(
                "inheritance",
                FilterStatus.NOT_RUN,
                f"{symbol} has no mode of inheritance annotated; patterns kept: {names}",
            ),
        )
    fitting = {p: vs for p, vs in found.items() if PATTERN_MODES[p] & modes}
    mode_names = " or ".join(sorted(m.value for m in modes))
    if not fitting:
        names = ", ".join(p.value for p in found)
        return GeneGenotypes(
            {},
            FilterResult(
                "inheritance",
                FilterStatus.FAIL,
                f"{symbol}'s diseases are {mode_names}; the genotypes show only: {names}",
            ),
            found,
        )
    names = ", ".join(p.value for p in fitting)
    return GeneGenotypes(
        fitting,
        FilterResult("inheritance", FilterStatus.PASS, f"{names} fits {mode_names} disease"),
    )


def pattern_score(pattern: Pattern, variants: tuple[Variant, ...]) -> float:
    """A pattern's variant score: the variant's, or the mean of a compound heterozygous pair."""
    return sum(v.score for v in variants) / len(variants)
