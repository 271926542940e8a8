"""A patient's phenotype as ranking input: observed and excluded HPO terms, optional sex and onset."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from google.protobuf import json_format
from phenopackets import Phenopacket

from rarelight.errors import InputError, NotFound, Problem, ProblemsError

from ._demographics import ONSET
from ._ontology import Ontology

MAX_TERMS = 300
PHENOTYPIC_ABNORMALITY = "HP:0000118"  # Phenotypic abnormality

Sex = Literal["female", "male"]
_SEXES: dict[str, Sex] = {"FEMALE": "female", "MALE": "male"}
# Onset classes from earliest to latest, to take a phenopacket's earliest feature onset.
_ONSET_ORDER = ["HP:0030674", "HP:0011461", "HP:0003577", "HP:0003623", "HP:0003593",
                "HP:0011463", "HP:0003621", "HP:0011462", "HP:0003596", "HP:0003584"]  # fmt: skip


def _onset_order(term: str) -> int:
    return _ONSET_ORDER.index(term) if term in _ONSET_ORDER else len(_ONSET_ORDER)


@dataclass(frozen=True)
class PatientProfile:
    """Observed and excluded terms (current HPO ids), with notices for ids that were mapped."""

    observed: tuple[str, ...]
    excluded: tuple[str, ...] = ()
    sex: Sex | None = None
    onset: str | None = None
    notices: tuple[str, ...] = ()

    @classmethod
    def from_ids(
        cls,
        ontology: Ontology,
        observed: list[str],
        excluded: list[str] | None = None,
        sex: Sex | None = None,
        onset: str | None = None,
    ) -> PatientProfile:
        """Resolve ids (alternative and obsolete ones mapped with a notice); every problem at once."""
        excluded = excluded or []
        problems: list[Problem] = []
        notices: list[str] = []
        if not observed:
            problems.append(Problem("observed", "no observed terms", "give at least one HPO term"))
        if len(observed) + len(excluded) > MAX_TERMS:
            problems.append(
                Problem(
                    "terms",
                    f"{len(observed) + len(excluded)} terms given",
                    f"give at most {MAX_TERMS}",
                )
            )
        resolved: dict[str, list[str]] = {"observed": [], "excluded": []}
        for field, ids in (("observed", observed), ("excluded", excluded)):
            for index, raw in enumerate(ids):
                try:
                    found = ontology.resolve(raw)
                except (InputError, NotFound) as error:
                    problems.append(
                        Problem(f"{field}[{index}]", str(error), "use a current HPO id")
                    )
                    continue
                if found.notice:
                    notices.append(found.notice)
                if PHENOTYPIC_ABNORMALITY not in ontology.ancestors(found.term.id):
                    problems.append(
                        Problem(
                            f"{field}[{index}]",
                            f"{found.term.id} ({found.term.label}) is not a phenotypic abnormality",
                            "use a term under Phenotypic abnormality (HP:0000118)",
                        )
                    )
                    continue
                resolved[field].append(found.term.id)
        if onset is not None:
            try:
                onset_term = ontology.resolve(onset).term
            except (InputError, NotFound) as error:
                problems.append(Problem("onset", str(error), "use an HPO onset term"))
            else:
                if ONSET not in ontology.ancestors(onset_term.id) or onset_term.id == ONSET:
                    problems.append(
                        Problem("onset", f"{onset_term.id} ({onset_term.label}) is not an onset class",
                                "use a term under Onset (HP:0003674), e.g. HP:0011463 Childhood onset")
                    )  # fmt: skip
                onset = onset_term.id
        if problems:
            raise ProblemsError("the phenotype cannot be ranked", problems)
        observed_ids = tuple(dict.fromkeys(resolved["observed"]))
        excluded_ids = tuple(
            t for t in dict.fromkeys(resolved["excluded"]) if t not in observed_ids
        )
        return cls(observed_ids, excluded_ids, sex, onset, tuple(notices))

    @classmethod
    def from_phenopacket(
        cls, ontology: Ontology, text: str, source: str = "phenopacket"
    ) -> PatientProfile:
        """Read a GA4GH Phenopacket v2 (JSON) with the official schema package.

        A malformed packet fails naming the field and what was wrong; ids are then checked as in
        `from_ids`.
        """
        packet = Phenopacket()
        try:
            json_format.Parse(text, packet)
        except json_format.ParseError as error:
            raise ProblemsError(
                f"{source} is not a valid phenopacket v2",
                [Problem(source, str(error), "check that field against the Phenopacket v2 schema")],
            ) from error
        observed = [f.type.id for f in packet.phenotypic_features if not f.excluded and f.type.id]
        excluded = [f.type.id for f in packet.phenotypic_features if f.excluded and f.type.id]
        if not packet.phenotypic_features:
            raise ProblemsError(
                f"{source} cannot be ranked",
                [
                    Problem(
                        "phenotypicFeatures",
                        "the phenopacket lists no phenotypic features",
                        "add phenotypicFeatures with HPO terms",
                    )
                ],
            )
        sex_name = (
            Phenopacket.DESCRIPTOR.fields_by_name["subject"]
            .message_type.fields_by_name["sex"]
            .enum_type.values_by_number[packet.subject.sex]
            .name
        )
        onsets = [
            f.onset.ontology_class.id
            for f in packet.phenotypic_features
            if not f.excluded and f.onset.ontology_class.id
        ]
        onset = min(onsets, key=_onset_order) if onsets else None
        try:
            profile = cls.from_ids(
                ontology, observed, excluded, sex=_SEXES.get(sex_name), onset=onset
            )
        except ProblemsError as error:
            raise ProblemsError(
                f"{source}: the phenotype cannot be ranked",
                [
                    Problem(f"phenotypicFeatures ({p.location})", p.message, p.fix)
                    for p in error.problems
                ],
            ) from error
        return profile
