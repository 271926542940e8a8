"""The ACMG/AMP criteria a program can check on its own, each with its reason.

Evidence for a clinician to weigh, never a classification: the criteria that need literature,
functional data or segregation across a family are left to people. Thresholds follow the ClinGen
Sequence Variant Interpretation group: PM2 at supporting strength, REVEL ≥ 0.644 for PP3 and
≤ 0.290 for BP4 (Pejaver et al. 2022, PMID:36413997), SpliceAI ≥ 0.2 for PP3.
"""

from __future__ import annotations

from ._consequence import ConsequenceClass
from ._genes import GeneInfo
from ._model import Criterion, Direction, Mode, Pattern, Variant
from ._settings import TriageSettings

NOTICE = (
    "ACMG/AMP criteria checked automatically: evidence for a clinician or clinical scientist to "
    "weigh with everything else, not a variant classification."
)
_P, _B = Direction.PATHOGENIC, Direction.BENIGN


def criteria(
    variant: Variant,
    gene: GeneInfo | None,
    patterns: tuple[Pattern, ...],
    phenotype_score: float,
    phenotype_reason: str,
    has_frequencies: bool,
    settings: TriageSettings,
) -> tuple[Criterion, ...]:
    """Every criterion checked for one variant, met or not, in ACMG order."""
    found: list[Criterion] = []
    symbol = variant.gene
    if variant.kind is ConsequenceClass.NULL:
        if gene is not None and gene.lof_mechanism:
            found.append(Criterion("PVS1", "very strong", _P, True,
                f"{variant.consequence} is a null variant and loss of function is the mechanism "
                f"for {symbol} ({gene.lof_mechanism}); check it is not in the last exon, where "
                "the transcript may escape decay"))  # fmt: skip
        else:
            found.append(Criterion("PVS1", "very strong", _P, False,
                f"{variant.consequence} is a null variant, but loss of function is not established "
                f"here as the mechanism for {symbol}; check ClinGen dosage sensitivity"))  # fmt: skip
    if Pattern.DE_NOVO in patterns:
        if settings.parentage_confirmed:
            found.append(Criterion("PS2", "strong", _P, True,
                "de novo in the trio, maternity and paternity confirmed"))  # fmt: skip
        else:
            found.append(Criterion("PM6", "moderate", _P, True,
                "de novo in the trio; maternity and paternity assumed, not confirmed (confirmed "
                "parentage makes this PS2)"))  # fmt: skip
    if not has_frequencies:
        found.append(Criterion("PM2", "supporting", _P, False,
            "not assessed: the annotation has no population frequency"))  # fmt: skip
    elif variant.frequency is None:
        found.append(Criterion("PM2", "supporting", _P, True, "absent from the population data"))
    elif variant.frequency <= settings.pm2_frequency:
        found.append(Criterion("PM2", "supporting", _P, True,
            f"{variant.frequency_source} {variant.frequency:.2g} ≤ {settings.pm2_frequency:g}"))  # fmt: skip
    else:
        found.append(Criterion("PM2", "supporting", _P, False,
            f"{variant.frequency_source} {variant.frequency:.2g} > {settings.pm2_frequency:g}"))  # fmt: skip
    found += _predictors(variant, settings)
    found.append(Criterion("PP4", "supporting", _P, phenotype_score >= settings.pp4_phenotype_score,
        phenotype_reason))  # fmt: skip
    found += _frequency_benign(variant, gene, settings)
    return tuple(found)


def _predictors(variant: Variant, settings: TriageSettings) -> list[Criterion]:
    revel = variant.predictor("REVEL")
    splice = variant.predictor("SpliceAI")
    found = []
    if splice is not None and splice >= settings.splice_predictor_threshold:
        found.append(Criterion("PP3", "supporting", _P, True, f"SpliceAI {splice:.2f} ≥ 0.2"))
    elif revel is not None and variant.kind is ConsequenceClass.PROTEIN_ALTERING:
        if revel >= 0.644:
            found.append(Criterion("PP3", "supporting", _P, True, f"REVEL {revel:.3f} ≥ 0.644"))
        elif revel <= 0.290:
            found.append(Criterion("BP4", "supporting", _B, True, f"REVEL {revel:.3f} ≤ 0.290"))
    return found


def _frequency_benign(
    variant: Variant, gene: GeneInfo | None, settings: TriageSettings
) -> list[Criterion]:
    frequency = variant.frequency
    if frequency is None:
        return []
    if frequency > settings.ba1_frequency:
        return [Criterion("BA1", "stand-alone", _B, True,
            f"{variant.frequency_source} {frequency:.2g} > {settings.ba1_frequency:.0%}")]  # fmt: skip
    recessive_only = gene is not None and gene.modes == {Mode.AUTOSOMAL_RECESSIVE}
    limit = settings.max_frequency_recessive if recessive_only else settings.max_frequency_dominant
    kind = "recessive" if recessive_only else "dominant or unknown-mode"
    return [Criterion("BS1", "strong", _B, frequency > limit,
        f"{variant.frequency_source} {frequency:.2g} {'>' if frequency > limit else '≤'} "
        f"{limit:.2%}, the most expected for a {kind} disease")]  # fmt: skip
