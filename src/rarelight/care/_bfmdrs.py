"""The Burke–Fahn–Marsden Dystonia Rating Scale: movement part (0–120) and disability part (0–30).

Burke RE, Fahn S, Marsden CD, Bressman SB, Moskowitz C, Friedman J. Validity and reliability of a
rating scale for the primary torsion dystonias. Neurology 1985;35:73–77 (PMID 3966004). Item lists,
weights and ranges as in that paper and the NINDS common data element "Burke-Fahn-Marsden Dystonia
Rating Scale"; the level labels are short paraphrases of the paper's wording, for forms.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from rarelight.errors import InputError, Problem, ProblemsError

from ._levels import (
    ItemRating,
    ScaleItem,
    ScaleLevel,
    label_of,
    levels,
    missing_field,
    parse_level,
    rate_items,
    unknown_fields,
)

_MOVEMENT = "BFMDRS movement scale"
_DISABILITY = "BFMDRS disability scale"

PROVOKING_LEVELS = levels(
    "No dystonia at rest or with action",
    "Dystonia on one particular action",
    "Dystonia on many actions",
    "Dystonia on action of a distant body part, or now and then at rest",
    "Dystonia present at rest",
)
"""The provoking factor of every region except speech and swallowing (Burke et al. 1985)."""

SPEECH_SWALLOWING_PROVOKING_LEVELS = levels(
    "Neither speech nor swallowing affected",
    "Occasional trouble with either or both",
    "Frequent trouble with either",
    "Frequent trouble with one, occasional with the other",
    "Frequent trouble with both",
)
"""The provoking factor of speech and swallowing: worded by frequency, still 0–4 (Burke et al. 1985)."""

_NONE = "No dystonia"


@dataclass(frozen=True)
class BfmRegion:
    """One of the nine body regions: its factor levels and weight (0.5 for eyes, mouth and neck)."""

    key: str
    title: str
    weight: float
    provoking: tuple[ScaleLevel, ...]
    severity: tuple[ScaleLevel, ...]

    @property
    def max_score(self) -> float:
        return 4 * 4 * self.weight

    @property
    def provoking_field(self) -> str:
        return f"{self.key}_provoking"

    @property
    def severity_field(self) -> str:
        return f"{self.key}_severity"


BFM_REGIONS: tuple[BfmRegion, ...] = (
    BfmRegion(
        "eyes",
        "Eyes",
        0.5,
        PROVOKING_LEVELS,
        levels(
            _NONE,
            "Slight: occasional blinking",
            "Mild: frequent blinking, no long spasms of eye closure",
            "Moderate: long spasms of eye closure, eyes open most of the time",
            "Severe: long spasms of eye closure, eyes closed at least 30% of the time",
        ),
    ),
    BfmRegion(
        "mouth",
        "Mouth",
        0.5,
        PROVOKING_LEVELS,
        levels(
            _NONE,
            "Slight: occasional grimacing or other mouth, jaw or tongue movements",
            "Mild: movements less than 50% of the time",
            "Moderate movements or contractions most of the time",
            "Severe movements or contractions most of the time",
        ),
    ),
    BfmRegion(
        "speech_swallowing",
        "Speech and swallowing",
        1.0,
        SPEECH_SWALLOWING_PROVOKING_LEVELS,
        levels(
            "Normal",
            "Slight: speech easily understood, or occasional choking",
            "Some difficulty understanding speech, or frequent choking",
            "Marked difficulty understanding speech, or cannot swallow firm food",
            "Speech lost or almost lost, or marked difficulty swallowing soft food and liquids",
        ),
    ),
    BfmRegion(
        "neck",
        "Neck",
        0.5,
        PROVOKING_LEVELS,
        levels(
            _NONE,
            "Slight: occasional pulling",
            "Mild: obvious torticollis",
            "Moderate pulling",
            "Extreme pulling",
        ),
    ),
    *(
        BfmRegion(
            f"{side}_arm",
            f"{side.capitalize()} arm",
            1.0,
            PROVOKING_LEVELS,
            levels(
                _NONE,
                "Slight: clinically insignificant",
                "Mild: obvious but not disabling",
                "Moderate: can grasp, with some hand function",
                "Severe: no useful grasp",
            ),
        )
        for side in ("right", "left")
    ),
    BfmRegion(
        "trunk",
        "Trunk",
        1.0,
        PROVOKING_LEVELS,
        levels(
            _NONE,
            "Slight bending, clinically insignificant",
            "Definite bending, not in the way of standing or walking",
            "Moderate bending, gets in the way of standing or walking",
            "Extreme bending, prevents standing or walking",
        ),
    ),
    *(
        BfmRegion(
            f"{side}_leg",
            f"{side.capitalize()} leg",
            1.0,
            PROVOKING_LEVELS,
            levels(
                _NONE,
                "Slight: no impairment, clinically insignificant",
                "Mild: walks briskly and unaided",
                "Moderate: walking badly impaired, or needs help",
                "Severe: cannot stand or walk on this leg",
            ),
        )
        for side in ("right", "left")
    ),
)
"""The nine regions in the order of the form: eyes, mouth, speech and swallowing, neck, arms, trunk, legs."""

_REGION_KEYS = tuple(region.key for region in BFM_REGIONS)
_FIELDS = tuple(
    f for region in BFM_REGIONS for f in (region.provoking_field, region.severity_field)
)


def bfm_region(key: str) -> BfmRegion:
    """The region with this key ('eyes', 'right_arm', …)."""
    for region in BFM_REGIONS:
        if region.key == key:
            return region
    raise InputError(f"no BFMDRS region is called {key!r}; use one of: {', '.join(_REGION_KEYS)}")


@dataclass(frozen=True)
class BfmRegionRating:
    """One region rated: provoking factor × severity factor × the region's weight."""

    region: BfmRegion
    provoking: int
    severity: int

    def __post_init__(self) -> None:
        for location, value, accepted in (
            (self.region.provoking_field, self.provoking, self.region.provoking),
            (self.region.severity_field, self.severity, self.region.severity),
        ):
            checked = parse_level(location, value, accepted)
            if isinstance(checked, Problem):
                raise InputError(str(checked))

    @property
    def score(self) -> float:
        """0 to 16 (0 to 8 for eyes, mouth and neck), in steps of 0.5 where the weight is 0.5."""
        return self.provoking * self.severity * self.region.weight

    @property
    def provoking_label(self) -> str:
        return label_of(self.region.provoking, self.provoking)

    @property
    def severity_label(self) -> str:
        return label_of(self.region.severity, self.severity)


