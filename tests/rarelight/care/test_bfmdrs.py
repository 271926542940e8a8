"""BFMDRS movement (0–120) and disability (0–30) scales: worked examples, boundaries, bad input."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rarelight.care import (
    BFM_DISABILITY_ITEMS,
    BFM_REGIONS,
    PROVOKING_LEVELS,
    SPEECH_SWALLOWING_PROVOKING_LEVELS,
    BfmDisability,
    BfmMovement,
    BfmRegion,
    BfmRegionRating,
    bfm_region,
)
from rarelight.errors import InputError, ProblemsError

REGION_KEYS = [
    "eyes",
    "mouth",
    "speech_swallowing",
    "neck",
    "right_arm",
    "left_arm",
    "trunk",
    "right_leg",
    "left_leg",
]
MOVEMENT_FIELDS = [f"{key}_{factor}" for key in REGION_KEYS for factor in ("provoking", "severity")]
DISABILITY_ITEMS = [
    "speech",
    "handwriting",
    "feeding",
    "eating_swallowing",
    "hygiene",
    "dressing",
    "walking",
]


def movement_fields(**overrides: object) -> dict[str, object]:
    fields: dict[str, object] = dict.fromkeys(MOVEMENT_FIELDS, 0)
    fields.update(overrides)
    return fields


def disability_fields(**overrides: object) -> dict[str, object]:
    fields: dict[str, object] = dict.fromkeys(DISABILITY_ITEMS, 0)
    fields.update(overrides)
    return fields


def problem_locations(error: pytest.ExceptionInfo[ProblemsError]) -> set[str]:
    return {problem.location for problem in error.value.problems}


# --- the form itself -------------------------------------------------------------------------


def test_the_nine_regions_in_form_order_with_their_weights() -> None:
    assert [region.key for region in BFM_REGIONS] == REGION_KEYS
    weights = {region.key: region.weight for region in BFM_REGIONS}
    assert {key for key, weight in weights.items() if weight == 0.5} == {"eyes", "mouth", "neck"}
    assert {weight for key, weight in weights.items() if key not in {"eyes", "mouth", "neck"}} == {
        1.0
    }
    assert sum(region.max_score for region in BFM_REGIONS) == 120


def test_every_factor_has_a_label_for_each_value_0_to_4() -> None:
    for region in BFM_REGIONS:
        for factor in (region.provoking, region.severity):
            assert [level.value for level in factor] == [0, 1, 2, 3, 4]
            assert all(level.label for level in factor)


def test_speech_and_swallowing_has_its_own_provoking_factor_wording() -> None:
    assert bfm_region("speech_swallowing").provoking == SPEECH_SWALLOWING_PROVOKING_LEVELS
    assert SPEECH_SWALLOWING_PROVOKING_LEVELS != PROVOKING_LEVELS
    others = [r for r in BFM_REGIONS if r.key != "speech_swallowing"]
    assert all(region.provoking == PROVOKING_LEVELS for region in others)


def test_an_unknown_region_name_is_refused() -> None:
    with pytest.raises(InputError, match="nose"):
        bfm_region("nose")


# --- movement scale: worked examples ---------------------------------------------------------


def test_all_zeros_is_zero() -> None:
    movement = BfmMovement.from_fields(movement_fields())
    assert movement.total == 0
    assert movement.affected == ()
    assert movement == BfmMovement.none()


def test_a_mixed_example_worked_by_hand() -> None:
    # region            provoking × severity × weight = score
    # eyes                  2     ×    3     ×  0.5   =  3.0
    # mouth                 1     ×    1     ×  0.5   =  0.5
    # speech/swallowing     2     ×    2     ×  1     =  4.0
    # neck                  3     ×    3     ×  0.5   =  4.5
    # right arm             4     ×    2     ×  1     =  8.0
    # left arm              1     ×    1     ×  1     =  1.0
    # trunk                 3     ×    3     ×  1     =  9.0
    # right leg             4     ×    4     ×  1     = 16.0
    # left leg              0     ×    3     ×  1     =  0.0  (no provoking factor, no score)
    # total                                           = 46.0
    movement = BfmMovement.from_fields(
        movement_fields(
            eyes_provoking=2,
            eyes_severity=3,
            mouth_provoking=1,
            mouth_severity=1,
            speech_swallowing_provoking=2,
            speech_swallowing_severity=2,
            neck_provoking=3,
            neck_severity=3,
            right_arm_provoking=4,
            right_arm_severity=2,
            left_arm_provoking=1,
            left_arm_severity=1,
            trunk_provoking=3,
            trunk_severity=3,
            right_leg_provoking=4,
            right_leg_severity=4,
            left_leg_provoking=0,
            left_leg_severity=3,
        )
    )
    expected = {
        "eyes": 3.0,
        "mouth": 0.5,
        "speech_swallowing": 4.0,
        "neck": 4.5,
        "right_arm": 8.0,
        "left_arm": 1.0,
        "trunk": 9.0,
        "right_leg": 16.0,
        "left_leg": 0.0,
    }
    assert {key: movement.score(key) for key in REGION_KEYS} == expected
    assert movement.total == 46.0
    assert "left_leg" not in movement.affected
    assert movement.rating("eyes").severity_label.startswith("Moderate")
    assert movement.rating("right_leg").provoking_label == "Dystonia present at rest"


def test_the_maximum_is_120_with_8_for_eyes_mouth_and_neck() -> None:
    movement = BfmMovement.from_fields(dict.fromkeys(MOVEMENT_FIELDS, 4))
    assert movement.total == 120 == BfmMovement.MAX_TOTAL
    assert movement.score("eyes") == movement.score("mouth") == movement.score("neck") == 8
    assert movement.score("trunk") == 16
    assert movement.affected == tuple(REGION_KEYS)


def test_from_factors_rates_unnamed_regions_as_no_dystonia() -> None:
    # right leg 4 × 3 × 1 = 12; eyes 1 × 1 × 0.5 = 0.5
    movement = BfmMovement.from_factors({"right_leg": (4, 3), "eyes": (1, 1)})
    assert movement.total == 12.5
    assert movement.affected == ("eyes", "right_leg")


def test_fields_round_trip() -> None:
    movement = BfmMovement.from_factors({"neck": (3, 2), "trunk": (1, 4)})
    assert BfmMovement.from_fields(movement.as_fields()) == movement


# --- movement scale: boundaries and bad input -------------------------------------------------


@pytest.mark.parametrize("field", MOVEMENT_FIELDS)
@pytest.mark.parametrize("value", [0, 4])
def test_0_and_4_are_accepted_for_every_factor(field: str, value: int) -> None:
    BfmMovement.from_fields(movement_fields(**{field: value}))


@pytest.mark.parametrize("field", MOVEMENT_FIELDS)
@pytest.mark.parametrize("value", [-1, 5, 6])
def test_out_of_range_is_refused_for_every_factor(field: str, value: int) -> None:
    with pytest.raises(ProblemsError) as error:
        BfmMovement.from_fields(movement_fields(**{field: value}))
    assert problem_locations(error) == {field}
    assert "from 0 to 4" in error.value.problems[0].fix


@pytest.mark.parametrize("value", [2.0, 2.5, "2", True, False, None, [2]])
def test_only_whole_numbers_are_levels(value: object) -> None:
    with pytest.raises(ProblemsError) as error:
        BfmMovement.from_fields(movement_fields(trunk_severity=value))
    (problem,) = error.value.problems
    assert problem.location == "trunk_severity"
    assert "not a whole number" in problem.message


def test_every_problem_is_reported_at_once_with_its_field() -> None:
    fields = movement_fields(
        eyes_provoking=5, neck_severity=-1, trunk_provoking="3", nose_severity=2
    )
    del fields["left_leg_severity"]
    with pytest.raises(ProblemsError) as error:
        BfmMovement.from_fields(fields)
    assert problem_locations(error) == {
        "eyes_provoking",
        "neck_severity",
        "trunk_provoking",
        "nose_severity",
        "left_leg_severity",
    }
    by_location = {p.location: p for p in error.value.problems}
    assert by_location["left_leg_severity"].message == "missing"
    assert "eyes_provoking" in by_location["nose_severity"].fix
    assert all(p.fix for p in error.value.problems)


def test_from_factors_reports_unknown_regions_and_bad_pairs_together() -> None:
    with pytest.raises(ProblemsError) as error:
        BfmMovement.from_factors(
            {"nose": (1, 1), "neck": (1,), "trunk": (9, 1)}  # type: ignore[dict-item]
        )
    assert problem_locations(error) == {"nose", "neck", "trunk_provoking"}


def test_direct_construction_still_checks_values_and_regions() -> None:
    eyes = bfm_region("eyes")
    with pytest.raises(InputError):
        BfmRegionRating(eyes, 5, 0)
    with pytest.raises(InputError):
        BfmMovement((BfmRegionRating(eyes, 1, 1),))


# --- movement scale: properties ---------------------------------------------------------------

factor = st.integers(min_value=0, max_value=4)
ratings = st.fixed_dictionaries(dict.fromkeys(MOVEMENT_FIELDS, factor))


@given(ratings)
def test_total_is_the_sum_of_region_scores_within_0_to_120(fields: dict[str, int]) -> None:
    movement = BfmMovement.from_fields(fields)
    assert movement.total == sum(movement.score(key) for key in REGION_KEYS)
    assert 0 <= movement.total <= 120
    assert (movement.total * 2).is_integer()
    for region in BFM_REGIONS:
        assert 0 <= movement.score(region.key) <= region.max_score
    assert BfmMovement.from_fields(movement.as_fields()) == movement


@given(ratings, st.sampled_from(MOVEMENT_FIELDS))
def test_raising_any_item_never_lowers_the_total(fields: dict[str, int], field: str) -> None:
    before = BfmMovement.from_fields(fields).total
    raised = {**fields, field: min(fields[field] + 1, 4)}
    assert BfmMovement.from_fields(raised).total >= before


def _region(key: str) -> BfmRegion:
    return next(r for r in BFM_REGIONS if r.key == key)


@given(st.sampled_from(REGION_KEYS), factor, factor)
def test_a_region_score_is_provoking_times_severity_times_weight(
    key: str, provoking: int, severity: int
) -> None:
    movement = BfmMovement.from_factors({key: (provoking, severity)})
    assert movement.total == provoking * severity * _region(key).weight


# --- disability scale -------------------------------------------------------------------------


def test_the_seven_disability_items_in_form_order() -> None:
    assert [item.key for item in BFM_DISABILITY_ITEMS] == DISABILITY_ITEMS
    assert sum(item.max_value for item in BFM_DISABILITY_ITEMS) == 30
    walking = BFM_DISABILITY_ITEMS[-1]
    assert [level.value for level in walking.levels] == [0, 1, 2, 3, 4, 6]
    for item in BFM_DISABILITY_ITEMS[:-1]:
        assert [level.value for level in item.levels] == [0, 1, 2, 3, 4]


def test_disability_all_zeros_is_zero() -> None:
    assert BfmDisability.from_fields(disability_fields()).total == 0


def test_disability_maximum_is_30() -> None:
    disability = BfmDisability.from_fields(dict.fromkeys(DISABILITY_ITEMS[:-1], 4) | {"walking": 6})
    assert disability.total == 30 == BfmDisability.MAX_TOTAL


def test_disability_worked_example() -> None:
    # speech 1 + handwriting 2 + feeding 0 + eating/swallowing 1 + hygiene 2 + dressing 3
    # + walking 4 (needs help to walk) = 13
    disability = BfmDisability.from_fields(
        disability_fields(
            speech=1, handwriting=2, eating_swallowing=1, hygiene=2, dressing=3, walking=4
        )
    )
    assert disability.total == 13
    assert disability.value("walking") == 4
    assert disability.ratings[-1].label == "Needs help to walk"
    assert BfmDisability.from_fields(disability.as_fields()) == disability


def test_six_is_accepted_only_for_walking() -> None:
    assert BfmDisability.from_fields(disability_fields(walking=6)).total == 6
    for item in DISABILITY_ITEMS[:-1]:
        with pytest.raises(ProblemsError) as error:
            BfmDisability.from_fields(disability_fields(**{item: 6}))
        assert problem_locations(error) == {item}


@pytest.mark.parametrize("value", [-1, 5, 7])
def test_walking_refuses_values_off_its_form(value: int) -> None:
    with pytest.raises(ProblemsError) as error:
        BfmDisability.from_fields(disability_fields(walking=value))
    assert error.value.problems[0].fix == "enter one of 0, 1, 2, 3, 4 or 6"


@pytest.mark.parametrize("item", DISABILITY_ITEMS[:-1])
@pytest.mark.parametrize("value", [-1, 5, 1.0, "1", True])
def test_disability_items_refuse_bad_values(item: str, value: object) -> None:
    with pytest.raises(ProblemsError) as error:
        BfmDisability.from_fields(disability_fields(**{item: value}))
    assert problem_locations(error) == {item}


def test_disability_reports_every_problem_at_once() -> None:
    fields = disability_fields(speech=5, walking=2.5, running=1)
    del fields["dressing"]
    with pytest.raises(ProblemsError) as error:
        BfmDisability.from_fields(fields)
    assert problem_locations(error) == {"speech", "walking", "running", "dressing"}


def test_disability_value_of_an_unknown_item_is_refused() -> None:
    with pytest.raises(InputError, match="running"):
        BfmDisability.from_fields(disability_fields()).value("running")


disability_values = st.fixed_dictionaries(
    {
        **{item: st.integers(min_value=0, max_value=4) for item in DISABILITY_ITEMS[:-1]},
        "walking": st.sampled_from([0, 1, 2, 3, 4, 6]),
    }
)


@given(disability_values)
def test_disability_total_is_the_sum_within_0_to_30(fields: dict[str, int]) -> None:
    disability = BfmDisability.from_fields(fields)
    assert disability.total == sum(fields.values())
    assert 0 <= disability.total <= 30
