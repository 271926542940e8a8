"""What the HPO release says about each gene: its diseases, their modes of inheritance, and
whether loss of function is the known mechanism (which PVS1 needs). Built once, passed in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rarelight.phenotype import HpoRelease

from ._model import Mode

# Mode-of-inheritance terms (aspect I of phenotype.hpoa) → the modes the triage checks.
MODE_TERMS: dict[str, tuple[Mode, ...]] = {
    "HP:0000006": (Mode.AUTOSOMAL_DOMINANT,),  # Autosomal dominant inheritance
    "HP:0000007": (Mode.AUTOSOMAL_RECESSIVE,),  # Autosomal recessive inheritance
    "HP:0032113": (Mode.AUTOSOMAL_DOMINANT, Mode.AUTOSOMAL_RECESSIVE),  # Semidominant inheritance
    "HP:0001417": (Mode.X_LINKED,),  # X-linked inheritance
    "HP:0001419": (Mode.X_LINKED,),  # X-linked recessive inheritance
    "HP:0001423": (Mode.X_LINKED,),  # X-linked dominant inheritance
    "HP:0003745": (Mode.AUTOSOMAL_DOMINANT,),  # Sporadic (de novo, heterozygous)
    "HP:0001444": (Mode.AUTOSOMAL_DOMINANT,),  # Autosomal dominant somatic cell mutation
}

# Genes where heterozygous loss of function is the established mechanism of disease, each with the
# evidence. Extend with `GeneKnowledge.from_release(..., lof_genes=...)`; recessive-only genes need
# no entry (biallelic loss of function is the expected mechanism of recessive disease).
LOF_GENES: dict[str, str] = {
    "KMT2B": (
        "haploinsufficiency: null variants throughout KMT2B cause DYT-KMT2B "
        "(Zech et al. 2016, PMID:27839873; Meyer et al. 2017, PMID:27992417)"
    ),
}


@dataclass(frozen=True, slots=True)
class GeneDisease:
    """A disease linked to a gene in the HPO release, with its annotated modes of inheritance."""

    disease_id: str
    name: str
    modes: tuple[Mode, ...]


@dataclass(frozen=True)
class GeneInfo:
    """A gene's diseases and modes; `lof_mechanism` is the evidence that null variants cause
    disease (None: not established here, so PVS1 is not applied)."""

    symbol: str
    diseases: tuple[GeneDisease, ...]
    lof_mechanism: str | None = None

    @property
    def modes(self) -> frozenset[Mode]:
        return frozenset(m for d in self.diseases for m in d.modes)


class GeneKnowledge:
    """Gene symbol → GeneInfo; build once per HPO release (`from_release`) and pass it in."""

    def __init__(self, genes: Iterable[GeneInfo], release_name: str = "") -> None:
        self.genes: dict[str, GeneInfo] = {g.symbol: g for g in genes}
        self.release_name = release_name

    def get(self, symbol: str) -> GeneInfo | None:
        return self.genes.get(symbol)

    def __contains__(self, symbol: object) -> bool:
        return symbol in self.genes

    def __len__(self) -> int:
        return len(self.genes)

    @classmethod
    def from_release(
        cls, release: HpoRelease, lof_genes: Mapping[str, str] | None = None
    ) -> GeneKnowledge:
        """Every gene of genes_to_phenotype.txt with its OMIM and ORPHA diseases (sorted by id)."""
        lof = dict(LOF_GENES)
        lof.update(lof_genes or {})
        diseases: dict[str, list[GeneDisease]] = {}
        for disease in release.diseases:
            if disease.database not in {"OMIM", "ORPHA"} or not disease.genes:
                continue
            modes = tuple(
                dict.fromkeys(
                    m
                    for a in disease.annotations
                    if a.aspect == "I" and not a.negated
                    for m in MODE_TERMS.get(a.hpo_id, ())
                )
            )
            for gene in disease.genes:
                diseases.setdefault(gene.symbol, []).append(
                    GeneDisease(disease.id, disease.name, modes)
                )
        genes = []
        for symbol, found in diseases.items():
            found.sort(key=lambda d: d.disease_id)
            info = GeneInfo(symbol, tuple(found))
            mechanism = lof.get(symbol)
            if mechanism is None and info.modes == {Mode.AUTOSOMAL_RECESSIVE}:
                mechanism = (
                    "every disease of the gene is autosomal recessive: biallelic loss of "
                    "function is the expected mechanism"
                )
            genes.append(GeneInfo(symbol, info.diseases, mechanism))
        return cls(genes, release.name)
