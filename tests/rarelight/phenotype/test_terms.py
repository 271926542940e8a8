from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rarelight.errors import InputError, NotFound
from rarelight.knowledge import Catalogue
from rarelight.phenotype import HpoRelease, HpoTerm, Ontology, TermIndex, TermMatch


@pytest.fixture(scope="module")
def toy(toy_release: HpoRelease) -> TermIndex:
    return TermIndex(toy_release.ontology)


@pytest.fixture(scope="module")
def real(catalogue: Catalogue) -> TermIndex:
    return TermIndex(catalogue.release.ontology)


def _ids(matches: list[TermMatch]) -> list[str]:
    return [m.term.id for m in matches]


# --- the toy ontology ---------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["s", "se", "sei", "seiz", "seizu", "Seizure", "SEIZURE "])
def test_prefixes_find_the_term_as_it_is_typed(toy: TermIndex, typed: str) -> None:
    assert _ids(toy.search(typed))[0] == "HP:0001250"  # Seizure


def test_exact_label_first_then_shorter_names(toy: TermIndex) -> None:
    matches = toy.search("dystonia")
    assert _ids(matches) == ["HP:0001332", "HP:0002451", "HP:0012048"]
    assert matches[0].score == 1.0
    assert matches[0].matched_on == "label “Dystonia”"
    assert matches[0].notice is None
    assert matches[1].score > 0
    assert matches[1].score == matches[2].score  # a tie, broken by the shorter name


def test_an_exact_synonym_beats_a_prefix(toy: TermIndex) -> None:
    matches = toy.search("dystonic movements")
    assert matches[0].term.id == "HP:0001332"
    assert matches[0].matched_on == "synonym “Dystonic movements”"
    assert 0.9 < matches[0].score < 1.0


@pytest.mark.parametrize("typo", ["siezure", "seizrue", "seizur", "dystonai"])
def test_typos_in_longer_words_are_forgiven(toy: TermIndex, typo: str) -> None:
    expected = "HP:0001250" if typo.startswith("s") else "HP:0001332"
    matches = toy.search(typo)
    assert matches[0].term.id == expected
    assert matches[0].score < toy.search(expected)[0].score


def test_layperson_synonyms_are_searched_and_named(toy: TermIndex) -> None:
    (match,) = toy.search("twisting legs")
    assert match.term.label == "Limb dystonia"
    assert match.matched_on == "layperson synonym “Twisting of the arms or legs”"


@pytest.mark.parametrize(
    "typed", ["HP:0001250", "hp:0001250", "HP_0001250", "0001250", " hp 0001250"]
)
def test_ids_in_any_usual_spelling(toy: TermIndex, typed: str) -> None:
    (match,) = toy.search(typed)
    assert (match.term.id, match.score, match.matched_on) == ("HP:0001250", 1.0, "id HP:0001250")


def test_an_alternative_id_finds_the_current_term_with_a_notice(toy: TermIndex) -> None:
    (match,) = toy.search("HP:0002328")
    assert match.term.id == "HP:0001332"
    assert match.notice
    assert "alternative id" in match.notice


def test_obsolete_ids_lead_to_the_replacement_or_the_suggestion(toy: TermIndex) -> None:
    (replaced,) = toy.search("HP:0000009")
    assert replaced.term.id == "HP:0000707"
    assert replaced.notice
    assert "replaced by HP:0000707" in replaced.notice
    (considered,) = toy.search("HP:0000010")
    assert considered.term.id == "HP:0000707"
    assert considered.notice
    assert "consider HP:0000707" in considered.notice
    assert considered.score < replaced.score
    assert toy.search("HP:9999999") == []


def test_a_partial_id_lists_the_ids_it_starts(toy: TermIndex) -> None:
    assert _ids(toy.search("HP:00012")) == ["HP:0001250"]
    assert _ids(toy.search("HP:000", limit=2)) == ["HP:0000118", "HP:0000707"]


def test_search_is_limited_to_phenotypic_abnormalities_unless_asked(toy: TermIndex) -> None:
    assert toy.search("autosomal dominant") == []
    assert toy.search("HP:0000006") == []
    assert _ids(toy.search("autosomal dominant", subtree=None)) == ["HP:0000006"]
    assert set(_ids(toy.search("a", subtree="HP:0100022"))) <= {
        "HP:0100022",
        "HP:0001332",
        "HP:0002451",
        "HP:0012048",
    }
    assert {m.term.obsolete for m in toy.search("obsolete", subtree=None)} <= {False}


