"""Printable reports and pictures built from curated knowledge and care records; no web framework."""

from ._about import about_the_disorder
from ._bfm_plot import BfmPoint, TreatmentEvent, bfm_plot, bfm_table
from ._one_pager import clinician_one_pager
from ._passport import (
    NONE_RECORDED,
    SECTION_KEYS,
    PassportRow,
    PassportSection,
    care_passport_sections,
)
from ._passport_data import (
    SCORE_MAXIMA,
    AboutLine,
    Appointment,
    Contact,
    DbsSession,
    DbsSide,
    Device,
    Diagnosis,
    EmergencyNotes,
    Feature,
    Medicine,
    PassportData,
    Person,
    Score,
    SourceRef,
    Therapy,
    Variant,
)
from ._passport_pdf import care_passport_pdf
from ._region_strip_plot import DiaryRegions, region_strip_plot, region_strip_table
from ._svg import BLUE, INK, NOTHING_YET, Plot, PlotTable, render, style_axes
from ._timeline_plot import TIMELINE_LANES, Lane, TimelineEvent, timeline_plot, timeline_table

__all__ = [
    "BLUE",
    "INK",
    "NONE_RECORDED",
    "NOTHING_YET",
    "SCORE_MAXIMA",
    "SECTION_KEYS",
    "TIMELINE_LANES",
    "AboutLine",
    "Appointment",
    "BfmPoint",
    "Contact",
    "DbsSession",
    "DbsSide",
    "Device",
    "Diagnosis",
    "DiaryRegions",
    "EmergencyNotes",
    "Feature",
    "Lane",
    "Medicine",
    "PassportData",
    "PassportRow",
    "PassportSection",
    "Person",
    "Plot",
    "PlotTable",
    "Score",
    "SourceRef",
    "Therapy",
    "TimelineEvent",
    "TreatmentEvent",
    "Variant",
    "about_the_disorder",
    "bfm_plot",
    "bfm_table",
    "care_passport_pdf",
    "care_passport_sections",
    "clinician_one_pager",
    "region_strip_plot",
    "region_strip_table",
    "render",
    "style_axes",
    "timeline_plot",
    "timeline_table",
]
