"""One-page A4 PDFs with fpdf2: Unicode fonts, fixed metadata, and writing primitives.

Shared by the clinician one-pager and the care passport. Both lay a page out, look at whether it
stayed on one page, and if not try again smaller or shorter; `one_page` is that check.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import TTFFont

from rarelight import __version__

MARGIN = 12.0
GUTTER = 6.0
LEADING = 1.25
PT = 25.4 / 72
"""Millimetres per typographic point."""
FONT = "DejaVu"
ACCENT = (0, 84, 110)
GREY = (95, 95, 95)
BLACK = (0, 0, 0)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])")
_ABBREVIATION = re.compile(r"\b(?:e\.g|i\.e|al|approx|vs|cf|Dr|no|fig)\.$", re.IGNORECASE)

Run = tuple[str, str]
"""A piece of text and its style: "" plain, "B" bold, "G" grey (citations and notes)."""


@dataclass(frozen=True)
class DocumentInfo:
    """The PDF's metadata; the date is fixed by the caller so the same inputs give the same bytes."""

    title: str
    subject: str
    generated_on: dt.date


def font_dir() -> Path:
    """DejaVu (full Unicode) as shipped inside matplotlib's wheel, found without importing it."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("matplotlib, which ships the PDF fonts, is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"


def a4_document(info: DocumentInfo) -> FPDF:
    """An empty A4 page with Unicode fonts and fixed metadata, so output is reproducible."""
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    fonts = font_dir()
    pdf.add_font(FONT, "", str(fonts / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(fonts / "DejaVuSans-Bold.ttf"))
    pdf.set_title(info.title)
    pdf.set_author(f"Rarelight {__version__}")
    pdf.set_subject(info.subject)
    pdf.set_creator("Rarelight")
    pdf.set_lang("en")
    pdf.set_creation_date(dt.datetime.combine(info.generated_on, dt.time(), tzinfo=dt.UTC))
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.add_page()
    return pdf


def one_page(pdf: FPDF) -> bytes | None:
    """The PDF's bytes if it fits one page; otherwise None, closing the fonts fpdf2 left open."""
    if pdf.pages_count == 1:
        return bytes(pdf.output())
    close_fonts(pdf)
    return None


def close_fonts(pdf: FPDF) -> None:
    """Close the font files fpdf2 keeps open for a document that will not be output."""
    for font in pdf.fonts.values():
        if isinstance(font, TTFFont):
            font.close()


