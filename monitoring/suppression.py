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


def with_totals(matrix: list[list[float]], groups: list[list[int]] | None = None) -> list[list[float]]:
    """Append a total to each row, then one row per group of rows (subtotals), then a totals row."""
    width = len(matrix[0]) if matrix else 0
    full = [list(row) + [sum(row)] for row in matrix]
    inner = len(full)
    for group in groups or []:
        full.append([sum(full[r][c] for r in group) for c in range(width + 1)])
    full.append([sum(full[r][c] for r in range(inner)) for c in range(width + 1)])
    return full


def _lines(rows: int, columns: int, groups: list[list[int]] | None = None) -> list[tuple[list[Cell], Cell]]:
    """Every sum constraint: (cells, total) for each row (inner, subtotal and totals rows), each column,
    and each group of rows. ``rows`` counts every row above the totals row (inner and subtotals)."""
    groups = groups or []
    inner = rows - len(groups)
    lines = [([(r, c) for c in range(columns)], (r, columns)) for r in range(rows + 1)]
    lines += [([(r, c) for r in range(inner)], (rows, c)) for c in range(columns + 1)]
    for g, group in enumerate(groups):
        lines += [([(r, c) for r in group], (inner + g, c)) for c in range(columns + 1)]
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


def feasible_ranges(values, statuses, *, threshold: int = THRESHOLD, groups=None) -> dict[Cell, tuple[float, float]]:
    """What a reader can work out about each cell from the published table (interval propagation)."""
    rows, columns = len(values) - 1, len(values[0]) - 1
    bounds = _bounds(values, statuses, threshold)
    lines = _lines(rows, columns, groups)
    for _round in range(200):
        changed = False
        for cells, total in lines:
            if all(bounds[cell][0] == bounds[cell][1] for cell in cells) and bounds[total][0] == bounds[total][1]:
                continue
            lo_sum = sum(bounds[cell][0] for cell in cells)
            hi_sum = sum(bounds[cell][1] for cell in cells)
            # The total is the sum of its cells.
            if lo_sum > bounds[total][0]:
                bounds[total][0], changed = lo_sum, True
            if hi_sum < bounds[total][1]:
                bounds[total][1], changed = hi_sum, True
            t_lo, t_hi = bounds[total]
            unbounded = sum(1 for cell in cells if bounds[cell][1] == INF)
            finite_hi = sum(bounds[cell][1] for cell in cells if bounds[cell][1] != INF)
            # Each cell is the total less the others.
            for cell in cells:
                lo, hi = bounds[cell]
                others_lo = lo_sum - lo
                if hi == INF:
                    others_hi = INF if unbounded > 1 else finite_hi
                else:
                    others_hi = INF if unbounded else finite_hi - hi
                new_lo = t_lo - others_hi if others_hi != INF else -INF
                new_hi = t_hi - others_lo if t_hi != INF else INF
                if new_lo > lo:
                    bounds[cell][0], changed = new_lo, True
                    lo_sum += new_lo - lo
                if new_hi < hi:
                    bounds[cell][1], changed = new_hi, True
                    if hi == INF:
                        unbounded -= 1
                        finite_hi += new_hi
                    else:
                        finite_hi += new_hi - hi
        if not changed:
            break
    return {cell: (lo, hi) for cell, (lo, hi) in bounds.items()}


def exposed(values, statuses, *, threshold: int = THRESHOLD, groups=None) -> list[Cell]:
    """Small counts that a reader can recover exactly from the published table."""
    ranges = feasible_ranges(values, statuses, threshold=threshold, groups=groups)
    return [cell for cell, (lo, hi) in ranges.items() if statuses[cell[0]][cell[1]] == SMALL and lo >= hi]


def protect(matrix: list[list[float]], *, threshold: int = THRESHOLD, groups: list[list[int]] | None = None) -> Grid:
    """Totals, primary and complementary suppression for a matrix of counts (rows x columns).

    ``groups`` lists rows whose subtotals are published too (states of a subregion); the subtotal
    rows follow the inner rows in the returned grid, before the totals row.

    Each exposed small count is first covered by a rectangle: a second row and a second column
    whose three other corners are hidden too, so that moving one unit around the rectangle keeps
    every published sum (the textbook method for two-way tables; the second row is taken from
    the same subregion, the second column may be the totals column and the second row the totals
    row). The cheapest rectangle that allows such a move within the published bounds is chosen.
    What remains exposed after that is covered cell by cell, nearest sums first."""
    values = with_totals(matrix, groups)
    rows, columns = len(values) - 1, len(values[0]) - 1
    statuses = [[SMALL if 0 < v < threshold else SHOWN for v in row] for row in values]
    if not matrix or not matrix[0]:
        return Grid(values, statuses)
    groups = groups or []
    lines = _lines(rows, columns, groups)
    inner = rows - len(groups)
    group_of = {r: g for g, members in enumerate(groups) for r in members}
    # First pass, without the (costly) audit: a small count that is the only hidden cell of its row
    # or column would be given away by that sum, so each such one gets its rectangle at once.
    for r in range(inner):
        for c in range(columns):
            if statuses[r][c] != SMALL:
                continue
            alone = any(
                (r, c) in [*cells, total] and sum(1 for a, b in [*cells, total] if statuses[a][b] != SHOWN) == 1
                for cells, total in lines
            )
            if alone:
                rectangle = _rectangle(
                    (r, c), values, statuses, inner, rows, columns, group_of, bool(groups), threshold
                )
                for a, b in rectangle or []:
                    if statuses[a][b] == SHOWN:
                        statuses[a][b] = HIDDEN
    # Then audit the whole table and cover whatever can still be worked out.
    for _round in range((rows + 1) * (columns + 1) + 1):
        pinned = exposed(values, statuses, threshold=threshold, groups=groups)
        if not pinned:
            break
        cell = next((p for p in pinned if p[0] < inner and p[1] < columns), None)
        rectangle = None
        if cell is not None:
            rectangle = _rectangle(cell, values, statuses, inner, rows, columns, group_of, bool(groups), threshold)
        if rectangle:
            for r, c in rectangle:
                if statuses[r][c] == SHOWN:
                    statuses[r][c] = HIDDEN
            continue
        candidates = _candidates(pinned[0], lines, values, statuses, inner, columns)
        if not candidates:
            break
        _zero, _total, _value, chosen = min(candidates)
        statuses[chosen[0]][chosen[1]] = HIDDEN
    return Grid(values, statuses)


