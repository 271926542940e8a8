"""Inheritance patterns: de novo in a trio, dominant, recessive (homozygous, compound het), X-linked."""

from __future__ import annotations

from rarelight.genomics import FilterStatus, Pattern, Pedigree, Triage, TriageResult
from rarelight.phenotype import PatientProfile

from .conftest import WriteVcf, record, vep

SEIZURE = "HP:0001250"  # Seizure


def run(triage: Triage, path: object, pedigree: Pedigree | None = None) -> TriageResult:
    patient = PatientProfile.from_ids(triage.ranker.release.ontology, [SEIZURE])
    return triage.prioritise(triage.read(path, pedigree), patient)  # type: ignore[arg-type]


def gene_of(result: TriageResult, symbol: str):  # type: ignore[no-untyped-def]
    return next(g for g in result.genes if g.symbol == symbol)


def test_de_novo_in_a_trio(triage: Triage, write_vcf: WriteVcf, trio: Pedigree) -> None:
    path = write_vcf(
        [record(vep("DOM", "missense_variant", revel="0.8"), "0/1", "0/0", "0/0")],
        samples=("KID", "DAD", "MUM"),
    )
    found = gene_of(run(triage, path, trio), "DOM")
    assert found.passed
    assert found.patterns == (Pattern.DE_NOVO,)
    codes = {c.code: c for c in found.variants[0].criteria}
    assert codes["PM6"].met
    assert "assumed" in codes["PM6"].reason


def test_inherited_from_an_unaffected_parent_is_not_dominant(
    triage: Triage, write_vcf: WriteVcf, trio: Pedigree
) -> None:
    path = write_vcf(
        [record(vep("DOM", "missense_variant"), "0/1", "0/1", "0/0")], samples=("KID", "DAD", "MUM")
    )
    found = gene_of(run(triage, path, trio), "DOM")
    assert not found.passed
    assert found.filters[0].status is FilterStatus.FAIL


def test_dominant_het_in_a_single_sample(triage: Triage, write_vcf: WriteVcf) -> None:
    found = gene_of(run(triage, write_vcf([record(vep("DOM", "stop_gained"))])), "DOM")
    assert found.passed
    assert found.patterns == (Pattern.DOMINANT,)


def test_dominant_needs_the_stricter_frequency(triage: Triage, write_vcf: WriteVcf) -> None:
    found = gene_of(run(triage, write_vcf([record(vep("DOM", "stop_gained", af="0.005"))])), "DOM")
    assert not found.passed
    assert "no inheritance pattern fits" in found.filters[0].reason


def test_recessive_homozygous(triage: Triage, write_vcf: WriteVcf) -> None:
    found = gene_of(
        run(triage, write_vcf([record(vep("REC", "stop_gained", af="0.005"), "1/1")])), "REC"
    )
    assert found.passed
    assert found.patterns == (Pattern.HOMOZYGOUS,)


def test_recessive_gene_with_one_het_fails_with_a_reason(
    triage: Triage, write_vcf: WriteVcf
) -> None:
    found = gene_of(run(triage, write_vcf([record(vep("REC", "stop_gained"))])), "REC")
    assert not found.passed
    assert "autosomal recessive" in found.filters[0].reason
    assert "heterozygous (dominant)" in found.filters[0].reason


def test_one_het_in_a_recessive_gene_stays_ranked_below_a_fitting_gene(
    triage: Triage, write_vcf: WriteVcf
) -> None:
    # Exome sequencing misses some second variants (deletions, deep intronic changes), so a
    # gene whose genotypes fit none of its modes is ranked with its variant score discounted.
    path = write_vcf(
        [record(vep("REC", "stop_gained"), pos=1), record(vep("DOM", "stop_gained"), pos=2)]
    )
    result = run(triage, path)
    rec, dom = gene_of(result, "REC"), gene_of(result, "DOM")
    assert dom.passed
    assert not dom.mode_mismatch
    assert not rec.passed
    assert rec.mode_mismatch
    assert rec.in_ranking
    assert rec.filters[0].status is FilterStatus.FAIL
    assert rec.patterns == (Pattern.DOMINANT,)
    weight = triage.settings.mode_mismatch_weight
    assert rec.variant_score == dom.variant_score * weight
    assert [g.symbol for g in result.ranked] == ["DOM", "REC"]
    assert result.rank_of("REC") == 2
    assert "a second variant may have been missed" in rec.explanation[1]
    assert f"× {weight:g}" in rec.explanation[1]


