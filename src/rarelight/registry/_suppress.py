"""Small-cell suppression with complementary suppression, for every public count.

A table is groups × categories with its margins (group totals, category totals, grand total), so
the overall figures and every group's figures come from one decision and cannot be differenced.

- A count from 1 to 4 is hidden and shown as "<5" (primary suppression).
- Then, while some hidden count could be worked out from the published numbers (every row and
  column, margins included, is an equation), one more cell is hidden: the smallest shown one on
  the line that gives it away (complementary suppression). A hidden 0 is shown as "<5" too (true);
  a hidden count of 5 or more is shown as "suppressed".
- What an attacker knows is modelled exactly: "<5" means 0–4, "suppressed" means 5 or more, every
  shown number is exact, and every line adds up. Bounds are tightened along the lines until nothing
  changes, then a linear-programming attacker (SciPy's HiGHS) tries each small hidden count; a
  "<5" cell is safe when at least two values stay possible. The tests attack the result again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.optimize import linprog

__all__ = ["LESS_THAN_FIVE", "SUPPRESSED", "TOTAL", "Cell", "SuppressedTable", "suppress"]

TOTAL = "total"
LESS_THAN_FIVE = "<5"
SUPPRESSED = "suppressed"
THRESHOLD = 5
_INF = 10**12


@dataclass(frozen=True)
class Cell:
    """One published count: `shown` is the number, "<5" or "suppressed"; `count` only if shown."""

    shown: str

    @property
    def count(self) -> int | None:
        return int(self.shown) if self.shown.isdigit() else None

    @property
    def hidden(self) -> bool:
        return not self.shown.isdigit()


@dataclass(frozen=True)
class SuppressedTable:
    """Groups × categories, each with a `TOTAL`; `cell(TOTAL, TOTAL)` is the grand total."""

    groups: tuple[str, ...]
    categories: tuple[str, ...]
    cells: Mapping[tuple[str, str], Cell]

    def cell(self, group: str, category: str) -> Cell:
        return self.cells[(group, category)]

    def row(self, group: str = TOTAL) -> dict[str, Cell]:
        """A group's cells (the overall figures by default), totals included."""
        return {c: self.cells[(group, c)] for c in (*self.categories, TOTAL)}


def _show(value: int, hidden: bool) -> Cell:
    if not hidden:
        return Cell(str(value))
    return Cell(LESS_THAN_FIVE if value < THRESHOLD else SUPPRESSED)


