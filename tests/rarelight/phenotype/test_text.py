from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rarelight.errors import InputError, ProblemsError
from rarelight.knowledge import Catalogue
from rarelight.phenotype import MAX_TEXT_CHARS, FoundTerm, HpoRelease, TextParser

DYSTONIA = "HP:0001332"
LIMB_DYSTONIA = "HP:0002451"
OROMANDIBULAR = "HP:0012048"
SEIZURE = "HP:0001250"
TIP_TOE_GAIT = "HP:0030051"
HOARSE_VOICE = "HP:0001609"
VOICE_TERMS = {HOARSE_VOICE, "HP:0001621", "HP:0001618"}  # Hoarse, Weak voice, Dysphonia
TREMOR = "HP:0001337"
FALLS = "HP:0002527"
DROOLING = "HP:0002307"
HEARING_IMPAIRMENT = "HP:0000365"


@pytest.fixture(scope="module")
def toy(toy_release: HpoRelease) -> TextParser:
    return TextParser(toy_release.ontology)


@pytest.fixture(scope="module")
def real(catalogue: Catalogue) -> TextParser:
    return TextParser(catalogue.release.ontology)


def _status(found: list[FoundTerm]) -> dict[str, bool]:
    """Term id → excluded."""
    return {f.term.id: f.excluded for f in found}


# --- matching, on the toy ontology --------------------------------------------------------------


def test_a_label_is_found_with_its_words_and_offsets(toy: TextParser) -> None:
    text = "Since last year she has had Dystonia."
    [found] = toy.parse(text)
    assert (found.term.id, found.excluded, found.source) == (DYSTONIA, False, "label")
    assert found.text == "Dystonia" == text[found.start : found.end]


def test_inflections_accents_and_case_do_not_matter(toy: TextParser) -> None:
    for text in ["SEIZURES", "a seizure", "seizures", "séizures!"]:
        assert _status(toy.parse(text)) == {SEIZURE: False}, text


def test_synonyms_and_layperson_synonyms_match_in_any_order(toy: TextParser) -> None:
    [synonym] = toy.parse("dystonic movements")
    assert (synonym.term.id, synonym.source) == (DYSTONIA, "synonym")
    [lay] = toy.parse("the twisting of her arms or legs")
    assert (lay.term.id, lay.source, lay.text) == (
        LIMB_DYSTONIA,
        "layperson synonym",
        "twisting of her arms or legs",
    )
    assert [f.text for f in toy.parse("her arms or legs twisted")] == ["arms or legs twisted"]


def test_the_longest_match_wins_over_the_shorter_inside_it(toy: TextParser) -> None:
    assert [f.term.id for f in toy.parse("oromandibular dystonia")] == [OROMANDIBULAR]


def test_terms_outside_phenotypic_abnormality_are_never_found(toy: TextParser) -> None:
    assert toy.parse("autosomal dominant inheritance with childhood onset") == []


def test_no_match_crosses_punctuation(toy: TextParser) -> None:
    assert toy.parse("oromandibular. dystonia")[0].term.id == DYSTONIA
    assert len(toy.parse("oromandibular. dystonia")) == 1


def test_output_is_ordered_by_position(toy: TextParser) -> None:
    found = toy.parse("dystonia, then seizures, then oromandibular dystonia, seizures")
    assert [f.start for f in found] == sorted(f.start for f in found)
    assert [f.term.id for f in found] == [DYSTONIA, SEIZURE, OROMANDIBULAR, SEIZURE]


def test_text_longer_than_the_limit_is_refused_naming_the_limit(toy: TextParser) -> None:
    assert toy.parse("x" * MAX_TEXT_CHARS) == []
    with pytest.raises(InputError, match="5,000"):
        toy.parse("x" * (MAX_TEXT_CHARS + 1))


# --- negation ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "no seizures",
        "She has never had a seizure.",
        "without seizures",
        "denies seizures",
        "She doesn't have seizures",
        "he does not get seizures",
        "seizures have been ruled out",
        "seizures are absent",
        "Seizures: no",
        "Does she have seizures? No.",
        "neither seizures nor anything else",
    ],
)
def test_negation_triggers_exclude_the_finding(toy: TextParser, text: str) -> None:
    assert _status(toy.parse(text)) == {SEIZURE: True}


@pytest.mark.parametrize(
    "text",
    [
        "Not only seizures: she has them daily",
        "it is not unusual for her to have seizures",
        "Not a day goes by without a seizure",
        "she is never without her seizures",
        "we can't rule out seizures",
        "the seizures are no better",
    ],
)
def test_pseudo_and_double_negations_leave_the_finding_observed(toy: TextParser, text: str) -> None:
    assert _status(toy.parse(text)) == {SEIZURE: False}


