"""The clinician one-pager: a cited, printable summary of a curated profile on exactly one A4 page.

A clinician who has never seen a case gets the essentials in two minutes. To fit, the page is
re-rendered smaller, then with long statements cut to their first sentence, and as a last resort
without low-priority items (the page says how many were left out).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import TTFFont

from rarelight import __version__
from rarelight.knowledge._schema import ClinicalFeature, DiseaseProfile, Fact

_ATTEMPTS = (
    (8.5, False),
    (8.5, True),
    (8.0, True),
    (7.5, True),
    (7.0, True),
    (6.5, True),
    (6.0, True),
)
"""(body size in points, concise?) tried in order: shorter statements before smaller type."""
_MARGIN = 12.0
_GUTTER = 6.0
_LEADING = 1.25
_PT = 25.4 / 72
_FONT = "DejaVu"
_ACCENT = (0, 84, 110)
_GREY = (95, 95, 95)
_BLACK = (0, 0, 0)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])")
_ABBREVIATION = re.compile(r"\b(?:e\.g|i\.e|al|approx|vs|cf|Dr|no|fig)\.$", re.IGNORECASE)

_Shorten = Callable[[str], str]
Run = tuple[str, str]
"""A piece of text and its style: "" plain, "B" bold, "G" grey (citations and notes)."""


@dataclass(frozen=True)
class _Plan:
    """What goes on the page and how large; left-out items are counted on the page, never hidden."""

    size: float
    concise: bool
    features: tuple[ClinicalFeature, ...]
    tips: tuple[Fact, ...]
    features_left_out: int = 0
    tips_left_out: int = 0
    labels: dict[str, str] = field(default_factory=dict)


def _font_dir() -> Path:
    """DejaVu (full Unicode) as shipped inside matplotlib's wheel, found without importing it."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("matplotlib, which ships the PDF fonts, is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"


def clinician_one_pager(
    profile: DiseaseProfile,
    *,
    release_name: str,
    generated_on: dt.date,
    hpo_labels: Mapping[str, str] | None = None,
) -> bytes:
    """The profile as a one-page A4 PDF for a clinician; the same inputs give the same bytes.

    `hpo_labels` (HPO id → label from the release) puts the precise term beside each feature;
    without it the profile's plain-language names are used.
    """
    features = tuple(sorted(profile.features, key=lambda f: not f.key))
    tips = tuple(t for t in profile.tips if t.clinical)  # the others are written for families
    for size, concise in _ATTEMPTS:
        plan = _Plan(size, concise, features, tips, labels=dict(hpo_labels or {}))
        data = _one_page(_render(profile, plan, release_name, generated_on))
        if data is not None:
            return data
    return _render_with_drops(profile, features, tips, release_name, generated_on, plan.labels)


def _render_with_drops(
    profile: DiseaseProfile,
    features: tuple[ClinicalFeature, ...],
    tips: tuple[Fact, ...],
    release_name: str,
    generated_on: dt.date,
    labels: dict[str, str],
) -> bytes:
    """At the floor, leave out the fewest low-priority items that make the page fit.

    Order of sacrifice: non-key features, then practical points, then key features (one stays).
    """
    most = len(features) - 1  # one feature always stays
    non_key = min(sum(not f.key for f in features), most)

    def plan(dropped: int) -> _Plan:
        cut_tips = min(max(dropped - non_key, 0), len(tips))
        kept = features[: len(features) - (dropped - cut_tips)]  # key features come first
        size, concise = _ATTEMPTS[-1]
        return _Plan(
            size,
            concise,
            kept,
            tips[: len(tips) - cut_tips],
            features_left_out=len(features) - len(kept),
            tips_left_out=cut_tips,
            labels=labels,
        )

    best: bytes | None = None
    low, high = 1, most + len(tips)
    while low <= high:  # more drops never lengthen the page, so search for the fewest
        middle = (low + high) // 2
        data = _one_page(_render(profile, plan(middle), release_name, generated_on))
        if data is None:
            low = middle + 1
        else:
            best, high = data, middle - 1
    if best is None:
        raise ValueError(f"{profile.id}: the profile is too long for a one-page summary")
    return best


def _one_page(pdf: FPDF) -> bytes | None:
    """The PDF's bytes if it fits one page; otherwise None, closing the fonts fpdf2 left open."""
    if pdf.pages_count == 1:
        return bytes(pdf.output())
    for font in pdf.fonts.values():
        if isinstance(font, TTFFont):
            font.close()
    return None


