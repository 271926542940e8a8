from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rarelight.errors import InputError, NotFound
from rarelight.phenotype import Frequency, HpoRelease, bundled_release_dir, load_release


def test_toy_release_reads_terms_and_version(toy_release: HpoRelease) -> None:
    ontology = toy_release.ontology
    assert toy_release.version == "2099-01-01"
    assert toy_release.name == "HPO 2099-01-01"
    assert len(ontology) == 12  # fourteen terms, two obsolete
    limb = ontology.resolve("HP:0002451").term
    assert limb.label == "Limb dystonia"
    assert limb.layperson_synonyms == ("Twisting of the arms or legs",)
    assert limb.parents == ("HP:0001332",)


def test_alternative_and_obsolete_ids_map_to_current_terms_with_a_notice(
    toy_release: HpoRelease,
) -> None:
    ontology = toy_release.ontology
    alt = ontology.resolve("HP:0002328")
    assert alt.term.id == "HP:0001332"
    assert alt.notice
    assert "alternative id" in alt.notice
    replaced = ontology.resolve("hp:0000009")
    assert replaced.term.id == "HP:0000707"
    assert replaced.notice
    assert "obsolete" in replaced.notice
    assert ontology.resolve("HP:0001332").notice is None


def test_retired_unknown_and_malformed_ids_fail_clearly(toy_release: HpoRelease) -> None:
    ontology = toy_release.ontology
    with pytest.raises(NotFound, match=r"obsolete.*consider HP:0000707"):
        ontology.resolve("HP:0000010")
    with pytest.raises(NotFound, match="not in HPO release 2099-01-01"):
        ontology.resolve("HP:9999999")
    with pytest.raises(InputError, match="seven digits"):
        ontology.resolve("HP:12")


def test_ancestors_and_descendants(toy_release: HpoRelease) -> None:
    ontology = toy_release.ontology
    assert ontology.ancestors("HP:0002451") >= {
        "HP:0001332",
        "HP:0100022",
        "HP:0000118",
        "HP:0000001",
    }
    assert ontology.descendants("HP:0001332") == {"HP:0001332", "HP:0002451", "HP:0012048"}


def test_annotations_keep_frequency_onset_negation_references_and_genes(
    toy_release: HpoRelease,
) -> None:
    disease = next(d for d in toy_release.diseases if d.id == "OMIM:100001")
    assert disease.name == "Toy dystonia 1"
    assert [g.symbol for g in disease.genes] == ["TOYG1"]
    by_term = {a.hpo_id: a for a in disease.annotations}
    assert by_term["HP:0002451"].frequency == Frequency("3/4", 0.75)
    assert by_term["HP:0012048"].frequency == Frequency("Occasional", 0.17)
    assert by_term["HP:0012048"].onset == "HP:0011463"
    assert by_term["HP:0012048"].references == ("PMID:1", "PMID:2")
    assert by_term["HP:0001250"].negated
    assert by_term["HP:0000006"].aspect == "I"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("", None), ("1/2", Frequency("1/2", 0.5)), ("45%", Frequency("45%", 0.45)),
     ("HP:0040281", Frequency("Very frequent", 0.895)), ("0/0", Frequency("0/0", None))],
)  # fmt: skip
def test_frequency_parsing(raw: str, expected: Frequency | None) -> None:
    assert Frequency.parse(raw) == expected


def test_cache_round_trip_gives_the_same_release(tmp_path: Path, data_path: Path) -> None:
    first = load_release(data_path / "toy-hpo", cache_dir=tmp_path)
    assert len(list(tmp_path.glob("hpo-*.marshal"))) == 1
    second = load_release(data_path / "toy-hpo", cache_dir=tmp_path)
    assert second.version == first.version
    assert second.ontology.all_terms() == first.ontology.all_terms()
    assert [(d.id, d.annotations, d.genes) for d in second.diseases] == [
        (d.id, d.annotations, d.genes) for d in first.diseases
    ]


def test_a_corrupt_cache_is_ignored_and_rewritten(
    tmp_path: Path, data_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    load_release(data_path / "toy-hpo", cache_dir=tmp_path)
    cache_file = next(tmp_path.glob("hpo-*.marshal"))
    cache_file.write_bytes(b"not marshal data")
    release = load_release(data_path / "toy-hpo", cache_dir=tmp_path)
    assert release.version == "2099-01-01"
    assert "ignoring unreadable HPO cache" in caplog.text


def test_a_folder_without_release_files_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"lacks hp\.obo, phenotype\.hpoa"):
        load_release(tmp_path)


def test_files_of_two_releases_are_rejected(tmp_path: Path, data_path: Path) -> None:
    for name in ("hp.obo", "phenotype.hpoa"):
        shutil.copy(data_path / "toy-hpo" / name, tmp_path / name)
    hpoa = tmp_path / "phenotype.hpoa"
    hpoa.write_text(hpoa.read_text().replace("#version: 2099-01-01", "#version: 2001-01-01"))
    with pytest.raises(InputError, match="use the files of one release"):
        load_release(tmp_path)


def test_the_bundled_release_is_hpo_2025_01_16(catalogue: object) -> None:
    from rarelight.knowledge import Catalogue

    assert isinstance(catalogue, Catalogue)
    assert (bundled_release_dir() / "hp.obo").is_file()
    release = catalogue.release
    assert release.version == "2025-01-16"
    assert len(release.ontology) > 18_000
    databases = {d.database for d in release.diseases}
    assert databases == {"OMIM", "ORPHA", "DECIPHER"}
    assert sum(d.database in {"OMIM", "ORPHA"} for d in release.diseases) > 12_000


@given(
    st.text(max_size=20) | st.sampled_from(["nan%", "inf%", "-5%", "150%", "3/0", "-1/2", "a/b"])
)
def test_frequency_parsing_never_fails_and_stays_in_range(raw: str) -> None:
    frequency = Frequency.parse(raw)
    if frequency is not None:
        assert frequency.value is None or 0.0 <= frequency.value <= 1.0


@given(st.integers(0, 500), st.integers(1, 500))
def test_fractions_are_read_exactly(num: int, den: int) -> None:
    frequency = Frequency.parse(f"{num}/{den}")
    assert frequency is not None
    assert frequency.value == (num / den if num <= den else None)
