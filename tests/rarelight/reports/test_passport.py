"""The care passport: IPS-ordered sections, "None recorded" for empty ones, always one A4 page."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
from decimal import Decimal
from importlib import resources
from pathlib import Path

import pytest
from pypdf import PdfReader

from rarelight.errors import InputError
from rarelight.knowledge import load_profile
from rarelight.reports import (
    NONE_RECORDED,
    SECTION_KEYS,
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
    about_the_disorder,
    care_passport_pdf,
    care_passport_sections,
)

TODAY = dt.date(2026, 11, 25)
REAL_PROFILE = (
    Path(str(resources.files("rarelight.knowledge") / "profiles")) / "kmt2b-related-dystonia.yaml"
)
TITLES = (
    "Who this is",
    "Diagnosis and key features",
    "Current medicines",
    "Allergies and intolerances",
    "Implanted devices and DBS settings",
    "Latest scores",
    "Plan of care",
    "Care team contacts",
    "In an emergency",
    "About the disorder",
)
EMPTY_AFTER_PERSON = len(TITLES) - 1


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4
    return " ".join(reader.pages[0].extract_text().split())


def _positions(text: str, words: tuple[str, ...]) -> list[int]:
    return [text.index(word) for word in words]


def _minimal() -> PassportData:
    return PassportData(person=Person("Zoë Ørsted-Łukasiewicz"), generated_on=TODAY)


def _typical() -> PassportData:
    about = about_the_disorder(load_profile(REAL_PROFILE, None))
    return PassportData(
        person=Person("Zoë Ørsted-Łukasiewicz", dt.date(2017, 3, 4), "female"),
        generated_on=TODAY,
        diagnosis=Diagnosis("OMIM:617284", "KMT2B-related dystonia"),
        variant=Variant("KMT2B", "NM_014727.3:c.3596_3597del", "heterozygous", "de novo"),
        features=(
            Feature("HP:0002451", "Limb dystonia", True, "6 years"),  # HP:0002451 Limb dystonia
            Feature("HP:0000365", "Hearing impairment", False),  # HP:0000365 Hearing impairment
        ),
        medicines=(Medicine("Trihexyphenidyl", "2 mg", "three times a day", TODAY, "better"),),
        devices=(
            Device(
                dt.date(2025, 6, 2),
                "GPi",
                "Medtronic Percept PC",
                DbsSession(
                    dt.date(2026, 10, 1),
                    DbsSide("1-, C+", Decimal("2.50"), "mA", 90, 130),
                    DbsSide("9-, C+", Decimal("2.7"), "V", 60, 130),
                ),
            ),
        ),
        scores=(Score("BFMDRS movement", 34.5, dt.date(2026, 10, 1)),),
        appointments=(
            Appointment(dt.datetime(2026, 12, 3, 9, 30, tzinfo=dt.UTC), "Dr Nuñez", "DBS review"),
        ),
        therapies=(Therapy("Speech-language therapy", "weekly"),),
        team=(Contact("Neurologist (movement disorders)", "Dr Nuñez", "+44 20 7946 0000"),),
        emergency=EmergencyNotes(
            "Check the stimulator is on.", "Avoid dopamine blockers.", "DBS nurse: 020 7946 0001"
        ),
        about=about,
    )


def _heavy() -> PassportData:
    """A long record: 30 medicines, 40 features, long notes, many contacts and appointments."""
    long_note = " ".join(["Keep the child upright for feeds and call the DBS team early."] * 25)
    medicines = tuple(
        Medicine(f"Medicine number {i:02d}", "12.5 mg", "morning and evening", TODAY, "same")
        for i in range(30)
    )
    features = tuple(
        Feature(f"HP:{i:07d}", f"Feature {i}", i % 3 != 0, "5 years") for i in range(40)
    )
    team = tuple(
        Contact(f"Role {i}", f"Dr Person {i}", "+44 20 7946 0000", "x@example.org")
        for i in range(20)
    )
    appointments = tuple(
        Appointment(dt.datetime(2027, 1, 1 + i, 9, tzinfo=dt.UTC), "Clinic", "Review")
        for i in range(25)
    )
    return dataclasses.replace(
        _typical(),
        medicines=(Medicine("Trihexyphenidyl", "2 mg", "three times a day", TODAY), *medicines),
        features=features,
        allergies=tuple(f"Allergy {i}" for i in range(12)),
        team=team,
        appointments=appointments,
        emergency=EmergencyNotes(long_note, long_note, long_note),
    )


def test_sections_come_in_ips_order_and_none_is_ever_missing() -> None:
    sections = care_passport_sections(_minimal())
    assert tuple(s.key for s in sections) == SECTION_KEYS
    assert tuple(s.title for s in sections) == TITLES
    assert [s.loinc for s in sections[1:7]] == [
        "11450-4",  # problem list
        "10160-0",  # medication summary
        "48765-2",  # allergies and adverse reactions
        "46264-8",  # medical equipment
        "30954-2",  # relevant diagnostic tests/laboratory data
        "18776-5",  # plan of care
    ]
    assert [s.empty for s in sections] == [False] + [True] * EMPTY_AFTER_PERSON


def test_an_empty_record_prints_none_recorded_for_every_empty_section() -> None:
    text = _text(care_passport_pdf(_minimal()))
    assert "Zoë Ørsted-Łukasiewicz" in text
    assert text.count(NONE_RECORDED) == EMPTY_AFTER_PERSON
    positions = _positions(text, TITLES)
    assert positions == sorted(positions)


def test_a_typical_record_shows_diagnosis_medicine_dbs_and_cited_lines() -> None:
    data = _typical()
    text = _text(care_passport_pdf(data))
    for shown in (
        "KMT2B-related dystonia (OMIM:617284)",
        "NM_014727.3:c.3596_3597del",
        "de novo",
        "Trihexyphenidyl — 2 mg · three times a day",
        "response: better",
        "2.5 mA · 90 µs · 130 Hz",
        "2.7 V · 60 µs",
        "34.5 of 120 on 2026-10-01",
        "2026-12-03 09:30 UTC",
        "Dr Nuñez",
        "Avoid dopamine blockers.",
        "age 9 years",
        "HP:0000365 · excluded",
    ):
        assert shown in text, shown
    positions = _positions(text, TITLES)
    assert positions == sorted(positions)
    assert text.count(NONE_RECORDED) == 1  # allergies
    assert "[1]" in text
    assert "pubmed.ncbi.nlm.nih.gov" in text


def test_the_same_data_gives_the_same_bytes() -> None:
    assert care_passport_pdf(_typical()) == care_passport_pdf(_typical())
    assert care_passport_pdf(_heavy()) == care_passport_pdf(_heavy())


def test_a_longer_record_fits_in_smaller_type_before_anything_is_cut() -> None:
    medicines = tuple(Medicine(f"Medicine {i:02d}", "1 mg", "at night") for i in range(22))
    data = dataclasses.replace(_typical(), medicines=medicines)
    roomy = care_passport_pdf(_typical())
    text = _text(care_passport_pdf(data))
    assert all(f"Medicine {i:02d}" in text for i in range(22))
    assert "more on the full record" not in text
    assert "continues on the full record" not in text
    assert _font_size(care_passport_pdf(data)) < _font_size(roomy)


def _font_size(pdf: bytes) -> float:
    """The body size of the page: the most common text size in its content stream."""
    sizes: list[float] = []
    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(
        visitor_operand_before=lambda op, args, *_: (
            sizes.append(float(args[1])) if op == b"Tf" else None
        )
    )
    return max(set(sizes), key=sizes.count)


def test_a_heavy_record_stays_on_one_page_and_says_what_was_cut() -> None:
    data = _heavy()
    text = _text(care_passport_pdf(data))
    more = [int(n) for n in re.findall(r"… (\d+) more on the full record", text)]
    assert more, "cut rows are counted on the page"
    assert "Trihexyphenidyl" in text  # the first medicine is kept
    assert "KMT2B-related dystonia" in text
    assert "continues on the full record" in text  # the long notes were cut visibly
    positions = _positions(text, TITLES)
    assert positions == sorted(positions)


def test_about_the_disorder_gives_five_cited_lines_in_a_fixed_order() -> None:
    profile = load_profile(REAL_PROFILE, None)
    lines = about_the_disorder(profile)
    assert [line.topic for line in lines] == [
        "What it is",
        "Onset",
        "Course",
        "Treatment",
        "Genetics",
    ]
    assert all(line.sources and line.text.endswith(".") for line in lines)
    assert "27 of 29" in lines[3].text  # DBS has the best reported response
    assert lines[3].text.startswith("Deep brain stimulation")
    assert about_the_disorder(profile) == lines
    assert all(isinstance(s, SourceRef) and s.citation for line in lines for s in line.sources)


def test_about_lines_are_printed_with_numbered_sources() -> None:
    data = dataclasses.replace(
        _minimal(),
        about=(
            AboutLine(
                "What it is", "A rare dystonia.", (SourceRef("Smith 2016.", "https://x.org/1"),)
            ),
        ),
    )
    text = _text(care_passport_pdf(data))
    assert "What it is — A rare dystonia. [1]" in text
    assert "[1] Smith 2016. https://x.org/1" in text


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Person(" "), "name is empty"),
        (lambda: Person("A", sex="f"), "sex 'f' is not accepted; use one of: female, male"),
        (lambda: Score("BFMDRS movement", 121, TODAY), "runs from 0 to 120, not 121"),
        (lambda: Score("BFMDRS disability", -1, TODAY), "runs from 0 to 30"),
        (lambda: Score("BFM", 1, TODAY), "scale 'BFM' is not accepted"),
        (lambda: DbsSide(amplitude=2, unit="mV"), "unit 'mV' is not accepted; use one of: mA, V"),
        (lambda: Medicine("X", response="great"), "response to X 'great' is not accepted"),
        (lambda: Variant("KMT2B", origin="maternal"), "origin 'maternal' is not accepted"),
        (lambda: Appointment(dt.datetime(2026, 1, 1)), "aware UTC"),  # noqa: DTZ001 - the bad input
        (lambda: Device(dt.datetime(2026, 1, 1, tzinfo=dt.UTC)), "implant date must be a day"),
    ],
)
def test_bad_values_fail_naming_the_field(build: object, message: str) -> None:
    assert callable(build)
    with pytest.raises(InputError, match=re.escape(message)):
        build()


def test_age_is_in_months_below_two_years() -> None:
    person = Person("A", dt.date(2025, 1, 31))
    assert person.age_on(dt.date(2025, 2, 28)) == "0 months"
    assert person.age_on(dt.date(2025, 3, 1)) == "1 month"
    assert person.age_on(dt.date(2027, 1, 31)) == "2 years"
    assert person.age_on(dt.date(2024, 1, 1)) == ""
