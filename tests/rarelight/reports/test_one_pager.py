"""The clinician one-pager: always exactly one A4 page, cited, deterministic."""

from __future__ import annotations

import datetime as dt
import io
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml
from pypdf import PdfReader

from rarelight import __version__
from rarelight.knowledge._profiles import load_profile
from rarelight.reports import clinician_one_pager

A4 = (595.28, 841.89)
GENERATED_ON = dt.date(2025, 1, 15)
RELEASE = "HPO release 2025-01-16"
REAL_PROFILE = (
    Path(str(resources.files("rarelight.knowledge") / "profiles")) / "kmt2b-related-dystonia.yaml"
)

LONG = (
    "a deliberately long description of a clinical feature, with enough words to wrap over "
    "several lines of the page at any font size the layout might try"
)


def _synthetic(**changes: Any) -> dict[str, Any]:
    """A small valid profile with typographic characters that Latin-1 fonts cannot draw."""
    cited = {"sources": ["smith-2016"]}
    profile: dict[str, Any] = {
        "id": "OMIM:617284",
        "names": {"preferred": "Synthetic dystonia", "synonyms": ["DYT-SYN"], **cited},
        "identifiers": {"omim": ["OMIM:617284"], "orpha": ["ORPHA:508"]},
        "gene": {"symbol": "SYN1", "hgnc": "HGNC:99999", "band": "19q13.12", **cited},
        "inheritance": {
            "text": "One changed copy is enough.",
            "clinical": "Autosomal dominant; often de novo.",
            **cited,
        },
        "overview": {
            "text": "A movement disorder.",
            "clinical": "Childhood-onset dystonia, starting in the legs – ≥80% generalise.",
            **cited,
        },
        "discovery": {"text": "First described in 2016.", "year": 2016, **cited},
        "counts": [
            {
                "description": "published cases",
                "people": 123,
                "families": 117,
                "as_of": "2024",
                **cited,
            }
        ],
        "onset": {
            "text": "In childhood.",
            "clinical": "Median onset ~5 years.",
            "typical_age_years": 5,
            **cited,
        },
        "progression": {
            "text": "It spreads.",
            "clinical": "Caudo-cranial spread over years.",
            **cited,
        },
        "features": [
            {
                "hpo_id": "HP:0001332",
                "name": "Dystonia",
                "description": "Twisting movements.",
                "frequency": "100%",
                "key": True,
                **cited,
            },
            {
                "hpo_id": "HP:0002451",
                "name": "Limb dystonia",
                "description": "Starts in a leg.",
                "frequency": "most",
                "key": True,
                "sources": ["smith-2016", "jones-2020"],
            },
            {
                "hpo_id": "HP:0001249",
                "name": "Intellectual disability",
                "description": "Mild.",
                **cited,
            },
        ],
        "diagnosis": [
            {
                "name": "Exome sequencing",
                "finds": "A heterozygous SYN1 variant.",
                "when": "first line",
                **cited,
            }
        ],
        "treatments": [
            {
                "name": "Deep brain stimulation",
                "kind": "surgery",
                "description": "Electrodes in the globus pallidus.",
                "response": "marked improvement",
                "figure": {"responders": 27, "treated": 29},
                "evidence": "case series",
                "sources": ["jones-2020"],
            }
        ],
        "care_team": [
            {
                "role": "neurologist",
                "title": "Movement-disorder neurologist",
                "does": "Leads care.",
                "when": "from diagnosis",
                **cited,
            }
        ],
        "tips": [
            {
                "text": "Keep a video diary.",
                "clinical": "Video helps assess spread × time.",
                **cited,
            }
        ],
        "summary_table": [{"category": "Gene", "details": "SYN1", **cited}],
        "disclaimer": "Information, not a diagnosis.",
        "last_reviewed": "2025-01-10",
        "sources": [
            {
                "id": "smith-2016",
                "citation": "Smith A, et al. “A new dystonia.” 2016.",
                "pmid": "27839873",
            },
            {
                "id": "jones-2020",
                "citation": "Jones B, et al. DBS outcomes. 2020.",
                "doi": "10.1000/xyz123",
            },
        ],
    }
    profile.update(changes)
    return profile