def test_a_negated_list_excludes_every_item(toy: TextParser) -> None:
    assert _status(toy.parse("no seizures or dystonia")) == {SEIZURE: True, DYSTONIA: True}
    assert _status(toy.parse("no seizures, dystonia")) == {SEIZURE: True, DYSTONIA: True}
    assert _status(toy.parse("neither seizures nor dystonia")) == {SEIZURE: True, DYSTONIA: True}


@pytest.mark.parametrize(
    "text",
    [
        "no seizures, but she has dystonia",
        "no seizures and she has dystonia",
        "no seizures, her dystonia is worse",
        "no seizures; dystonia",
        "No seizures.\nDystonia since two.",
        "no seizures, only dystonia",
        "without medicine she has dystonia",
    ],
)
def test_the_scope_ends_with_the_clause(toy: TextParser, text: str) -> None:
    found = _status(toy.parse(text))
    assert found[DYSTONIA] is False
    assert found.get(SEIZURE, True) is True


def test_findings_of_relatives_are_left_out(toy: TextParser) -> None:
    assert toy.parse("her brother has seizures") == []
    assert _status(toy.parse("like her dad, she has seizures")) == {SEIZURE: False}


# --- the lay phrase lexicon ----------------------------------------------------------------------


def _lexicon(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "phrases.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_lexicon_adds_phrases_and_skips_ids_the_ontology_lacks(
    toy_release: HpoRelease, tmp_path: Path
) -> None:
    lexicon = _lexicon(
        tmp_path,
        "observed:\n"
        "  HP:0001332:\n    - funny movements\n"
        "  HP:0002451:\n    - funny movements\n"  # an ancestor and its child: the child is kept
        "  HP:0030051:\n    - walks on tiptoe\n"  # not in the toy ontology
        "  HP:0000006:\n    - runs in the family\n"  # not a phenotypic abnormality
        "excluded:\n  HP:0001250:\n    - seizure-free\n",
    )
    parser = TextParser(toy_release.ontology, lexicon)
    [found] = parser.parse("she makes funny movements")
    assert (found.term.id, found.source, found.text) == (
        LIMB_DYSTONIA,
        "lay phrase",
        "funny movements",
    )
    assert _status(parser.parse("seizure-free since May")) == {SEIZURE: True}
    assert _status(parser.parse("she is not seizure free")) == {SEIZURE: False}
    assert len(parser.skipped_phrases) == 2
    assert "HP:0030051" in parser.skipped_phrases[0] or "HP:0030051" in parser.skipped_phrases[1]


@pytest.mark.parametrize(
    "text",
    ["observed: [1, 2]\n", "observed:\n  HP:0001332: walk\n", "other: {}\n", "observed: {a: [\n"],
)
def test_a_malformed_lexicon_is_rejected_with_its_problems(
    toy_release: HpoRelease, tmp_path: Path, text: str
) -> None:
    with pytest.raises(ProblemsError):
        TextParser(toy_release.ontology, _lexicon(tmp_path, text))


# --- the real release ----------------------------------------------------------------------------


def test_every_bundled_lay_phrase_names_a_phenotypic_term_of_the_release(real: TextParser) -> None:
    assert real.skipped_phrases == ()


def test_the_acceptance_sentence(real: TextParser) -> None:
    text = "walks on his toes, his voice is hoarse and quiet, no seizures"
    found = real.parse(text)
    status = _status(found)
    assert status[TIP_TOE_GAIT] is False
    assert status[SEIZURE] is True
    assert VOICE_TERMS & {t for t, excluded in status.items() if not excluded}
    by_id = {f.term.id: f for f in found}
    assert by_id[TIP_TOE_GAIT].text == "walks on his toes"
    assert by_id[SEIZURE].text == "seizures" == text[by_id[SEIZURE].start : by_id[SEIZURE].end]


def test_a_voice_described_across_words_gives_both_voice_terms(real: TextParser) -> None:
    status = _status(real.parse("her voice has become quiet and hoarse"))
    assert status == {HOARSE_VOICE: False, "HP:0001621": False}  # and Weak voice
    assert _status(real.parse("his voice is not hoarse")) == {HOARSE_VOICE: True}


def test_negation_scope_in_parents_words(real: TextParser) -> None:
    assert _status(real.parse("no seizures or tremor")) == {SEIZURE: True, TREMOR: True}
    assert _status(real.parse("no seizures, but she falls")) == {SEIZURE: True, FALLS: False}
    status = _status(real.parse("Not only does she fall, she also drools"))
    assert status == {FALLS: False, DROOLING: False}