def test_queries_with_nothing_to_search_find_nothing(toy: TermIndex) -> None:
    for text in ("", "   ", "?!", "—", "xyzzy", "zz top"):
        assert toy.search(text) == []


def test_unusable_arguments_fail_clearly(toy: TermIndex) -> None:
    with pytest.raises(InputError, match="limit"):
        toy.search("seizure", limit=0)
    with pytest.raises(InputError, match="at most 200 characters"):
        toy.search("a" * 201)
    with pytest.raises(NotFound):
        toy.search("seizure", subtree="HP:9999999")


def test_ties_go_to_the_shorter_name_then_the_label_then_the_id() -> None:
    ontology = Ontology(
        "test",
        [
            HpoTerm("HP:0000001", "All"),
            HpoTerm("HP:0000118", "Phenotypic abnormality", parents=("HP:0000001",)),
            HpoTerm("HP:0000002", "Leg tremor", parents=("HP:0000118",)),
            HpoTerm(
                "HP:0000004", "Fine shaking", synonyms=("Arm tremor",), parents=("HP:0000118",)
            ),
            HpoTerm("HP:0000005", "Arm tremor", parents=("HP:0000118",)),
            HpoTerm("HP:0000006", "Arm trembling", parents=("HP:0000118",)),
        ],
    )
    index = TermIndex(ontology)
    # three names of equal length: the labels by id, then the synonym
    assert _ids(index.search("tremor")) == ["HP:0000002", "HP:0000005", "HP:0000004"]
    matches = index.search("arm trem")
    assert _ids(matches) == ["HP:0000005", "HP:0000004", "HP:0000006"]
    assert matches[0].score == matches[1].score
    assert matches[1].matched_on == "synonym “Arm tremor”"
    assert matches[2].score < matches[1].score  # "trembling" is a longer completion of "trem"
    assert [_ids(index.search("arm trem")) for _ in range(3)] == [_ids(matches)] * 3


@given(text=st.text(max_size=TermIndex.MAX_QUERY_CHARS), limit=st.integers(1, 20))
def test_search_never_raises_and_scores_stay_in_range(
    toy: TermIndex, text: str, limit: int
) -> None:
    matches = toy.search(text, limit)
    assert len(matches) <= limit
    assert len(set(_ids(matches))) == len(matches)
    assert all(0.0 < m.score <= 1.0 for m in matches)
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)
    assert not any(m.term.obsolete for m in matches)
    assert matches == toy.search(text, limit)


# --- the real release (HPO 2025-01-16) ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "within"),
    [
        ("seizure", "HP:0001250", 1),  # Seizure
        ("seiz", "HP:0001250", 1),
        ("siezure", "HP:0001250", 1),
        ("dystonia", "HP:0001332", 1),  # Dystonia
        ("dyston", "HP:0001332", 1),
        ("tip toe", "HP:0030051", 3),  # Tip-toe gait
        ("toe walking", "HP:0030051", 3),
        ("walking on tip toes", "HP:0030051", 3),
        ("hoarse", "HP:0001609", 3),  # Hoarse voice
        ("big head", "HP:0000256", 1),  # Macrocephaly
        ("intellectual dis", "HP:0001249", 1),  # Intellectual disability
        ("short sta", "HP:0004322", 1),  # Short stature
        ("abnormality of the heart", "HP:0001627", 1),  # Abnormal heart morphology
    ],
)
def test_real_release_finds_what_people_type(
    real: TermIndex, text: str, expected: str, within: int
) -> None:
    assert expected in _ids(real.search(text, limit=within))


def test_real_release_follows_an_alternative_id(real: TermIndex) -> None:
    (match,) = real.search("HP:0002328")
    assert match.term.id == "HP:0001332"  # Dystonia
    assert match.notice
    assert "alternative id of HP:0001332" in match.notice


@settings(deadline=None, max_examples=50)
@given(text=st.text(max_size=TermIndex.MAX_QUERY_CHARS))
def test_real_release_search_never_raises(real: TermIndex, text: str) -> None:
    assert all(0.0 < m.score <= 1.0 for m in real.search(text, limit=10))
