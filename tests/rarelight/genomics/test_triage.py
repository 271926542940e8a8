"""The ranking: both halves, the blend, ties by symbol, panels, and every output format."""

from __future__ import annotations

import json

import pytest

from rarelight.errors import InputError
from rarelight.genomics import (
    GeneKnowledge,
    Panel,
    Triage,
    TriageResult,
    _prescreen,
    _vcf,
    to_html,
    to_json,
    to_tsv,
    triage_pdf,
)
from rarelight.phenotype import PatientProfile, PhenotypeRanker

from .conftest import WriteVcf, record, vep

DYSTONIA = ["HP:0002451", "HP:0012048"]  # Limb dystonia, Oromandibular dystonia


@pytest.fixture
def toy_triage(toy_ranker: PhenotypeRanker) -> Triage:
    return Triage(toy_ranker, GeneKnowledge.from_release(toy_ranker.release))


def result_for(triage: Triage, path: object, terms: list[str], **options: object) -> TriageResult:
    patient = PatientProfile.from_ids(triage.ranker.release.ontology, terms)
    return triage.prioritise(triage.read(path), patient, **options)  # type: ignore[arg-type]


def test_the_phenotype_decides_between_equal_variants(
    toy_triage: Triage, write_vcf: WriteVcf
) -> None:
    path = write_vcf(
        [record(vep("TOYG2", "stop_gained"), pos=1), record(vep("TOYG1", "stop_gained"), pos=2)]
    )
    dystonia = result_for(toy_triage, path, DYSTONIA)
    assert [g.symbol for g in dystonia.ranked] == ["TOYG1", "TOYG2"]
    seizures = result_for(toy_triage, path, ["HP:0001250"])  # Seizure
    assert [g.symbol for g in seizures.ranked] == ["TOYG2", "TOYG1"]
    top = dystonia.ranked[0]
    assert top.phenotype_score == 1.0
    w = toy_triage.settings.phenotype_weight
    assert top.combined_score == pytest.approx(
        w * top.phenotype_score + (1 - w) * top.variant_score
    )
    assert top.explanation[0].startswith("Phenotype 1.00: ")
    assert "Toy dystonia" in top.explanation[0]
    assert top.explanation[1].startswith("Variant 1.00 (heterozygous (dominant)")


def test_the_variant_decides_when_the_phenotype_is_equal(
    toy_triage: Triage, write_vcf: WriteVcf
) -> None:
    lines = [
        record(vep("BBB", "missense_variant", revel="0.3"), pos=1),
        record(vep("CCC", "stop_gained"), pos=2),
    ]
    result = result_for(toy_triage, write_vcf(lines), DYSTONIA)
    assert [g.symbol for g in result.ranked] == ["CCC", "BBB"]


def test_ties_are_broken_by_symbol(toy_triage: Triage, write_vcf: WriteVcf) -> None:
    lines = [record(vep(s, "stop_gained"), pos=p) for p, s in enumerate(["ZZZ", "AAA", "MMM"], 1)]
    result = result_for(toy_triage, write_vcf(lines), DYSTONIA)
    assert [g.symbol for g in result.ranked] == ["AAA", "MMM", "ZZZ"]
    assert [g.rank for g in result.ranked] == [1, 2, 3]


def test_weights_give_phenotype_only_and_genotype_only(
    toy_triage: Triage, write_vcf: WriteVcf
) -> None:
    lines = [
        record(vep("TOYG1", "missense_variant", revel="0.2"), pos=1),
        record(vep("TOYG2", "stop_gained"), pos=2),
    ]
    variants = toy_triage.read(write_vcf(lines))
    patient = PatientProfile.from_ids(toy_triage.ranker.release.ontology, DYSTONIA)
    by_phenotype = toy_triage.prioritise(variants, patient, phenotype_weight=1.0)
    by_variant = toy_triage.prioritise(variants, patient, phenotype_weight=0.0)
    assert by_phenotype.ranked[0].symbol == "TOYG1"
    assert by_variant.ranked[0].symbol == "TOYG2"


