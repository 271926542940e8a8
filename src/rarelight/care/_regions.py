"""The eight body regions a symptom diary entry can mark as affected, in the record's order."""

from __future__ import annotations

from dataclasses import dataclass

from rarelight.errors import InputError


@dataclass(frozen=True)
class BodyRegion:
    """A diary body region: the slug the record stores and its words."""

    key: str
    label: str


BODY_REGIONS: tuple[BodyRegion, ...] = (
    BodyRegion("legs", "legs"),
    BodyRegion("arms", "arms"),
    BodyRegion("trunk", "trunk"),
    BodyRegion("neck", "neck"),
    BodyRegion("face_mouth", "face and mouth"),
    BodyRegion("larynx_voice", "larynx and voice"),
    BodyRegion("swallowing", "swallowing"),
    BodyRegion("eyes", "eyes"),
)
"""From the legs upwards, the way KMT2B-related dystonia usually spreads; the diary's choices."""


def body_region(key: str) -> BodyRegion:
    """The region with this slug; an unknown slug fails naming the accepted ones."""
    for region in BODY_REGIONS:
        if region.key == key:
            return region
    accepted = ", ".join(region.key for region in BODY_REGIONS)
    raise InputError(f"{key!r} is not a diary body region; use one of: {accepted}")
