"""The triage report as a PDF (fpdf2, DejaVu fonts from matplotlib's wheel, as rarelight.reports)."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import TTFFont

from rarelight import __version__

from ._model import TriageResult
from ._report import NOT_A_DIAGNOSIS, gene_status

_FONT = "DejaVu"


def _font_dir() -> Path:
    """DejaVu (full Unicode) as shipped inside matplotlib's wheel, found without importing it."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("matplotlib, which ships the PDF fonts, is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"


def triage_pdf(result: TriageResult, top: int = 20, generated_on: dt.date | None = None) -> bytes:
    """The best `top` genes with both score halves, their variants and the criteria met."""
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    fonts = _font_dir()
    pdf.add_font(_FONT, "", str(fonts / "DejaVuSans.ttf"))
    pdf.add_font(_FONT, "B", str(fonts / "DejaVuSans-Bold.ttf"))
    pdf.set_title(f"Exome triage — {result.source}")
    pdf.set_author(f"Rarelight {__version__}")
    pdf.set_creator("Rarelight")
    pdf.set_lang("en")
    day = generated_on or dt.datetime.now(dt.UTC).date()
    pdf.set_creation_date(dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC))
    pdf.set_margins(14, 14, 14)
    pdf.add_page()
    width = pdf.w - 28

    def write(text: str, size: float = 9, bold: bool = False, gap: float = 1.0) -> None:
        pdf.set_font(_FONT, "B" if bold else "", size)
        pdf.multi_cell(width, size * 0.45, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(gap)

    write(f"Exome triage: {result.source}", 15, bold=True)
    write(NOT_A_DIAGNOSIS, 9, bold=True)
    write(
        f"Proband {result.proband} ({', '.join(result.samples)}), {result.assembly}, "
        f"{result.annotation}; {result.variants_read:,} variants; observed "
        f"{', '.join(result.observed)}; {result.hpo_release}; generated {day.isoformat()}"
    )
    write(
        "Filters: "
        + "; ".join(
            f"{f.name} {f.passed:,} passed, {f.failed:,} failed, {f.not_run:,} not run"
            for f in result.filter_summary
        ),
        8,
    )
    for gene in result.ranked[:top]:
        write(
            f"{gene.rank}. {gene.symbol} — combined {gene.combined_score:.3f} "
            f"(phenotype {gene.phenotype_score:.2f}, variant {gene.variant_score:.2f})"
            f"{gene_status(gene)}",
            11,
            bold=True,
            gap=0.5,
        )
        for line in gene.explanation:
            write(line, 8.5, gap=0.3)
        for evidence in gene.variants:
            met = ", ".join(f"{c.code} ({c.strength})" for c in evidence.criteria if c.met)
            write(f"{evidence.variant.id}: criteria met: {met or 'none'}", 8.5, gap=0.3)
        pdf.ln(1.5)
    write(result.notices[0] if result.notices else "", 8)
    data = bytes(pdf.output())
    for font in pdf.fonts.values():
        if isinstance(font, TTFFont):
            font.close()
    return data