@dataclass(frozen=True)
class BfmMovement:
    """A BFMDRS movement-scale rating of all nine regions; `total` runs 0–120, higher is worse.

    >>> BfmMovement.from_factors({"right_leg": (4, 3), "eyes": (1, 1)}).total
    12.5
    """

    ratings: tuple[BfmRegionRating, ...]
    MAX_TOTAL: ClassVar[float] = 120.0

    def __post_init__(self) -> None:
        if tuple(r.region.key for r in self.ratings) != _REGION_KEYS:
            raise InputError(f"a {_MOVEMENT} rates the nine regions in form order")

    @classmethod
    def from_fields(cls, fields: Mapping[str, object]) -> BfmMovement:
        """From flat form fields (`eyes_provoking`, `eyes_severity`, …); all 18 are required."""
        problems = unknown_fields(fields, _FIELDS, _MOVEMENT)
        values: dict[str, int] = {}
        for region in BFM_REGIONS:
            for name, accepted in (
                (region.provoking_field, region.provoking),
                (region.severity_field, region.severity),
            ):
                if name not in fields:
                    problems.append(missing_field(name, accepted))
                    continue
                checked = parse_level(name, fields[name], accepted)
                if isinstance(checked, Problem):
                    problems.append(checked)
                else:
                    values[name] = checked
        if problems:
            raise ProblemsError(f"the {_MOVEMENT} is not valid", problems)
        return cls(
            tuple(
                BfmRegionRating(r, values[r.provoking_field], values[r.severity_field])
                for r in BFM_REGIONS
            )
        )

    @classmethod
    def from_factors(cls, factors: Mapping[str, tuple[object, object]]) -> BfmMovement:
        """From (provoking, severity) per region key; a region not named has no dystonia (0, 0)."""
        hint = f"use one of: {', '.join(_REGION_KEYS)}"
        problems = [
            Problem(str(key), f"the {_MOVEMENT} has no region called {key!r}", hint)
            for key in factors
            if key not in _REGION_KEYS
        ]
        fields: dict[str, object] = {}
        for region in BFM_REGIONS:
            pair = factors.get(region.key, (0, 0))
            if not (isinstance(pair, tuple) and len(pair) == 2):
                problems.append(
                    Problem(region.key, f"{pair!r} is not a pair", "give (provoking, severity)")
                )
                pair = (0, 0)
            fields[region.provoking_field], fields[region.severity_field] = pair
        try:
            movement = cls.from_fields(fields)
        except ProblemsError as error:
            problems.extend(error.problems)
        if problems:
            raise ProblemsError(f"the {_MOVEMENT} is not valid", problems)
        return movement

    @classmethod
    def none(cls) -> BfmMovement:
        """No dystonia in any region (total 0)."""
        return cls(tuple(BfmRegionRating(region, 0, 0) for region in BFM_REGIONS))

    @property
    def total(self) -> float:
        """Sum of the nine region scores, 0–120 in steps of 0.5."""
        return sum((rating.score for rating in self.ratings), 0.0)

    def rating(self, region: str) -> BfmRegionRating:
        """The rating of one region, by key."""
        wanted = bfm_region(region)
        return next(r for r in self.ratings if r.region == wanted)

    def score(self, region: str) -> float:
        """The weighted score of one region, by key."""
        return self.rating(region).score

    @property
    def affected(self) -> tuple[str, ...]:
        """Keys of the regions with a score above 0, in form order."""
        return tuple(r.region.key for r in self.ratings if r.score > 0)

    def as_fields(self) -> dict[str, int]:
        """The flat form fields this rating was (or could have been) made from."""
        fields: dict[str, int] = {}
        for rating in self.ratings:
            fields[rating.region.provoking_field] = rating.provoking
            fields[rating.region.severity_field] = rating.severity
        return fields


