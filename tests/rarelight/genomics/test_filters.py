"""Each variant filter marks PASS, FAIL or NOT_RUN with its reason, and every variant is counted."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rarelight.genomics import ConsequenceClass, FilterStatus, Triage, consequence_info

from .conftest import WriteVcf, record, vep

FILTERS = ["filter column", "frequency", "consequence", "genotype", "quality"]

CLASSES = {
    "stop_gained": ConsequenceClass.NULL,
    "frameshift_variant": ConsequenceClass.NULL,
    "splice_donor_variant": ConsequenceClass.NULL,
    "splice_acceptor_variant": ConsequenceClass.NULL,
    "start_lost": ConsequenceClass.NULL,
    "transcript_ablation": ConsequenceClass.NULL,
    "missense_variant": ConsequenceClass.PROTEIN_ALTERING,
    "inframe_deletion": ConsequenceClass.PROTEIN_ALTERING,
    "inframe_insertion": ConsequenceClass.PROTEIN_ALTERING,
    "stop_lost": ConsequenceClass.PROTEIN_ALTERING,
    "splice_region_variant": ConsequenceClass.SPLICE_REGION,
    "synonymous_variant": ConsequenceClass.OTHER_CODING,
    "5_prime_UTR_variant": ConsequenceClass.NON_CODING,
    "3_prime_UTR_variant": ConsequenceClass.NON_CODING,
    "intron_variant": ConsequenceClass.NON_CODING,
    "upstream_gene_variant": ConsequenceClass.NON_CODING,
    "intergenic_variant": ConsequenceClass.NON_CODING,
    "exon_loss_variant": ConsequenceClass.NULL,  # SnpEff's name
    "disruptive_inframe_deletion": ConsequenceClass.PROTEIN_ALTERING,  # SnpEff's name
}


def statuses(triage: Triage, path: object) -> dict[str, FilterStatus]:
    variants = triage.read(path)  # type: ignore[arg-type]
    found = [
        v for vs in (*variants.by_gene.values(), *variants.failed_by_gene.values()) for v in vs
    ]
    if found:
        (variant,) = found
        return {f.name: f.status for f in variant.filters}
    return {
        name: FilterStatus.PASS if p else FilterStatus.FAIL if f else FilterStatus.NOT_RUN
        for name, (p, f, _) in variants.counts.items()
    }


@pytest.mark.parametrize(("term", "kind"), CLASSES.items())
def test_each_consequence_class(
    triage: Triage, write_vcf: WriteVcf, term: str, kind: ConsequenceClass
) -> None:
    assert consequence_info(term).kind is kind
    path = write_vcf([record(vep("DOM", term))])
    kept = kind in {
        ConsequenceClass.NULL,
        ConsequenceClass.PROTEIN_ALTERING,
        ConsequenceClass.SPLICE_REGION,
    }
    assert statuses(triage, path)["consequence"] is (
        FilterStatus.PASS if kept else FilterStatus.FAIL
    )


def test_most_severe_of_joined_terms_counts(triage: Triage, write_vcf: WriteVcf) -> None:
    path = write_vcf([record(vep("DOM", "intron_variant&splice_donor_variant"))])
    (variant,) = triage.read(path).by_gene["DOM"]
    assert variant.consequence == "splice_donor_variant"


def test_spliceai_keeps_a_synonymous_variant(triage: Triage, write_vcf: WriteVcf) -> None:
    path = write_vcf([record(vep("DOM", "synonymous_variant", spliceai="0.8"))])
    (variant,) = triage.read(path).by_gene["DOM"]
    consequence = next(f for f in variant.filters if f.name == "consequence")
    assert consequence.status is FilterStatus.PASS
    assert "SpliceAI 0.80" in consequence.reason
    assert variant.score == pytest.approx(0.8)


def test_filter_column(triage: Triage, write_vcf: WriteVcf) -> None:
    path = write_vcf([record(vep("DOM", "stop_gained"), filter="LowQual")])
    found = statuses(triage, path)
    assert found["filter column"] is FilterStatus.FAIL
    assert all(found[name] is FilterStatus.NOT_RUN for name in FILTERS[1:])


def test_frequency_thresholds(triage: Triage, write_vcf: WriteVcf) -> None:
    assert (
        statuses(triage, write_vcf([record(vep("DOM", "stop_gained", af="0.02"))]))["frequency"]
        is FilterStatus.FAIL
    )
    assert (
        statuses(triage, write_vcf([record(vep("DOM", "stop_gained", af="0.009"))]))["frequency"]
        is FilterStatus.PASS
    )
    assert (
        statuses(triage, write_vcf([record(vep("DOM", "stop_gained"))]))["frequency"]
        is FilterStatus.PASS
    )


def test_frequency_not_run_without_a_population_field(triage: Triage, tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "nofreq.vcf"
    path.write_text(
        "##fileformat=VCFv4.2\n"
        '##INFO=<ID=CSQ,Number=.,Type=String,Description="Consequence annotations from Ensembl VEP. Format: Allele|Consequence|SYMBOL">\n'
        '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n'
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n"
        "1\t100\t.\tA\tT\t50\tPASS\tCSQ=T|stop_gained|DOM\tGT\t0/1\n"
    )
    (variant,) = triage.read(path).by_gene["DOM"]
    verdicts = {f.name: f for f in variant.filters}
    assert verdicts["frequency"].status is FilterStatus.NOT_RUN
    assert "no population frequency" in verdicts["frequency"].reason
    assert verdicts["quality"].status is FilterStatus.NOT_RUN


def test_genotype_filter(triage: Triage, write_vcf: WriteVcf) -> None:
    assert (
        statuses(triage, write_vcf([record(vep("DOM", "stop_gained"), "0/0")]))["genotype"]
        is FilterStatus.FAIL
    )
    assert (
        statuses(triage, write_vcf([record(vep("DOM", "stop_gained"), "./.")]))["genotype"]
        is FilterStatus.FAIL
    )
    assert (
        statuses(triage, write_vcf([record(vep("DOM", "stop_gained"), "1/1")]))["genotype"]
        is FilterStatus.PASS
    )


@pytest.mark.parametrize(
    ("call", "status"),
    [("0/1:10:40", "FAIL"), ("0/1:99:5", "FAIL"), ("0/1:20:10", "PASS"), ("0/1:.:.", "NOT_RUN")],
)
def test_quality_filter(triage: Triage, write_vcf: WriteVcf, call: str, status: str) -> None:
    assert statuses(triage, write_vcf([record(vep("DOM", "stop_gained"), call)]))[
        "quality"
    ] is FilterStatus(status)


def test_counts_cover_every_variant(triage: Triage, write_vcf: WriteVcf) -> None:
    lines = [
        record(vep("DOM", "stop_gained"), filter="LowQual", pos=1),
        record(vep("DOM", "stop_gained", af="0.3"), pos=2),
        record(vep("DOM", "intron_variant"), pos=3),
        record(vep("DOM", "stop_gained"), "0/0", pos=4),
        record(vep("DOM", "stop_gained"), "0/1:5:40", pos=5),
        record(vep("DOM", "stop_gained"), pos=6),
    ]
    variants = triage.read(write_vcf(lines))
    assert variants.read == 6
    for passed, failed, not_run in variants.counts.values():
        assert passed + failed + not_run == 6
    assert variants.counts["quality"] == [2, 1, 3]  # the 0/0 call is also checked for quality
    assert len(variants.by_gene["DOM"]) == 1
    assert (
        len(variants.failed_by_gene["DOM"]) == 2
    )  # genotype and quality failures kept with reasons


@given(st.one_of(st.none(), st.floats(min_value=0, max_value=1, allow_nan=False)))
def test_the_frequency_screen_agrees_with_the_frequency_filter(frequency: float | None) -> None:
    """The reader's fast screen and the full frequency filter must never disagree."""
    from rarelight.genomics import AnnotationFormat

    fmt = AnnotationFormat.from_header(
        {
            "CSQ": "Consequence annotations from Ensembl VEP. Format: Allele|Consequence|SYMBOL|gnomADe_AF|MAX_AF"
        }
    )
    text = "" if frequency is None else repr(frequency)
    value = f"T|missense_variant|DOM|{text}|"
    quick = fmt.quick_frequency(value, {})
    (full,) = fmt.annotate(value, "A", ["T"], {})
    assert full is not None
    assert quick == full.frequency