class _Grid:
    """Values, hidden flags and the lines (each: interior cells + its total) of one table."""

    def __init__(self, values: list[list[int]]) -> None:
        self.values = values
        rows, cols = len(values), len(values[0])
        self.lines: list[list[tuple[int, int, int]]] = []  # (row, col, sign): Σ sign·x = 0
        for r in range(rows):
            self.lines.append([(r, c, 1) for c in range(cols - 1)] + [(r, cols - 1, -1)])
        for c in range(cols):
            self.lines.append([(r, c, 1) for r in range(rows - 1)] + [(rows - 1, c, -1)])
        self.lines_of: dict[tuple[int, int], list[int]] = {}
        for index, line in enumerate(self.lines):
            for r, c, _sign in line:
                self.lines_of.setdefault((r, c), []).append(index)

    def pinned_by_lp(self, hidden: set[tuple[int, int]]) -> list[tuple[int, int]]:
        """Small hidden counts a linear-programming attacker pins down (line bounds can miss these).

        Rows and columns summing to totals form a network matrix, so the LP optimum is an integer.
        """
        cols = len(self.values[0])
        keys = [(r, c) for r in range(len(self.values)) for c in range(cols)]
        where = {key: i for i, key in enumerate(keys)}
        bounds: list[tuple[int, int | None]] = []
        for r, c in keys:
            v = self.values[r][c]
            if (r, c) not in hidden:
                bounds.append((v, v))
            else:
                bounds.append((0, THRESHOLD - 1) if v < THRESHOLD else (THRESHOLD, None))
        entries = [(i, where[r, c], s) for i, line in enumerate(self.lines) for r, c, s in line]
        rows, columns, signs = zip(*entries, strict=True)
        a_eq = sparse.csr_matrix((signs, (rows, columns)), shape=(len(self.lines), len(keys)))
        b_eq = np.zeros(len(self.lines))
        true = np.array([self.values[r][c] for r, c in keys], dtype=float)

        def solve(weights: dict[int, float]) -> np.ndarray | None:
            objective = np.zeros(len(keys))
            for i, w in weights.items():
                objective[i] = w
            result = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
            return result.x if result.status == 0 else None

        # One LP can show many cells free at once: push every unproven cell away from its true
        # value; whatever moved is proven free. Cells that never move get their own min and max.
        unproven = {where[k] for k in hidden if self.values[k[0]][k[1]] < THRESHOLD}
        for direction in (1.0, -1.0, 1.0, -1.0):
            if not unproven:
                break
            # low counts are pushed up, high ones down, then the other way round
            x = solve({i: -direction if true[i] < 2 else direction for i in unproven})
            if x is not None:
                unproven -= {i for i in unproven if abs(x[i] - true[i]) >= 1 - 1e-6}
        pinned = []
        for i in sorted(unproven):
            low, high = solve({i: 1.0}), solve({i: -1.0})
            if low is None or high is None or high[i] - low[i] < 1 - 1e-6:
                pinned.append(keys[i])
        return pinned

    def is_margin(self, r: int, c: int) -> bool:
        """Totals are the headline numbers: hide an inner cell before a total."""
        return r == len(self.values) - 1 or c == len(self.values[0]) - 1

    def bounds(self, hidden: set[tuple[int, int]]) -> dict[tuple[int, int], tuple[int, int]]:
        """What an attacker can know of each cell, tightened along every line to a fixed point."""
        lo: dict[tuple[int, int], int] = {}
        hi: dict[tuple[int, int], int] = {}
        for r, row in enumerate(self.values):
            for c, v in enumerate(row):
                if (r, c) not in hidden:
                    lo[r, c] = hi[r, c] = v
                elif v < THRESHOLD:
                    lo[r, c], hi[r, c] = 0, THRESHOLD - 1
                else:
                    lo[r, c], hi[r, c] = THRESHOLD, _INF
        queue = list(range(len(self.lines)))
        queued = set(queue)
        while queue:
            index = queue.pop()
            queued.discard(index)
            line = self.lines[index]
            # Σ sign·x = 0, so sign_j·x_j = −Σ_{i≠j} sign_i·x_i.
            low_sum = sum(lo[r, c] if s > 0 else -hi[r, c] for r, c, s in line)
            high_sum = sum(hi[r, c] if s > 0 else -lo[r, c] for r, c, s in line)
            for r, c, s in line:
                if lo[r, c] == hi[r, c]:
                    continue
                own_low = lo[r, c] if s > 0 else -hi[r, c]
                own_high = hi[r, c] if s > 0 else -lo[r, c]
                rest_low, rest_high = low_sum - own_low, high_sum - own_high
                if s > 0:
                    new_lo, new_hi = max(lo[r, c], -rest_high), min(hi[r, c], -rest_low)
                else:
                    new_lo, new_hi = max(lo[r, c], rest_low), min(hi[r, c], rest_high)
                if (new_lo, new_hi) != (lo[r, c], hi[r, c]) and new_lo <= new_hi:
                    lo[r, c], hi[r, c] = new_lo, new_hi
                    low_sum, high_sum = (
                        low_sum - own_low + (new_lo if s > 0 else -new_hi),
                        high_sum - own_high + (new_hi if s > 0 else -new_lo),
                    )
                    for other in self.lines_of[r, c]:
                        if other != index and other not in queued:
                            queue.append(other)
                            queued.add(other)
        return {key: (lo[key], hi[key]) for key in hidden}


