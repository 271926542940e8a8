"""A registry case to and from a GA4GH phenopacket v2, checked by the official `phenopackets` package.

Phenopacket v2 has no place for some EU common data elements (country, year of birth, age at
diagnosis, family, source, consent, agreement to be contacted) nor for an anticholinergic response
or a BFMDRS score. Those travel as `metaData.externalReferences` whose ids start `rarelight:` and as
medical actions and measurements coded with `RARELIGHT:` terms, so the file stays valid against the
schema and other tools simply ignore them.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from typing import Any

from google.protobuf import json_format
from phenopackets import Phenopacket
from pydantic import ValidationError

from rarelight.errors import InputError, Problem, ProblemsError

from ._model import (
    Consent,
    DbsOutcome,
    Feature,
    Inheritance,
    RegistryCase,
    Response,
    Sex,
    Source,
    Variant,
    Zygosity,
    format_age,
    parse_age,
)
from ._variant import variant_class

__all__ = ["case_from_phenopacket", "case_to_phenopacket", "read_phenopacket"]

EXT = "rarelight:"
ANTICHOLINERGIC = {"id": "RARELIGHT:anticholinergic", "label": "anticholinergic medicine"}
DBS = {"id": "RARELIGHT:gpi-dbs", "label": "deep brain stimulation of the globus pallidus internus"}
BFMDRS = {"id": "RARELIGHT:bfmdrs-m", "label": "Burke-Fahn-Marsden Dystonia Rating Scale, movement"}
_RESPONSE_PREFIX = "RARELIGHT:response-"
_BEFORE, _AFTER = "before deep brain stimulation", "after deep brain stimulation"
_SEX_IN = {"FEMALE": Sex.FEMALE, "MALE": Sex.MALE, "OTHER_SEX": Sex.OTHER}
_SEX_OUT = {
    Sex.FEMALE: "FEMALE",
    Sex.MALE: "MALE",
    Sex.OTHER: "OTHER_SEX",
    Sex.UNKNOWN: "UNKNOWN_SEX",
}
_GENO = {
    "GENO:0000135": Zygosity.HETEROZYGOUS,
    "GENO:0000136": Zygosity.HOMOZYGOUS,
    "GENO:0000134": Zygosity.HEMIZYGOUS,
}
_GENO_OUT = {z: g for g, z in _GENO.items()}
_FAMILY = re.compile(r"\b(?:family|fam|pedigree|kindred)[\s_.#:-]*([A-Za-z0-9]+)", re.IGNORECASE)
_HPO = re.compile(r"^HP:\d{7}$")
_RESOURCES = [
    {
        "id": "hp",
        "name": "human phenotype ontology",
        "url": "http://purl.obolibrary.org/obo/hp.owl",
        "version": "2025-01-16",
        "namespacePrefix": "HP",
        "iriPrefix": "http://purl.obolibrary.org/obo/HP_",
    },
    {
        "id": "geno",
        "name": "Genotype Ontology",
        "url": "http://purl.obolibrary.org/obo/geno.owl",
        "version": "2025-07-25",
        "namespacePrefix": "GENO",
        "iriPrefix": "http://purl.obolibrary.org/obo/GENO_",
    },
]


def _json_path(message: str) -> str:
    """The JSON path of a protobuf parse error: `$.phenotypicFeatures[1].type`."""
    at = re.search(r' at "?Phenopacket\.([^"\s]*?)"?\.*(?:\s|$)', message)
    if at:
        return "$." + at.group(1).rstrip(".")
    fields = re.findall(r"Failed to parse (\w+) field", message)
    return "$" + "".join(f".{f}" for f in fields)


def read_phenopacket(text: str | bytes, source: str) -> Phenopacket:
    """Parse and check a phenopacket v2; every problem names its JSON path."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ProblemsError(
            f"{source} is not JSON",
            [Problem("$", str(error), "save the file as UTF-8 JSON")],
        ) from error
    if not isinstance(data, dict):
        raise ProblemsError(
            f"{source} is not a phenopacket",
            [Problem("$", f"a JSON object is expected, not {type(data).__name__}")],
        )
    packet = Phenopacket()
    try:
        json_format.ParseDict(data, packet)
    except json_format.ParseError as error:
        message = " ".join(str(error).split())
        raise ProblemsError(
            f"{source} is not a valid phenopacket v2",
            [
                Problem(
                    _json_path(message),
                    message,
                    "check that field against the Phenopacket v2 schema",
                )
            ],
        ) from error
    problems = _check(packet)
    if problems:
        raise ProblemsError(f"{source} is not a valid phenopacket v2", problems)
    return packet


