"""Progression over dated BFMDRS ratings: change, order of spread, and the body-region strip."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rarelight.care import (
    BFM_REGIONS,
    BfmEntry,
    BfmMovement,
    StripSegment,
    bfm_change,
    entries_by_day,
    region_onsets,
    region_strip,
)
from rarelight.errors import InputError, ProblemsError

D = dt.date


def entry(on: dt.date, **factors: tuple[int, int]) -> BfmEntry:
    return BfmEntry(on, BfmMovement.from_factors(factors))


# A child whose dystonia starts in the right leg, spreads to the left leg and trunk, then to
# speech; DBS in 2024 brings the legs down.
HISTORY = [
    entry(D(2023, 6, 1), right_leg=(4, 3), left_leg=(1, 1), trunk=(2, 2), speech_swallowing=(1, 1)),
    entry(D(2022, 1, 10), right_leg=(1, 2)),
    entry(D(2022, 9, 5), right_leg=(3, 2), left_leg=(1, 1)),
    entry(D(2024, 3, 1), right_leg=(1, 1), trunk=(2, 2), speech_swallowing=(1, 1)),
]


def test_no_entries_no_change() -> None:
    assert bfm_change([]) is None
    assert region_onsets([]) == ()


def test_change_from_the_first_to_the_latest_day() -> None:
    change = bfm_change(HISTORY)
    assert change is not None
    assert change.first.on == D(2022, 1, 10)
    assert change.latest.on == D(2024, 3, 1)
    # first: right leg 1 × 2 = 2; latest: right leg 1 + trunk 4 + speech 1 = 6
    assert change.first.movement.total == 2
    assert change.latest.movement.total == 6
    assert change.change == 4
    assert change.days == (D(2024, 3, 1) - D(2022, 1, 10)).days
    regions = {r.region.key: r for r in change.regions}
    assert [r.region for r in change.regions] == list(BFM_REGIONS)
    assert regions["right_leg"].change == -1
    assert regions["trunk"].change == 4
    assert regions["eyes"].change == 0


def test_a_later_entry_on_the_same_day_replaces_the_earlier_one() -> None:
    first = entry(D(2024, 1, 1), neck=(1, 1))
    corrected = entry(D(2024, 1, 1), neck=(2, 2))
    assert entries_by_day([first, corrected]) == (corrected,)
    change = bfm_change([first, corrected])
    assert change is not None
    assert change.first == change.latest == corrected
    assert change.change == 0


def test_regions_in_the_order_they_first_became_affected() -> None:
    onsets = region_onsets(HISTORY)
    assert [(o.region.key, o.first_affected) for o in onsets] == [
        ("right_leg", D(2022, 1, 10)),
        ("left_leg", D(2022, 9, 5)),
        ("speech_swallowing", D(2023, 6, 1)),  # same day as the trunk: form order
        ("trunk", D(2023, 6, 1)),
    ]


def test_the_strip_holds_each_rating_until_the_next_and_the_last_until_now() -> None:
    now = D(2025, 1, 1)
    bands = {band.region.key: band for band in region_strip(HISTORY, now=now)}
    assert list(bands) == [region.key for region in BFM_REGIONS]
    assert bands["right_leg"].segments == (
        StripSegment(D(2022, 1, 10), D(2022, 9, 5), 2),
        StripSegment(D(2022, 9, 5), D(2023, 6, 1), 6),
        StripSegment(D(2023, 6, 1), D(2024, 3, 1), 12),
        StripSegment(D(2024, 3, 1), now, 1),
    )
    assert bands["left_leg"].segments == (
        StripSegment(D(2022, 9, 5), D(2023, 6, 1), 1),
        StripSegment(D(2023, 6, 1), D(2024, 3, 1), 1),
    )
    assert bands["eyes"].segments == ()


def test_a_rating_made_today_still_shows_on_the_strip() -> None:
    today = D(2025, 1, 1)
    (band,) = [b for b in region_strip([entry(today, neck=(1, 1))], now=today) if b.segments]
    assert band.segments == (StripSegment(today, today, 0.5),)


def test_ratings_after_now_are_refused_all_at_once() -> None:
    later = [entry(D(2030, 1, 1)), entry(D(2031, 1, 1)), entry(D(2020, 1, 1))]
    with pytest.raises(ProblemsError) as error:
        region_strip(later, now=D(2025, 1, 1))
    assert [p.location for p in error.value.problems] == [
        "entry of 2030-01-01",
        "entry of 2031-01-01",
    ]


def test_an_entry_is_dated_by_a_day_not_a_moment() -> None:
    moment = dt.datetime(2024, 1, 1, 12, tzinfo=dt.UTC)
    with pytest.raises(InputError):
        BfmEntry(moment, BfmMovement.none())


factor_pairs = st.tuples(st.integers(0, 4), st.integers(0, 4))
entries = st.lists(
    st.builds(
        lambda on, factors: BfmEntry(on, BfmMovement.from_factors(factors)),
        st.dates(min_value=D(2000, 1, 1), max_value=D(2024, 12, 31)),
        st.dictionaries(st.sampled_from([r.key for r in BFM_REGIONS]), factor_pairs, max_size=4),
    ),
    max_size=8,
)


@given(entries)
def test_onsets_are_in_date_order_and_match_the_strip(history: list[BfmEntry]) -> None:
    onsets = region_onsets(history)
    assert [o.first_affected for o in onsets] == sorted(o.first_affected for o in onsets)
    bands = region_strip(history, now=D(2025, 1, 1))
    first_segment = {b.region: b.segments[0].start for b in bands if b.segments}
    assert first_segment == {o.region: o.first_affected for o in onsets}
    for band in bands:
        assert all(s.start <= s.end and s.score > 0 for s in band.segments)