def _rectangle(cell, values, statuses, inner, rows, columns, group_of, grouped, threshold):
    """The cheapest cells that, hidden, let the small count at ``cell`` move by one unit while every
    published sum stays the same. A partner row in the same subregion (or, without subregions, any
    row) gives a rectangle of three corners; otherwise the margins move with the cell: its subregion
    row (when there are subregions) and the totals row. The partner column may be the totals column."""
    r, c = cell
    if grouped:
        partners = [[(x, -1)] for x in range(inner) if x != r and group_of.get(x) == group_of.get(r)]
        partners.append([(inner + group_of[r], 1), (rows, 1)] if r in group_of else [(rows, 1)])
    else:
        partners = [[(x, -1)] for x in range(inner) if x != r] + [[(rows, 1)]]
    other_columns = [x for x in range(columns) if x != c] + [columns]
    p = values[r][c]
    best = None
    for partner_rows in partners:
        for c2 in other_columns:
            col_sign = 1 if c2 == columns else -1
            moves = [((r, c2), col_sign)]
            for r2, row_sign in partner_rows:
                moves += [((r2, c), row_sign), ((r2, c2), row_sign * col_sign)]
            if not any(_move_ok(moves, values, statuses, p, d, threshold) for d in (1, -1)):
                continue
            cost = sum(
                values[a][b]
                + (10**6 if values[a][b] == 0 else 0)
                + (10**9 if (a >= inner or b == columns) else 0)
                + (10**12 if (a, b) == (rows, columns) else 0)
                for (a, b), _sign in moves
                if statuses[a][b] == SHOWN
            )
            if best is None or cost < best[0]:
                best = (cost, [cell for cell, _sign in moves])
    return best[1] if best else None


def _move_ok(moves, values, statuses, p, d, threshold) -> bool:
    if not 1 <= p + d <= threshold - 1:
        return False
    for (a, b), sign in moves:
        v = values[a][b] + sign * d
        if values[a][b] == 0:
            # A zero can only be hidden on the way up: "x" may then stand for 0 or more.
            if v < 0:
                return False
        elif statuses[a][b] == SMALL or 0 < values[a][b] < threshold:
            if not 1 <= v <= threshold - 1:
                return False
        elif v < threshold:
            return False
    return True


def _candidates(cell: Cell, lines, values, statuses, inner: int, columns: int) -> list[tuple]:
    """Visible cells that share a sum with the exposed cell; if every such cell is already hidden
    (or zero), the cells sharing a sum with those, and so on outwards. Zeros are hidden only when
    no visible non-zero cell is reachable at all, and the grand total is the last non-zero choice."""
    rows = len(values) - 1
    reached, seen_lines, first_zeros = {cell}, set(), []
    while True:
        candidates, grown = [], set()
        for index, (cells, total) in enumerate(lines):
            members = [*cells, total]
            if index in seen_lines or not reached.intersection(members):
                continue
            seen_lines.add(index)
            for r, c in members:
                if statuses[r][c] == SHOWN:
                    rank = 2 if (r, c) == (rows, columns) else (1 if (r >= inner or c == columns) else 0)
                    candidates.append((values[r][c] == 0, rank, values[r][c], (r, c)))
                grown.add((r, c))
        nonzero = [c for c in candidates if not c[0]]
        if nonzero:
            return nonzero
        if candidates and not first_zeros:
            first_zeros = candidates
        if not grown - reached:
            return first_zeros
        reached |= grown


def follow(mask: Grid, matrix: list[list[float]], groups: list[list[int]] | None = None) -> Grid:
    """Another measure over the same breakdown (hours for the officials trained) takes the same mask,
    so that hours cannot reveal the small head-count behind them."""
    values = with_totals(matrix, groups)
    statuses = [[HIDDEN if s != SHOWN else SHOWN for s in row] for row in mask.statuses]
    return Grid(values, statuses)


def plain(matrix: list[list[float]], groups: list[list[int]] | None = None) -> Grid:
    """Totals without suppression (the owning state's own view, and non-personal counts)."""
    values = with_totals(matrix, groups)
    return Grid(values, [[SHOWN] * len(row) for row in values])
