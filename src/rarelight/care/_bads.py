"""The Barry–Albright Dystonia Scale (BADS): eight body regions, 0–4 each, total 0–32.

Barry MJ, VanSwearingen JM, Albright AL. Reliability and responsiveness of the Barry–Albright
Dystonia Scale. Dev Med Child Neurol 1999;41:404–411 (PMID 10400175). Made for secondary dystonia
in children; the level labels are the generic criteria of the NINDS common data element "Barry
Albright Dystonia Scale (BADS)" (CRE-CP 2018), shortened; the signs per region follow the form.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from rarelight.errors import InputError

from ._levels import ItemRating, ScaleItem, levels, rate_items

_BADS = "Barry–Albright Dystonia Scale"

BADS_LEVELS = levels(
    "No dystonia",
    "Slight: less than 10% of the time",
    "Mild: less than 50% of the time, does not get in the way of function",
    "Moderate: more than 50% of the time, gets in the way of function",
    "Severe: more than 50% of the time, prevents function",
)
"""The five levels shared by every region: how much of the time, and what it does to function."""

_LIMB = "Sustained muscle contractions pulling the {} into abnormal postures"

BADS_REGIONS: tuple[ScaleItem, ...] = (
    ScaleItem("eyes", "Eyes", BADS_LEVELS, "Long eyelid spasms or forced eye deviation"),
    ScaleItem(
        "mouth",
        "Mouth",
        BADS_LEVELS,
        "Grimacing, clenched or deviated jaw, forced open mouth, or forceful tongue thrusting",
    ),
    ScaleItem("neck", "Neck", BADS_LEVELS, "Neck pulled forward, back, sideways or into rotation"),
    ScaleItem(
        "trunk", "Trunk", BADS_LEVELS, "Trunk pulled forward, back, sideways or into rotation"
    ),
    ScaleItem("right_arm", "Right arm", BADS_LEVELS, _LIMB.format("arm")),
    ScaleItem("left_arm", "Left arm", BADS_LEVELS, _LIMB.format("arm")),
    ScaleItem("right_leg", "Right leg", BADS_LEVELS, _LIMB.format("leg")),
    ScaleItem("left_leg", "Left leg", BADS_LEVELS, _LIMB.format("leg")),
)
"""The eight regions in the order of the form."""


@dataclass(frozen=True)
class Bads:
    """A Barry–Albright rating of the eight regions; `total` runs 0–32, higher is worse."""

    ratings: tuple[ItemRating, ...]
    MAX_TOTAL: ClassVar[int] = 32

    def __post_init__(self) -> None:
        if tuple(r.item for r in self.ratings) != BADS_REGIONS:
            raise InputError(f"a {_BADS} rating covers the eight regions in form order")

    @classmethod
    def from_fields(cls, fields: Mapping[str, object]) -> Bads:
        """From form fields keyed by region (`eyes`, …, `left_leg`); all eight are required."""
        return cls(rate_items(fields, BADS_REGIONS, _BADS))

    @property
    def total(self) -> int:
        return sum(rating.value for rating in self.ratings)

    def value(self, region: str) -> int:
        """The value given for one region, by key."""
        for rating in self.ratings:
            if rating.key == region:
                return rating.value
        keys = ", ".join(r.key for r in BADS_REGIONS)
        raise InputError(f"the {_BADS} has no region called {region!r}; use one of: {keys}")

    @property
    def affected(self) -> tuple[str, ...]:
        """Keys of the regions rated above 0, in form order."""
        return tuple(r.key for r in self.ratings if r.value > 0)

    def as_fields(self) -> dict[str, int]:
        return {rating.key: rating.value for rating in self.ratings}