def _check(packet: Phenopacket) -> list[Problem]:
    """What the protobuf parser lets through but the schema and the registry require."""
    problems = []
    if not packet.id:
        problems.append(Problem("$.id", "the phenopacket has no id", "give it a unique id"))
    if not packet.HasField("subject") or not packet.subject.id:
        problems.append(Problem("$.subject.id", "the subject has no id", "name the subject"))
    if not packet.HasField("meta_data"):
        problems.append(Problem("$.metaData", "metaData is missing", "add metaData (required)"))
    for i, feature in enumerate(packet.phenotypic_features):
        if not _HPO.match(feature.type.id):
            problems.append(
                Problem(
                    f"$.phenotypicFeatures[{i}].type.id",
                    f"{feature.type.id!r} is not an HPO id",
                    "use an id such as HP:0001332",
                )
            )
        problems += _age_problems(feature.onset, f"$.phenotypicFeatures[{i}].onset")
    for i, disease in enumerate(packet.diseases):
        problems += _age_problems(disease.onset, f"$.diseases[{i}].onset")
    return problems


def _age_problems(element: Any, path: str) -> list[Problem]:
    if element.HasField("age"):
        try:
            parse_age(element.age.iso8601duration)
        except InputError as error:
            return [Problem(f"{path}.age.iso8601duration", str(error), "write P7Y3M")]
    return []


def _age(element: Any) -> int | None:
    return parse_age(element.age.iso8601duration) if element.HasField("age") else None


def case_from_phenopacket(packet: Phenopacket) -> RegistryCase:
    """Read the registry's fields from a checked phenopacket (`read_phenopacket`)."""
    ext = {r.id.removeprefix(EXT): r.description for r in packet.meta_data.external_references}
    pmid = next(
        (r.id for r in packet.meta_data.external_references if r.id.startswith("PMID:")), ""
    )
    disease_id = disease_label = ""
    onset = None
    if packet.diseases:
        first = packet.diseases[0]
        disease_id, disease_label, onset = first.term.id, first.term.label, _age(first.onset)
    elif packet.interpretations:
        term = packet.interpretations[0].diagnosis.disease
        disease_id, disease_label = term.id, term.label
    family = ext.get("family", "")
    if "family" not in ext and pmid:  # a Rarelight export always says, even when there is none
        found = _FAMILY.search(packet.subject.id)
        family = f"{pmid} family {found.group(1)}" if found else ""
    anticholinergic, dbs = _treatments(packet, ext)
    try:
        return RegistryCase(
            case_id=packet.id,
            source=Source(ext.get("source") or (Source.PUBLICATION if pmid else Source.CLINICIAN)),
            pmid=pmid,
            subject_id=packet.subject.id,
            family_id=family,
            sex=_SEX_IN.get(_enum_name(packet.subject, "sex"), Sex.UNKNOWN),
            country=ext.get("country", ""),
            year_of_birth=int(ext["yearOfBirth"]) if ext.get("yearOfBirth") else None,
            onset_months=onset,
            diagnosis_months=parse_age(ext["ageAtDiagnosis"])
            if ext.get("ageAtDiagnosis")
            else None,
            disease_id=disease_id,
            disease_label=disease_label,
            variants=tuple(_variants(packet)),
            features=tuple(
                Feature(
                    hpo_id=f.type.id,
                    label=f.type.label,
                    excluded=f.excluded,
                    onset_months=_age(f.onset),
                )
                for f in packet.phenotypic_features
            ),
            anticholinergic=anticholinergic,
            dbs=dbs,
            consent=Consent(ext.get("consent") or Consent.PUBLISHED),
            contact_ok=ext.get("contact") == "yes",
        )
    except (ValidationError, ValueError, InputError) as error:
        raise ProblemsError(
            f"{packet.id} carries a registry field Rarelight cannot read",
            [Problem("$.metaData.externalReferences", " ".join(str(error).split()))],
        ) from error