class Page:
    """Writing primitives at one body size; overflowing text breaks onto a page 2, then rejected."""

    def __init__(self, pdf: FPDF, size: float, numbers: dict[str, int] | None = None) -> None:
        self.pdf, self.size, self.numbers = pdf, size, dict(numbers or {})
        self.line = size * PT * LEADING
        self.left, self.right = MARGIN, pdf.w - MARGIN

    def cite(self, source_ids: Sequence[str]) -> list[Run]:
        """Bracketed reference numbers, e.g. " [1,3–5]", in grey."""
        numbers = sorted({self.numbers[s] for s in source_ids if s in self.numbers})
        groups: list[list[int]] = []
        for number in numbers:
            if groups and number == groups[-1][-1] + 1:
                groups[-1].append(number)
            else:
                groups.append([number])
        parts = [f"{g[0]}–{g[-1]}" if len(g) > 2 else ",".join(map(str, g)) for g in groups]
        return [(f" [{','.join(parts)}]", "G")] if parts else []

    def footer(self, text: str) -> None:
        """Pin the footer to the bottom of the page and keep the body above it."""
        pdf = self.pdf
        size = max(self.size - 1, 5.5)
        height = size * PT * LEADING
        pdf.set_font(FONT, "", size)
        lines = pdf.multi_cell(0, height, text, dry_run=True, output="LINES")
        assert isinstance(lines, list)
        top = pdf.h - MARGIN - len(lines) * height
        pdf.set_auto_page_break(False)
        pdf.set_draw_color(*ACCENT)
        pdf.set_line_width(0.2)
        pdf.line(MARGIN, top - 1.2, pdf.w - MARGIN, top - 1.2)
        pdf.set_xy(MARGIN, top)
        pdf.set_text_color(*GREY)
        pdf.multi_cell(0, height, text)
        pdf.set_auto_page_break(True, margin=pdf.h - top + 2.5)
        pdf.set_xy(MARGIN, MARGIN)

    def title(self, text: str, corner: str, *, scale: float, reserve: float) -> None:
        """A large title at the top left, and a small grey line (what and when) in the top right.

        `reserve` (mm) keeps the title clear of the corner line.
        """
        pdf = self.pdf
        pdf.set_font(FONT, "", self.size - 1)
        pdf.set_text_color(*GREY)
        pdf.cell(0, self.line, corner, align="R")
        pdf.set_xy(MARGIN, MARGIN)
        pdf.set_text_color(*ACCENT)
        size = self.size * scale
        pdf.set_font(FONT, "B", size)
        pdf.multi_cell(pdf.epw - reserve, size * PT * 1.2, text, new_x="LMARGIN")

    def heading(self, text: str) -> None:
        pdf = self.pdf
        pdf.set_y(pdf.get_y() + self.line * 0.4)
        pdf.set_font(FONT, "B", self.size + 1)
        pdf.set_text_color(*ACCENT)
        pdf.cell(0, (self.size + 1) * PT * LEADING, text, new_x="LMARGIN", new_y="NEXT")

    def bullets(self, items: Sequence[Sequence[Run]], columns: int = 1) -> None:
        """A bulleted list, in two columns (filled top to bottom) for short items."""
        pdf = self.pdf
        if columns == 1 or len(items) < 3:
            for runs in items:
                self._bullet(runs)
            return
        width = (pdf.epw - GUTTER) / 2
        half = (len(items) + 1) // 2
        top, bottom = pdf.get_y(), pdf.get_y()
        for index, chunk in enumerate((items[:half], items[half:])):
            self.left = MARGIN + index * (width + GUTTER)
            self.right = self.left + width
            pdf.set_y(top)
            for runs in chunk:
                self._bullet(runs)
            bottom = max(bottom, pdf.get_y())
        self.left, self.right = MARGIN, pdf.w - MARGIN
        pdf.set_xy(MARGIN, bottom)

    def _bullet(self, runs: Sequence[Run]) -> None:
        pdf = self.pdf
        indent = self.size * 0.45
        pdf.set_font(FONT, "", self.size)
        pdf.set_text_color(*ACCENT)
        pdf.set_x(self.left + 0.6)
        pdf.cell(indent - 0.6, self.line, "•")
        self.paragraph(runs, indent)

    def note(self, text: str) -> None:
        self.paragraph([(text, "G")], self.size * 0.45)

    def paragraph(self, runs: Sequence[Run], indent: float = 0.0, *, hang: bool = False) -> None:
        """Flowing mixed-style text; wrapped lines (and, unless hanging, the first) are indented."""
        pdf = self.pdf
        pdf.set_left_margin(self.left + indent)
        pdf.set_right_margin(pdf.w - self.right)
        pdf.set_x(self.left if hang else self.left + indent)
        for text, style in runs:
            if text:
                pdf.set_font(FONT, "B" if style == "B" else "", self.size)
                pdf.set_text_color(*(GREY if style == "G" else BLACK))
                pdf.write(self.line, text)
        pdf.ln(self.line)
        pdf.set_margins(MARGIN, MARGIN, MARGIN)
        pdf.set_x(self.left)


def clean(text: str) -> str:
    """One line of text: YAML block scalars and text areas carry newlines that break the layout."""
    return " ".join(text.split())


def first_sentence(text: str) -> str:
    """The first whole sentence, for a concise page; never cuts inside a sentence or word."""
    text = clean(text)
    for match in _SENTENCE_END.finditer(text):
        if not _ABBREVIATION.search(text[: match.start()]):
            return text[: match.start()]
    return text


def sentence(text: str) -> str:
    """Text ending in a full stop, so the pieces of an item read as sentences."""
    return text if not text or text[-1] in ".!?" else f"{text}."
