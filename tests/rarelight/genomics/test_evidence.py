"""ACMG/AMP criteria checked automatically, each with its reason; never a classification."""

from __future__ import annotations

from rarelight.genomics import NOTICE, Criterion, Triage, TriageSettings
from rarelight.phenotype import PatientProfile

from .conftest import WriteVcf, record, vep


def criteria_of(
    triage: Triage, path: object, symbol: str, terms: tuple[str, ...] = ("HP:0001250",)
) -> dict[str, Criterion]:
    patient = PatientProfile.from_ids(triage.ranker.release.ontology, list(terms))
    result = triage.prioritise(triage.read(path), patient)  # type: ignore[arg-type]
    assert result.notices[0] == NOTICE
    assert "not a variant classification" in NOTICE
    gene = next(g for g in result.genes if g.symbol == symbol)
    return {c.code: c for c in gene.variants[0].criteria}


def test_pvs1_needs_loss_of_function_as_the_mechanism(triage: Triage, write_vcf: WriteVcf) -> None:
    met = criteria_of(triage, write_vcf([record(vep("LOFG", "frameshift_variant"))]), "LOFG")[
        "PVS1"
    ]
    assert met.met
    assert "haploinsufficiency (test)" in met.reason
    unknown = criteria_of(triage, write_vcf([record(vep("DOM", "frameshift_variant"))]), "DOM")[
        "PVS1"
    ]
    assert not unknown.met
    assert "not established" in unknown.reason
    missense = criteria_of(triage, write_vcf([record(vep("LOFG", "missense_variant"))]), "LOFG")
    assert "PVS1" not in missense


def test_gene_knowledge_from_the_real_release(catalogue) -> None:  # type: ignore[no-untyped-def]
    from rarelight.genomics import GeneKnowledge, Mode

    knowledge = GeneKnowledge.from_release(catalogue.release)
    kmt2b = knowledge.get("KMT2B")
    assert kmt2b is not None
    assert Mode.AUTOSOMAL_DOMINANT in kmt2b.modes
    assert "OMIM:617284" in {d.disease_id for d in kmt2b.diseases}
    assert kmt2b.lof_mechanism
    assert "PMID:27839873" in kmt2b.lof_mechanism
    pah = knowledge.get("PAH")  # phenylketonuria: recessive only
    assert pah is not None
    assert pah.modes == {Mode.AUTOSOMAL_RECESSIVE}
    assert pah.lof_mechanism
    assert "recessive" in pah.lof_mechanism
    fbn1 = knowledge.get("FBN1")  # Marfan syndrome: dominant, not in the curated list
    assert fbn1 is not None
    assert fbn1.lof_mechanism is None


def test_pm2_and_frequency_criteria(triage: Triage, write_vcf: WriteVcf) -> None:
    absent = criteria_of(triage, write_vcf([record(vep("REC", "stop_gained"), "1/1")]), "REC")
    assert absent["PM2"].met
    assert "absent" in absent["PM2"].reason
    assert "BS1" not in absent
    assert "BA1" not in absent
    seen = criteria_of(
        triage, write_vcf([record(vep("REC", "stop_gained", af="0.004"), "1/1")]), "REC"
    )
    assert not seen["PM2"].met
    assert not seen["BS1"].met


def test_bs1_for_a_dominant_gene(triage: Triage, write_vcf: WriteVcf) -> None:
    found = criteria_of(
        triage, write_vcf([record(vep("DOM", "stop_gained", af="0.004"), "1/1")]), "DOM"
    )
    # homozygous in a dominant gene fits no pattern; the evidence is still shown for the variant
    assert found["BS1"].met
    assert "dominant" in found["BS1"].reason


def test_ba1_above_five_percent(toy_ranker, knowledge, write_vcf: WriteVcf) -> None:  # type: ignore[no-untyped-def]
    lenient = Triage(toy_ranker, knowledge, TriageSettings(max_frequency_recessive=0.5))
    found = criteria_of(
        lenient, write_vcf([record(vep("REC", "stop_gained", af="0.08"), "1/1")]), "REC"
    )
    assert found["BA1"].met


def test_ps2_when_parentage_is_confirmed(toy_ranker, knowledge, write_vcf: WriteVcf, trio) -> None:  # type: ignore[no-untyped-def]
    confirmed = Triage(toy_ranker, knowledge, TriageSettings(parentage_confirmed=True))
    path = write_vcf(
        [record(vep("DOM", "stop_gained"), "0/1", "0/0", "0/0")], samples=("KID", "DAD", "MUM")
    )
    patient = PatientProfile.from_ids(toy_ranker.release.ontology, ["HP:0001250"])
    result = confirmed.prioritise(confirmed.read(path, trio), patient)
    codes = {c.code for c in result.genes[0].variants[0].criteria if c.met}
    assert "PS2" in codes
    assert "PM6" not in codes


def test_pp3_and_bp4_from_revel(triage: Triage, write_vcf: WriteVcf) -> None:
    high = criteria_of(
        triage, write_vcf([record(vep("DOM", "missense_variant", revel="0.9"))]), "DOM"
    )
    low = criteria_of(
        triage, write_vcf([record(vep("DOM", "missense_variant", revel="0.1"))]), "DOM"
    )
    assert high["PP3"].met
    assert low["BP4"].met


def test_pp4_follows_the_phenotype_match(toy_ranker, write_vcf: WriteVcf) -> None:  # type: ignore[no-untyped-def]
    from rarelight.genomics import GeneKnowledge

    triage = Triage(toy_ranker, GeneKnowledge.from_release(toy_ranker.release))
    path = write_vcf(
        [record(vep("TOYG1", "stop_gained"), pos=1), record(vep("TOYG2", "stop_gained"), pos=2)]
    )
    dystonia = ("HP:0002451", "HP:0012048")  # Limb dystonia, Oromandibular dystonia
    assert criteria_of(triage, path, "TOYG1", dystonia)["PP4"].met
    assert not criteria_of(triage, path, "TOYG2", dystonia)["PP4"].met
