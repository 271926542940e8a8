"""A triage result as JSON (plain values), TSV (one gene a line) and a self-contained HTML page."""

from __future__ import annotations

import dataclasses
import html
from typing import Any

from ._model import CandidateGene, TriageResult

NOT_A_DIAGNOSIS = (
    "Not a diagnosis: a ranked list of candidate genes and the evidence behind each, for a "
    "clinical geneticist to review."
)
TSV_COLUMNS = (
    "rank", "gene", "passed", "mode_mismatch", "combined_score", "phenotype_score", "variant_score", "patterns",
    "best_disease", "best_disease_rank", "variants", "criteria_met", "filters",
)  # fmt: skip


MODE_MISMATCH = (
    "its genotypes fit none of its diseases' modes of inheritance (a second variant may have "
    "been missed): ranked with its variant score discounted"
)


def gene_status(gene: CandidateGene) -> str:
    """'' for a gene that passed every filter, else why it is flagged or follows the ranking."""
    if gene.passed:
        return ""
    if gene.mode_mismatch:
        return f" — {MODE_MISMATCH}"
    return " — did not pass a gene filter"


def ranked_summary(result: TriageResult) -> str:
    """How many genes are ranked, and how many of them only by a mode mismatch."""
    mismatched = sum(1 for g in result.ranked if g.mode_mismatch)
    passed = len(result.ranked) - mismatched
    text = f"{passed} gene{'' if passed == 1 else 's'} passed every filter"
    if mismatched == 1:
        text += "; 1 more is ranked although its genotypes fit none of its diseases' modes"
    elif mismatched:
        text += (
            f"; {mismatched} more are ranked although their genotypes fit none of their "
            "diseases' modes"
        )
    return text


def to_json(result: TriageResult, top: int | None = None) -> dict[str, Any]:
    """Plain JSON values (str, float, int, bool, list, dict); `top` keeps the best N genes."""
    body = dataclasses.asdict(result)
    genes = body["genes"][:top] if top else body["genes"]
    for gene, original in zip(genes, result.genes, strict=False):
        for evidence, found in zip(gene["variants"], original.variants, strict=True):
            evidence["variant"]["id"] = found.variant.id
    body["genes"] = genes
    body["genes_total"] = len(result.genes)
    body["notice"] = NOT_A_DIAGNOSIS
    return _plain(body)  # type: ignore[no-any-return]


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)  # StrEnum → its value
    return value


def _variants(gene: CandidateGene) -> str:
    return "; ".join(
        f"{e.variant.id} {e.variant.consequence} {e.variant.hgvs_c} {e.variant.hgvs_p}".strip()
        + f" ({e.variant.proband.zygosity.value})"
        for e in gene.variants
    )


def _criteria(gene: CandidateGene) -> str:
    return ",".join(dict.fromkeys(c.code for e in gene.variants for c in e.criteria if c.met))


def tsv_rows(result: TriageResult, top: int | None = None) -> list[list[str]]:
    """Header then one row per gene, best first."""
    rows = [list(TSV_COLUMNS)]
    for gene in result.genes[:top] if top else result.genes:
        best = gene.diseases[0] if gene.diseases else None
        rows.append(
            [
                str(gene.rank),
                gene.symbol,
                "yes" if gene.passed else "no",
                "yes" if gene.mode_mismatch else "no",
                f"{gene.combined_score:.4f}",
                f"{gene.phenotype_score:.4f}",
                f"{gene.variant_score:.4f}",
                ",".join(p.value for p in gene.patterns),
                f"{best.name} ({best.disease_id})" if best else "",
                str(best.phenotype_rank) if best else "",
                _variants(gene),
                _criteria(gene),
                "; ".join(f"{f.name}={f.status.value}" for f in gene.filters),
            ]
        )
    return rows


def to_tsv(result: TriageResult, top: int | None = None) -> str:
    return (
        "\n".join(
            "\t".join(cell.replace("\t", " ").replace("\n", " ") for cell in row)
            for row in tsv_rows(result, top)
        )
        + "\n"
    )


