"""Write a synthetic exome-like VCF for the triage benchmark, and the causal variants of the cases.

Run: .venv/bin/python benchmarks/triage_vcf.py --variants 60000 --out var/bench/triage
Writes background.vcf (plain), background.vcf.gz (BGZF) and background.bcf; never into the repo.

How the background is made (nothing about a case is used):
- Genes: every gene of the HPO release's diseases (~5,100) plus synthetic non-disease genes
  (NDG00001…) up to 19,000 protein-coding genes; each gene gets a log-normal size weight
  (σ = 0.8), so ~27% of variants land in known disease genes, at the same rate per size as any
  other gene. Genes whose diseases are all X-linked sit on chrX; 4% of the rest too.
- Consequences (share of all sites, VEP SO terms): intron 34%, synonymous 21%, missense 22%,
  3' UTR 6%, 5' UTR 2%, up/downstream 6%, non-coding exon 4.6%, splice region 3%, in-frame indel
  0.6%, stop lost/start lost 0.08%, and null variants 0.32% (stop gained 0.1%, frameshift 0.12%,
  splice donor/acceptor 0.08%, start lost 0.02%) — about 190 putative loss-of-function sites.
- Frequencies per site (gnomAD exome AF, as carried by one person): missense and other coding
  88% common (5–95%), 6% 1–5%, 3.5% 0.1–1%, 1.8% under 0.1%, 0.7% absent; null variants are
  rarer (60/10/12/12/6%). That gives ~330 missense and ~35 null variants under 0.1% per exome,
  a quarter of them in disease genes: the rare damaging background a real exome carries.
- Genotypes: heterozygous or homozygous by Hardy–Weinberg given the AF (q/(2−q) homozygous).
- Quality: 4% of sites FILTER=LowQual; GQ 99 except 5% under 20; DP ~ 40 (3% under 10).
- Predictors: REVEL on every missense, drawn from Beta(1.2, 3) (mean 0.29, the spread of
  population missense); SpliceAI delta scores on splice-region, synonymous and intronic sites,
  0 for 97% and Beta(2, 3) for the rest. 1–4 transcript entries per site (the other transcripts
  intronic, downstream or NMD), as VEP writes them.
Causal variants (spiked per case): consequence from the case's HGVS (c. and p.), zygosity from
its allelic state, 85% absent from gnomAD and otherwise AF 1e-6–5e-5 (dominant) or 1e-6–1e-3
(recessive), REVEL from Beta(5, 1.5) (mean 0.77, the spread of pathogenic missense), good calls.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cyvcf2 import VCF, Writer

CSQ_FIELDS = (
    "Allele|Consequence|IMPACT|SYMBOL|Gene|Feature_type|Feature|BIOTYPE|HGVSc|HGVSp|CANONICAL|"
    "gnomADe_AF|gnomADg_AF|REVEL|SpliceAI_pred_DS_AG|SpliceAI_pred_DS_AL|SpliceAI_pred_DS_DG|"
    "SpliceAI_pred_DS_DL"
)
CHROMS = [str(c) for c in range(1, 23)]
CONSEQUENCE_MIX = (
    ("intron_variant", 0.34),
    ("synonymous_variant", 0.21),
    ("missense_variant", 0.22),
    ("3_prime_UTR_variant", 0.06),
    ("5_prime_UTR_variant", 0.02),
    ("upstream_gene_variant", 0.03),
    ("downstream_gene_variant", 0.03),
    ("non_coding_transcript_exon_variant", 0.046),
    ("splice_region_variant", 0.03),
    ("inframe_deletion", 0.004),
    ("inframe_insertion", 0.002),
    ("stop_lost", 0.0004),
    ("start_lost", 0.0002),
    ("stop_gained", 0.001),
    ("frameshift_variant", 0.0012),
    ("splice_donor_variant", 0.0004),
    ("splice_acceptor_variant", 0.0004),
)
NULL = {"stop_gained", "frameshift_variant", "splice_donor_variant", "splice_acceptor_variant",
        "start_lost", "transcript_ablation"}  # fmt: skip
IMPACT = {
    **dict.fromkeys(NULL | {"stop_lost"}, "HIGH"),
    **dict.fromkeys(
        ("missense_variant", "inframe_deletion", "inframe_insertion", "transcript_amplification"),
        "MODERATE",
    ),
    **dict.fromkeys(("synonymous_variant", "splice_region_variant"), "LOW"),
}
# (share, low AF, high AF); None = absent from gnomAD
AF_BANDS = ((0.88, 0.05, 0.95), (0.06, 0.01, 0.05), (0.035, 0.001, 0.01), (0.018, 1e-6, 0.001),
            (0.007, None, None))  # fmt: skip
AF_BANDS_NULL = ((0.60, 0.05, 0.95), (0.10, 0.01, 0.05), (0.12, 0.001, 0.01), (0.12, 1e-6, 0.001),
                 (0.06, None, None))  # fmt: skip
BASES = "ACGT"


@dataclass(frozen=True)
class Site:
    chrom: str
    pos: int
    ref: str
    alt: str
    gene: str
    consequence: str
    af: float | None
    genotype: str
    gq: int
    dp: int
    filter: str
    revel: float | None
    spliceai: float | None
    hgvs_c: str
    hgvs_p: str
    extra_transcripts: int


def header(samples: list[str]) -> str:
    lines = [
        "##fileformat=VCFv4.2",
        "##reference=GRCh38",
        '##FILTER=<ID=LowQual,Description="Low quality">',
        f'##INFO=<ID=CSQ,Number=.,Type=String,Description="Consequence annotations from Ensembl VEP. Format: {CSQ_FIELDS}">',
        '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
        '##FORMAT=<ID=GQ,Number=1,Type=Integer,Description="Genotype quality">',
        '##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Read depth">',
    ]
    lines += [f"##contig=<ID=chr{c},assembly=GRCh38>" for c in [*CHROMS, "X"]]
    lines.append("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t" + "\t".join(samples))
    return "\n".join(lines) + "\n"


def _af(
    rng: random.Random, bands: tuple[tuple[float, float | None, float | None], ...]
) -> float | None:
    roll = rng.random()
    for share, low, high in bands:
        if roll < share:
            if low is None or high is None:
                return None
            return float(f"{10 ** rng.uniform(_log(low), _log(high)):.3g}")
        roll -= share
    return None


def _log(x: float) -> float:
    import math

    return math.log10(x)


def _genotype(rng: random.Random, af: float | None, on_x_male: bool = False) -> str:
    q = af or 0.0
    hom = q / (2 - q) if q else 0.0
    return "1/1" if rng.random() < hom else "0/1"


def _alleles(rng: random.Random, consequence: str) -> tuple[str, str]:
    ref = rng.choice(BASES)
    if consequence == "frameshift_variant":
        return (
            (ref + rng.choice(BASES), ref) if rng.random() < 0.6 else (ref, ref + rng.choice(BASES))
        )
    if consequence == "inframe_deletion":
        return ref + "".join(rng.choice(BASES) for _ in range(3)), ref
    if consequence == "inframe_insertion":
        return ref, ref + "".join(rng.choice(BASES) for _ in range(3))
    return ref, rng.choice([b for b in BASES if b != ref])


def _escape(text: str) -> str:
    """VEP's escaping of characters that INFO values cannot hold."""
    return (
        text.replace("%", "%25")
        .replace(";", "%3B")
        .replace("=", "%3D")
        .replace(",", "%2C")
        .replace(" ", "%20")
    )


