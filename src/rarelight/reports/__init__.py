"""Printable reports and pictures built from curated knowledge and care records; no web framework."""

from ._about import about_the_disorder
from ._one_pager import clinician_one_pager
from ._passport import (
    NONE_RECORDED,
    SECTION_KEYS,
    PassportRow,
    PassportSection,
    care_passport_sections,
)
from ._passport_data import (
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

__all__ = [
    "NONE_RECORDED",
    "SECTION_KEYS",
    "AboutLine",
    "Appointment",
    "Contact",
    "DbsSession",
    "DbsSide",
    "Device",
    "Diagnosis",
    "EmergencyNotes",
    "Feature",
    "Medicine",
    "PassportData",
    "PassportRow",
    "PassportSection",
    "Person",
    "Score",
    "SourceRef",
    "Therapy",
    "Variant",
    "about_the_disorder",
    "care_passport_pdf",
    "care_passport_sections",
    "clinician_one_pager",
]
