"""The registry case: the EU rare-disease common data elements that matter here, in phenopacket terms.

A case is de-identified by construction: a pseudonymous id, ages in whole months, a year of birth
and a country, never a name or an exact date.
"""

from __future__ import annotations

import re
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from rarelight.errors import InputError

__all__ = [
    "Consent",
    "DbsOutcome",
    "Feature",
    "Inheritance",
    "RegistryCase",
    "Response",
    "Sex",
    "Source",
    "Variant",
    "VariantClass",
    "Zygosity",
    "format_age",
    "parse_age",
]


class Source(StrEnum):
    """Where a case came from (EU CDE "source of data")."""

    PUBLICATION = "publication"
    FAMILY = "family"
    CLINICIAN = "clinician"


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    UNKNOWN = "unknown"


class Zygosity(StrEnum):
    HETEROZYGOUS = "heterozygous"
    HOMOZYGOUS = "homozygous"
    HEMIZYGOUS = "hemizygous"
    UNKNOWN = "unknown"


class Inheritance(StrEnum):
    DE_NOVO = "de_novo"
    MATERNAL = "maternal"
    PATERNAL = "paternal"
    INHERITED = "inherited"  # from a parent not named
    UNKNOWN = "unknown"


class VariantClass(StrEnum):
    """What a variant does to the protein, read from its HGVS (see `variant_class`)."""

    MISSENSE = "missense"
    NONSENSE = "nonsense"
    FRAMESHIFT = "frameshift"
    SPLICE = "splice"
    INFRAME = "inframe"
    START_LOSS = "start_loss"
    STOP_LOSS = "stop_loss"
    SYNONYMOUS = "synonymous"
    COPY_NUMBER = "copy_number"  # a deletion or duplication of the gene or more (no HGVS c.)
    OTHER = "other"


class Response(StrEnum):
    """Response to a treatment, as reported."""

    GOOD = "good"
    PARTIAL = "partial"
    NONE = "none"
    WORSE = "worse"


class Consent(StrEnum):
    """The legal basis for holding the case (EU CDE "consent to reuse of data")."""

    PUBLISHED = "published"  # a de-identified case from a publication
    GIVEN = "given"  # explicit consent of the person or their guardian


class _Value(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False)


class Variant(_Value):
    """One causative variant (EU CDE "genetic diagnosis")."""

    gene: str = ""  # HGNC symbol, e.g. KMT2B
    gene_id: str = ""  # CURIE, e.g. HGNC:15840
    hgvs_c: str = ""  # with its transcript, e.g. NM_014727.3:c.2503C>T
    hgvs_p: str = ""
    description: str = ""  # for copy-number and structural variants without HGVS
    zygosity: Zygosity = Zygosity.UNKNOWN
    inheritance: Inheritance = Inheritance.UNKNOWN
    variant_class: VariantClass = VariantClass.OTHER


class Feature(_Value):
    """A phenotypic feature, observed or explicitly excluded, with the age it began."""

    hpo_id: str
    label: str = ""
    excluded: bool = False
    onset_months: int | None = Field(default=None, ge=0)


class DbsOutcome(_Value):
    """Deep brain stimulation: age at surgery, BFMDRS movement score before and after, and when."""

    age_months: int | None = Field(default=None, ge=0)
    bfmdrs_before: float | None = Field(default=None, ge=0, le=120)
    bfmdrs_after: float | None = Field(default=None, ge=0, le=120)
    interval_months: int | None = Field(default=None, ge=0)  # from surgery to the "after" score

    @property
    def change(self) -> float | None:
        """Relative change of the movement score (negative is better), or None if not both known."""
        if self.bfmdrs_before is None or self.bfmdrs_after is None or not self.bfmdrs_before:
            return None
        return (self.bfmdrs_after - self.bfmdrs_before) / self.bfmdrs_before


class RegistryCase(_Value):
    """One person in the registry."""

    case_id: str = Field(min_length=1)  # pseudonymous; never a name
    source: Source = Source.PUBLICATION
    pmid: str = ""  # PMID:12345678 for a published case
    subject_id: str = ""  # the person's label in its publication, e.g. "Family 3 proband"
    family_id: str = ""  # to count families; empty = a family of one
    sex: Sex = Sex.UNKNOWN
    country: str = Field(default="", pattern=r"^([A-Z]{2})?$")  # ISO 3166-1 alpha-2
    year_of_birth: int | None = Field(default=None, ge=1900, le=2200)
    onset_months: int | None = Field(default=None, ge=0)
    diagnosis_months: int | None = Field(default=None, ge=0)
    disease_id: str = ""  # catalogue CURIE, e.g. OMIM:617284
    disease_label: str = ""
    variants: tuple[Variant, ...] = ()
    features: tuple[Feature, ...] = ()
    anticholinergic: Response | None = None
    dbs: DbsOutcome | None = None
    consent: Consent = Consent.PUBLISHED
    contact_ok: bool = False  # EU CDE "agreement to be contacted for research"

    @property
    def duplicate_key(self) -> tuple[str, str]:
        """Same publication and same subject is the same person; otherwise the case id decides."""
        if self.pmid and self.subject_id:
            return (self.pmid, self.subject_id)
        return ("", self.case_id)

    @property
    def family_key(self) -> str:
        return self.family_id or f"case:{self.case_id}"


_AGE = re.compile(
    r"^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?$"
)


def parse_age(text: str) -> int:
    """An ISO 8601 duration (P7Y3M, P26Y, P10D) as whole months, the registry's age precision."""
    match = _AGE.match(text.strip())
    if not match or text.strip().endswith("T"):
        raise InputError(f"{text!r} is not an ISO 8601 age such as P7Y3M, P26Y or P10D")
    years, months, weeks, days = (int(g) if g else 0 for g in match.groups())
    return years * 12 + months + int((weeks * 7 + days) / 30.4375)


def format_age(months: int) -> str:
    """Whole months as the ISO 8601 duration the phenopacket carries: P7Y3M, P26Y, P0M."""
    years, rest = divmod(months, 12)
    if years and rest:
        return f"P{years}Y{rest}M"
    return f"P{years}Y" if years else f"P{rest}M"