def csq(site: Site) -> str:
    """The CSQ value: the canonical transcript with the site's consequence, then other transcripts."""
    ref, alt = site.ref, site.alt
    allele = alt[1:] or "-" if len(ref) != len(alt) and ref[0] == alt[0] else alt
    af = "" if site.af is None else f"{site.af:g}"
    revel = "" if site.revel is None else f"{site.revel:.3f}"
    splice = "" if site.spliceai is None else f"{site.spliceai:.2f}"
    impact = IMPACT.get(site.consequence, "MODIFIER")
    entries = [
        "|".join(
            (
                allele,
                site.consequence,
                impact,
                site.gene,
                f"ENSG{int(hashlib.sha256(site.gene.encode()).hexdigest(), 16) % 10**11:011d}",
                "Transcript",
                f"ENST{site.pos:011d}",
                "protein_coding",
                _escape(site.hgvs_c),
                _escape(site.hgvs_p),
                "YES",
                af,
                af,
                revel,
                splice,
                "0.00",
                "0.00",
                "0.00",
            )
        )
    ]
    others = ("intron_variant", "downstream_gene_variant", "intron_variant&NMD_transcript_variant")
    for index in range(site.extra_transcripts):
        entries.append(
            "|".join(
                (
                    allele,
                    others[index % 3],
                    "MODIFIER",
                    site.gene,
                    "",
                    "Transcript",
                    f"ENST{site.pos + index + 1:011d}",
                    "protein_coding",
                    "",
                    "",
                    "",
                    af,
                    af,
                    "",
                    "",
                    "",
                    "",
                    "",
                )
            )
        )
    return ",".join(entries)


