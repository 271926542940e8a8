"""Genetic results: the variants a laboratory reported, in HGVS notation.

Guardians and family (EDIT_PROFILE) and clinicians (ADD_CLINICAL) write them; every member reads.
The notation is checked for shape only (a laboratory's report is the authority; checking against a
reference sequence needs data Rarelight does not ship).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NotRequired, TypedDict, Unpack

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rarelight_web.records.access import Access
from rarelight_web.records.models import AuditEntry, GeneticVariant
from rarelight_web.records.roles import CLINICAL_WRITERS

from ._entries import EntryError, EntryKind, requires

_GENE = re.compile(r"^[A-Z][A-Z0-9-]{0,30}$")
# An optional reference (NM_014727.3, ENST…, NC_000019.10, LRG_1t1) and c./g./m./n. with a change.
_HGVS_C = re.compile(
    r"^(?:(?:[A-Z]{2}_\d+\.\d+|ENST\d+(?:\.\d+)?|LRG_\d+(?:t\d+)?)(?:\([A-Z0-9-]+\))?:)?[cgmn]\.\S+$"
)
_HGVS_P = re.compile(r"^(?:(?:[A-Z]{2}_\d+\.\d+|ENSP\d+(?:\.\d+)?):)?p\.\S+$")


class GeneticsError(EntryError):
    """A genetic variant its rules do not allow; `field` names the form field."""


def _variant_label(variant: GeneticVariant) -> str:
    return f"{variant.gene} {variant.hgvs_c}"


VARIANTS = EntryKind(
    model=GeneticVariant,
    check_writer=requires(*CLINICAL_WRITERS),
    error=GeneticsError,
    missing=gettext_lazy("There is no such genetic variant in this record."),
    label=_variant_label,
    added=AuditEntry.Action.VARIANT_ADDED,
    changed=AuditEntry.Action.VARIANT_UPDATED,
    removed=AuditEntry.Action.VARIANT_REMOVED,
    fields=(
        "gene",
        "hgvs_c",
        "hgvs_p",
        "zygosity",
        "inheritance",
        "classification",
        "laboratory",
        "reported_on",
        "notes",
    ),
)


class VariantFields(TypedDict):
    gene: str
    hgvs_c: str
    hgvs_p: NotRequired[str]
    zygosity: NotRequired[str]
    inheritance: NotRequired[str]
    classification: NotRequired[str]
    laboratory: NotRequired[str]
    reported_on: NotRequired[dt.date | None]
    notes: NotRequired[str]


def _choice(fields: VariantFields, name: str, choices: list[str]) -> str:
    value = str(fields.get(name) or "unknown")
    if value not in choices:
        raise GeneticsError(
            _("Choose one of: %(choices)s.") % {"choices": ", ".join(choices)}, field=name
        )
    return value


def _variant_values(fields: VariantFields, today: dt.date) -> dict[str, object]:
    """The fields as stored (gene upper-cased, notation trimmed), or GeneticsError naming the field."""
    gene = fields["gene"].strip().upper()
    if not _GENE.match(gene):
        raise GeneticsError(
            _("Give the gene's HGNC symbol, e.g. KMT2B (letters, digits and hyphens)."),
            field="gene",
        )
    hgvs_c = fields["hgvs_c"].strip().replace(" ", "")
    if not _HGVS_C.match(hgvs_c):
        raise GeneticsError(
            _(
                "Write the variant as on the report, in HGVS c. notation, e.g. "
                "NM_014727.3:c.2233C>T or c.2233C>T."
            ),
            field="hgvs_c",
        )
    hgvs_p = fields.get("hgvs_p", "").strip().replace(" ", "")
    if hgvs_p and not _HGVS_P.match(hgvs_p):
        raise GeneticsError(
            _("Write the protein change in HGVS p. notation, e.g. p.(Arg745*) or p.Arg745Ter."),
            field="hgvs_p",
        )
    reported_on = fields.get("reported_on")
    if reported_on is not None and reported_on > today:
        raise GeneticsError(_("The report date cannot be in the future."), field="reported_on")
    return {
        "gene": gene,
        "hgvs_c": hgvs_c,
        "hgvs_p": hgvs_p,
        "zygosity": _choice(fields, "zygosity", GeneticVariant.Zygosity.values),
        "inheritance": _choice(fields, "inheritance", GeneticVariant.Inheritance.values),
        "classification": _choice(fields, "classification", GeneticVariant.Classification.values),
        "laboratory": fields.get("laboratory", "").strip(),
        "reported_on": reported_on,
        "notes": fields.get("notes", "").strip(),
    }


@transaction.atomic
def add_variant(
    access: Access, *, now: dt.datetime, **fields: Unpack[VariantFields]
) -> GeneticVariant:
    """Add a reported variant: gene, hgvs_c, hgvs_p, zygosity, inheritance, classification,
    laboratory, reported_on, notes."""
    VARIANTS.check_writer(access)
    return VARIANTS.add(access, _variant_values(fields, now.date()), now)


@transaction.atomic
def update_variant(
    access: Access, variant_id: int, *, now: dt.datetime, **fields: Unpack[VariantFields]
) -> list[str]:
    """Change a reported variant; returns the fields that changed."""
    variant = VARIANTS.find(access, variant_id, for_update=True)
    return VARIANTS.change(access, variant, _variant_values(fields, now.date()), now)


@transaction.atomic
def remove_variant(access: Access, variant_id: int, *, now: dt.datetime) -> GeneticVariant:
    """Take a variant out of the record."""
    return VARIANTS.remove(access, variant_id, now)