def test_normal_findings_exclude_and_ability_phrases_are_not_negations(real: TextParser) -> None:
    assert _status(real.parse("Her hearing is fine.")) == {HEARING_IMPAIRMENT: True}
    assert _status(real.parse("He can't walk.")) == {"HP:0002540": False}  # Inability to walk
    assert _status(real.parse("she doesn't walk on her toes")) == {TIP_TOE_GAIT: True}


def test_everyday_words_do_not_become_findings(real: TextParser) -> None:
    text = "He walked into the room, cut the cake, threw the ball and was slow to finish it."
    assert real.parse(text) == []


def test_offsets_point_at_the_words_in_a_paragraph(real: TextParser) -> None:
    text = "Our girl is 9.\nShe drools, and her hands shake when she writes. No seizures!"
    found = real.parse(text)
    assert [(f.text, f.excluded) for f in found] == [
        ("drools", False),
        ("hands shake", False),
        ("seizures", True),
    ]
    assert all(text[f.start : f.end] == f.text for f in found)


DYSPHAGIA = "HP:0002015"
ADHD = "HP:0007018"


def test_problem_and_issue_read_as_difficulty(real: TextParser) -> None:
    assert _status(real.parse("swallowing problems")) == {DYSPHAGIA: False}
    assert _status(real.parse("no issues with swallowing")) == {DYSPHAGIA: True}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hearing: normal.", {HEARING_IMPAIRMENT: True}),
        ("Swallowing - fine.", {DYSPHAGIA: True}),
        ("his hearing has always been good", {HEARING_IMPAIRMENT: True}),
        ("sleep has never been a problem", {"HP:0002360": True}),  # Sleep abnormality
        ("nothing wrong with his hearing", {HEARING_IMPAIRMENT: True}),
        (
            "She doesn't drool and swallowing has never been a problem.",
            {DROOLING: True, DYSPHAGIA: True},
        ),
    ],
)
def test_a_body_function_said_to_be_fine_excludes_its_problem(
    real: TextParser, text: str, expected: dict[str, bool]
) -> None:
    assert _status(real.parse(text)) == expected


def test_a_ment_noun_meets_its_verb_and_the_longest_function_wins(real: TextParser) -> None:
    status = _status(real.parse("her eyes move normally"))
    assert status == {"HP:0000496": True}  # Abnormality of eye movement, not of movement


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("his walking has got worse", {"HP:0001288": False}),  # Gait disturbance
        ("her eyesight isn't good", {"HP:0000505": False}),  # Visual impairment
        ("he doesn't sleep well", {"HP:0002360": False}),  # Sleep abnormality
        ("she sleeps well", {"HP:0002360": True}),
        ("Drooling - none. Swallowing - fine.", {DROOLING: True, DYSPHAGIA: True}),
        ("his hearing as well", {}),  # "as well" is not "well"
    ],
)
def test_a_body_function_said_not_to_be_right_is_observed(
    real: TextParser, text: str, expected: dict[str, bool]
) -> None:
    assert _status(real.parse(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Drooling isn't an issue.", {DROOLING: True}),
        ("Reflux has never been a problem, but he drools.", {"HP:0002020": True, DROOLING: False}),
        ("She's free from reflux now.", {"HP:0002020": True}),
        ("Constipation: none at all.", {"HP:0002019": True}),
    ],
)
def test_more_ways_of_saying_a_finding_is_absent(
    real: TextParser, text: str, expected: dict[str, bool]
) -> None:
    assert _status(real.parse(text)) == expected


def test_not_at_all_answers_a_question(real: TextParser) -> None:
    assert _status(real.parse("Any swallowing problems? Not at all.")) == {DYSPHAGIA: True}
    assert _status(real.parse("Seizures? Not at all.")) == {SEIZURE: True}


@pytest.mark.parametrize(
    "text",
    [
        "His older brother has ADHD but he does not.",
        "Her cousin has ADHD, but not her.",
        "His sister has ADHD - he hasn't.",
    ],
)
def test_a_relatives_finding_denied_for_the_child_is_excluded(real: TextParser, text: str) -> None:
    assert _status(real.parse(text)) == {ADHD: True}


@pytest.mark.parametrize(
    "text",
    [
        "His older brother has ADHD but he is fine.",
        "Her twin has ADHD.",
        "His parents both have ADHD.",
        "My husband has ADHD too.",
    ],
)
def test_a_relatives_finding_alone_stays_left_out(real: TextParser, text: str) -> None:
    assert real.parse(text) == []