def line(site: Site) -> str:
    fields = (f"chr{site.chrom}", str(site.pos), ".", site.ref, site.alt, "50", site.filter,
              f"CSQ={csq(site)}", "GT:GQ:DP", f"{site.genotype}:{site.gq}:{site.dp}")  # fmt: skip
    return "\t".join(fields)


def gene_universe(knowledge_genes: dict[str, bool], rng: random.Random, total: int = 19_000
                  ) -> tuple[list[str], list[float], dict[str, str]]:  # fmt: skip
    """(symbols, size weights, chromosome per gene): disease genes from the release, the rest synthetic."""
    symbols = sorted(knowledge_genes)
    symbols += [f"NDG{i:05d}" for i in range(1, max(total - len(symbols), 0) + 1)]
    weights = [rng.lognormvariate(0, 0.8) for _ in symbols]
    chroms = {}
    for symbol in symbols:
        if knowledge_genes.get(symbol, False) or rng.random() < 0.04:
            chroms[symbol] = "X"
        else:
            chroms[symbol] = CHROMS[int(hashlib.sha256(symbol.encode()).hexdigest(), 16) % 22]
    return symbols, weights, chroms


def background(count: int, knowledge_genes: dict[str, bool], seed: int = 7) -> Iterator[Site]:
    rng = random.Random(seed)
    symbols, weights, chroms = gene_universe(knowledge_genes, rng)
    terms = [c for c, _ in CONSEQUENCE_MIX]
    shares = [s for _, s in CONSEQUENCE_MIX]
    genes = rng.choices(symbols, weights=weights, k=count)
    consequences = rng.choices(terms, weights=shares, k=count)
    positions: dict[str, int] = {}
    for index, (gene, consequence) in enumerate(zip(genes, consequences, strict=True)):
        chrom = chroms[gene]
        base = positions.get(gene) or (
            int(hashlib.sha256(gene.encode()).hexdigest(), 16) % 200_000_000 + 1_000_000
        )
        pos = base + rng.randint(30, 3000)
        positions[gene] = pos
        af = _af(rng, AF_BANDS_NULL if consequence in NULL else AF_BANDS)
        ref, alt = _alleles(rng, consequence)
        revel = round(rng.betavariate(1.2, 3.0), 3) if consequence == "missense_variant" else None
        spliceai = None
        if consequence in {"splice_region_variant", "synonymous_variant", "intron_variant"}:
            spliceai = round(rng.betavariate(2, 3), 2) if rng.random() < 0.03 else 0.0
        yield Site(
            chrom=chrom, pos=pos, ref=ref, alt=alt, gene=gene, consequence=consequence, af=af,
            genotype=_genotype(rng, af), gq=rng.randint(5, 19) if rng.random() < 0.05 else 99,
            dp=rng.randint(3, 9) if rng.random() < 0.03 else max(10, int(rng.gauss(40, 10))),
            filter="LowQual" if rng.random() < 0.04 else "PASS", revel=revel, spliceai=spliceai,
            hgvs_c=f"c.{index % 3000 + 1}{ref[0]}>{alt[0]}" if consequence != "intron_variant" else "",
            hgvs_p="", extra_transcripts=rng.choice((0, 1, 1, 2, 2, 3)),
        )  # fmt: skip


