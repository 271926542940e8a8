"""Synthetic phenopackets for the registry tests (shapes as in phenopacket-store)."""

from __future__ import annotations

import copy
from typing import Any

import pytest

PACKET: dict[str, Any] = {
    "id": "PMID_27839873_Patient_1",
    "subject": {"id": "Family 2 patient 1", "sex": "FEMALE"},
    "phenotypicFeatures": [
        {
            "type": {"id": "HP:0001332", "label": "Dystonia"},
            "onset": {"age": {"iso8601duration": "P6Y"}},
        },
        {"type": {"id": "HP:0001250", "label": "Seizure"}, "excluded": True},
    ],
    "interpretations": [
        {
            "id": "i1",
            "progressStatus": "SOLVED",
            "diagnosis": {
                "disease": {"id": "OMIM:617284", "label": "Dystonia 28, childhood-onset"},
                "genomicInterpretations": [
                    {
                        "subjectOrBiosampleId": "Family 2 patient 1",
                        "interpretationStatus": "CAUSATIVE",
                        "variantInterpretation": {
                            "variationDescriptor": {
                                "id": "v1",
                                "geneContext": {"valueId": "HGNC:15840", "symbol": "KMT2B"},
                                "expressions": [
                                    {"syntax": "hgvs.c", "value": "NM_014727.3:c.2503C>T"},
                                    {"syntax": "hgvs.p", "value": "NP_055542.1:p.(Arg835Ter)"},
                                ],
                                "allelicState": {"id": "GENO:0000135", "label": "heterozygous"},
                                "extensions": [{"name": "inheritance", "value": "de_novo"}],
                            }
                        },
                    }
                ],
            },
        }
    ],
    "diseases": [
        {
            "term": {"id": "OMIM:617284", "label": "Dystonia 28, childhood-onset"},
            "onset": {"age": {"iso8601duration": "P6Y3M"}},
        }
    ],
    "medicalActions": [
        {
            "treatment": {"agent": {"id": "RARELIGHT:anticholinergic", "label": "anticholinergic"}},
            "responseToTreatment": {"id": "RARELIGHT:response-partial", "label": "partial"},
        },
        {
            "procedure": {
                "code": {"id": "RARELIGHT:gpi-dbs", "label": "DBS"},
                "performed": {"age": {"iso8601duration": "P11Y"}},
            }
        },
    ],
    "measurements": [
        {
            "assay": {"id": "RARELIGHT:bfmdrs-m", "label": "BFMDRS-M"},
            "description": "before deep brain stimulation",
            "value": {"quantity": {"unit": {"id": "UCUM:1", "label": "score"}, "value": 60}},
        },
        {
            "assay": {"id": "RARELIGHT:bfmdrs-m", "label": "BFMDRS-M"},
            "description": "after deep brain stimulation",
            "value": {"quantity": {"unit": {"id": "UCUM:1", "label": "score"}, "value": 24.5}},
        },
    ],
    "metaData": {
        "created": "2024-01-01T00:00:00Z",
        "createdBy": "test",
        "phenopacketSchemaVersion": "2.0",
        "externalReferences": [
            {"id": "PMID:27839873", "description": "Zech et al. 2016"},
            {"id": "rarelight:country", "description": "DE"},
            {"id": "rarelight:dbsInterval", "description": "P1Y"},
        ],
    },
}


def packet(**changes: Any) -> dict[str, Any]:
    """A copy of the synthetic packet with top-level changes (id, subject, …)."""
    out = copy.deepcopy(PACKET)
    out.update(changes)
    return out


@pytest.fixture
def make_packet() -> Any:
    return packet
