"""Care-record rules that need no database: rating scales, care-team gaps, how dystonia progresses."""

from ._bads import BADS_LEVELS, BADS_REGIONS, Bads
from ._bfmdrs import (
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
from ._levels import ItemRating, ScaleItem, ScaleLevel
from ._progression import (
    BfmChange,
    BfmEntry,
    RegionBand,
    RegionChange,
    RegionOnset,
    StripSegment,
    bfm_change,
    entries_by_day,
    region_onsets,
    region_strip,
)
from ._regions import BODY_REGIONS, BodyRegion, body_region
from ._team import DEFAULT_CARE_TEAM, TeamRole, normalise_role, recommended_team, team_gaps

__all__ = [
    "BADS_LEVELS",
    "BADS_REGIONS",
    "BFM_DISABILITY_ITEMS",
    "BFM_REGIONS",
    "BODY_REGIONS",
    "DEFAULT_CARE_TEAM",
    "PROVOKING_LEVELS",
    "SPEECH_SWALLOWING_PROVOKING_LEVELS",
    "Bads",
    "BfmChange",
    "BfmDisability",
    "BfmEntry",
    "BfmMovement",
    "BfmRegion",
    "BfmRegionRating",
    "BodyRegion",
    "ItemRating",
    "RegionBand",
    "RegionChange",
    "RegionOnset",
    "ScaleItem",
    "ScaleLevel",
    "StripSegment",
    "TeamRole",
    "bfm_change",
    "bfm_region",
    "body_region",
    "entries_by_day",
    "normalise_role",
    "recommended_team",
    "region_onsets",
    "region_strip",
    "team_gaps",
]
