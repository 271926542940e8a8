"""A family's contribution: plain facts about a person → a de-identified registry case.

No names and no exact dates leave here: dates become ages in whole years and months (from the date
of birth), the date of birth becomes a year, the place becomes a country.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from rarelight.errors import InputError

from ._model import (
    Consent,
    DbsOutcome,
    Feature,
    Inheritance,
    RegistryCase,
    Response,
    Sex,
    Source,
    Variant,
    Zygosity,
)
from ._variant import variant_class

_E = TypeVar("_E", Sex, Zygosity, Inheritance, Response)

__all__ = ["FeatureFact", "PersonFacts", "ScoreFact", "VariantFact", "deidentify", "months_between"]


@dataclass(frozen=True)
class VariantFact:
    gene: str
    hgvs_c: str = ""
    hgvs_p: str = ""
    description: str = ""
    zygosity: str = "unknown"
    inheritance: str = "unknown"
    gene_id: str = ""


@dataclass(frozen=True)
class FeatureFact:
    hpo_id: str
    label: str = ""
    excluded: bool = False
    onset: dt.date | None = None


@dataclass(frozen=True)
class ScoreFact:
    """A BFMDRS movement score (0–120) and the day it was rated."""

    on: dt.date
    score: float


@dataclass(frozen=True)
class PersonFacts:
    """What a care record knows about the person, as plain values (the web fills this in)."""

    sex: str = "unknown"
    date_of_birth: dt.date | None = None
    onset: dt.date | None = None
    diagnosed: dt.date | None = None
    country: str = ""
    disease_id: str = ""
    disease_label: str = ""
    variants: Sequence[VariantFact] = ()
    features: Sequence[FeatureFact] = ()
    anticholinergic: str | None = None  # good, partial, none, worse
    dbs_surgery: dt.date | None = None
    bfmdrs: Sequence[ScoreFact] = field(default_factory=tuple)


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from `start` to `end` (an age, or a time since an event)."""
    months = (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)
    if months < 0:
        raise InputError(f"{end.isoformat()} is before {start.isoformat()}")
    return months


def _age(birth: dt.date | None, when: dt.date | None, what: str) -> int | None:
    if when is None or birth is None:
        return None
    try:
        return months_between(birth, when)
    except InputError as error:
        raise InputError(f"{what}: the date is before the date of birth") from error


def _enum(kind: type[_E], value: str, what: str) -> _E:
    try:
        return kind(value)
    except ValueError as error:
        accepted = ", ".join(m.value for m in kind)
        raise InputError(f"{what}: {value!r} is not one of {accepted}") from error


def _dbs(facts: PersonFacts) -> DbsOutcome | None:
    if facts.dbs_surgery is None:
        return None
    surgery = facts.dbs_surgery
    before = [s for s in facts.bfmdrs if s.on <= surgery]
    after = [s for s in facts.bfmdrs if s.on > surgery]
    last_before = max(before, key=lambda s: s.on) if before else None
    last_after = max(after, key=lambda s: s.on) if after else None
    return DbsOutcome(
        age_months=_age(facts.date_of_birth, surgery, "deep brain stimulation"),
        bfmdrs_before=last_before.score if last_before else None,
        bfmdrs_after=last_after.score if last_after else None,
        interval_months=months_between(surgery, last_after.on) if last_after else None,
    )


def deidentify(facts: PersonFacts, *, case_id: str, contact_ok: bool = False) -> RegistryCase:
    """The registry case for a consented contribution; `case_id` is a fresh pseudonym.

    >>> case = deidentify(PersonFacts(sex="female", date_of_birth=dt.date(2015, 3, 9),
    ...     onset=dt.date(2021, 5, 1), country="de"), case_id="RL-1")
    >>> case.year_of_birth, case.onset_months, case.country
    (2015, 73, 'DE')
    """
    birth = facts.date_of_birth
    country = facts.country.strip().upper()
    if country and (len(country) != 2 or not country.isalpha()):
        raise InputError(f"country: {facts.country!r} is not a two-letter ISO 3166 code such as DE")
    variants = tuple(
        Variant(
            gene=v.gene,
            gene_id=v.gene_id,
            hgvs_c=v.hgvs_c,
            hgvs_p=v.hgvs_p,
            description=v.description,
            zygosity=_enum(Zygosity, v.zygosity, "zygosity"),
            inheritance=_enum(Inheritance, v.inheritance, "inheritance"),
            variant_class=variant_class(v.hgvs_c, v.hgvs_p, v.description),
        )
        for v in facts.variants
    )
    features = tuple(
        Feature(
            hpo_id=f.hpo_id,
            label=f.label,
            excluded=f.excluded,
            onset_months=None if f.excluded else _age(birth, f.onset, f.hpo_id),
        )
        for f in facts.features
    )
    return RegistryCase(
        case_id=case_id,
        source=Source.FAMILY,
        subject_id=case_id,
        sex=_enum(Sex, facts.sex, "sex"),
        country=country,
        year_of_birth=birth.year if birth else None,
        onset_months=_age(birth, facts.onset, "onset"),
        diagnosis_months=_age(birth, facts.diagnosed, "diagnosis"),
        disease_id=facts.disease_id,
        disease_label=facts.disease_label,
        variants=variants,
        features=features,
        anticholinergic=_enum(Response, facts.anticholinergic, "anticholinergic response")
        if facts.anticholinergic
        else None,
        dbs=_dbs(facts),
        consent=Consent.GIVEN,
        contact_ok=contact_ok,
    )
