"""The attack of the issue on the real public outputs: the overall statistics and every diagnosis's
statistics together, differenced by a linear-programming attacker, never pin a count below 5."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from rarelight.registry import LESS_THAN_FIVE, SUPPRESSED, RegistryCase, Sex, registry_statistics

DISEASES = ["OMIM:617284", "OMIM:619934", "ORPHA:1", "ORPHA:2"]
people = st.lists(
    st.tuples(st.sampled_from(DISEASES), st.sampled_from(Sex), st.sampled_from(["", "DE", "FR"])),
    max_size=40,
)


def _bounds(shown: str) -> tuple[float, float | None]:
    if shown == LESS_THAN_FIVE:
        return (0, 4)
    if shown == SUPPRESSED:
        return (5, None)
    return (int(shown), int(shown))


@settings(max_examples=120)
@given(people)
def test_overall_and_per_diagnosis_outputs_never_give_a_small_count_away(
    rows: list[tuple[str, Sex, str]],
) -> None:
    cases = [
        RegistryCase(case_id=f"c{i}", disease_id=d, sex=sex, country=country)
        for i, (d, sex, country) in enumerate(rows)
    ]
    overall = registry_statistics(cases)
    outputs = {d: registry_statistics(cases, disease=d) for d in overall.groups if d != "other"}
    for question in [t.key for t in overall.tables]:
        table = next(t for t in overall.tables if t.key == question)
        cats = [c.key for c in table.categories]
        groups = [*outputs, "unseen"]  # the pooled diagnoses are never published: unknown
        keys = [(g, c) for g in groups for c in [*cats, "total"]] + [
            ("all", c) for c in [*cats, "total"]
        ]
        index = {k: i for i, k in enumerate(keys)}
        bounds: list[tuple[float, float | None]] = []
        for g, c in keys:
            if g == "unseen":
                bounds.append((0, None))
                continue
            stats = overall if g == "all" else outputs[g]
            t = next(x for x in stats.tables if x.key == question)
            shown = t.total if c == "total" else next(x.shown for x in t.categories if x.key == c)
            bounds.append(_bounds(shown))
        equations = []
        for g in [*groups, "all"]:
            row = np.zeros(len(keys))
            for c in cats:
                row[index[g, c]] = 1
            row[index[g, "total"]] = -1
            equations.append(row)
        for c in [*cats, "total"]:
            row = np.zeros(len(keys))
            for g in groups:
                row[index[g, c]] = 1
            row[index["all", c]] = -1
            equations.append(row)
        a_eq, b_eq = np.array(equations), np.zeros(len(equations))
        for key, (low_bound, high_bound) in zip(keys, bounds, strict=True):
            if (low_bound, high_bound) != (0, 4):
                continue
            objective = np.zeros(len(keys))
            objective[index[key]] = 1
            low = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
            high = linprog(-objective, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
            assert low.status == 0, f"published figures inconsistent for {question}"
            assert -high.fun - low.fun >= 1 - 1e-6, f"{question} {key} recovered from {rows}"