def to_html(result: TriageResult, top: int | None = 50) -> str:
    """One self-contained page (no scripts, no external files): genes with evidence to open."""
    e = html.escape
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>Exome triage: {e(result.source)}</title>",
        "<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
        "table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ccc;"
        "padding:.3rem;text-align:left;vertical-align:top}.met{color:#8a1c1c}</style></head><body>",
        f"<h1>Exome triage: {e(result.source)}</h1>",
        f"<p><strong>{e(NOT_A_DIAGNOSIS)}</strong></p>",
        "<ul>",
        f"<li>Proband {e(result.proband)}; samples {e(', '.join(result.samples))}; "
        f"{e(result.assembly)}; annotation {e(result.annotation)}</li>",
        f"<li>Observed: {e(', '.join(result.observed))}"
        + (f"; excluded: {e(', '.join(result.excluded))}" if result.excluded else "")
        + f" ({e(result.hpo_release)})</li>",
        f"<li>{result.variants_read:,} variants read; {ranked_summary(result)}"
        + (
            f"; panel {e(result.panel)}{' (panel only)' if result.panel_only else ''}"
            if result.panel
            else ""
        )
        + "</li></ul>",
        "<h2>Filters</h2><table><thead><tr><th scope='col'>filter</th><th scope='col'>passed</th>"
        "<th scope='col'>failed</th><th scope='col'>not run</th></tr></thead><tbody>",
    ]
    for f in result.filter_summary:
        parts.append(
            f"<tr><td>{e(f.name)}</td><td>{f.passed:,}</td><td>{f.failed:,}</td><td>{f.not_run:,}</td></tr>"
        )
    parts.append("</tbody></table><h2>Candidate genes</h2>")
    for gene in result.genes[:top] if top else result.genes:
        parts.append(_gene_html(gene))
    parts.append("<h2>Notes</h2><ul>")
    parts += [f"<li>{e(n)}</li>" for n in result.notices]
    parts.append("</ul></body></html>")
    return "\n".join(parts)


def _gene_html(gene: CandidateGene) -> str:
    e = html.escape
    status = gene_status(gene)
    lines = [
        f"<details><summary><strong>{gene.rank}. {e(gene.symbol)}</strong> combined "
        f"{gene.combined_score:.3f} (phenotype {gene.phenotype_score:.2f}, variant "
        f"{gene.variant_score:.2f}){e(status)}</summary>",
        "<ul>" + "".join(f"<li>{e(x)}</li>" for x in gene.explanation) + "</ul>",
        "<ul>"
        + "".join(
            f"<li>{e(f.name)}: {e(f.status.value)} — {e(f.reason)}</li>" for f in gene.filters
        )
        + "</ul>",
    ]
    for evidence in gene.variants:
        v = evidence.variant
        lines.append(
            f"<h3>{e(v.id)} {e(v.consequence)} {e(v.hgvs_c)} {e(v.hgvs_p)}</h3>"
            "<table><thead><tr><th scope='col'>criterion</th><th scope='col'>strength</th>"
            "<th scope='col'>met</th><th scope='col'>why</th></tr></thead><tbody>"
        )
        for c in evidence.criteria:
            met = "<span class='met'>met</span>" if c.met else "not met"
            lines.append(
                f"<tr><td>{e(c.code)}</td><td>{e(c.strength)} {e(c.direction.value)}</td>"
                f"<td>{met}</td><td>{e(c.reason)}</td></tr>"
            )
        lines.append("</tbody></table>")
    if gene.diseases:
        lines.append("<p>Diseases: " + "; ".join(
            f"{e(d.name)} ({e(d.disease_id)}, {e(', '.join(m.value for m in d.modes) or 'mode not annotated')}, "
            f"rank {d.phenotype_rank})" for d in gene.diseases[:5]) + "</p>")  # fmt: skip
    lines.append("</details>")
    return "\n".join(lines)
