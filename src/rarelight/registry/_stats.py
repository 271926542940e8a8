"""Public statistics of the registry: every count goes through `suppress`, overall and per disease.

The overall figures and each disease's figures are rows of one table per question, decided
together, so comparing the two never gives a hidden count away. Diseases with fewer than five
people, and those beyond the largest `MAX_GROUPS`, are pooled into one "other diseases" group.
Feature frequencies are published per disease only (they sit beside that disease's HPO
annotations), so there is no overall feature table to difference them against.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ._model import Inheritance, RegistryCase
from ._suppress import THRESHOLD, TOTAL, Cell, SuppressedTable, suppress

__all__ = [
    "LITERATURE",
    "OTHER_DISEASES",
    "CategoryCount",
    "FeatureFrequency",
    "LiteratureFigure",
    "RegistryStatistics",
    "StatTable",
    "registry_statistics",
    "statistics_json",
]

MAX_GROUPS = 25
OTHER_DISEASES = "other"
NOT_RECORDED = "not_recorded"


@dataclass(frozen=True)
class LiteratureFigure:
    """The published count of known people, shown beside the registry's own."""

    disease_ids: tuple[str, ...]
    people: int
    families: int
    non_dystonic: int
    text: str
    source: str


LITERATURE = LiteratureFigure(
    disease_ids=("OMIM:617284", "ORPHA:589618"),
    people=246,
    families=229,
    non_dystonic=27,
    text="246 people with KMT2B-related dystonia in 229 families, plus 27 people with "
    "non-dystonic neurodevelopmental forms",
    source="Awareness4Rare, “What Is KMT2B-Related Dystonia?” (founding article of Rarelight; "
    "it likely reflects the GeneReviews update, NBK493766)",
)


@dataclass(frozen=True)
class CategoryCount:
    key: str
    label: str
    shown: str  # a number, "<5" or "suppressed"

    @property
    def count(self) -> int | None:
        return Cell(self.shown).count


@dataclass(frozen=True)
class StatTable:
    """One question answered in counts, e.g. "by sex"."""

    key: str
    title: str
    unit: str  # what is counted: "people", "people treated with DBS"
    categories: tuple[CategoryCount, ...]
    total: str


@dataclass(frozen=True)
class FeatureFrequency:
    hpo_id: str
    label: str
    observed: str
    excluded: str
    assessed: str
    annotation: str = ""  # the HPO annotation frequency for the disease, when known


@dataclass(frozen=True)
class RegistryStatistics:
    """Everything the public page, the API and `rarelight registry stats` show."""

    disease: str  # "" = the whole registry
    disease_label: str
    individuals: str
    families: str
    tables: tuple[StatTable, ...]
    features: tuple[FeatureFrequency, ...]
    onset_median_years: float | None
    dbs_median_change: float | None  # relative change of BFMDRS movement score; −0.4 = 40 % better
    de_novo_share: float | None
    groups: tuple[str, ...]  # the diseases shown separately
    updated: dt.datetime | None
    literature: LiteratureFigure = LITERATURE
    notes: tuple[str, ...] = field(default=())


_SEX = (("female", "female"), ("male", "male"), ("other", "other"), ("unknown", "not recorded"))
_ONSET = (
    ("under_1", "under 1 year"),
    ("1_4", "1 to 4 years"),
    ("5_9", "5 to 9 years"),
    ("10_17", "10 to 17 years"),
    ("18_plus", "18 years or older"),
    (NOT_RECORDED, "not recorded"),
)
_INHERITANCE = (("de_novo", "de novo"), ("inherited", "inherited"), (NOT_RECORDED, "not recorded"))
_RESPONSE = (
    ("good", "good"),
    ("partial", "partial"),
    ("none", "none"),
    ("worse", "worse"),
    (NOT_RECORDED, "not recorded"),
)
_DBS = (
    ("half_or_more", "50 % better or more"),
    ("quarter_to_half", "25–49 % better"),
    ("under_quarter", "under 25 % better"),
    ("no_better", "no better, or worse"),
    (NOT_RECORDED, "scores not recorded"),
)
_CLASSES = (
    "missense",
    "nonsense",
    "frameshift",
    "splice",
    "inframe",
    "start_loss",
    "stop_loss",
    "synonymous",
    "copy_number",
    "other",
    "mixed",
    NOT_RECORDED,
)


def _onset(case: RegistryCase) -> str:
    if case.onset_months is None:
        return NOT_RECORDED
    years = case.onset_months / 12
    for limit, key in ((1, "under_1"), (5, "1_4"), (10, "5_9"), (18, "10_17")):
        if years < limit:
            return key
    return "18_plus"


def _variant_class(case: RegistryCase) -> str:
    classes = {v.variant_class.value for v in case.variants}
    if not classes:
        return NOT_RECORDED
    return classes.pop() if len(classes) == 1 else "mixed"


