"""The care passport as ordered sections of plain rows: the web page renders them, the PDF prints them.

Order: who the person is (the IPS header's subject), then sections of the HL7 FHIR International
Patient Summary — problems, medication summary, allergies and intolerances, medical devices,
diagnostic results, plan of care (HL7 International, "International Patient Summary
Implementation Guide" 2.0.0, 2024, http://hl7.org/fhir/uv/ips/, "Structure of the International
Patient Summary"; the LOINC codes are the IPS section codes). The guide defines sections rather
than a display order: the three it requires come first (problems, medicines, allergies), then the
recommended ones we hold (devices, results), then the optional plan of care, in the order the care
record issue gives. After them comes what a clinician meeting the person for the first time also
needs: the care team, emergency notes and the disorder itself. A section with nothing in it is
kept and says "None recorded", so a reader never has to wonder whether something was left out.
"""

from __future__ import annotations

from dataclasses import dataclass

from ._passport_data import PassportData, SourceRef
from ._pdf import clean

NONE_RECORDED = "None recorded"


@dataclass(frozen=True)
class PassportRow:
    """One line of a section: a short label (bold when printed), its text, and any sources."""

    label: str
    text: str = ""
    sources: tuple[SourceRef, ...] = ()


@dataclass(frozen=True)
class PassportSection:
    """A titled section; `loinc` is the IPS section code, "" for sections the IPS does not define."""

    key: str
    title: str
    rows: tuple[PassportRow, ...]
    loinc: str = ""

    @property
    def empty(self) -> bool:
        return not self.rows


SECTION_KEYS = (
    "person",
    "problems",
    "medicines",
    "allergies",
    "devices",
    "results",
    "plan",
    "team",
    "emergency",
    "about",
)
"""Section keys in the order they appear on the passport."""


def care_passport_sections(data: PassportData) -> tuple[PassportSection, ...]:
    """Every section of the passport, in order, empty ones included.

    >>> import datetime as dt
    >>> from rarelight.reports import Person
    >>> data = PassportData(Person("Zoë"), generated_on=dt.date(2026, 11, 25))
    >>> [section.title for section in care_passport_sections(data) if section.empty][:2]
    ['Diagnosis and key features', 'Current medicines']
    """
    return (
        PassportSection("person", "Who this is", _person(data)),
        PassportSection("problems", "Diagnosis and key features", _problems(data), "11450-4"),
        PassportSection("medicines", "Current medicines", _medicines(data), "10160-0"),
        PassportSection(
            "allergies",
            "Allergies and intolerances",
            tuple(PassportRow(clean(a)) for a in data.allergies if a.strip()),
            "48765-2",
        ),
        PassportSection("devices", "Implanted devices and DBS settings", _devices(data), "46264-8"),
        PassportSection("results", "Latest scores", _results(data), "30954-2"),
        PassportSection("plan", "Plan of care", _plan(data), "18776-5"),
        PassportSection("team", "Care team contacts", _team(data)),
        PassportSection("emergency", "In an emergency", _emergency(data)),
        PassportSection("about", "About the disorder", _about(data)),
    )


def _joined(*parts: str) -> str:
    return " · ".join(clean(part) for part in parts if part and part.strip())


def _person(data: PassportData) -> tuple[PassportRow, ...]:
    person = data.person
    born = person.date_of_birth
    age = person.age_on(data.generated_on)
    rows = [PassportRow("Name", clean(person.name))]
    if born is not None:
        rows.append(PassportRow("Born", _joined(born.isoformat(), f"age {age}" if age else "")))
    rows.append(PassportRow("Sex", person.sex if person.sex != "unknown" else "not given"))
    return tuple(rows)


def _problems(data: PassportData) -> tuple[PassportRow, ...]:
    rows: list[PassportRow] = []
    if data.diagnosis is not None:
        diagnosis = data.diagnosis
        rows.append(
            PassportRow("Diagnosis", f"{clean(diagnosis.label)} ({diagnosis.catalogue_id})")
        )
    if data.variant is not None:
        variant = data.variant
        origin = variant.origin if variant.origin != "unknown" else ""
        rows.append(
            PassportRow(
                "Genetic result", _joined(variant.gene, variant.hgvs, variant.zygosity, origin)
            )
        )
    for feature in sorted(data.features, key=lambda f: not f.observed):  # observed first
        state = "observed" if feature.observed else "excluded"
        onset = f"onset {clean(feature.onset)}" if feature.onset and feature.observed else ""
        rows.append(PassportRow(clean(feature.label), _joined(feature.hpo_id, state, onset)))
    return tuple(rows)


def _medicines(data: PassportData) -> tuple[PassportRow, ...]:
    rows = []
    for medicine in data.medicines:
        since = f"since {medicine.since.isoformat()}" if medicine.since else ""
        response = f"response: {medicine.response}" if medicine.response != "unknown" else ""
        rows.append(
            PassportRow(
                clean(medicine.name), _joined(medicine.dose, medicine.schedule, since, response)
            )
        )
    return tuple(rows)


def _devices(data: PassportData) -> tuple[PassportRow, ...]:
    rows = []
    for device in data.devices:
        rows.append(
            PassportRow(
                f"DBS, {device.target}",
                _joined(device.device, f"implanted {device.implanted_on.isoformat()}"),
            )
        )
        session = device.latest_session
        if session is None:
            rows.append(PassportRow("Settings", "no programming session recorded"))
            continue
        for side, settings in (("left", session.left), ("right", session.right)):
            if settings is not None:
                label = f"Settings of {session.programmed_on.isoformat()}, {side}"
                rows.append(PassportRow(label, settings.describe()))
    return tuple(rows)


def _results(data: PassportData) -> tuple[PassportRow, ...]:
    return tuple(
        PassportRow(
            score.scale, f"{float(score.value):g} of {score.maximum:g} on {score.on.isoformat()}"
        )
        for score in data.scores
    )


def _plan(data: PassportData) -> tuple[PassportRow, ...]:
    rows = [
        PassportRow(
            f"{appointment.starts_at:%Y-%m-%d %H:%M} UTC",
            _joined(appointment.with_whom, appointment.reason),
        )
        for appointment in sorted(data.appointments, key=lambda a: a.starts_at)
    ]
    rows += [PassportRow(clean(therapy.name), clean(therapy.details)) for therapy in data.therapies]
    return tuple(rows)


def _team(data: PassportData) -> tuple[PassportRow, ...]:
    return tuple(
        PassportRow(clean(contact.role), _joined(contact.name, contact.phone, contact.email))
        for contact in data.team
    )


def _emergency(data: PassportData) -> tuple[PassportRow, ...]:
    notes = data.emergency
    pairs = (
        ("What to do", notes.what_to_do),
        ("What to avoid", notes.what_to_avoid),
        ("Who to call", notes.who_to_call),
    )
    return tuple(PassportRow(label, clean(text)) for label, text in pairs if text.strip())


def _about(data: PassportData) -> tuple[PassportRow, ...]:
    return tuple(PassportRow(line.topic, line.text, line.sources) for line in data.about)
