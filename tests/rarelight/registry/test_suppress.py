"""Suppression against an attacker who knows every published number and how the tables add up.

The attacker solves linear programmes over the whole table (margins included): "<5" means 0–4,
"suppressed" means 5 or more, shown numbers are exact, every row and column sums to its total. For
these tables (a network matrix) the LP optimum is an integer, so min == max means recovered.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from rarelight.registry import LESS_THAN_FIVE, SUPPRESSED, TOTAL, SuppressedTable, suppress


def _attack(table: SuppressedTable) -> dict[tuple[str, str], tuple[float, float]]:
    """The smallest and largest value each hidden cell can take, given everything published."""
    groups, cats = (*table.groups, TOTAL), (*table.categories, TOTAL)
    keys = [(g, c) for g in groups for c in cats]
    index = {k: i for i, k in enumerate(keys)}
    bounds = []
    for key in keys:
        cell = table.cells[key]
        if cell.shown == LESS_THAN_FIVE:
            bounds.append((0, 4))
        elif cell.shown == SUPPRESSED:
            bounds.append((5, None))
        else:
            bounds.append((cell.count, cell.count))
    rows = []
    for g in groups:
        row = np.zeros(len(keys))
        for c in table.categories:
            row[index[g, c]] = 1
        row[index[g, TOTAL]] = -1
        rows.append(row)
    for c in cats:
        row = np.zeros(len(keys))
        for g in table.groups:
            row[index[g, c]] = 1
        row[index[TOTAL, c]] = -1
        rows.append(row)
    a_eq, b_eq = np.array(rows), np.zeros(len(rows))
    found = {}
    for key in keys:
        if not table.cells[key].hidden:
            continue
        objective = np.zeros(len(keys))
        objective[index[key]] = 1
        low = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        high = linprog(-objective, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        assert low.status == 0, "the published table must be consistent"
        found[key] = (low.fun, -high.fun if high.status == 0 else float("inf"))
    return found


def _table(values: list[list[int]]) -> dict[str, dict[str, int]]:
    return {f"g{i}": {f"c{j}": v for j, v in enumerate(row)} for i, row in enumerate(values)}


counts = st.integers(0, 30) | st.integers(0, 6)
grids = st.integers(1, 4).flatmap(
    lambda cols: st.lists(st.lists(counts, min_size=cols, max_size=cols), min_size=1, max_size=4)
)


@settings(max_examples=300)
@given(grids)
def test_no_hidden_count_can_be_recovered(values: list[list[int]]) -> None:
    """Overall and per-group figures together never pin down a count below 5."""
    table = suppress(_table(values), [f"c{j}" for j in range(len(values[0]))])
    for key, (low, high) in _attack(table).items():
        assert high - low >= 1 - 1e-9, f"{key} recovered as {low} from {values}"


@settings(max_examples=300)
@given(grids)
def test_every_small_count_is_hidden_and_every_shown_count_is_true(values: list[list[int]]) -> None:
    cats = [f"c{j}" for j in range(len(values[0]))]
    table = suppress(_table(values), cats)
    full = [[*row, sum(row)] for row in values]
    full.append([sum(col) for col in zip(*full, strict=True)])
    for (r, g), (c, cat) in itertools.product(
        enumerate((*table.groups, TOTAL)), enumerate((*cats, TOTAL))
    ):
        cell, true = table.cell(g, cat), full[r][c]
        if 1 <= true <= 4:
            assert cell.shown == LESS_THAN_FIVE
        elif cell.hidden:
            assert cell.shown == (LESS_THAN_FIVE if true < 5 else SUPPRESSED)
        else:
            assert cell.count == true


def test_the_difference_of_overall_and_group_totals_does_not_give_a_small_group_away() -> None:
    """The issue's attack: overall male count minus the other group's male count."""
    table = suppress(_table([[7, 3], [10, 12]]), ["c0", "c1"])
    assert table.cell("g0", "c1").shown == LESS_THAN_FIVE
    assert table.cell("g1", "c1").hidden, "otherwise 15 − 12 = 3"
    assert table.cell("TOTAL" if False else "total", "total").count == 32


def test_a_lone_group_shows_its_total_and_hides_the_complement() -> None:
    table = suppress({"OMIM:617284": {"female": 7, "male": 3}}, ["female", "male"])
    assert table.row("OMIM:617284") == table.row()
    assert table.cell(TOTAL, TOTAL).count == 10
    assert table.cell(TOTAL, "male").shown == LESS_THAN_FIVE
    assert table.cell(TOTAL, "female").shown == SUPPRESSED


def test_zero_and_large_counts_are_shown() -> None:
    table = suppress({"a": {"x": 0, "y": 12}}, ["x", "y"])
    assert table.row() == {
        "x": table.cell(TOTAL, "x"),
        "y": table.cell(TOTAL, "y"),
        TOTAL: table.cell(TOTAL, TOTAL),
    }
    assert [table.cell(TOTAL, k).shown for k in ("x", "y", TOTAL)] == ["0", "12", "12"]


def test_forced_cells_stay_hidden_and_stay_protected() -> None:
    table = suppress(_table([[9, 8], [7, 6]]), ["c0", "c1"], forced=frozenset({("g0", TOTAL)}))
    assert table.cell("g0", TOTAL).hidden
    for low, high in _attack(table).values():
        assert high - low >= 1


def test_negative_counts_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        suppress({"a": {"x": -1}}, ["x"])