def _render(profile: DiseaseProfile, plan: _Plan, release_name: str, generated_on: dt.date) -> FPDF:
    """Lay the page out once; a second page in the result means it did not fit."""
    pdf = _document(profile, generated_on)
    page = _Page(pdf, plan.size, profile.citation_numbers())
    short = _first_sentence if plan.concise else _clean
    page.footer(
        f"Generated by Rarelight {__version__} from the curated profile last reviewed "
        f"{profile.last_reviewed.isoformat()}; {release_name}. "
        "Information, not a diagnosis — confirm with a clinical geneticist."
    )
    page.header(profile, generated_on, short)
    page.key_facts(profile, short)

    page.heading("Clinical features (HPO) — key features first, in bold")
    page.bullets(
        [
            [
                (plan.labels.get(feature.hpo_id, feature.name), "B" if feature.key else ""),
                (f" — {feature.hpo_id}", ""),
                (f" — {_clean(feature.frequency)}" if feature.frequency else "", ""),
                *page.cite(feature.sources),
            ]
            for feature in plan.features
        ],
        columns=2,
    )
    if plan.features_left_out:
        page.note(f"+{plan.features_left_out} further features in the full profile.")

    page.heading("How to confirm")
    page.bullets(
        [
            [
                (test.name, "B"),
                (f" — {_sentence(short(test.finds))}", ""),
                (f" When: {_sentence(short(test.when))}" if test.when else "", ""),
                *page.cite(test.sources),
            ]
            for test in profile.diagnosis
        ]
    )

    page.heading("Treatments")
    treatments = []
    for treatment in profile.treatments:
        figure = treatment.figure
        shown = f" {figure.responders}/{figure.treated} responded." if figure else ""
        response = short(treatment.response)
        response = f" {_sentence(response[:1].upper() + response[1:])}" if response else ""
        treatments.append(
            [
                (treatment.name, "B"),
                (" —", ""),
                (shown, "B"),
                (response, ""),
                (f" Evidence: {_sentence(short(treatment.evidence))}", ""),
                *page.cite(treatment.sources),
            ]
        )
    page.bullets(treatments)

    page.heading("Care team")
    page.bullets(
        [
            [(role.title, "B"), (f" — {_clean(role.when)}", ""), *page.cite(role.sources)]
            for role in profile.care_team
        ],
        columns=2,
    )

    if plan.tips:
        page.heading("Practical points")
        page.bullets(
            [[(_clean(tip.clinical), ""), *page.cite(tip.sources)] for tip in plan.tips], columns=2
        )
    if plan.tips_left_out:
        page.note(f"+{plan.tips_left_out} further practical points in the full profile.")

    page.references(profile)
    return pdf


def _document(profile: DiseaseProfile, generated_on: dt.date) -> FPDF:
    """An empty A4 page with Unicode fonts and fixed metadata, so output is reproducible."""
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    fonts = _font_dir()
    pdf.add_font(_FONT, "", str(fonts / "DejaVuSans.ttf"))
    pdf.add_font(_FONT, "B", str(fonts / "DejaVuSans-Bold.ttf"))
    pdf.set_title(f"{profile.names.preferred} — clinician one-pager")
    pdf.set_author(f"Rarelight {__version__}")
    pdf.set_subject(
        f"Cited clinical summary of {profile.names.preferred} ({', '.join(profile.all_ids)})"
    )
    pdf.set_creator("Rarelight")
    pdf.set_lang("en")
    pdf.set_creation_date(dt.datetime.combine(generated_on, dt.time(), tzinfo=dt.UTC))
    pdf.set_margins(_MARGIN, _MARGIN, _MARGIN)
    pdf.add_page()
    return pdf


