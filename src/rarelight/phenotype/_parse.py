"""Readers for the raw HPO release files: hp.obo, phenotype.hpoa and genes_to_phenotype.txt."""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import fastobo

from ._model import AnnotatedDisease, AnnotationRow, Frequency, GeneAssociation, HpoTerm


def read_obo(path: Path) -> tuple[str, list[HpoTerm]]:
    """Parse hp.obo into its data-version (e.g. '2025-01-16') and its terms."""
    doc = fastobo.load(str(path))
    version = ""
    for clause in doc.header:
        if clause.raw_tag() == "data-version":
            version = clause.raw_value().rsplit("/", 1)[-1]
    terms = [_term(frame) for frame in doc if str(frame.id).startswith("HP:")]
    return version, terms


def _term(frame: fastobo.term.TermFrame) -> HpoTerm:
    label = definition = ""
    synonyms: list[str] = []
    layperson: list[str] = []
    parents: list[str] = []
    alt_ids: list[str] = []
    consider: list[str] = []
    obsolete = False
    replaced_by: str | None = None
    for clause in frame:
        tag = clause.raw_tag()
        if tag == "name":
            label = clause.name
        elif tag == "def":
            definition = str(clause.definition)
        elif tag == "synonym":
            synonym = clause.synonym
            text = str(synonym.desc)
            if synonym.type is not None and str(synonym.type) == "layperson":
                layperson.append(text)
            else:
                synonyms.append(text)
        elif tag == "is_a":
            parents.append(str(clause.term))
        elif tag == "alt_id":
            alt_ids.append(str(clause.alt_id))
        elif tag == "is_obsolete":
            obsolete = clause.raw_value() == "true"
        elif tag == "replaced_by":
            replaced_by = str(clause.term)
        elif tag == "consider":
            consider.append(str(clause.term))
    if obsolete and label.startswith("obsolete "):
        label = label.removeprefix("obsolete ")
    return HpoTerm(
        id=str(frame.id),
        label=label,
        definition=definition,
        synonyms=tuple(synonyms),
        layperson_synonyms=tuple(layperson),
        parents=tuple(parents),
        alt_ids=tuple(alt_ids),
        obsolete=obsolete,
        replaced_by=replaced_by,
        consider=tuple(consider),
    )


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        yield from csv.DictReader(lines, delimiter="\t")


def _split(value: str) -> tuple[str, ...]:
    return tuple(part for part in value.split(";") if part)


def read_annotations(
    hpoa: Path, genes_to_phenotype: Path | None
) -> tuple[str, list[AnnotatedDisease]]:
    """Parse phenotype.hpoa (and gene links when present) into diseases, keeping file order."""
    version = ""
    with hpoa.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.startswith("#"):
                break
            if line.startswith("#version:"):
                version = line.split(":", 1)[1].strip()
    names: dict[str, str] = {}
    rows: dict[str, list[AnnotationRow]] = defaultdict(list)
    for row in _rows(hpoa):
        disease_id = row["database_id"]
        names.setdefault(disease_id, row["disease_name"])
        frequency = Frequency.parse(row["frequency"])
        rows[disease_id].append(
            (
                row["hpo_id"],
                row["qualifier"] == "NOT",
                (frequency.text, frequency.value) if frequency else None,
                row["onset"] or None,
                row["sex"].lower() or None,
                _split(row["modifier"]),
                _split(row["reference"]),
                row["evidence"],
                row["aspect"],
            )
        )
    genes: dict[str, dict[str, GeneAssociation]] = defaultdict(dict)
    if genes_to_phenotype is not None and genes_to_phenotype.exists():
        for row in _rows(genes_to_phenotype):
            symbol = row["gene_symbol"]
            genes[row["disease_id"]].setdefault(
                symbol,
                GeneAssociation(symbol=symbol, ncbi_gene_id=f"NCBIGene:{row['ncbi_gene_id']}"),
            )
    diseases = [
        AnnotatedDisease(
            id=disease_id,
            name=name,
            genes=tuple(sorted(genes[disease_id].values(), key=lambda g: g.symbol)),
            rows=tuple(rows[disease_id]),
        )
        for disease_id, name in names.items()
    ]
    return version, diseases