def _enum_name(message: Any, field: str) -> str:
    descriptor = message.DESCRIPTOR.fields_by_name[field].enum_type
    return str(descriptor.values_by_number[getattr(message, field)].name)


def _variants(packet: Phenopacket) -> list[Variant]:
    variants = []
    for interpretation in packet.interpretations:
        for genomic in interpretation.diagnosis.genomic_interpretations:
            descriptor = genomic.variant_interpretation.variation_descriptor
            expressions = {e.syntax: e.value for e in descriptor.expressions}
            extensions = {e.name: e.value for e in descriptor.extensions}
            hgvs_c, hgvs_p = expressions.get("hgvs.c", ""), expressions.get("hgvs.p", "")
            description = descriptor.label or descriptor.structural_type.label
            inheritance = extensions.get("inheritance", "")
            variants.append(
                Variant(
                    gene=descriptor.gene_context.symbol,
                    gene_id=descriptor.gene_context.value_id,
                    hgvs_c=hgvs_c,
                    hgvs_p=hgvs_p,
                    description=description,
                    zygosity=_GENO.get(descriptor.allelic_state.id, Zygosity.UNKNOWN),
                    inheritance=Inheritance(inheritance) if inheritance else Inheritance.UNKNOWN,
                    variant_class=variant_class(hgvs_c, hgvs_p, description),
                )
            )
    return variants


def _treatments(
    packet: Phenopacket, ext: Mapping[str, str]
) -> tuple[Response | None, DbsOutcome | None]:
    anticholinergic: Response | None = None
    dbs_age: int | None = None
    has_dbs = False
    for action in packet.medical_actions:
        if action.HasField("treatment") and action.treatment.agent.id == ANTICHOLINERGIC["id"]:
            code = action.response_to_treatment.id.removeprefix(_RESPONSE_PREFIX)
            anticholinergic = Response(code) if code in Response._value2member_map_ else None
        if action.HasField("procedure") and action.procedure.code.id == DBS["id"]:
            has_dbs = True
            dbs_age = _age(action.procedure.performed)
    scores = {
        m.description: m.value.quantity.value
        for m in packet.measurements
        if m.assay.id == BFMDRS["id"]
    }
    if not has_dbs:
        return anticholinergic, None
    interval = ext.get("dbsInterval")
    return anticholinergic, DbsOutcome(
        age_months=dbs_age,
        bfmdrs_before=scores.get(_BEFORE),
        bfmdrs_after=scores.get(_AFTER),
        interval_months=parse_age(interval) if interval else None,
    )


def _ref(name: str, value: str) -> dict[str, str]:
    return {"id": f"{EXT}{name}", "description": value}


def case_to_phenopacket(case: RegistryCase, created: dt.datetime) -> dict[str, Any]:
    """The case as phenopacket v2 JSON (a dict), checked by the official package before return."""
    subject: dict[str, Any] = {"id": case.subject_id or case.case_id, "sex": _SEX_OUT[case.sex]}
    refs = [{"id": case.pmid, "reference": _pubmed(case.pmid)}] if case.pmid else []
    refs += [_ref("source", case.source.value), _ref("consent", case.consent.value)]
    refs.append(_ref("contact", "yes" if case.contact_ok else "no"))
    refs.append(_ref("family", case.family_id))
    for name, value in (
        ("country", case.country),
        ("yearOfBirth", str(case.year_of_birth) if case.year_of_birth is not None else ""),
        ("ageAtDiagnosis", _iso(case.diagnosis_months)),
        ("dbsInterval", _iso(case.dbs.interval_months if case.dbs else None)),
    ):
        if value:
            refs.append(_ref(name, value))
    packet: dict[str, Any] = {
        "id": case.case_id,
        "subject": subject,
        "phenotypicFeatures": [_feature(f) for f in case.features],
        "metaData": {
            "created": created.astimezone(dt.UTC).isoformat().replace("+00:00", "Z"),
            "createdBy": "Rarelight registry",
            "resources": _RESOURCES,
            "phenopacketSchemaVersion": "2.0",
            "externalReferences": refs,
        },
    }
    if case.disease_id:
        disease: dict[str, Any] = {"term": {"id": case.disease_id, "label": case.disease_label}}
        if case.onset_months is not None:
            disease["onset"] = {"age": {"iso8601duration": format_age(case.onset_months)}}
        packet["diseases"] = [disease]
    if case.variants:
        packet["interpretations"] = [_interpretation(case)]
    actions, measurements = _actions(case)
    if actions:
        packet["medicalActions"] = actions
    if measurements:
        packet["measurements"] = measurements
    json_format.ParseDict(packet, Phenopacket())  # raises if Rarelight ever writes off-schema
    return packet