def _inheritance(case: RegistryCase) -> str:
    found = {v.inheritance for v in case.variants} - {Inheritance.UNKNOWN}
    if Inheritance.DE_NOVO in found:
        return "de_novo"
    return "inherited" if found else NOT_RECORDED


def _response(case: RegistryCase) -> str:
    return case.anticholinergic.value if case.anticholinergic else NOT_RECORDED


def _dbs(case: RegistryCase) -> str | None:
    if case.dbs is None:
        return None
    change = case.dbs.change
    if change is None:
        return NOT_RECORDED
    if change <= -0.5:
        return "half_or_more"
    if change <= -0.25:
        return "quarter_to_half"
    return "under_quarter" if change < 0 else "no_better"


_Question = tuple[str, str, str, Sequence[tuple[str, str]], Callable[[RegistryCase], str | None]]


_QUESTIONS: tuple[_Question, ...] = (
    ("sex", "By sex", "people", _SEX, lambda c: c.sex.value),
    (
        "variant_class",
        "By variant class",
        "people",
        [(k, k.replace("_", " ")) for k in _CLASSES],
        _variant_class,
    ),
    ("inheritance", "De novo or inherited", "people", _INHERITANCE, _inheritance),
    ("onset", "Age at onset", "people", _ONSET, _onset),
    ("anticholinergic", "Response to anticholinergic medicine", "people", _RESPONSE, _response),
    (
        "dbs",
        "Deep brain stimulation: change in BFMDRS movement score",
        "people treated with DBS",
        _DBS,
        _dbs,
    ),
)


def _questions(cases: Sequence[RegistryCase]) -> tuple[_Question, ...]:
    """The fixed questions plus "by country", whose categories are the countries of at least five
    people (naming a country with fewer would say someone from there is in the registry)."""
    sizes = Counter(c.country for c in cases if c.country)
    named = sorted(code for code, n in sizes.items() if n >= THRESHOLD)
    kept = set(named)
    categories = [(code, code) for code in named]
    categories += [("other_countries", "other countries"), (NOT_RECORDED, "not recorded")]

    def country(case: RegistryCase) -> str:
        if not case.country:
            return NOT_RECORDED
        return case.country if case.country in kept else "other_countries"

    country_question: _Question = ("country", "By country", "people", categories, country)
    return (_QUESTIONS[0], country_question, *_QUESTIONS[1:])


def _groups(cases: Sequence[RegistryCase]) -> dict[str, str]:
    """disease id → its group: itself if it has ≥ 5 people and is among the largest, else other.

    If the pool of other diseases would hold 1 to 4 people, the smallest shown disease joins it:
    otherwise the overall count minus the shown diseases would give that small number away.
    """
    sizes = Counter(c.disease_id or "unknown" for c in cases)
    shown = [d for d, n in sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0])) if n >= THRESHOLD]
    shown = shown[:MAX_GROUPS]
    while shown and 0 < sum(sizes.values()) - sum(sizes[d] for d in shown) < THRESHOLD:
        shown.pop()
    kept = set(shown)
    return {d: d if d in kept else OTHER_DISEASES for d in sizes}


def _tables(
    cases: Sequence[RegistryCase],
    group_of: Mapping[str, str],
    groups: Sequence[str],
    questions: Sequence[_Question],
) -> dict[str, SuppressedTable]:
    """Every per-person table, with the people-per-group margins decided once for all of them."""
    rows: dict[str, dict[str, Counter[str]]] = {
        q[0]: {g: Counter() for g in groups} for q in questions
    }
    people: dict[str, Counter[str]] = {g: Counter() for g in groups}
    families: dict[str, set[str]] = {g: set() for g in groups}
    for case in cases:
        group = group_of[case.disease_id or "unknown"]
        people[group]["people"] += 1
        families[group].add(case.family_key)
        for key, _title, _unit, _cats, answer in questions:
            value = answer(case)
            if value is not None:
                rows[key][group][value] += 1
    family_counts = {g: {"families": len(f)} for g, f in families.items()}
    units = {q[0]: q[2] for q in questions}
    forced: frozenset[tuple[str, str]] = frozenset()
    while True:
        tables = {"people": suppress(people, ["people"], forced=forced)}
        for key, _title, unit, cats, _answer in questions:
            extra = forced if unit == "people" else frozenset()
            tables[key] = suppress(rows[key], [k for k, _ in cats], forced=extra)
        hidden = frozenset(
            (g, TOTAL)
            for key, table in tables.items()
            if key == "people" or units[key] == "people"
            for g in (*groups, TOTAL)
            if table.cell(g, TOTAL).hidden
        )
        if hidden <= forced:
            break
        forced = forced | hidden
    tables["families"] = suppress(family_counts, ["families"])
    return tables


