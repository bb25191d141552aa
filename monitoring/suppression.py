"""Small-count protection for tables seen outside the owning state.

A table is a matrix of counts with a total for each row, each column and the whole. A count from 1
to 4 is shown as "<5" (primary suppression). Showing it as "<5" is not enough when the totals and
the other cells of its row or column give it away by difference, so cells are hidden as well
(complementary suppression, shown as "x") until no small count can be pinned down.

"Pinned down" is checked the way a reader with a calculator would: every row and every column is a
sum (cells = total), each published figure is known exactly, "<5" means 1 to 4, and "x" means 5 or
more (zero cells are only hidden as a last resort, then 0 or more). Interval propagation over all
those sums, repeated until nothing narrows, gives the range each hidden cell could take; a small
count whose range is a single value is exposed, and the smallest visible non-zero cell of its row or
column (an inner cell before a total) is hidden next. This is the audit that :func:`exposed`
exposes for the tests; it is not a full linear-programming audit, which is written down in
docs/decisions/0062-small-count-suppression.md."""

from __future__ import annotations

from dataclasses import dataclass

THRESHOLD = 5
SHOWN, SMALL, HIDDEN = "shown", "small", "hidden"
INF = float("inf")

Cell = tuple[int, int]


@dataclass
class Grid:
    """Values and statuses of a table including its totals: the last row and column are totals."""

    values: list[list[float]]
    statuses: list[list[str]]

    @property
    def rows(self) -> int:
        return len(self.values) - 1

    @property
    def columns(self) -> int:
        return len(self.values[0]) - 1 if self.values else 0

    def display(self, r: int, c: int) -> str | float:
        status = self.statuses[r][c]
        if status == SMALL:
            return "<5"
        if status == HIDDEN:
            return "x"
        return self.values[r][c]

    def published(self) -> list[list[str | float]]:
        return [[self.display(r, c) for c in range(len(row))] for r, row in enumerate(self.values)]


def with_totals(matrix: list[list[float]]) -> list[list[float]]:
    """Append a total to each row and a totals row."""
    width = len(matrix[0]) if matrix else 0
    full = [list(row) + [sum(row)] for row in matrix]
    full.append([sum(row[c] for row in full) for c in range(width + 1)])
    return full


def _lines(rows: int, columns: int) -> list[tuple[list[Cell], Cell]]:
    """Every sum constraint: (cells, total) for each row incl. the totals row, and each column incl. totals."""
    lines = [([(r, c) for c in range(columns)], (r, columns)) for r in range(rows + 1)]
    lines += [([(r, c) for r in range(rows)], (rows, c)) for c in range(columns + 1)]
    return lines


def _bounds(values, statuses, threshold: int) -> dict[Cell, list[float]]:
    bounds = {}
    for r, row in enumerate(values):
        for c, value in enumerate(row):
            status = statuses[r][c]
            if status == SHOWN:
                bounds[(r, c)] = [value, value]
            elif status == SMALL:
                bounds[(r, c)] = [1, threshold - 1]
            else:
                bounds[(r, c)] = [threshold if value >= threshold else 0, INF]
    return bounds


def feasible_ranges(values, statuses, *, threshold: int = THRESHOLD) -> dict[Cell, tuple[float, float]]:
    """What a reader can work out about each cell from the published table (interval propagation)."""
    rows, columns = len(values) - 1, len(values[0]) - 1
    bounds = _bounds(values, statuses, threshold)
    lines = _lines(rows, columns)
    for _round in range(200):
        changed = False
        for cells, total in lines:
            lo_sum = sum(bounds[cell][0] for cell in cells)
            hi_sum = sum(bounds[cell][1] for cell in cells)
            t_lo, t_hi = bounds[total]
            # The total is the sum of its cells.
            if lo_sum > t_lo:
                bounds[total][0], changed = lo_sum, True
            if hi_sum < t_hi:
                bounds[total][1], changed = hi_sum, True
            t_lo, t_hi = bounds[total]
            # Each cell is the total less the others.
            for cell in cells:
                lo, hi = bounds[cell]
                others_lo = lo_sum - lo
                others_hi = hi_sum - hi if hi != INF else sum(bounds[o][1] for o in cells if o != cell)
                new_lo = t_lo - others_hi if others_hi != INF else -INF
                new_hi = t_hi - others_lo if t_hi != INF else INF
                if new_lo > lo:
                    bounds[cell][0], changed = new_lo, True
                if new_hi < hi:
                    bounds[cell][1], changed = new_hi, True
                lo_sum = sum(bounds[o][0] for o in cells)
                hi_sum = sum(bounds[o][1] for o in cells)
        if not changed:
            break
    return {cell: (lo, hi) for cell, (lo, hi) in bounds.items()}


def exposed(values, statuses, *, threshold: int = THRESHOLD) -> list[Cell]:
    """Small counts that a reader can recover exactly from the published table."""
    ranges = feasible_ranges(values, statuses, threshold=threshold)
    return [cell for cell, (lo, hi) in ranges.items() if statuses[cell[0]][cell[1]] == SMALL and lo >= hi]


def protect(matrix: list[list[float]], *, threshold: int = THRESHOLD) -> Grid:
    """Totals, primary and complementary suppression for a matrix of counts (rows x columns)."""
    values = with_totals(matrix)
    rows, columns = len(values) - 1, len(values[0]) - 1
    statuses = [[SMALL if 0 < v < threshold else SHOWN for v in row] for row in values]
    if not matrix or not matrix[0]:
        return Grid(values, statuses)
    lines = _lines(rows, columns)
    for _round in range((rows + 1) * (columns + 1) + 1):
        pinned = exposed(values, statuses, threshold=threshold)
        if not pinned:
            break
        cell = pinned[0]
        candidates = []
        for cells, total in lines:
            members = [*cells, total]
            if cell not in members:
                continue
            for other in members:
                r, c = other
                if statuses[r][c] != SHOWN:
                    continue
                is_total = r == rows or c == columns
                candidates.append((values[r][c] == 0, is_total, values[r][c], other))
        if not candidates:
            break
        _zero, _total, _value, chosen = min(candidates)
        statuses[chosen[0]][chosen[1]] = HIDDEN
    return Grid(values, statuses)


def follow(mask: Grid, matrix: list[list[float]]) -> Grid:
    """Another measure over the same breakdown (hours for the officials trained) takes the same mask,
    so that hours cannot reveal the small head-count behind them."""
    values = with_totals(matrix)
    statuses = [[HIDDEN if s != SHOWN else SHOWN for s in row] for row in mask.statuses]
    return Grid(values, statuses)


def plain(matrix: list[list[float]]) -> Grid:
    """Totals without suppression (the owning state's own view, and non-personal counts)."""
    values = with_totals(matrix)
    return Grid(values, [[SHOWN] * len(row) for row in values])
