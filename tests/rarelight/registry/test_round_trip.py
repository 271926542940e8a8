"""Property: any registry case survives export as a phenopacket and import unchanged."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path

from google.protobuf import json_format
from hypothesis import given, settings
from hypothesis import strategies as st
from phenopackets import Phenopacket

from rarelight.registry import (
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
    case_from_phenopacket,
    case_to_phenopacket,
    import_phenopackets,
    read_phenopacket,
    variant_class,
    write_phenopackets,
)

NOW = dt.datetime(2026, 11, 25, tzinfo=dt.UTC)
text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=20)
months = st.none() | st.integers(0, 1500)


@st.composite
def variants(draw: st.DrawFn) -> Variant:
    c = draw(st.sampled_from(["", "NM_014727.3:c.2503C>T", "c.870+1G>A", "c.100_101del", "c.1A>G"]))
    p = draw(st.sampled_from(["", "p.(Arg835Ter)", "p.?", "p.(Lys34Glu)", "p.Met1?"]))
    description = draw(st.sampled_from(["", "19q13.12 deletion"]))
    return Variant(
        gene=draw(st.sampled_from(["", "KMT2B"])),
        gene_id=draw(st.sampled_from(["", "HGNC:15840"])),
        hgvs_c=c,
        hgvs_p=p,
        description=description,
        zygosity=draw(st.sampled_from(Zygosity)),
        inheritance=draw(st.sampled_from(Inheritance)),
        variant_class=variant_class(c, p, description),
    )


features = st.builds(
    Feature,
    hpo_id=st.from_regex(r"HP:\d{7}", fullmatch=True),
    label=text,
    excluded=st.booleans(),
    onset_months=months,
)
scores = st.none() | st.floats(0, 120, allow_nan=False).map(lambda x: round(x, 1))
dbs = st.none() | st.builds(
    DbsOutcome, age_months=months, bfmdrs_before=scores, bfmdrs_after=scores, interval_months=months
)


@st.composite
def cases(draw: st.DrawFn) -> RegistryCase:
    disease = draw(st.sampled_from(["", "OMIM:617284", "ORPHA:589618"]))
    return RegistryCase(
        case_id=draw(st.from_regex(r"[A-Za-z0-9_-]{1,30}", fullmatch=True)),
        source=draw(st.sampled_from(Source)),
        pmid=draw(st.sampled_from(["", "PMID:27839873"])),
        subject_id=draw(st.sampled_from(["Family 3 proband", "P1", "II-2"])),
        family_id=draw(st.sampled_from(["", "F1", "PMID:27839873 family 9"])),
        sex=draw(st.sampled_from(Sex)),
        country=draw(st.sampled_from(["", "DE", "GB"])),
        year_of_birth=draw(st.none() | st.integers(1900, 2030)),
        onset_months=draw(months) if disease else None,
        diagnosis_months=draw(months),
        disease_id=disease,
        disease_label=draw(text) if disease else "",
        variants=tuple(draw(st.lists(variants(), max_size=3))),
        features=tuple(draw(st.lists(features, max_size=4))),
        anticholinergic=draw(st.none() | st.sampled_from(Response)),
        dbs=draw(dbs),
        consent=draw(st.sampled_from(Consent)),
        contact_ok=draw(st.booleans()),
    )


@settings(max_examples=200)
@given(cases())
def test_any_case_round_trips_through_a_valid_phenopacket(case: RegistryCase) -> None:
    data = case_to_phenopacket(case, NOW)
    json_format.ParseDict(data, Phenopacket())  # the official schema accepts it
    again = case_from_phenopacket(read_phenopacket(json.dumps(data), "x.json"))
    assert again == case


def test_clashing_ids_get_their_own_files(tmp_path: Path) -> None:
    both = [
        RegistryCase(case_id="a/b", subject_id="1"),
        RegistryCase(case_id="a_b", subject_id="2"),
    ]
    out = tmp_path / "out.zip"
    assert write_phenopackets(both, out, NOW) == 2
    with zipfile.ZipFile(out) as archive:
        assert sorted(archive.namelist()) == ["a_b-2.json", "a_b.json"]
    assert {c.case_id for c in import_phenopackets(out).imported} == {"a/b", "a_b"}
