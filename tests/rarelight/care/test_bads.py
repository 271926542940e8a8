"""The Barry–Albright Dystonia Scale (0–32): worked examples, boundaries, bad input, properties."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rarelight.care import BADS_LEVELS, BADS_REGIONS, Bads
from rarelight.errors import InputError, ProblemsError

REGIONS = [
    "eyes",
    "mouth",
    "neck",
    "trunk",
    "right_arm",
    "left_arm",
    "right_leg",
    "left_leg",
]


def fields(**overrides: object) -> dict[str, object]:
    values: dict[str, object] = dict.fromkeys(REGIONS, 0)
    values.update(overrides)
    return values


def test_the_eight_regions_in_form_order_with_labels_and_signs() -> None:
    assert [region.key for region in BADS_REGIONS] == REGIONS
    assert [level.value for level in BADS_LEVELS] == [0, 1, 2, 3, 4]
    assert all(region.levels == BADS_LEVELS and region.signs for region in BADS_REGIONS)


def test_all_zeros_is_zero() -> None:
    bads = Bads.from_fields(fields())
    assert bads.total == 0
    assert bads.affected == ()


def test_the_maximum_is_32() -> None:
    assert Bads.from_fields(dict.fromkeys(REGIONS, 4)).total == 32 == Bads.MAX_TOTAL


def test_a_mixed_example_worked_by_hand() -> None:
    # eyes 0 + mouth 2 + neck 3 + trunk 1 + right arm 4 + left arm 2 + right leg 3 + left leg 0 = 15
    bads = Bads.from_fields(fields(mouth=2, neck=3, trunk=1, right_arm=4, left_arm=2, right_leg=3))
    assert bads.total == 15
    assert bads.affected == ("mouth", "neck", "trunk", "right_arm", "left_arm", "right_leg")
    assert bads.value("right_arm") == 4
    assert bads.ratings[4].label.startswith("Severe")
    assert Bads.from_fields(bads.as_fields()) == bads


@pytest.mark.parametrize("region", REGIONS)
@pytest.mark.parametrize("value", [0, 4])
def test_0_and_4_are_accepted(region: str, value: int) -> None:
    assert Bads.from_fields(fields(**{region: value})).total == value


@pytest.mark.parametrize("region", REGIONS)
@pytest.mark.parametrize("value", [-1, 5, 6, 3.0, "3", True, None])
def test_bad_values_are_refused_with_their_region(region: str, value: object) -> None:
    with pytest.raises(ProblemsError) as error:
        Bads.from_fields(fields(**{region: value}))
    (problem,) = error.value.problems
    assert problem.location == region
    assert problem.fix == "enter a whole number from 0 to 4"


def test_every_problem_is_reported_at_once() -> None:
    values = fields(eyes=9, trunk=-2, tail=1)
    del values["left_leg"]
    with pytest.raises(ProblemsError) as error:
        Bads.from_fields(values)
    assert {p.location for p in error.value.problems} == {"eyes", "trunk", "tail", "left_leg"}
    assert "Barry–Albright" in str(error.value)


def test_direct_construction_checks_the_regions() -> None:
    with pytest.raises(InputError):
        Bads(Bads.from_fields(fields()).ratings[:3])
    with pytest.raises(InputError, match="tail"):
        Bads.from_fields(fields()).value("tail")


scores = st.fixed_dictionaries(
    {region: st.integers(min_value=0, max_value=4) for region in REGIONS}
)


@given(scores)
def test_total_is_the_sum_within_0_to_32(values: dict[str, int]) -> None:
    bads = Bads.from_fields(values)
    assert bads.total == sum(values.values())
    assert 0 <= bads.total <= 32


@given(scores, st.sampled_from(REGIONS))
def test_raising_any_region_never_lowers_the_total(values: dict[str, int], region: str) -> None:
    raised = {**values, region: min(values[region] + 1, 4)}
    assert Bads.from_fields(raised).total >= Bads.from_fields(values).total
