"""The "Could it be…?" page: one form, server-rendered, enhanced by htmx, nothing stored."""

from __future__ import annotations

import re

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from rarelight.errors import ProblemsError, RarelightError
from rarelight.knowledge import NOT_A_DIAGNOSIS
from rarelight.phenotype import PatientProfile, explain, onset_for_age
from rarelight_web.knowledge import catalogue, ranker, term_index, text_parser

from .state import Symptoms

RESULTS = 20
EXPLAINED = 10
_ACTION = re.compile(r"^(add|remove|present|absent):(HP:\d{7})$")


@require_http_methods(["GET", "POST"])
def could_it_be(request: HttpRequest) -> HttpResponse:
    """Describe symptoms, pick HPO terms as present or absent, and see the diseases that fit."""
    state = Symptoms.from_post(request.POST) if request.method == "POST" else Symptoms()
    action = request.POST.get("action", "")
    ontology = catalogue().release.ontology
    found = []
    suggestions = []
    if action == "parse" and state.text.strip():
        found = text_parser().parse(state.text)
        for item in found:
            state.add(item.term.id, item.excluded)
        if not found:
            state.errors.append(
                _(
                    "No features were recognised in the description; try other words, or search for terms below."
                )
            )
    elif action in {"suggest", "search"} and state.query.strip():
        suggestions = term_index().search(state.query, 8)
    elif match := _ACTION.match(action):
        verb, hpo_id = match.groups()
        if verb == "remove":
            state.remove(hpo_id)
        else:
            state.add(hpo_id, excluded=verb == "absent")
    if action == "suggest" and request.headers.get("HX-Request"):
        return render(
            request, "diagnosis/_suggestions.html", {"suggestions": suggestions, "state": state}
        )

    results: list[dict[str, object]] = []
    notices: list[str] = []
    focus = None
    if state.observed:
        try:
            patient = PatientProfile.from_ids(
                ontology,
                state.observed,
                state.excluded,
                sex="female" if state.sex == "female" else "male" if state.sex == "male" else None,
                onset=_onset(state),
            )
        except ProblemsError as error:
            state.errors += [f"{p.location}: {p.message}" for p in error.problems]
        else:
            notices = list(patient.notices)
            the_ranker = ranker()
            if state.focus and the_ranker.index_of(state.focus) is not None:
                focus = {
                    "disease_id": state.focus,
                    "name": catalogue().get(state.focus).name,
                    "rank": the_ranker.rank_of(patient, state.focus),
                    "total": len(the_ranker),
                }
            shown: set[str] = set()
            for ranked in the_ranker.rank(patient, RESULTS + 5):
                page = _page(ranked.disease_id)
                if page[0] in shown:  # a curated profile's other id: one entry per disease page
                    continue
                shown.add(page[0])
                results.append(
                    {
                        "ranked": ranked,
                        "name": page[1],
                        "percent": round(ranked.probability * 100, 1),
                        "explanation": explain(the_ranker, patient, ranked.disease_id)
                        if len(results) < EXPLAINED
                        else None,
                        "page_id": page[0],
                    }
                )
            results = results[:RESULTS]
    elif action == "rank":
        state.errors.append(
            _("Add at least one feature that is present before looking for diseases.")
        )
    context = {
        "state": state,
        "labels": {t: ontology.label(t) for t in (*state.observed, *state.excluded)},
        "found": found,
        "suggestions": suggestions,
        "results": results,
        "notices": notices,
        "focus": focus,
        "release_name": catalogue().release.name,
        "not_a_diagnosis": NOT_A_DIAGNOSIS,
        # A chip's button goes away with the swap: focus returns to the feature search box.
        "refocus_search": bool(_ACTION.match(action)),
    }
    return render(request, "diagnosis/could_it_be.html", context)


def _onset(state: Symptoms) -> str | None:
    """The onset class of the age given, or None (with a form error when it is not an age)."""
    if not state.onset_age:
        return None
    try:
        years = float(state.onset_age.replace(",", "."))
        if not 0 <= years <= 130:
            raise ValueError
    except ValueError:
        state.errors.append(
            _("Age when it started: give a number of years from 0 to 130, e.g. 6 or 0.5.")
        )
        return None
    return onset_for_age(years)


def _page(disease_id: str) -> tuple[str, str]:
    """The catalogue page (id, name) a ranked disease links to; a curated profile answers for its ids."""
    try:
        disease = catalogue().get(disease_id)
    except RarelightError:
        return disease_id, disease_id
    return disease.id, disease.name
