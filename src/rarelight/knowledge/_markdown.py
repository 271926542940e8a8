"""A disease as Markdown: what `rarelight disease show --format markdown` prints and text mode renders."""

from __future__ import annotations

from collections.abc import Sequence

from rarelight.phenotype import Ontology

from ._disease import Disease
from ._schema import DiseaseProfile

NOT_A_DIAGNOSIS = (
    "This is information, not a diagnosis or medical advice. Talk to a clinician — ideally a "
    "clinical geneticist — about any question it raises."
)


def render_markdown(disease: Disease, ontology: Ontology, release_name: str) -> str:
    """The curated profile with numbered citations, or the generated page from the HPO annotations."""
    if disease.profile is not None:
        return _profile(disease.profile, release_name)
    return _generated(disease, ontology, release_name)


def _cite(numbers: dict[str, int], sources: Sequence[str]) -> str:
    return "[" + ",".join(str(numbers[s]) for s in sources) + "]"


def _profile(p: DiseaseProfile, release_name: str) -> str:
    n = p.citation_numbers()
    ids = ", ".join([*p.identifiers.omim, *p.identifiers.orpha])
    out = [
        f"# {p.names.preferred}",
        "",
        f"*Also called:* {', '.join(p.names.synonyms)}  ",
        f"*Ids:* {ids} · *Gene:* {p.gene.symbol} ({p.gene.hgnc}, {p.gene.band}) {_cite(n, p.gene.sources)}",
        "",
        f"{p.overview.text} {_cite(n, p.overview.sources)}",
        "",
        "## At a glance",
        "",
        "| Category | Details |",
        "|---|---|",
        *(f"| {r.category} | {r.details} {_cite(n, r.sources)} |" for r in p.summary_table),
        "",
        "## How it is inherited",
        "",
        f"{p.inheritance.text} {_cite(n, p.inheritance.sources)}",
        "",
        "## How rare it is",
        "",
        *(f"- {c.description} {_cite(n, c.sources)}" for c in p.counts),
        "",
        "## When it starts and how it changes",
        "",
        f"{p.onset.text} {_cite(n, p.onset.sources)}",
        "",
        f"{p.progression.text} {_cite(n, p.progression.sources)}",
        "",
        "## Features",
        "",
        "| Feature | In plain words | HPO | How often |",
        "|---|---|---|---|",
        *(
            f"| {f.name} | {f.description} {_cite(n, f.sources)} | {f.hpo_id} | {f.frequency or '—'} |"
            for f in p.features
        ),
        "",
        "## How it is diagnosed",
        "",
        *(f"- **{t.name}**: {t.finds} {_cite(n, t.sources)}" for t in p.diagnosis),
        "",
        "## Treatments",
        "",
        *(
            f"- **{t.name}**: {t.description}"
            + (f" Response: {t.response}." if t.response else "")
            + f" Evidence: {t.evidence}. {_cite(n, t.sources)}"
            for t in p.treatments
        ),
        "",
        "## The care team",
        "",
        *(f"- **{r.title}**: {r.does} When: {r.when} {_cite(n, r.sources)}" for r in p.care_team),
    ]
    if p.tips:
        out += [
            "",
            "## Tips from experience",
            "",
            *(f"- {t.text} {_cite(n, t.sources)}" for t in p.tips),
        ]
    if p.questions:
        out += [
            "",
            "## Questions to ask your doctor",
            "",
            *(f"- {q.text} {_cite(n, q.sources)}" for q in p.questions),
        ]
    out += ["", "## Sources", ""]
    for source_id, number in n.items():
        source = p.source(source_id)
        out.append(f"{number}. {source.citation}" + (f" <{source.link}>" if source.link else ""))
    out += [
        "",
        f"*Last reviewed {p.last_reviewed.isoformat()}. Features checked against {release_name}.*",
        "",
        f"> {NOT_A_DIAGNOSIS}",
        "",
    ]
    return "\n".join(out)


def _generated(d: Disease, ontology: Ontology, release_name: str) -> str:
    features = d.features(ontology)
    out = [
        f"# {d.name}",
        "",
        f"*Ids:* {', '.join(d.ids)}"
        + (f" · *Genes:* {', '.join(d.gene_symbols)}" if d.genes else ""),
        "",
        f"Generated from the {release_name} annotations; not hand-curated.",
        "",
    ]
    for title, aspect in (("Inheritance", "I"), ("Onset", "C")):
        labels = d.labelled(aspect, ontology)
        if labels:
            out += [f"**{title}:** {', '.join(labels)}", ""]
    out += ["## Annotated features", ""]
    if features:
        out += ["| Feature | HPO | How often |", "|---|---|---|"]
        out += [
            f"| {'NOT ' if f.excluded else ''}{f.label} | {f.hpo_id} | {f.frequency or '—'} |"
            for f in features
        ]
    else:
        out.append("No phenotypic features are annotated.")
    out += ["", f"> {NOT_A_DIAGNOSIS}", ""]
    return "\n".join(out)
