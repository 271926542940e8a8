"""The schema of a hand-curated disease profile: every statement carries the ids of its sources."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field, field_validator, model_validator

_CURIE = r"^(OMIM|ORPHA|DECIPHER|MONDO):\d+$"
HPO_ID_PATTERN = r"^HP:\d{7}$"
SourceIds = Annotated[list[str], Field(min_length=1)]
PlainText = Annotated[str, Field(min_length=1)]


class _Value(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Statement(_Value):
    """Anything the profile asserts: it must name at least one source."""

    sources: SourceIds


class Source(_Value):
    """A citation: a PMID, DOI or URL, or the founding article that started the project."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    citation: PlainText
    pmid: Annotated[str, Field(pattern=r"^\d{1,9}$")] | None = None
    doi: Annotated[str, Field(pattern=r"^10\.\d{4,9}/\S+$")] | None = None
    url: Annotated[str, Field(pattern=r"^https?://\S+$")] | None = None
    founding_article: bool = False

    @model_validator(mode="after")
    def _resolvable(self) -> Source:
        if not (self.pmid or self.doi or self.url or self.founding_article):
            raise ValueError("a source needs a pmid, doi or url (or founding_article: true)")
        return self

    @computed_field  # type: ignore[prop-decorator]
    @property
    def link(self) -> str | None:
        """Where a reader can check the source (None only for the founding article)."""
        if self.pmid:
            return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/"
        if self.doi:
            return f"https://doi.org/{self.doi}"
        return self.url


class Gene(Statement):
    symbol: PlainText
    hgnc: Annotated[str, Field(pattern=r"^HGNC:\d+$")]
    band: PlainText
    omim_gene: Annotated[str, Field(pattern=r"^OMIM:\d{6}$")] | None = None
    aliases: list[str] = []
    function: str = ""


class Names(Statement):
    preferred: PlainText
    synonyms: list[str] = []


class Identifiers(_Value):
    omim: list[Annotated[str, Field(pattern=r"^OMIM:\d{6}$")]] = Field(min_length=1)
    orpha: list[Annotated[str, Field(pattern=r"^ORPHA:\d+$")]] = []
    related: list[Annotated[str, Field(pattern=_CURIE)]] = []


class Fact(Statement):
    """A plain-language statement for families with, where it helps, the precise clinical wording."""

    text: PlainText
    clinical: str = ""


class Discovery(Fact):
    year: Annotated[int, Field(ge=1800, le=2100)]


class CaseCount(Statement):
    description: PlainText
    people: Annotated[int, Field(ge=0)]
    families: Annotated[int, Field(ge=0)] | None = None
    as_of: PlainText


class Onset(Fact):
    typical_age_years: Annotated[float, Field(ge=0, le=100)] | None = None


class ClinicalFeature(Statement):
    """A feature with its HPO id, plain words for families, and a frequency when one is reported."""

    hpo_id: Annotated[str, Field(pattern=HPO_ID_PATTERN)]
    name: PlainText
    description: PlainText
    frequency: str | None = None
    frequency_value: Annotated[float, Field(ge=0, le=1)] | None = None
    key: bool = False


class DiagnosticTest(Statement):
    name: PlainText
    finds: PlainText
    when: str = ""


class ResponseFigure(_Value):
    responders: Annotated[int, Field(ge=0)]
    treated: Annotated[int, Field(gt=0)]

    @model_validator(mode="after")
    def _consistent(self) -> ResponseFigure:
        if self.responders > self.treated:
            raise ValueError("responders cannot exceed treated")
        return self


class Treatment(Statement):
    name: PlainText
    kind: Literal["medicine", "surgery", "therapy", "supportive"]
    description: PlainText
    response: str = ""
    figure: ResponseFigure | None = None
    evidence: PlainText


class CareRole(Statement):
    role: Annotated[str, Field(pattern=r"^[a-z][a-z-]*$")]
    title: PlainText
    does: PlainText
    when: PlainText


class SummaryRow(Statement):
    category: PlainText
    details: PlainText


class DiseaseProfile(_Value):
    """A hand-curated, cited profile of one disease, readable by a parent and printable for a clinician."""

    id: Annotated[str, Field(pattern=_CURIE)]
    names: Names
    identifiers: Identifiers
    gene: Gene
    inheritance: Fact
    overview: Fact
    discovery: Discovery
    counts: list[CaseCount] = Field(min_length=1)
    onset: Onset
    progression: Fact
    features: list[ClinicalFeature] = Field(min_length=1)
    diagnosis: list[DiagnosticTest] = Field(min_length=1)
    treatments: list[Treatment] = Field(min_length=1)
    care_team: list[CareRole] = Field(min_length=1)
    care_team_note: Fact | None = None
    tips: list[Fact] = []
    questions: list[Fact] = []
    summary_table: list[SummaryRow] = Field(min_length=1)
    disclaimer: PlainText
    last_reviewed: dt.date
    sources: list[Source] = Field(min_length=1)

    @field_validator("sources")
    @classmethod
    def _unique_sources(cls, sources: list[Source]) -> list[Source]:
        seen: set[str] = set()
        for source in sources:
            if source.id in seen:
                raise ValueError(f"source id {source.id!r} is defined twice")
            seen.add(source.id)
        return sources

    @property
    def all_ids(self) -> tuple[str, ...]:
        """The profile's own id first, then every OMIM and ORPHA id it covers."""
        ids = [self.id, *self.identifiers.omim, *self.identifiers.orpha]
        return tuple(dict.fromkeys(ids))

    def source(self, source_id: str) -> Source:
        """The source with this id (the loader guarantees every cited id exists)."""
        return next(s for s in self.sources if s.id == source_id)

    def citation_numbers(self) -> dict[str, int]:
        """Source id → its number in the reference list, in order of first citation."""
        numbers: dict[str, int] = {}
        for source_id in _cited_ids(self.model_dump()):
            numbers.setdefault(source_id, len(numbers) + 1)
        return numbers


def _cited_ids(node: object) -> list[str]:
    """Every source id cited anywhere under a dumped model, in document order."""
    if isinstance(node, dict):
        found: list[str] = []
        for key, value in node.items():
            if (
                key == "sources"
                and isinstance(value, list)
                and all(isinstance(v, str) for v in value)
            ):
                found.extend(value)
            elif key != "sources":
                found.extend(_cited_ids(value))
        return found
    if isinstance(node, list):
        return [i for item in node for i in _cited_ids(item)]
    return []


def statement_paths(node: object, path: str = "") -> list[tuple[str, list[str]]]:
    """(location, source ids) for every statement in a dumped profile; used to check citations."""
    found: list[tuple[str, list[str]]] = []
    if isinstance(node, dict):
        if "sources" in node and all(isinstance(v, str) for v in node["sources"]):
            found.append((path or "(profile)", list(node["sources"])))
        for key, value in node.items():
            if key != "sources":
                found.extend(statement_paths(value, f"{path}.{key}" if path else key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            found.extend(statement_paths(item, f"{path}[{index}]"))
    return found
