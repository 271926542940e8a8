"""Sequence Ontology consequence terms → class, severity and a default pathogenicity.

VEP and SnpEff both write SO terms (SnpEff a few of its own names, mapped here). The severity
order is Ensembl's (most severe first); a variant is described by its most severe consequence.
The default pathogenicity is the variant score's consequence half when no predictor applies
(docs/triage.md, "Variant score").
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from enum import StrEnum

from rarelight.errors import InputError


class ConsequenceClass(StrEnum):
    """What a consequence does to the protein; the consequence filter keeps the first four."""

    NULL = "null"  # loss of function: stop gained, frameshift, essential splice site, start lost
    PROTEIN_ALTERING = "protein_altering"  # missense, in-frame indel, stop lost
    SPLICE_REGION = "splice_region"  # near a splice site; may disturb splicing
    OTHER_CODING = "other_coding"  # synonymous and other coding changes
    NON_CODING = "non_coding"  # UTR, intron, up/downstream, non-coding transcript, intergenic


@dataclass(frozen=True, slots=True)
class ConsequenceInfo:
    """One SO term: its class, its severity rank (0 = most severe) and default pathogenicity."""

    term: str
    kind: ConsequenceClass
    severity: int
    pathogenicity: float


_N, _P, _S, _O, _X = (
    ConsequenceClass.NULL,
    ConsequenceClass.PROTEIN_ALTERING,
    ConsequenceClass.SPLICE_REGION,
    ConsequenceClass.OTHER_CODING,
    ConsequenceClass.NON_CODING,
)
# Ensembl's order of severity; pathogenicity defaults follow Exomiser's variant-effect defaults.
_TABLE: tuple[tuple[str, ConsequenceClass, float], ...] = (
    ("transcript_ablation", _N, 1.0),
    ("splice_acceptor_variant", _N, 0.95),
    ("splice_donor_variant", _N, 0.95),
    ("stop_gained", _N, 1.0),
    ("frameshift_variant", _N, 1.0),
    ("stop_lost", _P, 0.9),
    ("start_lost", _N, 0.95),
    ("transcript_amplification", _P, 0.6),
    ("feature_elongation", _P, 0.5),
    ("feature_truncation", _P, 0.5),
    ("inframe_insertion", _P, 0.7),
    ("inframe_deletion", _P, 0.7),
    ("missense_variant", _P, 0.6),
    ("protein_altering_variant", _P, 0.6),
    ("splice_donor_5th_base_variant", _S, 0.6),
    ("splice_region_variant", _S, 0.4),
    ("splice_donor_region_variant", _S, 0.4),
    ("splice_polypyrimidine_tract_variant", _S, 0.2),
    ("incomplete_terminal_codon_variant", _O, 0.2),
    ("start_retained_variant", _O, 0.1),
    ("stop_retained_variant", _O, 0.1),
    ("synonymous_variant", _O, 0.1),
    ("coding_sequence_variant", _O, 0.2),
    ("mature_miRNA_variant", _X, 0.1),
    ("5_prime_UTR_variant", _X, 0.1),
    ("3_prime_UTR_variant", _X, 0.05),
    ("non_coding_transcript_exon_variant", _X, 0.05),
    ("intron_variant", _X, 0.0),
    ("NMD_transcript_variant", _X, 0.0),
    ("non_coding_transcript_variant", _X, 0.0),
    ("coding_transcript_variant", _X, 0.0),
    ("upstream_gene_variant", _X, 0.0),
    ("downstream_gene_variant", _X, 0.0),
    ("TFBS_ablation", _X, 0.0),
    ("TFBS_amplification", _X, 0.0),
    ("TF_binding_site_variant", _X, 0.0),
    ("regulatory_region_ablation", _X, 0.0),
    ("regulatory_region_amplification", _X, 0.0),
    ("regulatory_region_variant", _X, 0.0),
    ("intergenic_variant", _X, 0.0),
    ("sequence_variant", _X, 0.0),
)
CONSEQUENCES: dict[str, ConsequenceInfo] = {
    term: ConsequenceInfo(term, kind, severity, score)
    for severity, (term, kind, score) in enumerate(_TABLE)
}
# SnpEff's own names for effects that have an SO term.
_SNPEFF_NAMES = {
    "exon_loss_variant": "transcript_ablation",
    "start_lost": "start_lost",
    "stop_lost": "stop_lost",
    "initiator_codon_variant": "start_retained_variant",
    "disruptive_inframe_insertion": "inframe_insertion",
    "disruptive_inframe_deletion": "inframe_deletion",
    "conservative_inframe_insertion": "inframe_insertion",
    "conservative_inframe_deletion": "inframe_deletion",
    "5_prime_UTR_premature_start_codon_gain_variant": "5_prime_UTR_variant",
    "splice_region_variant": "splice_region_variant",
    "intragenic_variant": "intron_variant",
    "non_coding_exon_variant": "non_coding_transcript_exon_variant",
    "gene_fusion": "transcript_ablation",
    "bidirectional_gene_fusion": "transcript_ablation",
    "rare_amino_acid_variant": "protein_altering_variant",
    "5_prime_UTR_truncation": "5_prime_UTR_variant",
    "3_prime_UTR_truncation": "3_prime_UTR_variant",
    "exon_variant": "coding_sequence_variant",
    "sequence_feature": "sequence_variant",
    "structural_interaction_variant": "sequence_variant",
    "protein_protein_contact": "sequence_variant",
}
UNKNOWN = ConsequenceInfo("sequence_variant", _X, len(_TABLE), 0.0)


def consequence_info(term: str) -> ConsequenceInfo:
    """The known SO term (or SnpEff name) as info; an unknown term counts as a non-coding change."""
    found = CONSEQUENCES.get(term)
    if found is None:
        mapped = _SNPEFF_NAMES.get(term)
        found = CONSEQUENCES[mapped] if mapped else UNKNOWN
    return found


@functools.lru_cache(maxsize=4096)
def most_severe(terms: str) -> ConsequenceInfo:
    """The most severe of '&'-joined terms, e.g. 'splice_region_variant&intron_variant'.

    Memoised: an exome repeats a few hundred distinct term lists in every transcript entry."""
    parts = [consequence_info(t) for t in terms.split("&") if t]
    if not parts:
        raise InputError(
            "an annotation has an empty consequence; the Consequence/Effect field is required"
        )
    return min(parts, key=lambda c: c.severity)