def _pdf(data: dict[str, Any], tmp_path: Path, generated_on: dt.date = GENERATED_ON) -> bytes:
    """Render a synthetic profile after loading it the way bundled profiles are loaded."""
    path = tmp_path / "synthetic.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    profile = load_profile(path, None)
    return clinician_one_pager(profile, release_name=RELEASE, generated_on=generated_on)


def _read(data: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert float(box.width) == pytest.approx(A4[0], abs=1)
    assert float(box.height) == pytest.approx(A4[1], abs=1)
    return reader, reader.pages[0].extract_text()


def test_the_real_profile_fits_one_a4_page_with_its_key_figures() -> None:
    profile = load_profile(REAL_PROFILE, None)
    _, text = _read(clinician_one_pager(profile, release_name=RELEASE, generated_on=GENERATED_ON))
    for figure in ("617284", "KMT2B", "HGNC:15840", "27/29", "2016", "246", "229"):
        assert figure in text, figure
    assert "globus pallidus" in text.lower()
    assert sum(feature.hpo_id in text for feature in profile.features) >= 2
    assert "HP:0002451" in text
    assert "Information, not a diagnosis" in text


def test_a_small_profile_shows_every_section_cited(tmp_path: Path) -> None:
    reader, text = _read(_pdf(_synthetic(), tmp_path))
    for expected in (
        "Synthetic dystonia",
        "OMIM:617284",
        "ORPHA:508",
        "HGNC:99999",
        "19q13.12",
        "≥80%",
        "HP:0001332",
        "HP:0001249",
        "Exome sequencing",
        "27/29",
        "Movement-disorder neurologist",
        "spread × time",
        "[1,2]",
        "[2]",
        "PMID 27839873",
        "doi:10.1000/xyz123",
        "“A new dystonia.”",
        f"Generated by Rarelight {__version__}",
        "last reviewed 2025-01-10",
        RELEASE,
        "confirm with a clinical geneticist",
    ):
        assert expected in text, expected
    assert reader.metadata is not None
    assert reader.metadata.title == "Synthetic dystonia — clinician one-pager"
    assert reader.metadata.author == f"Rarelight {__version__}"
    assert "OMIM:617284" in (reader.metadata.subject or "")


def test_sixty_long_features_still_fit_one_page_and_say_what_was_left_out(tmp_path: Path) -> None:
    features = [
        {
            "hpo_id": f"HP:{index:07d}",
            "name": f"Feature number {index} {LONG}",
            "description": LONG,
            "frequency": "occasional, in a minority of the published individuals",
            "key": index < 3,
            "sources": ["smith-2016"],
        }
        for index in range(1, 61)
    ]
    features[0]["sources"] = ["smith-2016", "jones-2020"]
    _, text = _read(_pdf(_synthetic(features=features), tmp_path))
    assert "Feature number 1 " in text  # key features are the last to go
    assert "Feature number 2 " in text
    assert "further features in the full profile" in text
    assert "Deep brain stimulation" in text
    assert "confirm with a clinical geneticist" in text


def test_a_profile_too_long_even_after_dropping_extras_fails_loudly(tmp_path: Path) -> None:
    tests = [
        {"name": f"Test {index}", "finds": LONG * 3, "sources": ["smith-2016"]}
        for index in range(60)
    ]
    with pytest.raises(ValueError, match="too long"):
        _pdf(_synthetic(diagnosis=tests), tmp_path)


def test_the_same_inputs_give_the_same_bytes(tmp_path: Path) -> None:
    first = _pdf(_synthetic(), tmp_path)
    assert _pdf(_synthetic(), tmp_path) == first
    assert _pdf(_synthetic(), tmp_path, generated_on=dt.date(2025, 2, 1)) != first
