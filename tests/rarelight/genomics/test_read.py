"""Reading: VEP and SnpEff headers, VCF.gz and BCF, samples, and the errors a person can act on."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from rarelight.errors import InputError, ProblemsError
from rarelight.genomics import Pedigree, Triage

from .conftest import DAMAGE, TRIO_VCF, Edits, WriteVcf, damaged, record, vep

SNPEFF_ANN = (
    "ANN=T|stop_gained|HIGH|DOM|G1|transcript|NM_1.1|protein_coding|2/5|c.100A>T|p.Lys34*|||||"
)


def test_vep_csq_is_detected_and_read(triage: Triage, write_vcf: WriteVcf) -> None:
    path = write_vcf([record(vep("DOM", "stop_gained", af="0.00001", hgvs_p="p.Lys34Ter"))])
    variants = triage.read(path)
    assert variants.header.annotation.kind == "VEP CSQ"
    assert variants.header.assembly == "GRCh38"
    (found,) = variants.by_gene["DOM"]
    assert (found.consequence, found.frequency, found.hgvs_p) == (
        "stop_gained",
        0.00001,
        "p.Lys34Ter",
    )
    assert found.frequency_source == "gnomADe_AF"


def test_snpeff_ann_is_detected_with_info_frequency(triage: Triage, write_vcf: WriteVcf) -> None:
    path = write_vcf([record(f"{SNPEFF_ANN};gnomAD_AF=0.0002")], annotation="snpeff")
    variants = triage.read(path)
    assert variants.header.annotation.kind == "SnpEff ANN"
    (found,) = variants.by_gene["DOM"]
    assert (found.consequence, found.hgvs_c, found.hgvs_p) == (
        "stop_gained",
        "c.100A>T",
        "p.Lys34*",
    )
    assert (found.frequency, found.frequency_source) == (0.0002, "gnomAD_AF")


def test_snpeff_common_variant_is_screened_by_its_info_frequency(
    triage: Triage, write_vcf: WriteVcf
) -> None:
    path = write_vcf([record(f"{SNPEFF_ANN};gnomAD_AF=0.2")], annotation="snpeff")
    variants = triage.read(path)
    assert variants.by_gene == {}
    assert variants.counts["frequency"] == [0, 1, 0]


@pytest.mark.parametrize("name", ["x.vcf.gz", "x.bcf"])
def test_compressed_vcf_and_bcf_read_like_plain(
    triage: Triage, write_vcf: WriteVcf, name: str
) -> None:
    lines = [record(vep("DOM", "missense_variant", revel="0.9"), pos=p) for p in (100, 200)]
    plain = triage.read(write_vcf(lines))
    other = triage.read(write_vcf(lines, name=name))
    assert other.header.is_bcf == name.endswith(".bcf")
    assert [v.id for v in other.by_gene["DOM"]] == [v.id for v in plain.by_gene["DOM"]]
    assert other.counts == plain.counts


def test_unannotated_vcf_names_the_fields_and_how_to_add_them(
    triage: Triage, write_vcf: WriteVcf
) -> None:
    path = write_vcf([record("DP=10")], annotation="none")
    with pytest.raises(InputError) as raised:
        triage.read(path)
    message = str(raised.value)
    assert "no consequence annotation" in message
    for word in ("CSQ", "ANN", "Consequence", "SYMBOL", "gnomADe_AF", "vep --vcf", "snpEff"):
        assert word in message


def test_csq_without_symbol_names_the_missing_field(triage: Triage, tmp_path: Path) -> None:
    path = tmp_path / "nosymbol.vcf"
    path.write_text(
        "##fileformat=VCFv4.2\n"
        '##INFO=<ID=CSQ,Number=.,Type=String,Description="Consequence annotations from Ensembl VEP. Format: Allele|Consequence|IMPACT">\n'
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n"
    )
    with pytest.raises(InputError, match="lacks the field\\(s\\) SYMBOL"):
        triage.read(path)


def test_malformed_lines_are_all_reported_with_line_numbers(
    triage: Triage, write_vcf: WriteVcf
) -> None:
    good = record(vep("DOM", "missense_variant"))
    lines = [
        good,
        good.replace("\t100\t", "\tabc\t"),
        "1\t300\t.\tA",
        good.replace("0/1:99:40", "0/x:99:40"),
    ]
    path = write_vcf(lines)
    header_lines = sum(1 for line in path.read_text().splitlines() if line.startswith("#"))
    with pytest.raises(ProblemsError) as raised:
        triage.read(path)
    problems = raised.value.problems
    assert [p.location for p in problems] == [f"x.vcf line {header_lines + n}" for n in (2, 3, 4)]
    assert "POS 'abc' is not a whole number" in problems[0].message
    assert "columns" in problems[1].message
    assert "genotype '0/x'" in problems[2].message


@pytest.mark.parametrize("columns", range(1, 10))
def test_a_line_cut_short_anywhere_is_a_problem_not_a_crash(
    triage: Triage, write_vcf: WriteVcf, columns: int
) -> None:
    """htslib crashes the process when a record without REF or samples is read field by field:
    every truncation must come back as a numbered problem instead (a web upload runs in-process)."""
    good = record(vep("DOM", "missense_variant"))
    cut = "\t".join(good.split("\t")[:columns])
    path = write_vcf([good, cut, good.replace("\t100\t", "\t200\t")])
    with pytest.raises(ProblemsError) as raised:
        triage.read(path)
    assert len(raised.value.problems) == 1
    assert raised.value.problems[0].location.endswith(
        f"line {sum(1 for line in path.read_text().splitlines() if line.startswith('#')) + 2}"
    )


def test_a_header_line_after_the_records_is_a_problem(triage: Triage, write_vcf: WriteVcf) -> None:
    good = record(vep("DOM", "missense_variant"))
    path = write_vcf([good, "##comment=written after the records"])
    with pytest.raises(ProblemsError, match="too few columns"):
        triage.read(path)


def test_a_csq_entry_with_the_wrong_field_count_is_a_problem(
    triage: Triage, write_vcf: WriteVcf
) -> None:
    path = write_vcf([record("CSQ=T|missense_variant|HIGH|DOM")])
    with pytest.raises(ProblemsError, match="entry has 4 fields where the header lists 11"):
        triage.read(path)


def test_several_samples_need_a_proband(triage: Triage, write_vcf: WriteVcf) -> None:
    path = write_vcf([record(vep("DOM", "missense_variant"), "0/1", "0/0")], samples=("A", "B"))
    with pytest.raises(InputError, match="give --proband ID"):
        triage.read(path)
    assert triage.read(path, proband="B").counts["genotype"] == [0, 1, 0]
    with pytest.raises(InputError, match="no sample 'C'"):
        triage.read(path, proband="C")


def test_ped_members_must_be_in_the_vcf(
    triage: Triage, write_vcf: WriteVcf, trio: Pedigree
) -> None:
    path = write_vcf([record(vep("DOM", "missense_variant"), "0/1", "0/0")], samples=("KID", "DAD"))
    with pytest.raises(InputError, match="no column for MUM"):
        triage.read(path, trio)


def test_ped_problems_are_collected() -> None:
    with pytest.raises(ProblemsError) as raised:
        Pedigree.from_ped("f KID DAD MUM 3 2\nf DAD 0 0\n")
    assert [p.location for p in raised.value.problems] == ["PED line 1", "PED line 2"]


def test_ped_finds_the_proband(trio: Pedigree) -> None:
    assert (trio.proband.id, trio.father and trio.father.id, trio.mother and trio.mother.id) == (
        "KID",
        "DAD",
        "MUM",
    )
    assert trio.is_trio
    assert trio.proband.affected
    assert trio.father
    assert trio.father.affected is False


def test_not_a_vcf_is_refused(triage: Triage, tmp_path: Path) -> None:
    path = tmp_path / "notes.vcf"
    path.write_text("hello\n")
    with pytest.raises(InputError, match="cannot be opened as VCF or BCF"):
        triage.read(path)


def test_assembly_from_the_header_or_given(triage: Triage, tmp_path: Path) -> None:
    text = (
        "##fileformat=VCFv4.2\n##contig=<ID=1,length=249250621>\n"
        '##INFO=<ID=CSQ,Number=.,Type=String,Description="VEP. Format: Allele|Consequence|SYMBOL">\n'
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n"
    )
    path = tmp_path / "b37.vcf"
    path.write_text(text)
    assert triage.read(path).header.assembly == "GRCh37"
    unnamed = tmp_path / "unnamed.vcf"
    unnamed.write_text(text.replace(",length=249250621", ""))
    found = triage.read(unnamed)
    assert found.header.assembly == "unknown"
    assert "--assembly" in found.notices[0]
    assert triage.read(unnamed, assembly="GRCh38").header.assembly == "GRCh38"


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=DAMAGE)
def test_a_damaged_file_is_read_or_refused_never_a_crash(
    triage: Triage, tmp_path: Path, edits: Edits
) -> None:
    """Random damage to the body of a real trio file: the reader returns, or raises the errors a
    person can act on (a crash here would take a web server down with it)."""
    path = tmp_path / "damaged.vcf"
    path.write_bytes(damaged(edits))
    with contextlib.suppress(InputError, ProblemsError):
        triage.read(path, proband="KID")


def test_an_undeclared_contig_with_a_sample_missing_is_a_problem(
    triage: Triage, tmp_path: Path
) -> None:
    """Found by fuzzing: htslib invents the contig, and reading the short sample list of such a
    line crashed the process."""
    text = TRIO_VCF.read_text().replace("##contig=<ID=chr19>\n", "")
    last = text.rstrip("\n").rsplit("\n", 1)[1]
    text = text.replace(last, "\t".join([*last.split("\t")[:-2], "0/1:99:44", "0//0:99:42"]))
    path = tmp_path / "short.vcf"
    path.write_text(text)
    with pytest.raises(ProblemsError) as raised:
        triage.read(path, proband="KID")
    assert any("'chr19' is not declared" in p.message for p in raised.value.problems)


def test_a_quality_declared_as_text_is_left_out_with_a_notice(
    triage: Triage, tmp_path: Path
) -> None:
    """Found by fuzzing: htslib reads a FORMAT field of an unknown type as text, and reading those
    values as numbers gave a different quality on each run."""
    text = TRIO_VCF.read_text().replace(
        'Type=Integer,Description="Genotype quality"', 'Type=Inte6er,Description="Genotype quality"'
    )
    assert "Inte6er" in text
    path = tmp_path / "text-gq.vcf"
    path.write_text(text)
    found = triage.read(path, proband="KID")
    assert any("FORMAT/GQ is declared with Type=Inte6er" in n for n in found.notices)
    calls = [c for vs in found.by_gene.values() for v in vs for c in v.calls]
    assert calls
    assert all(c.quality is None for c in calls)
    assert all(c.depth is not None for c in calls)