def test_a_mode_mismatch_is_flagged_in_every_output(
    toy_ranker: PhenotypeRanker, knowledge: GeneKnowledge, write_vcf: WriteVcf
) -> None:
    triage = Triage(toy_ranker, knowledge)
    path = write_vcf(
        [record(vep("REC", "stop_gained"), pos=1), record(vep("DOM", "stop_gained"), pos=2)]
    )
    result = result_for(triage, path, DYSTONIA)
    rows = [line.split("\t") for line in to_tsv(result).splitlines()]
    column = rows[0].index("mode_mismatch")
    assert {r[1]: r[column] for r in rows[1:]} == {"DOM": "no", "REC": "yes"}
    page = to_html(result)
    assert "fit none of its diseases&#x27; modes of inheritance" in page
    assert "1 gene passed every filter; 1 more is ranked although its genotypes fit" in page
    body = to_json(result)
    assert [g["mode_mismatch"] for g in body["genes"]] == [False, True]
    # panel-only: a mismatched gene outside the panel leaves the ranking like any other
    only = result_for(
        triage, path, DYSTONIA, panel=Panel.from_text("DOM", "p.txt"), panel_only=True
    )
    assert [g.symbol for g in only.ranked] == ["DOM"]


def test_panels(toy_triage: Triage, write_vcf: WriteVcf) -> None:
    release = toy_triage.ranker.release
    dystonia = Panel.dystonia(release)
    assert "TOYG1" in dystonia
    assert "TOYG2" not in dystonia
    path = write_vcf(
        [record(vep("TOYG2", "stop_gained"), pos=1), record(vep("TOYG1", "stop_gained"), pos=2)]
    )
    marked = result_for(toy_triage, path, ["HP:0001250"], panel=dystonia)
    assert [(g.symbol, g.in_panel) for g in marked.ranked] == [("TOYG2", False), ("TOYG1", True)]
    only = result_for(toy_triage, path, ["HP:0001250"], panel=dystonia, panel_only=True)
    assert [g.symbol for g in only.ranked] == ["TOYG1"]
    assert only.genes[-1].symbol == "TOYG2"
    assert not only.genes[-1].passed
    user = Panel.from_text("# my genes\ntoyg2, OTHER\n", "mine.txt")
    assert "TOYG2" in user
    assert user.symbols == {"TOYG2", "OTHER"}
    with pytest.raises(InputError, match="no gene symbols"):
        Panel.from_text("# nothing\n", "empty.txt")
    with pytest.raises(InputError, match="built-in: dystonia"):
        Panel.named("cardio", release)


def test_real_dystonia_panel_holds_kmt2b(catalogue) -> None:  # type: ignore[no-untyped-def]
    panel = Panel.dystonia(catalogue.release)
    assert {"KMT2B", "TOR1A", "GCH1", "THAP1"} <= panel.symbols
    assert "FBN1" not in panel


def test_outputs(toy_triage: Triage, write_vcf: WriteVcf) -> None:
    path = write_vcf(
        [
            record(vep("TOYG1", "stop_gained", hgvs_p="p.Arg1Ter"), pos=1),
            record(vep("TOYG2", "stop_gained"), pos=2),
        ]
    )
    result = result_for(toy_triage, path, DYSTONIA)
    body = to_json(result)
    again = json.loads(json.dumps(body))
    assert again == body
    assert again["genes"][0]["symbol"] == "TOYG1"
    assert again["genes"][0]["variants"][0]["variant"]["id"] == "1-1-A-T"
    assert "Not a diagnosis" in again["notice"]
    lines = to_tsv(result).splitlines()
    assert lines[0].split("\t")[:3] == ["rank", "gene", "passed"]
    assert lines[1].split("\t")[1] == "TOYG1"
    assert "PM2" in lines[1]
    page = to_html(result)
    assert "<details>" in page
    assert "TOYG1" in page
    assert "<script" not in page
    assert triage_pdf(result).startswith(b"%PDF")


def test_progress_is_reported(
    toy_triage: Triage, write_vcf: WriteVcf, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Per batch of the columnar screen (text VCF), per 1,000 records when htslib reads alone."""
    monkeypatch.setattr(_prescreen, "BATCH_ROWS", 1000)
    lines = [record(vep("TOYG1", "stop_gained"), pos=p) for p in range(1, 2502)]
    seen: list[int] = []
    toy_triage.read(write_vcf(lines), progress=seen.append)
    assert seen[-1] == 2501
    assert len(seen) >= 3
    assert seen == sorted(seen)
    monkeypatch.setattr(_vcf, "prescreen", lambda *args: None)
    seen.clear()
    toy_triage.read(write_vcf(lines), progress=seen.append)
    assert seen == [1000, 2000, 2501]