# --- causal variants from HGVS --------------------------------------------------------------------

_MISSENSE = re.compile(r"^[A-Z][a-z]{2}\d+[A-Z][a-z]{2}$")
_INTRONIC = re.compile(r"^-?\*?\d+([+-])(\d+)")


def consequence_from_hgvs(hgvs: list[str], label: str = "", structural: str = "") -> str | None:
    """The SO consequence a case's variant implies, from its c. and p. HGVS (None: cannot tell)."""
    hgvs = [h.replace(" ", "") for h in hgvs]
    c = next((h.split(":c.", 1)[1] for h in hgvs if ":c." in h), "")
    p = next((h.split(":p.", 1)[1].strip("()") for h in hgvs if ":p." in h), "")
    n = next((h for h in hgvs if ":n." in h), "")
    if not hgvs:
        text = f"{label} {structural}".lower()
        if "upstream" in text:
            return "upstream_gene_variant"
        if "del" in text or "x1" in text or "x0" in text:
            return "transcript_ablation"
        if "dup" in text or "x3" in text:
            return "transcript_amplification"
        return None
    if p and p not in {"?", "="}:
        if "fs" in p:
            return "frameshift_variant"
        if p.startswith("Met1") or p == "0":
            return "start_lost"
        if "ext" in p or p.startswith(("Ter", "*")):
            return "stop_lost"
        if "Ter" in p or p.endswith("*"):
            return "stop_gained"
        if p.endswith("="):
            return "synonymous_variant"
        if "dup" in p or "ins" in p:
            return "inframe_insertion"
        if "del" in p:
            return "inframe_deletion"
        if _MISSENSE.match(p):
            return "missense_variant"
    if c:
        if c.startswith("-") and not _INTRONIC.match(c):
            return "5_prime_UTR_variant"
        if c.startswith("*") and not _INTRONIC.match(c):
            return "3_prime_UTR_variant"
        found = _INTRONIC.match(c)
        if found:
            offset = int(found.group(2))
            if offset <= 2:
                return (
                    "splice_donor_variant" if found.group(1) == "+" else "splice_acceptor_variant"
                )
            return "splice_region_variant" if offset <= 8 else "intron_variant"
        if c.startswith(("1A>", "2T>", "3G>")):
            return "start_lost"
        if "del" in c or "ins" in c or "dup" in c:
            span = re.match(r"^(\d+)(?:_(\d+))?(del|dup|ins)([ACGT]*)", c)
            if span:
                length = (int(span.group(2) or span.group(1)) - int(span.group(1)) + 1
                          if span.group(3) != "ins" else len(span.group(4)))  # fmt: skip
                return "inframe_deletion" if length and length % 3 == 0 else "frameshift_variant"
            return "frameshift_variant"
        if re.match(r"^\d+[ACGT]>[ACGT]$", c):
            return "missense_variant"
    if n:
        return "non_coding_transcript_exon_variant"
    return None


@dataclass(frozen=True)
class Spike:
    """One case ready to triage: its id, gene, terms and the causal lines to add."""

    case_id: str
    gene: str
    disease_id: str
    observed: list[str]
    excluded: list[str]
    sites: list[Site]


