"""Variant classes, ages, de-identified snapshots and the statistics over cases."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rarelight.errors import InputError
from rarelight.registry import (
    LITERATURE,
    TOTAL,
    FeatureFact,
    PersonFacts,
    RegistryCase,
    ScoreFact,
    Source,
    Variant,
    VariantClass,
    VariantFact,
    deidentify,
    format_age,
    import_phenopackets,
    parse_age,
    registry_statistics,
    statistics_json,
    suppress,
    variant_class,
)

from .test_phenopackets import BENCHMARK_ZIP


@pytest.mark.parametrize(
    ("c", "p", "expected"),
    [
        ("NM_014727.3:c.2503C>T", "NP_055542.1:p.(Arg835Ter)", VariantClass.NONSENSE),
        ("NM_014727.3:c.2503C>T", "p.R835*", VariantClass.NONSENSE),
        ("c.100A>G", "p.(Lys34Glu)", VariantClass.MISSENSE),
        ("c.100delA", "p.(Lys34fs)", VariantClass.FRAMESHIFT),
        ("c.100_102del", "", VariantClass.INFRAME),
        ("c.100_101del", "", VariantClass.FRAMESHIFT),
        ("c.100dup", "", VariantClass.FRAMESHIFT),
        ("c.100_101insGGG", "", VariantClass.INFRAME),
        ("c.870+1G>A", "p.?", VariantClass.SPLICE),
        ("c.871-2A>G", "", VariantClass.SPLICE),
        ("c.1A>G", "p.Met1?", VariantClass.START_LOSS),
        ("c.100A>G", "p.(Lys34=)", VariantClass.SYNONYMOUS),
        ("c.8000T>C", "p.*2716Glnext*12", VariantClass.STOP_LOSS),
        ("", "", VariantClass.OTHER),
    ],
)
def test_variant_class_from_hgvs(c: str, p: str, expected: VariantClass) -> None:
    assert variant_class(c, p) is expected


def test_a_deletion_without_hgvs_is_a_copy_number_variant() -> None:
    assert variant_class(description="19q13.12 deletion") is VariantClass.COPY_NUMBER


@given(st.integers(0, 130 * 12))
def test_ages_round_trip_in_months(months: int) -> None:
    assert parse_age(format_age(months)) == months


@pytest.mark.parametrize("text", ["six", "P", "PT", "7Y", ""])
def test_bad_ages_say_what_is_accepted(text: str) -> None:
    with pytest.raises(InputError, match="ISO 8601"):
        parse_age(text)


BIRTH = dt.date(2014, 3, 20)


def _facts(**more: object) -> PersonFacts:
    values: dict[str, object] = {
        "sex": "female",
        "date_of_birth": BIRTH,
        "onset": dt.date(2020, 6, 1),
        "diagnosed": dt.date(2022, 3, 19),
        "country": "de",
        "disease_id": "OMIM:617284",
        "variants": [
            VariantFact("KMT2B", "NM_014727.3:c.2503C>T", "p.(Arg835Ter)", inheritance="de_novo")
        ],
        "features": [FeatureFact("HP:0001332", "Dystonia", onset=dt.date(2020, 6, 1))],
        "anticholinergic": "good",
        "dbs_surgery": dt.date(2023, 1, 10),
        "bfmdrs": [
            ScoreFact(dt.date(2022, 12, 1), 50),
            ScoreFact(dt.date(2021, 1, 1), 30),
            ScoreFact(dt.date(2023, 7, 2), 20),
            ScoreFact(dt.date(2024, 1, 15), 15),
        ],
    }
    values.update(more)
    return PersonFacts(**values)  # type: ignore[arg-type]


def test_a_snapshot_has_no_names_and_no_exact_dates() -> None:
    case = deidentify(_facts(), case_id="RL-abc", contact_ok=True)
    assert case.source is Source.FAMILY
    assert case.contact_ok
    assert (case.year_of_birth, case.country) == (2014, "DE")
    assert (case.onset_months, case.diagnosis_months) == (74, 95)
    assert case.features[0].onset_months == 74
    assert case.variants[0].variant_class is VariantClass.NONSENSE
    assert case.dbs is not None
    assert (case.dbs.bfmdrs_before, case.dbs.bfmdrs_after, case.dbs.interval_months) == (50, 15, 12)
    assert case.dbs.age_months == 105
    text = case.model_dump_json()
    for date in ("2014-03-20", "2020-06-01", "2023-01-10", "2024-01-15", "-03-20"):
        assert date not in text
    assert set(json.loads(text)) <= set(RegistryCase.model_fields)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"country": "Germany"}, "country"),
        ({"sex": "boy"}, "sex"),
        ({"onset": dt.date(2010, 1, 1)}, "onset"),
        ({"anticholinergic": "great"}, "anticholinergic"),
    ],
)
def test_bad_facts_name_the_field(change: dict[str, object], message: str) -> None:
    with pytest.raises(InputError, match=message):
        deidentify(_facts(**change), case_id="RL-1")


def _case(n: int, disease: str = "OMIM:617284", **more: object) -> RegistryCase:
    return RegistryCase(case_id=f"c{n}", disease_id=disease, **more)  # type: ignore[arg-type]


def test_statistics_suppress_small_counts_and_show_the_literature_figure() -> None:
    cases = [_case(i, sex="female") for i in range(7)] + [
        _case(i + 7, sex="male") for i in range(3)
    ]
    stats = registry_statistics(cases)
    assert stats.individuals == "10"
    sex = {c.key: c.shown for c in stats.tables[0].categories}
    assert sex["male"] == "<5"
    others_hidden = [k for k, shown in sex.items() if k != "male" and not shown.isdigit()]
    assert others_hidden, "10 − 7 would give the 3 men away"
    assert stats.literature is LITERATURE
    assert (LITERATURE.people, LITERATURE.families, LITERATURE.non_dystonic) == (246, 229, 27)
    assert json.loads(json.dumps(statistics_json(stats)))["individuals"] == "10"


def test_a_disease_with_fewer_than_five_people_is_not_shown_on_its_own() -> None:
    cases = [_case(i) for i in range(8)] + [_case(100 + i, "OMIM:619934") for i in range(3)]
    small = registry_statistics(cases, disease="OMIM:619934")
    assert small.individuals == "<5"
    assert not small.tables
    overall = registry_statistics(cases)
    assert overall.individuals == "11"
    # 11 − 8 would give the 3 away, so the larger disease is pooled too until more people join.
    assert registry_statistics(cases, disease="OMIM:617284").individuals == "suppressed"
    more = cases + [_case(200 + i, "OMIM:619934") for i in range(2)]
    assert registry_statistics(more, disease="OMIM:617284").individuals == "8"
    assert registry_statistics(more, disease="OMIM:619934").individuals == "5"
    assert registry_statistics(cases, disease="OMIM:1").individuals == "0"


def test_feature_frequencies_are_observed_over_assessed_beside_annotations() -> None:
    from rarelight.registry import Feature

    dystonia = Feature(hpo_id="HP:0001332", label="Dystonia")
    absent = Feature(hpo_id="HP:0001332", label="Dystonia", excluded=True)
    cases = [_case(i, features=(dystonia,)) for i in range(9)] + [
        _case(20 + i, features=(absent,)) for i in range(6)
    ]
    stats = registry_statistics(cases, annotations={"HP:0001332": "Very frequent"})
    [feature] = stats.features
    assert (feature.observed, feature.excluded, feature.assessed) == ("9", "6", "15")
    assert feature.annotation == "Very frequent"


def test_the_published_collection_is_counted_right() -> None:
    """The statistics of the 8,997 imported cases agree with counts made directly from the files."""
    cases = import_phenopackets(BENCHMARK_ZIP).imported
    stats = registry_statistics(cases)
    assert stats.individuals == str(len(cases)) == "8997"
    families = len({(c.disease_id, c.family_key) for c in cases})
    assert stats.families == str(families)
    sex = Counter(c.sex.value for c in cases)
    for category in stats.tables[0].categories:
        true = sex.get(category.key, 0)
        if category.count is not None:
            assert category.count == true
        else:
            assert category.shown == ("<5" if true < 5 else "suppressed")
    [classes] = [t for t in stats.tables if t.key == "variant_class"]
    assert sum(1 for c in classes.categories if c.count is not None) >= 8
    per_disease = Counter(c.disease_id for c in cases)
    disease, size = per_disease.most_common(1)[0]
    assert registry_statistics(cases, disease=disease).individuals == str(size)


def test_tables_by_group_and_overall_come_from_one_decision() -> None:
    table = suppress({"a": {"x": 7, "y": 3}, "b": {"x": 10, "y": 12}}, ["x", "y"])
    assert table.cell("b", "y").hidden
    assert table.cell(TOTAL, "y").count == 15


def test_variants_keep_their_class_when_built_by_hand() -> None:
    assert Variant(gene="KMT2B").variant_class is VariantClass.OTHER


def test_unreadable_store_lines_are_named(tmp_path: Path) -> None:
    from rarelight.registry import RegistryStore

    store = RegistryStore(tmp_path)
    store.save([_case(1)])
    assert store.load() == [_case(1)]
    store.path.write_text('{"case_id": ""}\n')
    with pytest.raises(InputError, match="line 1"):
        store.load()


def test_countries_are_named_only_with_five_people_or_more() -> None:
    cases = [_case(i, country="DE") for i in range(6)] + [
        _case(10 + i, country="IS") for i in range(2)
    ]
    cases += [_case(20 + i) for i in range(5)]
    [country] = [t for t in registry_statistics(cases).tables if t.key == "country"]
    shown = {c.key: c.shown for c in country.categories}
    assert set(shown) == {"DE", "other_countries", "not_recorded"}
    assert shown["other_countries"] == "<5"
    assert shown["DE"] != "6" or shown["not_recorded"] != "5", "13 − 6 − 5 would give the 2 away"


def test_the_public_api_is_exactly_all() -> None:
    import pkgutil

    import rarelight.registry as registry

    public = {name for name in vars(registry) if not name.startswith("_")}
    submodules = {m.name for m in pkgutil.iter_modules(registry.__path__)}
    assert public - submodules == set(registry.__all__)