class _Page:
    """Writing primitives at one body size; overflowing text breaks onto a page 2, then rejected."""

    def __init__(self, pdf: FPDF, size: float, numbers: dict[str, int]) -> None:
        self.pdf, self.size, self.numbers = pdf, size, numbers
        self.line = size * _PT * _LEADING
        self.left, self.right = _MARGIN, pdf.w - _MARGIN

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
        height = size * _PT * _LEADING
        pdf.set_font(_FONT, "", size)
        lines = pdf.multi_cell(0, height, text, dry_run=True, output="LINES")
        assert isinstance(lines, list)
        top = pdf.h - _MARGIN - len(lines) * height
        pdf.set_auto_page_break(False)
        pdf.set_draw_color(*_ACCENT)
        pdf.set_line_width(0.2)
        pdf.line(_MARGIN, top - 1.2, pdf.w - _MARGIN, top - 1.2)
        pdf.set_xy(_MARGIN, top)
        pdf.set_text_color(*_GREY)
        pdf.multi_cell(0, height, text)
        pdf.set_auto_page_break(True, margin=pdf.h - top + 2.5)
        pdf.set_xy(_MARGIN, _MARGIN)

    def header(self, profile: DiseaseProfile, generated_on: dt.date, short: _Shorten) -> None:
        """Name, ids, gene and inheritance, then what the condition is."""
        pdf = self.pdf
        pdf.set_font(_FONT, "", self.size - 1)
        pdf.set_text_color(*_GREY)
        pdf.cell(0, self.line, f"Clinician one-pager · {generated_on.isoformat()}", align="R")
        pdf.set_xy(_MARGIN, _MARGIN)
        pdf.set_text_color(*_ACCENT)
        title_size = self.size * 1.9
        pdf.set_font(_FONT, "B", title_size)
        pdf.multi_cell(
            pdf.epw - 40, title_size * _PT * 1.2, profile.names.preferred, new_x="LMARGIN"
        )
        pdf.set_y(pdf.get_y() + 0.6)
        gene, inheritance, overview = profile.gene, profile.inheritance, profile.overview
        self.paragraph(
            [
                (" · ".join([*profile.identifiers.omim, *profile.identifiers.orpha]), "B"),
                ("   Gene: ", ""),
                (gene.symbol, "B"),
                (f" ({gene.hgnc}; {gene.band})", ""),
                *self.cite(gene.sources),
                ("   Inheritance: ", ""),
                (_sentence(short(inheritance.clinical or inheritance.text)), ""),
                *self.cite(inheritance.sources),
            ]
        )
        self.paragraph(
            [
                ("What it is: ", "B"),
                (_sentence(short(overview.clinical or overview.text)), ""),
                *self.cite(overview.sources),
            ]
        )

    def key_facts(self, profile: DiseaseProfile, short: _Shorten) -> None:
        """Discovery, case counts, onset and progression: the numbers a clinician asks first."""
        self.heading("Key facts")
        discovery = profile.discovery
        facts: list[list[Run]] = [
            [("First described: ", "B"), (str(discovery.year), ""), *self.cite(discovery.sources)]
        ]
        counts: list[Run] = [("Reported: ", "B")]
        for index, count in enumerate(profile.counts):
            families = f" in {count.families} families" if count.families is not None else ""
            as_of = f" ({_clean(count.as_of)})" if short is _clean else ""
            counts += [
                ("; " if index else "", ""),
                (f"{count.people} people{families}", "B"),
                (f" — {short(count.description).rstrip('.')}{as_of}", ""),
                *self.cite(count.sources),
            ]
        facts.append(counts)
        onset, progression = profile.onset, profile.progression
        facts.append(
            [
                ("Onset: ", "B"),
                (_clean(onset.clinical or onset.text), ""),
                *self.cite(onset.sources),
            ]
        )
        facts.append(
            [
                ("Progression: ", "B"),
                (_first_sentence(progression.clinical or progression.text), ""),
                *self.cite(progression.sources),
            ]
        )
        self.bullets(facts)

    def heading(self, text: str) -> None:
        pdf = self.pdf
        pdf.set_y(pdf.get_y() + self.line * 0.4)
        pdf.set_font(_FONT, "B", self.size + 1)
        pdf.set_text_color(*_ACCENT)
        pdf.cell(0, (self.size + 1) * _PT * _LEADING, text, new_x="LMARGIN", new_y="NEXT")

    def bullets(self, items: Sequence[Sequence[Run]], columns: int = 1) -> None:
        """A bulleted list, in two columns (filled top to bottom) for short items."""
        pdf = self.pdf
        if columns == 1 or len(items) < 3:
            for runs in items:
                self._bullet(runs)
            return
        width = (pdf.epw - _GUTTER) / 2
        half = (len(items) + 1) // 2
        top, bottom = pdf.get_y(), pdf.get_y()
        for index, chunk in enumerate((items[:half], items[half:])):
            self.left = _MARGIN + index * (width + _GUTTER)
            self.right = self.left + width
            pdf.set_y(top)
            for runs in chunk:
                self._bullet(runs)
            bottom = max(bottom, pdf.get_y())
        self.left, self.right = _MARGIN, pdf.w - _MARGIN
        pdf.set_xy(_MARGIN, bottom)

    def _bullet(self, runs: Sequence[Run]) -> None:
        pdf = self.pdf
        indent = self.size * 0.45
        pdf.set_font(_FONT, "", self.size)
        pdf.set_text_color(*_ACCENT)
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
                pdf.set_font(_FONT, "B" if style == "B" else "", self.size)
                pdf.set_text_color(*(_GREY if style == "G" else _BLACK))
                pdf.write(self.line, text)
        pdf.ln(self.line)
        pdf.set_margins(_MARGIN, _MARGIN, _MARGIN)
        pdf.set_x(self.left)

    def references(self, profile: DiseaseProfile) -> None:
        """Numbered sources, in order of first citation, with their PMID, DOI or URL."""
        self.heading("Sources")
        small = _Page(self.pdf, max(self.size - 1, 5.5), self.numbers)
        for source_id, number in self.numbers.items():
            source = profile.source(source_id)
            links = (
                f"PMID {source.pmid}" if source.pmid else "",
                f"doi:{source.doi}" if source.doi else "",
                source.url or "",
            )
            where = " · ".join(link for link in links if link)
            small.paragraph(
                [
                    (f"[{number}] ", "B"),
                    (_clean(source.citation), ""),
                    (f" {where}" if where else "", "G"),
                ],
                indent=small.size * 0.75,
                hang=True,
            )


def _clean(text: str) -> str:
    """One line of text: YAML block scalars carry newlines that would break the layout."""
    return " ".join(text.split())


def _first_sentence(text: str) -> str:
    """The first whole sentence, for a concise page; never cuts inside a sentence or word."""
    text = _clean(text)
    for match in _SENTENCE_END.finditer(text):
        if not _ABBREVIATION.search(text[: match.start()]):
            return text[: match.start()]
    return text


def _sentence(text: str) -> str:
    """Text ending in a full stop, so the pieces of an item read as sentences."""
    return text if not text or text[-1] in ".!?" else f"{text}."