def test_side_and_frequency_words_may_stand_inside_a_name(real: TextParser) -> None:
    assert _status(real.parse("a tremor in his right hand")) == {"HP:0002378": False}  # Hand tremor
    assert _status(real.parse("her knees often hurt")) == {"HP:0030839": False}  # Knee pain


def test_losing_meets_loss_and_big_meets_large(real: TextParser) -> None:
    assert _status(real.parse("He lost his speech at two.")) == {"HP:0002371": False}
    assert _status(real.parse("she has lost weight")) == {"HP:0001824": False}  # Weight loss
    assert _status(real.parse("He has big ears")) == {"HP:0000400": False}  # Macrotia


def test_irregular_past_forms_meet_their_verb(real: TextParser) -> None:
    assert _status(real.parse("she slept badly")) == {"HP:0002360": False}  # Sleep abnormality
    assert _status(real.parse("he was tube fed")) == {"HP:0033454": False}  # Tube feeding


def test_comparatives_and_y_adjectives_meet_their_base_word(real: TextParser) -> None:
    assert _status(real.parse("his muscles are weaker")) == {"HP:0001324": False}
    assert _status(real.parse("her voice is hoarser")) == {HOARSE_VOICE: False}
    assert _status(real.parse("he is wheezy")) == {"HP:0030828": False}  # Wheezing
    assert _status(real.parse("his muscles are twitchy")) == {"HP:0002380": False}  # Fasciculations
    assert _status(real.parse("she sleeps well")) == {"HP:0002360": True}  # not "sleepy"


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("she is dystonic", "HP:0001332"),  # Dystonia
        ("he is very hypotonic", "HP:0001252"),  # Hypotonia
        ("hypermobile joints", "HP:0001382"),  # Joint hypermobility
        ("he is irritable", "HP:0000737"),  # Irritability
        ("he is obese", "HP:0001513"),  # Obesity
    ],
)
def test_an_adjective_meets_its_noun(real: TextParser, text: str, term: str) -> None:
    assert _status(real.parse(text)) == {term: False}


def test_when_something_happens_is_not_a_finding(real: TextParser) -> None:
    text = "He falls over a lot, especially when he is tired."
    assert _status(real.parse(text)) == {"HP:0002359": False}  # Frequent falls, not Fatigue
    assert _status(real.parse("She is tired all the time.")) == {"HP:0012378": False}
    assert _status(real.parse("when he has seizures he goes blue")) == {SEIZURE: False}


def test_arms_and_legs_stand_for_upper_and_lower_limbs(real: TextParser) -> None:
    spasticity = "HP:0002061"  # Lower limb spasticity
    assert _status(real.parse("her legs are spastic")) == {spasticity: False}


def test_late_milestones_in_parents_words(real: TextParser) -> None:
    status = _status(real.parse("He was slow to sit up and late to crawl, and he walked late."))
    delayed = {"HP:0025336", "HP:0033128", "HP:0031936"}  # sit, crawl, walk
    assert status == dict.fromkeys(delayed, False)
    speech = "HP:0000750"  # Delayed speech and language development
    assert _status(real.parse("her speech came late")) == {speech: False}
    assert _status(real.parse("puberty was late")) == {"HP:0000823": False}  # Delayed puberty


def test_a_finding_said_to_happen_often_takes_its_frequent_form(real: TextParser) -> None:
    assert _status(real.parse("Every day she has a few falls.")) == {"HP:0002359": False}
    assert _status(real.parse("She had a fall last year.")) == {FALLS: False}


def test_a_finding_said_to_be_all_over_takes_its_generalized_form(real: TextParser) -> None:
    text = "Her dystonia started in her feet and has spread to her whole body."
    assert _status(real.parse(text)) == {"HP:0007325": False}  # Generalized dystonia
    assert _status(real.parse("Her dystonia started in her feet.")) == {DYSTONIA: False}


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=500))
def test_parse_never_fails_and_offsets_stay_in_the_text(real: TextParser, text: str) -> None:
    previous = -1
    for found in real.parse(text):
        assert 0 <= found.start < found.end <= len(text)
        assert text[found.start : found.end] == found.text
        assert found.start >= previous
        previous = found.start


TRIGGER_WORDS = [
    "no",
    "not",
    "never",
    "without",
    "seizures",
    "tremor",
    "drools",
    ",",
    ".",
    "and",
    "or",
    "but",
    "her",
    "voice",
    "hoarse",
    "quiet",
    "walks",
    "on",
    "toes",
    "?",
    ":",
    "-",
]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(TRIGGER_WORDS), max_size=30))
def test_sentences_of_trigger_words_never_fail(real: TextParser, words: list[str]) -> None:
    text = " ".join(words)
    assert all(text[f.start : f.end] == f.text for f in real.parse(text))
