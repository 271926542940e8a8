"""Import, export and the round trip, validated by the official phenopackets package."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from google.protobuf import json_format
from phenopackets import Phenopacket
from tests.shared_data import SHARED

from rarelight.errors import InputError
from rarelight.registry import (
    CSV_COLUMNS,
    Inheritance,
    Response,
    Sex,
    Source,
    VariantClass,
    import_phenopackets,
    write_csv,
    write_phenopackets,
)

from .conftest import packet

BENCHMARK_ZIP = SHARED / "benchmarks" / "phenopacket_store_dev_phenopackets.zip"
NOW = dt.datetime(2026, 11, 25, 8, 0, tzinfo=dt.UTC)


def _write(folder: Path, name: str, data: Any) -> None:
    text = data if isinstance(data, str) else json.dumps(data)
    (folder / name).write_text(text, encoding="utf-8")


def test_every_registry_field_is_read(tmp_path: Path) -> None:
    _write(tmp_path, "a.json", packet())
    [case] = import_phenopackets(tmp_path / "a.json").imported
    assert case.pmid == "PMID:27839873"
    assert case.source is Source.PUBLICATION
    assert case.family_id == "PMID:27839873 family 2"
    assert case.sex is Sex.FEMALE
    assert case.country == "DE"
    assert case.onset_months == 75
    assert case.disease_id == "OMIM:617284"
    [variant] = case.variants
    assert (variant.gene, variant.variant_class) == ("KMT2B", VariantClass.NONSENSE)
    assert variant.inheritance is Inheritance.DE_NOVO
    assert [(f.hpo_id, f.excluded, f.onset_months) for f in case.features] == [
        ("HP:0001332", False, 72),
        ("HP:0001250", True, None),
    ]
    assert case.anticholinergic is Response.PARTIAL
    assert case.dbs is not None
    assert (case.dbs.age_months, case.dbs.bfmdrs_before, case.dbs.bfmdrs_after) == (132, 60, 24.5)
    assert case.dbs.interval_months == 12
    assert case.dbs.change == pytest.approx(-0.5917, abs=1e-4)


def test_an_invalid_phenopacket_is_rejected_with_its_json_path_and_the_rest_imports(
    tmp_path: Path,
) -> None:
    _write(tmp_path, "good.json", packet())
    bad_sex = packet(id="x2", subject={"id": "P2", "sex": "BOY"})
    _write(tmp_path, "bad-sex.json", bad_sex)
    bad_feature = packet(id="x3", subject={"id": "P3"})
    bad_feature["phenotypicFeatures"] = [{"type": {"id": "HP:0001332"}}, {"type": {"idd": "x"}}]
    _write(tmp_path, "bad-feature.json", bad_feature)
    bad_hpo = packet(id="x4", subject={"id": "P4"})
    bad_hpo["phenotypicFeatures"] = [{"type": {"id": "Dystonia"}}]
    _write(tmp_path, "bad-hpo.json", bad_hpo)
    bad_age = packet(id="x5", subject={"id": "P5"})
    bad_age["diseases"][0]["onset"]["age"]["iso8601duration"] = "six years"
    _write(tmp_path, "bad-age.json", bad_age)
    _write(tmp_path, "broken.json", '{"id": ')
    _write(tmp_path, "list.json", "[1, 2]")
    _write(tmp_path, "no-subject.json", {"id": "x6", "metaData": {}})

    report = import_phenopackets(tmp_path)

    assert [c.case_id for c in report.imported] == ["PMID_27839873_Patient_1"]
    paths = {s.file: s.path for s in report.skipped}
    assert paths == {
        "bad-sex.json": "$.subject.sex",
        "bad-feature.json": "$.phenotypicFeatures[1].type",
        "bad-hpo.json": "$.phenotypicFeatures[0].type.id",
        "bad-age.json": "$.diseases[0].onset.age.iso8601duration",
        "broken.json": "$",
        "list.json": "$",
        "no-subject.json": "$.subject.id",
    }
    assert "BOY" in next(s.reason for s in report.skipped if s.file == "bad-sex.json")
    assert report.files == 8


def test_duplicates_by_publication_and_subject_are_skipped(tmp_path: Path) -> None:
    _write(tmp_path, "a.json", packet())
    _write(tmp_path, "b.json", packet(id="another-file-same-person"))
    _write(tmp_path, "c.json", packet(id="someone-else", subject={"id": "Family 3 patient 1"}))
    report = import_phenopackets(tmp_path)
    assert [c.case_id for c in report.imported] == ["PMID_27839873_Patient_1", "someone-else"]
    [skipped] = report.skipped
    assert skipped.file == "b.json"
    assert "duplicate of PMID_27839873_Patient_1" in skipped.reason
    again = import_phenopackets(tmp_path, existing=report.imported)
    assert not again.imported
    assert len(again.skipped) == 3


def test_round_trip_import_export_import_gives_identical_cases(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    _write(source, "a.json", packet())
    minimal = {"id": "minimal", "subject": {"id": "m"}, "metaData": {"createdBy": "x"}}
    _write(source, "b.json", minimal)
    first = import_phenopackets(source).imported
    out = tmp_path / "out.zip"
    assert write_phenopackets(first, out, NOW) == 2
    second = import_phenopackets(out).imported
    assert sorted(second, key=lambda c: c.case_id) == sorted(first, key=lambda c: c.case_id)
    folder = tmp_path / "folder"
    write_phenopackets(first, folder, NOW)
    assert sorted(import_phenopackets(folder).imported, key=lambda c: c.case_id) == sorted(
        first, key=lambda c: c.case_id
    )


def test_every_exported_phenopacket_passes_the_official_schema(tmp_path: Path) -> None:
    _write(tmp_path, "a.json", packet())
    cases = import_phenopackets(tmp_path / "a.json").imported
    out = tmp_path / "out.zip"
    write_phenopackets(cases, out, NOW)
    with zipfile.ZipFile(out) as archive:
        for name in archive.namelist():
            message = json_format.Parse(archive.read(name), Phenopacket())
            assert message.meta_data.phenopacket_schema_version == "2.0"
            assert message.id


def test_csv_has_one_row_per_case(tmp_path: Path) -> None:
    _write(tmp_path, "a.json", packet())
    cases = import_phenopackets(tmp_path / "a.json").imported
    out = io.StringIO()
    assert write_csv(cases, out) == 1
    header, row = out.getvalue().splitlines()
    assert header.split(",") == list(CSV_COLUMNS)
    assert "KMT2B" in row
    assert "nonsense" in row
    assert "P6Y3M" in row


def test_missing_or_unknown_paths_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        import_phenopackets(tmp_path / "nope.zip")
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(InputError, match=r"not a \.json file"):
        import_phenopackets(tmp_path / "notes.txt")


def test_the_published_collection_is_accounted_for_and_round_trips(tmp_path: Path) -> None:
    """Every one of the 8,997 published cases is imported or skipped with a reason; a sample of
    them survives export and re-import unchanged."""
    assert BENCHMARK_ZIP.exists(), f"benchmark data expected at {BENCHMARK_ZIP}"
    report = import_phenopackets(BENCHMARK_ZIP)
    with zipfile.ZipFile(BENCHMARK_ZIP) as archive:
        files = sum(1 for n in archive.namelist() if n.endswith(".json"))
    assert files == 8997
    assert report.files == files
    assert all(s.reason and s.path for s in report.skipped)
    sample = report.imported[::10]
    out = tmp_path / "sample.zip"
    write_phenopackets(sample, out, NOW)
    back = import_phenopackets(out).imported
    assert sorted(back, key=lambda c: c.case_id) == sorted(sample, key=lambda c: c.case_id)
