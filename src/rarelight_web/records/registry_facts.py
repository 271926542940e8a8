"""What a care record tells the registry, as the registry's plain values (before de-identifying).

The registry (rarelight.registry.deidentify) turns these into ages in years and months, the year
of birth and the country; names, exact dates and free text never leave the record.
"""

from __future__ import annotations

import datetime as dt

from rarelight.registry import FeatureFact, PersonFacts, ScoreFact, VariantFact
from rarelight_web.records.models import CareRecord, Medicine
from rarelight_web.registry.services import person_facts

# Anticholinergics used for dystonia; the response to the first one taken is reported.
ANTICHOLINERGICS = ("trihexyphenidyl", "benzhexol", "benztropine", "biperiden", "procyclidine")
_RESPONSE: dict[str, str] = {
    Medicine.Response.BETTER.value: "good",
    Medicine.Response.SAME.value: "none",
    Medicine.Response.WORSE.value: "worse",
}


def _anticholinergic(record: CareRecord) -> str | None:
    for medicine in record.medicines.order_by("started_on", "id"):
        if any(word in medicine.name.lower() for word in ANTICHOLINERGICS):
            return _RESPONSE.get(medicine.response)
    return None


def _first(dates: list[dt.date | None]) -> dt.date | None:
    known = [day for day in dates if day is not None]
    return min(known) if known else None


def record_facts(record: CareRecord, *, country: str) -> PersonFacts:
    """The record's facts for the registry; `country` is asked for when contributing."""
    features = list(record.features.all())
    variants = list(record.variants.all())
    implants = list(record.dbs_implants.order_by("implanted_on"))
    return person_facts(
        record,
        country=country,
        onset=_first([f.noticed_on for f in features if not f.excluded]),
        diagnosed=_first([v.reported_on for v in variants]),
        variants=tuple(
            VariantFact(v.gene, v.hgvs_c, v.hgvs_p, "", v.zygosity, v.inheritance) for v in variants
        ),
        features=tuple(FeatureFact(f.hpo_id, f.label, f.excluded, f.noticed_on) for f in features),
        anticholinergic=_anticholinergic(record),
        dbs_surgery=implants[0].implanted_on if implants else None,
        bfmdrs=tuple(
            ScoreFact(entry.on, float(entry.bfm_total))
            for entry in record.diary.filter(bfm_total__isnull=False).order_by("on", "id")
            if entry.bfm_total is not None
        ),
    )
