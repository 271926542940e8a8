"""What a care passport shows, as plain frozen values the web app fills from a care record.

Field names follow the record (`rarelight_web.records.models`): sex uses the FHIR administrative
gender codes, DBS amplitudes carry their unit (mA or V), scores carry the day they were rated.
Values are checked on construction, so a wrong one fails with the field it came from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from rarelight.errors import InputError

from ._checks import require_day, require_one_of

SEXES = ("female", "male", "other", "unknown")
"""FHIR administrative gender codes, as the record stores them."""
ORIGINS = ("de novo", "inherited", "unknown")
RESPONSES = ("better", "same", "worse", "unknown")
UNITS = ("mA", "V")
SCORE_MAXIMA = {"BFMDRS movement": 120.0, "BFMDRS disability": 30.0, "Barry–Albright": 32.0}
"""The top of each scale; 0 is the bottom of all three, higher is worse."""


@dataclass(frozen=True)
class Person:
    """Who the passport is about; the age is worked out from the date of birth on the day printed."""

    name: str
    date_of_birth: dt.date | None = None
    sex: str = "unknown"

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise InputError("the person's name is empty; give the name the family uses")
        if self.date_of_birth is not None:
            require_day(self.date_of_birth, "the date of birth")
        require_one_of(self.sex, SEXES, "sex")

    def age_on(self, day: dt.date) -> str:
        """Age in words: months below two years, whole years after; "" without a date of birth."""
        born = self.date_of_birth
        if born is None or day < born:
            return ""
        months = (day.year - born.year) * 12 + day.month - born.month - (day.day < born.day)
        if months < 24:
            return f"{months} month{'s' if months != 1 else ''}"
        return f"{months // 12} years"


@dataclass(frozen=True)
class Diagnosis:
    """The diagnosis as a catalogue entry (e.g. OMIM:617284) with its name."""

    catalogue_id: str
    label: str


@dataclass(frozen=True)
class Variant:
    """The genetic result: gene, HGVS description, zygosity, and whether it is de novo or inherited."""

    gene: str
    hgvs: str = ""
    zygosity: str = ""
    origin: str = "unknown"

    def __post_init__(self) -> None:
        require_one_of(self.origin, ORIGINS, "variant origin")


@dataclass(frozen=True)
class Feature:
    """An HPO-coded feature of the person: observed or explicitly excluded, with onset in words."""

    hpo_id: str
    label: str
    observed: bool = True
    onset: str = ""


@dataclass(frozen=True)
class Medicine:
    """A current medicine: dose and schedule as written, since when, and how it is going."""

    name: str
    dose: str = ""
    schedule: str = ""
    since: dt.date | None = None
    response: str = "unknown"

    def __post_init__(self) -> None:
        require_one_of(self.response, RESPONSES, f"the response to {self.name}")
        if self.since is not None:
            require_day(self.since, f"the start of {self.name}")


@dataclass(frozen=True)
class DbsSide:
    """One side's stimulation: contacts, amplitude (mA or V), pulse width (µs), frequency (Hz)."""

    contacts: str = ""
    amplitude: Decimal | float | None = None
    unit: str = "mA"
    pulse_width_us: int | None = None
    frequency_hz: int | None = None

    def __post_init__(self) -> None:
        require_one_of(self.unit, UNITS, "the DBS amplitude unit")

    def describe(self) -> str:
        """E.g. "contacts 1-, C+ · 2.5 mA · 90 µs · 130 Hz"; parts that are not set are left out."""
        parts = [
            f"contacts {self.contacts}" if self.contacts else "",
            f"{float(self.amplitude):g} {self.unit}" if self.amplitude is not None else "",
            f"{self.pulse_width_us} µs" if self.pulse_width_us is not None else "",
            f"{self.frequency_hz} Hz" if self.frequency_hz is not None else "",
        ]
        return " · ".join(part for part in parts if part) or "no settings recorded"


@dataclass(frozen=True)
class DbsSession:
    """A programming session: the day and each side's settings (None for a side without any)."""

    programmed_on: dt.date
    left: DbsSide | None = None
    right: DbsSide | None = None


@dataclass(frozen=True)
class Device:
    """An implanted device: DBS target (GPi unless said otherwise), device, implant day, latest session."""

    implanted_on: dt.date
    target: str = "GPi"
    device: str = ""
    latest_session: DbsSession | None = None

    def __post_init__(self) -> None:
        require_day(self.implanted_on, "the implant date")


@dataclass(frozen=True)
class Score:
    """A latest score: which scale, the value, the day it was rated."""

    scale: str
    value: float | Decimal
    on: dt.date

    def __post_init__(self) -> None:
        require_one_of(self.scale, tuple(SCORE_MAXIMA), "scale")
        top = SCORE_MAXIMA[self.scale]
        if not 0 <= float(self.value) <= top:
            raise InputError(f"a {self.scale} score runs from 0 to {top:g}, not {self.value}")
        require_day(self.on, f"the day of the {self.scale} score")

    @property
    def maximum(self) -> float:
        return SCORE_MAXIMA[self.scale]


@dataclass(frozen=True)
class Appointment:
    """An upcoming appointment (UTC)."""

    starts_at: dt.datetime
    with_whom: str = ""
    reason: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.starts_at, dt.datetime) or self.starts_at.tzinfo is None:
            raise InputError(
                f"an appointment needs an aware UTC date and time, not {self.starts_at!r}"
            )


@dataclass(frozen=True)
class Therapy:
    """An ongoing therapy or support (speech, occupational, physical therapy; school)."""

    name: str
    details: str = ""


@dataclass(frozen=True)
class Contact:
    """A member of the care team and how to reach them."""

    role: str
    name: str
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class EmergencyNotes:
    """What a clinician meeting the person in an emergency should do, avoid, and whom to call."""

    what_to_do: str = ""
    what_to_avoid: str = ""
    who_to_call: str = ""


@dataclass(frozen=True)
class SourceRef:
    """A citation as printed: the reference text and where to check it."""

    citation: str
    link: str = ""


@dataclass(frozen=True)
class AboutLine:
    """One cited line about the disorder, from its curated profile."""

    topic: str
    text: str
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True)
class PassportData:
    """Everything on a care passport; empty parts print as "None recorded"."""

    person: Person
    generated_on: dt.date
    diagnosis: Diagnosis | None = None
    variant: Variant | None = None
    features: tuple[Feature, ...] = ()
    medicines: tuple[Medicine, ...] = ()
    allergies: tuple[str, ...] = ()
    devices: tuple[Device, ...] = ()
    scores: tuple[Score, ...] = ()
    appointments: tuple[Appointment, ...] = ()
    therapies: tuple[Therapy, ...] = ()
    team: tuple[Contact, ...] = ()
    emergency: EmergencyNotes = field(default_factory=EmergencyNotes)
    about: tuple[AboutLine, ...] = ()

    def __post_init__(self) -> None:
        require_day(self.generated_on, "the passport date")