BFM_DISABILITY_ITEMS: tuple[ScaleItem, ...] = (
    ScaleItem(
        "speech",
        "Speech",
        levels(
            "Normal",
            "Slightly affected, easily understood",
            "Some difficulty being understood",
            "Marked difficulty being understood",
            "No speech, or almost none",
        ),
    ),
    ScaleItem(
        "handwriting",
        "Handwriting",
        levels(
            "Normal",
            "Slight difficulty, legible",
            "Almost illegible",
            "Illegible",
            "Cannot grasp or hold the hand on a pen",
        ),
    ),
    ScaleItem(
        "feeding",
        "Feeding",
        levels(
            "Normal",
            "Uses tricks, independent",
            "Can feed but not cut",
            "Finger food only",
            "Completely dependent",
        ),
    ),
    ScaleItem(
        "eating_swallowing",
        "Eating and swallowing",
        levels(
            "Normal",
            "Occasional choking",
            "Chokes often, difficulty swallowing",
            "Cannot swallow firm food",
            "Marked difficulty swallowing soft food and liquids",
        ),
    ),
    ScaleItem(
        "hygiene",
        "Hygiene",
        levels(
            "Normal",
            "Clumsy, independent",
            "Needs help with some activities",
            "Needs help with most activities",
            "Needs help with all activities",
        ),
    ),
    ScaleItem(
        "dressing",
        "Dressing",
        levels(
            "Normal",
            "Clumsy, independent",
            "Needs help with some activities",
            "Needs help with most activities",
            "Helpless",
        ),
    ),
    ScaleItem(
        "walking",
        "Walking",
        (
            *levels(
                "Normal",
                "Slightly abnormal, hardly noticeable",
                "Moderately abnormal, obvious to an untrained observer",
                "Considerably abnormal",
                "Needs help to walk",
            ),
            # The 1985 form skips 5: walking is the one item scored up to 6, so the total is 30.
            ScaleLevel(6, "Uses a wheelchair"),
        ),
    ),
)
"""The seven disability items in the order of the form; walking alone goes up to 6."""


@dataclass(frozen=True)
class BfmDisability:
    """A BFMDRS disability-scale rating of the seven activities; `total` runs 0–30, higher is worse."""

    ratings: tuple[ItemRating, ...]
    MAX_TOTAL: ClassVar[int] = 30

    def __post_init__(self) -> None:
        if tuple(r.item for r in self.ratings) != BFM_DISABILITY_ITEMS:
            raise InputError(f"a {_DISABILITY} rates the seven items in form order")

    @classmethod
    def from_fields(cls, fields: Mapping[str, object]) -> BfmDisability:
        """From form fields keyed by item (`speech`, …, `walking`); all seven are required."""
        return cls(rate_items(fields, BFM_DISABILITY_ITEMS, _DISABILITY))

    @property
    def total(self) -> int:
        return sum(rating.value for rating in self.ratings)

    def value(self, item: str) -> int:
        """The value given for one item, by key."""
        for rating in self.ratings:
            if rating.key == item:
                return rating.value
        keys = ", ".join(i.key for i in BFM_DISABILITY_ITEMS)
        raise InputError(f"the {_DISABILITY} has no item called {item!r}; use one of: {keys}")

    def as_fields(self) -> dict[str, int]:
        return {rating.key: rating.value for rating in self.ratings}