def spikes(
    cases_path: Path, chroms: dict[str, str], seed: int = 11
) -> tuple[list[Spike], dict[str, int]]:
    """The causal variants of every case that records one; counts of cases left out and why."""
    skipped = {"no variant in the case gene": 0, "consequence not derivable": 0}
    result = []
    with gzip.open(cases_path, "rt", encoding="utf-8") as handle:
        for row in map(json.loads, handle):
            rng = random.Random(f"{seed}:{row['id']}:{row['gene']}")
            variants = [v for v in row["variants"] if v.get("gene") == row["gene"]]
            if not variants:
                skipped["no variant in the case gene"] += 1
                continue
            recessive = (
                any(v.get("allelic_state") == "homozygous" for v in variants) or len(variants) > 1
            )
            sites = []
            for number, v in enumerate(variants[:2]):
                consequence = consequence_from_hgvs(
                    v.get("hgvs") or [], v.get("label", ""), v.get("structural_type", "")
                )
                if consequence is None:
                    break
                vcf = v.get("vcf") or {}
                chrom = str(vcf.get("chrom", "")).removeprefix("chr") or chroms.get(
                    row["gene"], "1"
                )
                pos = int(vcf.get("pos") or 50_000_000 + number)
                ref, alt = (
                    (vcf.get("ref"), vcf.get("alt"))
                    if vcf.get("ref")
                    else _alleles(rng, consequence)
                )
                state = v.get("allelic_state", "heterozygous")
                genotype = {"homozygous": "1/1", "hemizygous": "1/1"}.get(state, "0/1")
                af = None
                if rng.random() >= 0.85:
                    af = float(f"{10 ** rng.uniform(-6, -3 if recessive else _log(5e-5)):.2g}")
                hgvs = v.get("hgvs") or []
                sites.append(Site(
                    chrom=chrom, pos=pos, ref=ref, alt=alt, gene=row["gene"], consequence=consequence,
                    af=af, genotype=genotype, gq=99, dp=45, filter="PASS",
                    revel=round(rng.betavariate(5, 1.5), 3) if consequence == "missense_variant" else None,
                    spliceai=round(rng.betavariate(3, 2), 2) if consequence == "splice_region_variant" else None,
                    hgvs_c=next((h for h in hgvs if ":c." in h), ""), hgvs_p=next((h for h in hgvs if ":p." in h), ""),
                    extra_transcripts=1,
                ))  # fmt: skip
            else:
                if len(sites) == 2 and sites[0] == sites[1]:
                    sites = [sites[0]]
                result.append(Spike(row["id"], row["gene"], row["disease_id"], row["observed"],
                                    row["excluded"], sites))  # fmt: skip
                continue
            skipped["consequence not derivable"] += 1
    return result, skipped


def write_background(
    out: Path, count: int, knowledge_genes: dict[str, bool], seed: int = 7
) -> Path:
    """background.vcf, .vcf.gz (BGZF) and .bcf in `out`; returns the plain VCF."""
    out.mkdir(parents=True, exist_ok=True)
    sites = sorted(background(count, knowledge_genes, seed), key=lambda s: (s.chrom, s.pos))
    plain = out / "background.vcf"
    with plain.open("w", encoding="utf-8") as handle:
        handle.write(header(["PROBAND"]))
        for site in sites:
            handle.write(line(site) + "\n")
    for suffix, mode in ((".vcf.gz", "wz"), (".bcf", "wb")):
        template = VCF(str(plain))
        writer = Writer(str(out / f"background{suffix}"), template, mode=mode)
        for record in template:
            writer.write_record(record)
        writer.close()
        template.close()
    return plain


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--variants", type=int, default=60_000)
    parser.add_argument("--out", type=Path, default=Path("var/bench/triage"))
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    from rarelight.genomics import GeneKnowledge, Mode
    from rarelight.phenotype import load_release

    release = load_release(cache_dir=Path("var/cache"))
    knowledge = GeneKnowledge.from_release(release)
    x_only = {s: bool(g.modes) and g.modes <= {Mode.X_LINKED} for s, g in knowledge.genes.items()}
    path = write_background(args.out, args.variants, x_only, args.seed)
    print(f"wrote {path} (+ .vcf.gz, .bcf) with {args.variants} variants")


if __name__ == "__main__":
    main()
