"""Exome triage: an annotated VCF plus a phenotype → ranked candidate genes with evidence.

read (VCF/VCF.gz/BCF, VEP CSQ or SnpEff ANN) → filter (PASS/FAIL/NOT_RUN with reasons) →
prioritise (inheritance, variant score, ACMG/AMP criteria, phenotype score) → combine → report.
Not a diagnosis: the output is evidence for a clinician. See docs/triage.md.
"""

from ._acmg import NOTICE
from ._annotation import AnnotationFormat
from ._consequence import ConsequenceClass, consequence_info
from ._genes import LOF_GENES, GeneDisease, GeneInfo, GeneKnowledge
from ._model import (
    Call,
    CandidateGene,
    Criterion,
    DiseaseMatch,
    FilterResult,
    FilterStatus,
    FilterSummary,
    Mode,
    Pattern,
    TriageResult,
    Variant,
    VariantEvidence,
    Zygosity,
)
from ._panel import Panel
from ._pdf import triage_pdf
from ._pedigree import Member, Pedigree
from ._report import (
    MODE_MISMATCH,
    NOT_A_DIAGNOSIS,
    gene_status,
    ranked_summary,
    to_html,
    to_json,
    to_tsv,
    tsv_rows,
)
from ._settings import TriageSettings
from ._triage import Triage, VariantSet

__all__ = [
    "LOF_GENES",
    "MODE_MISMATCH",
    "NOTICE",
    "NOT_A_DIAGNOSIS",
    "AnnotationFormat",
    "Call",
    "CandidateGene",
    "ConsequenceClass",
    "Criterion",
    "DiseaseMatch",
    "FilterResult",
    "FilterStatus",
    "FilterSummary",
    "GeneDisease",
    "GeneInfo",
    "GeneKnowledge",
    "Member",
    "Mode",
    "Panel",
    "Pattern",
    "Pedigree",
    "Triage",
    "TriageResult",
    "TriageSettings",
    "Variant",
    "VariantEvidence",
    "VariantSet",
    "Zygosity",
    "consequence_info",
    "gene_status",
    "ranked_summary",
    "to_html",
    "to_json",
    "to_tsv",
    "triage_pdf",
    "tsv_rows",
]
