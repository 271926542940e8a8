"""Why a disease ranked where it did: each patient term's match, what is missing, what to check next."""

from __future__ import annotations

from dataclasses import dataclass

from ._model import Annotation
from ._patient import PatientProfile
from ._rank import PhenotypeRanker


@dataclass(frozen=True, slots=True)
class TermEvidence:
    """One patient term against one disease: the feature it matched and what it contributed."""

    hpo_id: str
    label: str
    status: str  # "observed" or "excluded"
    matched_id: (
        str | None
    )  # the disease feature (at or below the matched term), None if unexplained
    matched_label: str | None
    relation: str  # "exact", "more specific in the disease", "through <ancestor>", "not explained"
    frequency: str | None  # of the matched feature in the disease, as annotated
    specificity: float  # information content (log10) of the term the match went through
    log10_lr: float


@dataclass(frozen=True, slots=True)
class FeatureHint:
    """A feature of the disease the patient does not report: how much it would move the score."""

    hpo_id: str
    label: str
    frequency: str | None
    if_present: float  # log10 LR were it observed
    if_absent: float  # log10 LR were it checked and absent
    excluded: bool  # the patient has it excluded


@dataclass(frozen=True)
class Explanation:
    """The evidence for one ranked disease."""

    disease_id: str
    name: str
    terms: tuple[TermEvidence, ...]
    missing: tuple[FeatureHint, ...]  # frequent features not reported (or excluded)
    check_next: tuple[FeatureHint, ...]  # unassessed features that would move the rank most
    # log10 charged for the disease's chance fit (its mean LR for an unrelated feature, per term);
    # with the terms' log10 LRs (and similarity, onset, sex) it makes up the score
    chance_fit: float = 0.0


def explain(ranker: PhenotypeRanker, patient: PatientProfile, disease_id: str) -> Explanation:
    """Explain one disease's score for a patient (the disease must be in the ranker)."""
    index = ranker.disease_ids.index(disease_id)
    disease = ranker.diseases[index]
    ontology = ranker.release.ontology
    annotations = [
        a
        for a in (*disease.annotations, *ranker.extra_annotations(disease_id))
        if a.aspect == "P" and a.hpo_id in ontology
    ]
    positives = [a for a in annotations if not a.negated]
    specific = ranker.most_specific(patient.observed)
    terms = [_observed(ranker, t, index, positives) for t in specific]
    if ranker.settings.use_excluded:
        terms += [
            _excluded(ranker, hpo_id, index, positives)
            for hpo_id in patient.excluded
            if hpo_id in ranker.term_ids_set
        ]
    observed_closure = {
        int(a) for t in patient.observed if t in ranker.term_ids_set
        for a in ranker.ancestors_of(ranker.term_index(t))
    }  # fmt: skip
    excluded = set(patient.excluded)
    hints: dict[str, FeatureHint] = {}
    for a in positives:
        if a.hpo_id in hints or a.hpo_id not in ranker.term_ids_set:
            continue
        term = ranker.term_index(a.hpo_id)
        if term in observed_closure or _below_observed(ranker, term, patient):
            continue  # reported (or implied by a reported term)
        hints[a.hpo_id] = FeatureHint(
            hpo_id=a.hpo_id,
            label=ontology.label(a.hpo_id),
            frequency=a.frequency.text if a.frequency else None,
            if_present=float(ranker.observed_log_lr(term)[index]),
            if_absent=float(ranker.excluded_log_lr_raw(term)[index]),
            excluded=a.hpo_id in excluded,
        )
    missing = sorted(
        (h for h in hints.values() if _frequent(h, positives) or h.excluded),
        key=lambda h: (-_value(h, positives), h.hpo_id),
    )
    check_next = sorted(
        (h for h in hints.values() if not h.excluded),
        key=lambda h: (-max(h.if_present, -h.if_absent), h.hpo_id),
    )
    return Explanation(
        disease_id=disease_id,
        name=ranker.disease_names[index],
        terms=tuple(terms),
        missing=tuple(missing[:8]),
        check_next=tuple(check_next[:5]),
        chance_fit=-ranker.chance_part(len(specific), index),
    )


def _observed(
    ranker: PhenotypeRanker, term: int, index: int, positives: list[Annotation]
) -> TermEvidence:
    ontology = ranker.release.ontology
    hpo_id = ranker.term_ids[term]
    log_lr = float(ranker.observed_log_lr(term)[index])
    via = ranker.best_match(term, index)
    if via is None:
        return TermEvidence(hpo_id, ontology.label(hpo_id), "observed", None, None,
                            "not explained", None, 0.0, log_lr)  # fmt: skip
    through = ranker.term_ids[via]
    feature = _feature_at_or_below(ranker, via, positives)
    if via != term:
        relation = f"through {ontology.label(through)} ({through})"
    elif feature is not None and feature.hpo_id != hpo_id:
        relation = "more specific in the disease"
    else:
        relation = "exact"
    return TermEvidence(
        hpo_id=hpo_id,
        label=ontology.label(hpo_id),
        status="observed",
        matched_id=feature.hpo_id if feature else through,
        matched_label=ontology.label(feature.hpo_id if feature else through),
        relation=relation,
        frequency=feature.frequency.text if feature and feature.frequency else None,
        specificity=round(float(ranker.information[via]), 3),
        log10_lr=log_lr,
    )


def _excluded(
    ranker: PhenotypeRanker, hpo_id: str, index: int, positives: list[Annotation]
) -> TermEvidence:
    ontology = ranker.release.ontology
    term = ranker.term_index(hpo_id)
    feature = _feature_at_or_below(ranker, term, positives)
    log_lr = float(ranker.excluded_log_lr(term)[index])
    if feature is None:
        relation = "not a feature of the disease"
    elif log_lr < 0:
        relation = "the disease has it"
    else:
        relation = "the disease has it, but not often enough to count against it"
    return TermEvidence(
        hpo_id=hpo_id,
        label=ontology.label(hpo_id),
        status="excluded",
        matched_id=feature.hpo_id if feature else None,
        matched_label=ontology.label(feature.hpo_id) if feature else None,
        relation=relation,
        frequency=feature.frequency.text if feature and feature.frequency else None,
        specificity=round(float(ranker.information[term]), 3),
        log10_lr=log_lr,
    )


def _feature_at_or_below(
    ranker: PhenotypeRanker, term: int, positives: list[Annotation]
) -> Annotation | None:
    """The disease's most frequent annotated feature that is the term or one of its descendants."""
    found = [
        a
        for a in positives
        if a.hpo_id in ranker.term_ids_set
        and term in ranker.ancestors_of(ranker.term_index(a.hpo_id))
    ]
    if not found:
        return None
    return max(found, key=lambda a: (_frequency(a), a.hpo_id == ranker.term_ids[term], a.hpo_id))


def _below_observed(ranker: PhenotypeRanker, term: int, patient: PatientProfile) -> bool:
    ancestors = set(ranker.ancestors_of(term).tolist())
    return any(
        t in ranker.term_ids_set and ranker.term_index(t) in ancestors for t in patient.observed
    )


def _frequency(a: Annotation) -> float:
    return a.frequency.value if a.frequency and a.frequency.value is not None else 0.5


def _frequent(hint: FeatureHint, positives: list[Annotation]) -> bool:
    return _value(hint, positives) >= 0.5


def _value(hint: FeatureHint, positives: list[Annotation]) -> float:
    values = [
        a.frequency.value
        for a in positives
        if a.hpo_id == hint.hpo_id and a.frequency and a.frequency.value is not None
    ]
    return max(values, default=0.0)
