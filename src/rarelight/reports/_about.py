"""Five cited lines about a disorder for a clinician who has never seen a case, from its profile.

The lines are always the same five topics in the same order, each the first sentence of the
clinical wording (plain words when there is none), so the same profile always gives the same lines:
what it is, onset, course, the treatment with the best reported response, and the genetics.
"""

from __future__ import annotations

from rarelight.knowledge._schema import DiseaseProfile, Fact, Treatment

from ._passport_data import AboutLine, SourceRef
from ._pdf import clean, first_sentence, sentence


def about_the_disorder(profile: DiseaseProfile) -> tuple[AboutLine, ...]:
    """The five lines, each with the sources the profile cites for it."""
    treatment = _best_treatment(profile.treatments)
    return (
        _line(profile, "What it is", profile.overview),
        _line(profile, "Onset", profile.onset),
        _line(profile, "Course", profile.progression),
        AboutLine(
            "Treatment",
            _treatment_text(treatment),
            _sources(profile, treatment.sources),
        ),
        _line(profile, "Genetics", profile.inheritance),
    )


def _line(profile: DiseaseProfile, topic: str, fact: Fact) -> AboutLine:
    text = sentence(first_sentence(fact.clinical or fact.text))
    return AboutLine(topic, text, _sources(profile, fact.sources))


def _best_treatment(treatments: list[Treatment]) -> Treatment:
    """The highest reported response rate, then the most people treated, then profile order."""
    ranked = sorted(
        enumerate(treatments),
        key=lambda item: (
            -(item[1].figure.responders / item[1].figure.treated) if item[1].figure else 1.0,
            -(item[1].figure.treated if item[1].figure else 0),
            item[0],
        ),
    )
    return ranked[0][1]


def _treatment_text(treatment: Treatment) -> str:
    figure = treatment.figure
    shown = f" {figure.responders} of {figure.treated} reported people responded." if figure else ""
    said = first_sentence(treatment.response or treatment.description)
    said = said[:1].upper() + said[1:]
    return clean(f"{treatment.name}:{shown} {sentence(said)}")


def _sources(profile: DiseaseProfile, source_ids: list[str]) -> tuple[SourceRef, ...]:
    sources = (profile.source(source_id) for source_id in dict.fromkeys(source_ids))
    return tuple(SourceRef(clean(source.citation), source.link or "") for source in sources)