def _features(
    cases: Iterable[RegistryCase], annotations: Mapping[str, str], limit: int
) -> tuple[FeatureFrequency, ...]:
    observed: Counter[str] = Counter()
    excluded: Counter[str] = Counter()
    labels: dict[str, str] = {}
    for case in cases:
        for f in {f.hpo_id: f for f in case.features}.values():
            (excluded if f.excluded else observed)[f.hpo_id] += 1
            labels.setdefault(f.hpo_id, f.label)
    out = []
    for hpo_id in labels:
        table = suppress({"d": {"o": observed[hpo_id], "x": excluded[hpo_id]}}, ["o", "x"])
        out.append(
            FeatureFrequency(
                hpo_id,
                labels[hpo_id],
                table.cell(TOTAL, "o").shown,
                table.cell(TOTAL, "x").shown,
                table.cell(TOTAL, TOTAL).shown,
                annotations.get(hpo_id, ""),
            )
        )
    # Shown counts first, largest first; hidden ones after, by id — never ordered by a hidden value.
    out.sort(
        key=lambda f: (Cell(f.observed).count is None, -(Cell(f.observed).count or 0), f.hpo_id)
    )
    return tuple(out[:limit])


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if len(values) >= THRESHOLD else None


def registry_statistics(
    cases: Sequence[RegistryCase],
    *,
    disease: str = "",
    annotations: Mapping[str, str] | None = None,
    updated: dt.datetime | None = None,
    feature_limit: int = 60,
) -> RegistryStatistics:
    """Suppressed statistics for the whole registry, or for one disease (`disease`, a CURIE).

    `annotations` maps HPO ids to that disease's annotation frequency, shown beside each feature.
    A disease with fewer than five people is not shown on its own: its figures read "<5".
    """
    group_of = _groups(cases)
    groups = tuple(sorted({g for g in group_of.values() if g != OTHER_DISEASES})) + (
        (OTHER_DISEASES,) if OTHER_DISEASES in group_of.values() else ()
    )
    questions = _questions(cases)
    tables = _tables(cases, group_of, groups, questions) if cases else {}
    notes: list[str] = []
    label = ""
    if disease and group_of.get(disease, OTHER_DISEASES) == OTHER_DISEASES:
        present = disease in group_of
        size = sum(1 for c in cases if (c.disease_id or "unknown") == disease)
        shown = "0" if not present else ("<5" if size < THRESHOLD else "suppressed")
        notes.append(
            f"{disease}: its figures are not shown on their own, because fewer than 5 people have "
            "it, or because they would give away a smaller group of other diagnoses."
            if present
            else f"{disease}: nobody with this diagnosis is in the registry."
        )
        return RegistryStatistics(
            disease,
            "",
            shown,
            shown,
            (),
            (),
            None,
            None,
            None,
            groups,
            updated,
            notes=tuple(notes),
        )
    row = disease or TOTAL
    chosen = [c for c in cases if not disease or c.disease_id == disease]
    label = next((c.disease_label for c in chosen if c.disease_label), "") if disease else ""
    stat_tables = []
    for key, title, unit, cats, _answer in questions:
        if not tables:
            break
        table = tables[key]
        stat_tables.append(
            StatTable(
                key,
                title,
                unit,
                tuple(CategoryCount(k, lab, table.cell(row, k).shown) for k, lab in cats),
                table.cell(row, TOTAL).shown,
            )
        )
    by_disease = {c.disease_id for c in cases}
    one_disease = disease or (next(iter(by_disease)) if len(by_disease) == 1 else "")
    features: tuple[FeatureFrequency, ...] = ()
    if one_disease:
        features = _features(chosen, annotations or {}, feature_limit)
    else:
        notes.append("Feature frequencies are shown per disease: choose one.")
    onsets = [c.onset_months / 12 for c in chosen if c.onset_months is not None]
    changes = [c.dbs.change for c in chosen if c.dbs and c.dbs.change is not None]
    inh = next((t for t in stat_tables if t.key == "inheritance"), None)
    share = None
    if inh:
        de_novo, inherited = inh.categories[0].count, inh.categories[1].count
        if de_novo is not None and inherited is not None and de_novo + inherited:
            share = de_novo / (de_novo + inherited)
    return RegistryStatistics(
        disease=disease,
        disease_label=label,
        individuals=tables["people"].cell(row, TOTAL).shown if tables else "0",
        families=tables["families"].cell(row, TOTAL).shown if tables else "0",
        tables=tuple(stat_tables),
        features=features,
        onset_median_years=_median(onsets),
        dbs_median_change=_median([float(c) for c in changes if c is not None]),
        de_novo_share=share,
        groups=groups,
        updated=updated,
        notes=tuple(notes),
    )


def statistics_json(stats: RegistryStatistics) -> dict[str, Any]:
    """The statistics as JSON-ready values: the CLI's --format json and the API give this shape."""
    body = dataclasses.asdict(stats)
    body["updated"] = stats.updated.isoformat() if stats.updated else None
    return body
