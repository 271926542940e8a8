"""Hand-made annotated VCFs for the genomics tests, written into each test's tmp folder."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from cyvcf2 import VCF, Writer
from hypothesis import strategies as st

from rarelight.genomics import (
    GeneDisease,
    GeneInfo,
    GeneKnowledge,
    Mode,
    Pedigree,
    Triage,
)
from rarelight.phenotype import HpoRelease, PhenotypeRanker

VEP_FIELDS = "Allele|Consequence|IMPACT|SYMBOL|Feature|HGVSc|HGVSp|gnomADe_AF|REVEL|CADD_PHRED|SpliceAI_pred_DS_AG"
SNPEFF_FIELDS = (
    "Allele | Annotation | Annotation_Impact | Gene_Name | Gene_ID | Feature_Type | Feature_ID | "
    "Transcript_BioType | Rank | HGVS.c | HGVS.p | cDNA.pos / cDNA.length | CDS.pos / CDS.length | "
    "AA.pos / AA.length | Distance | ERRORS / WARNINGS / INFO"
)


def header(samples: Sequence[str], annotation: str = "vep", quality: bool = True) -> str:
    lines = [
        "##fileformat=VCFv4.2",
        "##reference=GRCh38",
        '##FILTER=<ID=LowQual,Description="low">',
    ]
    lines += [f"##contig=<ID={c}>" for c in ("1", "2", "X")]
    if annotation == "vep":
        lines.append(
            f'##INFO=<ID=CSQ,Number=.,Type=String,Description="Consequence annotations from Ensembl VEP. Format: {VEP_FIELDS}">'
        )
    elif annotation == "snpeff":
        lines.append(
            f"##INFO=<ID=ANN,Number=.,Type=String,Description=\"Functional annotations: '{SNPEFF_FIELDS}' \">"
        )
        lines.append('##INFO=<ID=gnomAD_AF,Number=A,Type=Float,Description="gnomAD AF">')
    lines.append('##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">')
    if quality:
        lines.append('##FORMAT=<ID=GQ,Number=1,Type=Integer,Description="GQ">')
        lines.append('##FORMAT=<ID=DP,Number=1,Type=Integer,Description="DP">')
    lines.append("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t" + "\t".join(samples))
    return "\n".join(lines) + "\n"


def vep(gene: str, consequence: str, af: str = "", revel: str = "", spliceai: str = "",
        hgvs_p: str = "", alt: str = "T") -> str:  # fmt: skip
    """A one-transcript CSQ value."""
    return f"CSQ={alt}|{consequence}|HIGH|{gene}|ENST01|c.1A>T|{hgvs_p}|{af}|{revel}||{spliceai}"


def record(info: str, *calls: str, chrom: str = "1", pos: int = 100, ref: str = "A",
           alt: str = "T", filter: str = "PASS", quality: bool = True) -> str:  # fmt: skip
    """One VCF line; each call is 'GT' or 'GT:GQ:DP' (default quality 99, depth 40)."""
    cells = [c if ":" in c or not quality else f"{c}:99:40" for c in calls or ("0/1",)]
    fmt = "GT:GQ:DP" if quality else "GT"
    return "\t".join((chrom, str(pos), ".", ref, alt, "50", filter, info, fmt, *cells))


WriteVcf = Callable[..., Path]


@pytest.fixture
def write_vcf(tmp_path: Path) -> WriteVcf:
    """write_vcf(lines, samples=("S1",), annotation="vep", name="x.vcf", quality=True) → path.

    A name ending .vcf.gz or .bcf is converted with cyvcf2's writer (BGZF or BCF).
    """

    def write(lines: Sequence[str], samples: Sequence[str] = ("S1",), annotation: str = "vep",
              name: str = "x.vcf", quality: bool = True) -> Path:  # fmt: skip
        plain = tmp_path / "plain.vcf"
        plain.write_text(header(samples, annotation, quality) + "".join(f"{x}\n" for x in lines))
        if name.endswith(".vcf"):
            target = tmp_path / name
            plain.replace(target)
            return target
        target = tmp_path / name
        template = VCF(str(plain))
        writer = Writer(str(target), template, mode="wb" if name.endswith(".bcf") else "wz")
        for variant in template:
            writer.write_record(variant)
        writer.close()
        template.close()
        return target

    return write


def gene(symbol: str, *modes: Mode, lof: str | None = None) -> GeneInfo:
    return GeneInfo(
        symbol, (GeneDisease(f"OMIM:9{len(symbol)}0000", f"{symbol} disease", modes),), lof
    )


@pytest.fixture(scope="session")
def toy_ranker(toy_release: HpoRelease) -> PhenotypeRanker:
    return PhenotypeRanker(toy_release)


@pytest.fixture
def knowledge() -> GeneKnowledge:
    """Invented genes, one per mode; only TOYG1/TOYG2 have diseases the toy ranker knows."""
    return GeneKnowledge(
        [
            gene("DOM", Mode.AUTOSOMAL_DOMINANT),
            gene("REC", Mode.AUTOSOMAL_RECESSIVE),
            gene("XLG", Mode.X_LINKED),
            gene("LOFG", Mode.AUTOSOMAL_DOMINANT, lof="haploinsufficiency (test)"),
        ],
        "toy",
    )


@pytest.fixture
def triage(toy_ranker: PhenotypeRanker, knowledge: GeneKnowledge) -> Triage:
    return Triage(toy_ranker, knowledge)


TRIO_PED = "fam\tKID\tDAD\tMUM\t1\t2\nfam\tDAD\t0\t0\t1\t1\nfam\tMUM\t0\t0\t2\t1\n"


@pytest.fixture
def trio() -> Pedigree:
    return Pedigree.from_ped(TRIO_PED)


TRIO_VCF = Path(__file__).parents[2] / "data" / "vcf" / "kmt2b-trio.vcf"
_NOISE = st.sampled_from(list(b"\t\n.:|,;=&ACGTN0123456789#/"))
Edits = list[tuple[float, int, list[int]]]
# Up to 12 random edits (replace a byte, delete a few, insert noise) in the body of a file.
DAMAGE = st.lists(
    st.tuples(st.floats(0.3, 1.0), st.integers(0, 2), st.lists(_NOISE, max_size=6)),
    min_size=1,
    max_size=12,
)


def damaged(edits: Edits, source: Path = TRIO_VCF) -> bytes:
    """The bytes of `source` with the edits drawn from DAMAGE applied in order."""
    data = bytearray(source.read_bytes())
    for where, kind, noise in edits:
        at = min(int(where * len(data)), len(data) - 1)
        if kind == 0:
            data[at : at + 1] = bytes(noise[:1] or [ord(".")])
        elif kind == 1:
            del data[at : at + len(noise) + 1]
        else:
            data[at:at] = bytes(noise)
    return bytes(data)