def _iso(months: int | None) -> str:
    return format_age(months) if months is not None else ""


def _pubmed(pmid: str) -> str:
    return f"https://pubmed.ncbi.nlm.nih.gov/{pmid.removeprefix('PMID:')}"


def _feature(feature: Feature) -> dict[str, Any]:
    out: dict[str, Any] = {"type": {"id": feature.hpo_id, "label": feature.label}}
    if feature.excluded:
        out["excluded"] = True
    if feature.onset_months is not None:
        out["onset"] = {"age": {"iso8601duration": format_age(feature.onset_months)}}
    return out


def _interpretation(case: RegistryCase) -> dict[str, Any]:
    genomic = []
    for i, variant in enumerate(case.variants):
        descriptor: dict[str, Any] = {
            "id": f"{case.case_id}-variant-{i + 1}",
            "moleculeContext": "genomic",
        }
        if variant.gene or variant.gene_id:
            descriptor["geneContext"] = {"valueId": variant.gene_id, "symbol": variant.gene}
        expressions = [
            {"syntax": syntax, "value": value}
            for syntax, value in (("hgvs.c", variant.hgvs_c), ("hgvs.p", variant.hgvs_p))
            if value
        ]
        if expressions:
            descriptor["expressions"] = expressions
        if variant.description:
            descriptor["label"] = variant.description
        if variant.zygosity is not Zygosity.UNKNOWN:
            descriptor["allelicState"] = {
                "id": _GENO_OUT[variant.zygosity],
                "label": variant.zygosity.value,
            }
        if variant.inheritance is not Inheritance.UNKNOWN:
            descriptor["extensions"] = [{"name": "inheritance", "value": variant.inheritance.value}]
        genomic.append(
            {
                "subjectOrBiosampleId": case.subject_id or case.case_id,
                "interpretationStatus": "CAUSATIVE",
                "variantInterpretation": {"variationDescriptor": descriptor},
            }
        )
    diagnosis: dict[str, Any] = {"genomicInterpretations": genomic}
    if case.disease_id:
        diagnosis["disease"] = {"id": case.disease_id, "label": case.disease_label}
    return {
        "id": f"{case.case_id}-interpretation",
        "progressStatus": "SOLVED",
        "diagnosis": diagnosis,
    }


def _actions(case: RegistryCase) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    actions: list[dict[str, Any]] = []
    measurements: list[dict[str, Any]] = []
    if case.anticholinergic is not None:
        actions.append(
            {
                "treatment": {"agent": ANTICHOLINERGIC},
                "responseToTreatment": {
                    "id": f"{_RESPONSE_PREFIX}{case.anticholinergic.value}",
                    "label": f"{case.anticholinergic.value} response",
                },
            }
        )
    if case.dbs is not None:
        procedure: dict[str, Any] = {"code": DBS}
        if case.dbs.age_months is not None:
            procedure["performed"] = {"age": {"iso8601duration": format_age(case.dbs.age_months)}}
        actions.append({"procedure": procedure})
        for description, score in (
            (_BEFORE, case.dbs.bfmdrs_before),
            (_AFTER, case.dbs.bfmdrs_after),
        ):
            if score is not None:
                measurements.append(
                    {
                        "assay": BFMDRS,
                        "description": description,
                        "value": {
                            "quantity": {
                                "unit": {"id": "UCUM:1", "label": "score"},
                                "value": score,
                            }
                        },
                    }
                )
    return actions, measurements