def test_a_gene_with_no_pattern_at_all_is_not_ranked(triage: Triage, write_vcf: WriteVcf) -> None:
    # Heterozygous at 0.5%: too common for a dominant disease, and one allele is no recessive
    # pattern either, so nothing was found to discount: the gene follows the ranking.
    path = write_vcf([record(vep("DOM", "stop_gained", af="0.005"))])
    result = run(triage, path)
    found = gene_of(result, "DOM")
    assert not found.passed
    assert not found.mode_mismatch
    assert result.ranked == ()
    assert result.rank_of("DOM") is None


def test_compound_heterozygous_single_sample(triage: Triage, write_vcf: WriteVcf) -> None:
    lines = [
        record(vep("REC", "stop_gained"), pos=100),
        record(vep("REC", "missense_variant", revel="0.6"), pos=200),
    ]
    found = gene_of(run(triage, write_vcf(lines)), "REC")
    assert found.passed
    assert found.patterns == (Pattern.COMPOUND_HETEROZYGOUS,)
    assert len(found.variants) == 2
    assert found.variant_score == (1.0 + 0.6) / 2


def test_compound_heterozygous_in_a_trio_needs_one_from_each_parent(
    triage: Triage, write_vcf: WriteVcf, trio: Pedigree
) -> None:
    samples = ("KID", "DAD", "MUM")
    split = [record(vep("REC", "stop_gained"), "0/1", "0/1", "0/0", pos=100),
             record(vep("REC", "stop_gained"), "0/1", "0/0", "0/1", pos=200)]  # fmt: skip
    assert gene_of(run(triage, write_vcf(split, samples=samples), trio), "REC").passed
    same = [record(vep("REC", "stop_gained"), "0/1", "0/1", "0/0", pos=100),
            record(vep("REC", "stop_gained"), "0/1", "0/1", "0/0", pos=200)]  # fmt: skip
    assert not gene_of(run(triage, write_vcf(same, samples=samples), trio), "REC").passed


def test_x_linked_hemizygous_male(triage: Triage, write_vcf: WriteVcf) -> None:
    path = write_vcf([record(vep("XLG", "stop_gained"), "1/1", chrom="X")])
    variants = triage.read(path, sex="male")
    assert variants.by_gene["XLG"][0].proband.zygosity.value == "hemizygous"
    patient = PatientProfile.from_ids(triage.ranker.release.ontology, [SEIZURE])
    found = gene_of(triage.prioritise(variants, patient), "XLG")
    assert found.passed
    assert found.patterns == (Pattern.X_LINKED,)


def test_x_linked_ruled_out_when_the_unaffected_father_carries_it(
    triage: Triage, write_vcf: WriteVcf, trio: Pedigree
) -> None:
    path = write_vcf(
        [record(vep("XLG", "stop_gained"), "1/1", "1", "0/1", chrom="X")],
        samples=("KID", "DAD", "MUM"),
    )
    assert not gene_of(run(triage, path, trio), "XLG").passed


def test_gene_without_a_mode_keeps_every_pattern(triage: Triage, write_vcf: WriteVcf) -> None:
    found = gene_of(run(triage, write_vcf([record(vep("NOVEL1", "stop_gained"))])), "NOVEL1")
    assert found.passed
    assert found.filters[0].status is FilterStatus.NOT_RUN