def _nearest_shown(
    grid: _Grid, hidden: set[tuple[int, int]], start: tuple[int, int]
) -> tuple[int, int] | None:
    """The shown cell to hide next, searched outwards from `start` along lines through hidden cells.

    Preferred, in order: the nearest; on a line where `start` is the only hidden cell (that line
    gives it away); an inner cell before a total; one whose other line already has a hidden cell
    (else the problem only moves); the smallest count.
    """
    seen_cells, seen_lines = {start}, set()
    frontier, depth, best = [start], 0, None
    while frontier and best is None:
        following = []
        for key in frontier:
            for index in grid.lines_of[key]:
                if index in seen_lines:
                    continue
                seen_lines.add(index)
                members = grid.lines[index]
                alone = sum((r, c) in hidden for r, c, _ in members) == 1
                for r, c, _sign in members:
                    if (r, c) not in hidden:
                        lonely = any(
                            other != index
                            and not any((rr, cc) in hidden for rr, cc, _ in grid.lines[other])
                            for other in grid.lines_of[r, c]
                        )
                        candidate = (
                            not alone,
                            grid.is_margin(r, c),
                            lonely,
                            grid.values[r][c],
                            r,
                            c,
                        )
                        best = candidate if best is None else min(best, candidate)
                    elif (r, c) not in seen_cells:
                        seen_cells.add((r, c))
                        following.append((r, c))
        frontier, depth = following, depth + 1
    return None if best is None else (best[4], best[5])


def _protect(grid: _Grid, hidden: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """Hide more cells until every hidden cell keeps at least two possible values.

    A hidden large count that could be worked out would pin a small one through another line, so
    every hidden cell is protected, not only the small ones.
    """
    everything = {(r, c) for r, row in enumerate(grid.values) for c in range(len(row))}
    while True:
        bounds = grid.bounds(hidden)
        exposed = sorted(key for key, (low, high) in bounds.items() if high - low < 1)
        if not exposed:
            exposed = grid.pinned_by_lp(hidden)
        if not exposed:
            return hidden
        added = False
        for key in exposed:
            choice = _nearest_shown(grid, hidden, key)
            if choice is not None:
                hidden.add(choice)
                added = True
        if not added:
            return everything  # nothing left to hide on those lines: hide the whole table


def suppress(
    counts: Mapping[str, Mapping[str, int]],
    categories: Sequence[str],
    *,
    forced: frozenset[tuple[str, str]] = frozenset(),
) -> SuppressedTable:
    """Suppress a groups × categories table of counts (each group a partition of its total).

    `forced` cells are hidden whatever their value: margins another table had to hide, so that
    the same total is never shown in one table and hidden in another.

    >>> t = suppress({"OMIM:617284": {"female": 7, "male": 3}}, ["female", "male"])
    >>> t.cell("OMIM:617284", "male").shown, t.cell("OMIM:617284", "female").shown
    ('<5', 'suppressed')
    """
    groups = tuple(counts)
    cats = tuple(categories)
    values = [[int(counts[g].get(c, 0)) for c in cats] for g in groups]
    for row in values:
        if any(v < 0 for v in row):
            raise ValueError("counts cannot be negative")
        row.append(sum(row))
    values.append([sum(row[c] for row in values) for c in range(len(cats) + 1)])
    keys_g, keys_c = (*groups, TOTAL), (*cats, TOTAL)
    hidden = {
        (r, c) for r, row in enumerate(values) for c, v in enumerate(row) if 1 <= v < THRESHOLD
    }
    hidden |= {(keys_g.index(g), keys_c.index(c)) for g, c in forced if g in keys_g and c in keys_c}
    hidden = _protect(_Grid(values), hidden)
    cells = {
        (keys_g[r], keys_c[c]): _show(v, (r, c) in hidden)
        for r, row in enumerate(values)
        for c, v in enumerate(row)
    }
    return SuppressedTable(groups, cats, cells)
