from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rarelight.errors import InputError, NotFound
from rarelight.knowledge import Catalogue, normalise_disease_id


@pytest.mark.parametrize(
    "query", ["DYT28", "dystonia 28", "KMT2B", "617284", "ORPHA:589618", "dyt-kmt2b"]
)
def test_kmt2b_queries_find_the_curated_profile_first(catalogue: Catalogue, query: str) -> None:
    top = catalogue.search(query, 5)[0]
    assert top.disease.id == "OMIM:617284"
    assert top.disease.curated


def test_the_catalogue_holds_every_omim_and_orpha_disease(catalogue: Catalogue) -> None:
    assert len(catalogue) > 12_000
    assert [d.id for d in catalogue.curated] == ["OMIM:617284"]
    marfan = catalogue.get("ORPHA:558")
    assert marfan.name == "Marfan syndrome"
    assert not marfan.curated
    assert len(marfan.features(catalogue.release.ontology)) > 10


def test_a_curated_profile_answers_to_all_its_ids(catalogue: Catalogue) -> None:
    profile = catalogue.get("OMIM:617284")
    assert catalogue.get("ORPHA:589618") is profile
    assert catalogue.get("omim:617284") is profile
    assert catalogue.get("Orphanet:589618") is profile
    assert profile.gene_symbols == ("KMT2B",)
    # The HPO annotations of both ids are kept with the profile.
    assert {d.id for d in profile.annotated} == {"OMIM:617284", "ORPHA:589618"}


def test_unknown_and_malformed_ids(catalogue: Catalogue) -> None:
    with pytest.raises(NotFound, match="OMIM:999999 is not in the catalogue"):
        catalogue.get("OMIM:999999")
    with pytest.raises(InputError, match="not a disease id"):
        catalogue.get("HP:1")


@pytest.mark.parametrize(
    ("text", "curie"),
    [("OMIM:617284", "OMIM:617284"), (" mim:617284 ", "OMIM:617284"), ("ORPHANET:00558", "ORPHA:558"),
     ("decipher:12", "DECIPHER:12")],
)  # fmt: skip
def test_disease_ids_are_normalised(text: str, curie: str) -> None:
    assert normalise_disease_id(text) == curie


def test_search_ranks_exact_names_and_gene_symbols(catalogue: Catalogue) -> None:
    marfan = catalogue.search("marfan syndrome", 3)
    assert marfan[0].disease.name == "Marfan syndrome"
    assert marfan[0].score > marfan[-1].score or marfan[-1].disease.name == "Marfan syndrome"
    fbn1 = catalogue.search("FBN1", 50)
    assert any(m.disease.name == "Marfan syndrome" for m in fbn1)
    assert all("FBN1" in m.disease.gene_symbols for m in fbn1)


def test_search_tolerates_prefixes_and_typos(toy_catalogue: Catalogue) -> None:
    assert toy_catalogue.search("toy epil")[0].disease.id == "OMIM:100002"
    assert toy_catalogue.search("toy epilepsy syndrom")[0].disease.id == "OMIM:100002"
    assert toy_catalogue.search("epilepsi")[0].disease.id == "OMIM:100002"
    assert toy_catalogue.search("nothing like this") == []


def test_search_is_deterministic_and_ordered(toy_catalogue: Catalogue) -> None:
    first = toy_catalogue.search("toy")
    assert first == toy_catalogue.search("toy")
    keys = [(-m.score, not m.disease.curated, m.disease.id) for m in first]
    assert keys == sorted(keys)


def test_a_curated_profile_folds_its_annotated_ids(toy_catalogue: Catalogue) -> None:
    ids = [d.id for d in toy_catalogue]
    assert "ORPHA:900001" not in ids  # folded into the curated OMIM:100001
    assert toy_catalogue.get("ORPHA:900001").id == "OMIM:100001"
    assert toy_catalogue.search("toy dystonia one")[0].disease.id == "OMIM:100001"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_search_never_fails_and_scores_stay_in_range(toy_catalogue: Catalogue, text: str) -> None:
    for match in toy_catalogue.search(text):
        assert 0 < match.score <= 1
