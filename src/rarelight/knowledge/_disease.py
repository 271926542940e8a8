"""A catalogue entry: one disease, hand-curated or generated from the HPO annotations."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rarelight.errors import InputError
from rarelight.phenotype import AnnotatedDisease, Annotation, GeneAssociation, Ontology

from ._schema import DiseaseProfile

_ID = re.compile(r"^\s*(OMIM|MIM|ORPHA|ORPHANET|DECIPHER)\s*:\s*(\d+)\s*$", re.IGNORECASE)
_PREFIX = {
    "OMIM": "OMIM",
    "MIM": "OMIM",
    "ORPHA": "ORPHA",
    "ORPHANET": "ORPHA",
    "DECIPHER": "DECIPHER",
}


def normalise_disease_id(text: str) -> str:
    """'omim:617284', 'MIM:617284', 'Orphanet:589618' → the CURIE the catalogue uses.

    Raises InputError naming the accepted forms for anything else (e.g. an HPO term id).
    """
    match = _ID.match(text)
    if not match:
        raise InputError(
            f"{text.strip()!r} is not a disease id; expected OMIM:<number>, ORPHA:<number> "
            "or DECIPHER:<number>, e.g. OMIM:617284"
        )
    return f"{_PREFIX[match.group(1).upper()]}:{int(match.group(2))}"


@dataclass(frozen=True, slots=True)
class DiseaseFeature:
    """A phenotypic feature of a disease as annotated in the HPO release, with its label."""

    hpo_id: str
    label: str
    frequency: str | None
    frequency_value: float | None
    excluded: bool
    onset: str | None
    references: tuple[str, ...]


@dataclass(frozen=True)
class Disease:
    """One disease in the catalogue: its ids, names, genes, annotations and curated profile if any."""

    id: str
    name: str
    ids: tuple[str, ...]
    synonyms: tuple[str, ...]
    genes: tuple[GeneAssociation, ...]
    annotated: tuple[AnnotatedDisease, ...]
    profile: DiseaseProfile | None = None

    @property
    def curated(self) -> bool:
        """True for a hand-curated profile, False for a page generated from the HPO annotations."""
        return self.profile is not None

    @property
    def gene_symbols(self) -> tuple[str, ...]:
        return tuple(gene.symbol for gene in self.genes)

    def annotations(self, aspect: str = "P") -> list[Annotation]:
        """Annotations of one aspect (P phenotype, I inheritance, C onset, M modifier) over all ids."""
        return [a for d in self.annotated for a in d.annotations if a.aspect == aspect]

    def features(self, ontology: Ontology) -> list[DiseaseFeature]:
        """Phenotypic features, most frequent first, each HPO term once (the first annotation wins)."""
        seen: dict[str, DiseaseFeature] = {}
        for a in self.annotations("P"):
            if a.hpo_id not in seen:
                seen[a.hpo_id] = DiseaseFeature(
                    hpo_id=a.hpo_id,
                    label=ontology.label(a.hpo_id),
                    frequency=a.frequency.text if a.frequency else None,
                    frequency_value=a.frequency.value if a.frequency else None,
                    excluded=a.negated,
                    onset=ontology.label(a.onset) if a.onset else None,
                    references=a.references,
                )
        return sorted(
            seen.values(),
            key=lambda f: (
                f.excluded,
                -(f.frequency_value if f.frequency_value is not None else -1),
                f.label,
            ),
        )

    def labelled(self, aspect: str, ontology: Ontology) -> list[str]:
        """Labels of the distinct terms of one aspect, e.g. the modes of inheritance."""
        return list(dict.fromkeys(ontology.label(a.hpo_id) for a in self.annotations(aspect)))
