"""The care passport as exactly one A4 page (PDF), for a clinician who has never seen a case.

To fit, the page is laid out again in smaller type; at the smallest size, long texts are cut and
then every long section keeps only its first rows. Whatever is cut says so on the page ("… 3 more
on the full record"), so nothing goes missing silently.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from fpdf import FPDF

from rarelight import __version__

from ._passport import NONE_RECORDED, PassportRow, PassportSection, care_passport_sections
from ._passport_data import PassportData, SourceRef
from ._pdf import DocumentInfo, Page, Run, a4_document, close_fonts, one_page

_SIZES = (9.0, 8.5, 8.0, 7.5, 7.0, 6.5, 6.0)
"""Body sizes in points tried in order before anything is cut."""
_TEXT_CAPS = (400, 160)
"""Longest row text in characters at the smallest size: first generous, then strict."""
_MORE = "… {} more on the full record"


@dataclass(frozen=True)
class _Plan:
    """How large, and how much of each section; None means nothing is cut."""

    size: float
    rows: int | None = None
    chars: int | None = None


def care_passport_pdf(data: PassportData) -> bytes:
    """One A4 page; the same data gives the same bytes (the date printed is `data.generated_on`)."""
    sections = care_passport_sections(data)
    first = _document(data, sections)
    _lay_out(first, data, sections, _Plan(_SIZES[0]))
    if first.pages_count == 1:
        return bytes(first.output())
    try:  # measure the other plans on fresh pages of this document: fonts load once, not per try
        plan = _fitting_plan(lambda candidate: _fits(first, data, sections, candidate), sections)
    finally:
        close_fonts(first)
    final = _document(data, sections)
    _lay_out(final, data, sections, plan)
    fitted = one_page(final)
    assert fitted is not None, "a plan that fitted while measuring fits again"
    return fitted


def _fitting_plan(fits: Callable[[_Plan], bool], sections: tuple[PassportSection, ...]) -> _Plan:
    """The largest type that fits; else, at the smallest, the fewest cuts that fit.

    Smaller type and fewer rows never lengthen the page, so both are found by bisection.
    """
    smallest = _Plan(_SIZES[-1])
    if fits(smallest):
        low, high, best = 1, len(_SIZES) - 2, smallest  # _SIZES[0] has been tried already
        while low <= high:
            middle = (low + high) // 2
            if fits(_Plan(_SIZES[middle])):
                best, high = _Plan(_SIZES[middle]), middle - 1
            else:
                low = middle + 1
        return best
    longest = max(len(section.rows) for section in sections)
    for chars in _TEXT_CAPS:
        if fits(_Plan(smallest.size, None, chars)):
            return _Plan(smallest.size, None, chars)
        low, high, found = 1, longest - 1, None
        while low <= high:
            middle = (low + high) // 2
            if fits(_Plan(smallest.size, middle, chars)):
                found, low = _Plan(smallest.size, middle, chars), middle + 1
            else:
                high = middle - 1
        if found is not None:
            return found
    raise ValueError("the care passport does not fit one page even with one row per section")


def _fits(
    pdf: FPDF, data: PassportData, sections: tuple[PassportSection, ...], plan: _Plan
) -> bool:
    """Lay the plan out on a fresh page of a scratch document; True if no page break followed."""
    pdf.add_page()
    before = pdf.pages_count
    _lay_out(pdf, data, sections, plan)
    return pdf.pages_count == before


def _document(data: PassportData, sections: tuple[PassportSection, ...]) -> FPDF:
    return a4_document(
        DocumentInfo(
            title=f"Care passport — {_name(sections)}",
            subject="Care passport: a one-page summary of a family care record for clinicians",
            generated_on=data.generated_on,
        )
    )


def _name(sections: tuple[PassportSection, ...]) -> str:
    return sections[0].rows[0].text


def _lay_out(
    pdf: FPDF, data: PassportData, sections: tuple[PassportSection, ...], plan: _Plan
) -> None:
    """Lay the passport out on the current page; overflow breaks onto a further page."""
    name = _name(sections)
    numbers = _citation_numbers(sections)
    page = Page(pdf, plan.size, {ref.citation: n for ref, n in numbers.items()})
    page.footer(
        f"Care passport printed {data.generated_on.isoformat()} by Rarelight {__version__} from the "
        "family care record, which holds the full history. Sections follow the HL7 FHIR "
        "International Patient Summary. Check anything important with the family and the care team."
    )
    page.title(name, f"Care passport · {data.generated_on.isoformat()}", scale=1.8, reserve=45)
    page.pdf.set_y(page.pdf.get_y() + 0.5)
    for section in sections:
        page.heading(section.title)
        if section.empty:
            page.note(NONE_RECORDED)
            continue
        shown = section.rows if plan.rows is None else section.rows[: plan.rows]
        page.bullets([_row(page, row, plan.chars) for row in shown])
        if len(shown) < len(section.rows):
            page.note(_MORE.format(len(section.rows) - len(shown)))
        if section.key == "about":
            _references(page, numbers)


def _row(page: Page, row: PassportRow, chars: int | None) -> list[Run]:
    text = row.text
    if chars is not None and len(text) > chars:
        text = f"{text[:chars].rsplit(' ', 1)[0]} … (continues on the full record)"
    runs: list[Run] = [(row.label, "B")]
    if text:
        runs.append((f" — {text}", ""))
    runs += page.cite([source.citation for source in row.sources])
    return runs


def _citation_numbers(sections: tuple[PassportSection, ...]) -> dict[SourceRef, int]:
    """Each source a number, in order of first citation."""
    numbers: dict[SourceRef, int] = {}
    for section in sections:
        for row in section.rows:
            for source in row.sources:
                numbers.setdefault(source, len(numbers) + 1)
    return numbers


def _references(page: Page, numbers: dict[SourceRef, int]) -> None:
    small = Page(page.pdf, max(page.size - 1.5, 5.0))
    for source, number in numbers.items():
        small.paragraph(
            [(f"[{number}] ", "B"), (source.citation, "G"), (f" {source.link}", "G")],
            indent=small.size * 0.75,
            hang=True,
        )
