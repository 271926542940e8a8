"""Variant filters: each marks PASS, FAIL or NOT_RUN with a reason; nothing is dropped.

In this order: FILTER column, frequency, consequence, genotype, quality (GQ/DP). The first two
run inside the reader at parse speed (`VcfReader.records`): a variant failing them is counted
and the later filters are NOT_RUN for it. Gene-level filters (inheritance, panel) come later.
"""

from __future__ import annotations

from ._consequence import ConsequenceClass
from ._model import FilterResult, FilterStatus, Variant, Zygosity
from ._score import variant_score
from ._settings import TriageSettings
from ._vcf import Record, VcfHeader

FILTER_NAMES = ("filter column", "frequency", "consequence", "genotype", "quality")
PASS, FAIL, NOT_RUN = FilterStatus.PASS, FilterStatus.FAIL, FilterStatus.NOT_RUN
_KEPT = {ConsequenceClass.NULL, ConsequenceClass.PROTEIN_ALTERING, ConsequenceClass.SPLICE_REGION}


class VariantFilters:
    """Applies the variant filters of one run; build once per file (it reads the header)."""

    def __init__(self, header: VcfHeader, settings: TriageSettings) -> None:
        self.settings = settings
        self.has_frequencies = header.annotation.has_frequencies
        self.has_quality = header.has_quality
        self.has_depth = header.has_depth
        # Quality verdicts repeat (the same GQ/DP pairs): each text is built once.
        self._qualities: dict[tuple[int | None, int | None], FilterResult] = {}

    def variant(self, record: Record) -> Variant:
        """The record as a Variant with every filter's verdict and the variant score."""
        annotation = record.annotation
        results = (
            self._filter_column(record.filter),
            self._frequency(
                annotation.frequency if annotation else None,
                annotation.frequency_source if annotation else "",
            ),
            self._consequence(annotation),
            self._genotype(record),
            self._quality_of(record),
        )
        if annotation is None:
            return Variant(
                record.chrom, record.pos, record.ref, record.alt, "", "intergenic_variant",
                ConsequenceClass.NON_CODING, record.calls, results, 0.0,
            )  # fmt: skip
        return Variant(
            chrom=record.chrom,
            pos=record.pos,
            ref=record.ref,
            alt=record.alt,
            gene=annotation.gene,
            consequence=annotation.consequence.term,
            kind=annotation.consequence.kind,
            calls=record.calls,
            filters=results,
            score=variant_score(
                annotation.consequence, annotation.predictors, annotation.frequency
            ),
            frequency=annotation.frequency,
            frequency_source=annotation.frequency_source,
            predictors=annotation.predictors,
            hgvs_c=annotation.hgvs_c,
            hgvs_p=annotation.hgvs_p,
            transcript=annotation.transcript,
            location=f"line {record.line}",
        )

    @staticmethod
    def _filter_column(value: str | None) -> FilterResult:
        if value is None or value in {"PASS", "."}:
            return _FILTER_PASS
        return FilterResult("filter column", FAIL, f"the caller marked it FILTER={value}")

    @staticmethod
    def _genotype(record: Record) -> FilterResult:
        return _GENOTYPE[record.calls[0].zygosity]

    def _quality_of(self, record: Record) -> FilterResult:
        call = record.calls[0]
        key = (call.quality, call.depth)
        found = self._qualities.get(key)
        if found is None:
            found = self._qualities[key] = self._quality(record)
        return found

    def _quality(self, record: Record) -> FilterResult:
        if not self.has_quality and not self.has_depth:
            return FilterResult("quality", NOT_RUN, "the VCF has no GQ or DP FORMAT field")
        call = record.calls[0]
        low = []
        if call.quality is not None and call.quality < self.settings.min_quality:
            low.append(f"GQ {call.quality} < {self.settings.min_quality}")
        if call.depth is not None and call.depth < self.settings.min_depth:
            low.append(f"DP {call.depth} < {self.settings.min_depth}")
        if low:
            return FilterResult("quality", FAIL, "; ".join(low))
        if call.quality is None and call.depth is None:
            return FilterResult("quality", NOT_RUN, "no GQ or DP for the proband at this variant")
        return FilterResult("quality", PASS, f"GQ {_dot(call.quality)}, DP {_dot(call.depth)}")

    def _frequency(self, frequency: float | None, source: str) -> FilterResult:
        if not self.has_frequencies:
            return FilterResult(
                "frequency", NOT_RUN, "the annotation has no population frequency (gnomAD) field"
            )
        limit = self.settings.max_frequency_recessive
        if frequency is None:
            return _ABSENT
        if frequency > limit:
            return FilterResult(
                "frequency", FAIL, f"{source} {frequency:.4g} is above {limit:.2%}, too common"
            )
        return FilterResult("frequency", PASS, f"{source} {frequency:.4g} ≤ {limit:.2%}")

    def _consequence(self, annotation: object) -> FilterResult:
        if annotation is None:
            return FilterResult("consequence", FAIL, "no gene annotated (intergenic)")
        consequence = annotation.consequence  # type: ignore[attr-defined]
        if consequence.kind in _KEPT:
            return FilterResult(
                "consequence", PASS, f"{consequence.term} ({consequence.kind.value})"
            )
        splice = dict(annotation.predictors).get("SpliceAI")  # type: ignore[attr-defined]
        if splice is not None and splice >= self.settings.splice_predictor_threshold:
            return FilterResult(
                "consequence",
                PASS,
                f"{consequence.term}, but SpliceAI {splice:.2f} predicts a splicing change",
            )
        return FilterResult(
            "consequence", FAIL, f"{consequence.term} is unlikely to change the protein"
        )


# Verdicts that never vary, built once: every variant that reaches the full parse takes them.
_FILTER_PASS = FilterResult("filter column", PASS, "FILTER is PASS")
_ABSENT = FilterResult("frequency", PASS, "absent from the population data")
_GENOTYPE = {
    zygosity: FilterResult("genotype", PASS, f"the proband is {zygosity.value}")
    for zygosity in Zygosity
} | {
    Zygosity.MISSING: FilterResult("genotype", FAIL, "no genotype call for the proband (./.)"),
    Zygosity.REF: FilterResult("genotype", FAIL, "the proband does not carry this allele"),
}


def _dot(value: int | None) -> str:
    return "." if value is None else str(value)
