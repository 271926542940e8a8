"""Values of the HPO release: terms, disease annotations and gene associations."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from typing import NamedTuple

# HPO frequency terms, mapped to the midpoint of the range the HPO gives for each.
FREQUENCY_TERMS: dict[str, tuple[str, float]] = {
    "HP:0040280": ("Obligate", 1.0),  # Obligate (100%)
    "HP:0040281": ("Very frequent", 0.895),  # Very frequent (80-99%)
    "HP:0040282": ("Frequent", 0.545),  # Frequent (30-79%)
    "HP:0040283": ("Occasional", 0.17),  # Occasional (5-29%)
    "HP:0040284": ("Very rare", 0.025),  # Very rare (1-4%)
    "HP:0040285": ("Excluded", 0.0),  # Excluded (0%)
}


@dataclass(frozen=True, slots=True)
class HpoTerm:
    """One HPO term: id (CURIE), label, definition, synonyms and direct parents."""

    id: str
    label: str
    definition: str = ""
    synonyms: tuple[str, ...] = ()
    layperson_synonyms: tuple[str, ...] = ()
    parents: tuple[str, ...] = ()
    alt_ids: tuple[str, ...] = ()
    obsolete: bool = False
    replaced_by: str | None = None
    consider: tuple[str, ...] = ()


class Frequency(NamedTuple):
    """How often a feature occurs in a disease, as annotated (n/m, %, or an HPO frequency term).

    Annotation values are NamedTuples: a release holds ~270,000 and they unpickle fast.
    """

    text: str
    value: float | None

    @classmethod
    def parse(cls, raw: str) -> Frequency | None:
        """Read the frequency column of phenotype.hpoa; empty means unknown."""
        raw = raw.strip()
        if not raw:
            return None
        if raw in FREQUENCY_TERMS:
            label, value = FREQUENCY_TERMS[raw]
            return cls(label, value)
        try:
            if raw.endswith("%"):
                share = float(raw[:-1]) / 100
                return cls(raw, share if 0.0 <= share <= 1.0 else None)
            num, slash, den = raw.partition("/")
            if slash and int(den) > 0 and 0 <= int(num) <= int(den):
                return cls(raw, float(Fraction(int(num), int(den))))
        except ValueError:
            pass  # an unreadable frequency is kept as text, with no value
        return cls(raw, None)


class Annotation(NamedTuple):
    """One row of phenotype.hpoa: a disease has (or, negated, lacks) a feature."""

    hpo_id: str
    negated: bool = False
    frequency: Frequency | None = None
    onset: str | None = None
    sex: str | None = None
    modifiers: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    evidence: str = ""
    aspect: str = "P"


class GeneAssociation(NamedTuple):
    """A gene linked to a disease in genes_to_phenotype.txt."""

    symbol: str
    ncbi_gene_id: str


# One phenotype.hpoa row as plain values: (hpo_id, negated, (frequency text, value) or None, onset,
# sex, modifiers, references, evidence, aspect). Kept raw so a release loads from cache in a blink.
AnnotationRow = tuple[
    str,
    bool,
    "tuple[str, float | None] | None",
    "str | None",
    "str | None",
    tuple[str, ...],
    tuple[str, ...],
    str,
    str,
]


@dataclass(frozen=True)
class AnnotatedDisease:
    """A disease as the HPO annotations describe it: id, name, genes and annotated features."""

    id: str
    name: str
    genes: tuple[GeneAssociation, ...] = ()
    rows: tuple[AnnotationRow, ...] = field(default=(), repr=False, compare=False)

    @property
    def database(self) -> str:
        """The prefix of the id: OMIM, ORPHA or DECIPHER."""
        return self.id.split(":", 1)[0]

    @cached_property
    def annotations(self) -> tuple[Annotation, ...]:
        """The annotation rows as values, built on first use."""
        return tuple(
            Annotation(row[0], row[1], Frequency(*row[2]) if row[2] else None, *row[3:])
            for row in self.rows
        )
