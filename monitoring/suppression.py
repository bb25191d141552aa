"""Small-count protection for tables seen outside the owning state.

A table is a matrix of counts with a total for each row, each column and the whole. A count from 1
to 4 is shown as "<5" (primary suppression). Showing it as "<5" is not enough when the totals and
the other cells of its row or column give it away by difference, so cells are hidden as well
(complementary suppression, shown as "x") until no small count can be pinned down.

"Pinned down" is checked the way a reader with a calculator would: every row and every column is a
sum (cells = total), each published figure is known exactly, "<5" means 1 to 4, and "x" means 5 or
more (zero cells are only hidden as a last resort, then 0 or more; a small count hidden as "x", 1 or
more). The audit knows more than a reader, who cannot tell which "x" is which: what it cannot pin
down, a reader cannot either. Interval propagation over all those sums, repeated until nothing
narrows, gives the range each hidden cell could take; a small count whose range is a single value
is exposed, and the smallest visible non-zero cell of its row or column (an inner cell before a
total) is hidden next. When no visible cell is left to hide (a table of small counts only, where
four "<5" cells under a "<5" total are each 1), a "<5" sharing a sum with it becomes "x". This is the audit that :func:`exposed`
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


class _Sums:
    """The sum constraints of one table, indexed both ways: the cells of each sum, and the sums of
    each cell. Built once per table, so that the audit after each hidden cell only propagates."""

    def __init__(self, rows: int, columns: int, groups: list[list[int]] | None = None):
        self.width = columns + 1
        self.size = (rows + 1) * self.width
        self.lines = _lines(rows, columns, groups)
        width = self.width
        self.flat = [([r * width + c for r, c in cells], total[0] * width + total[1]) for cells, total in self.lines]
        self.members = [(*cells, total) for cells, total in self.flat]
        # Which cells to hide first: inner cells, then totals, the grand total last.
        inner = rows - len(groups or [])
        self.rank = [
            2 if (r, c) == (rows, columns) else (1 if (r >= inner or c == columns) else 0)
            for r in range(rows + 1)
            for c in range(columns + 1)
        ]
        self.of_cell: list[list[int]] = [[] for _ in range(self.size)]
        for index, (cells, total) in enumerate(self.flat):
            for cell in cells:
                self.of_cell[cell].append(index)
            self.of_cell[total].append(index)

    def track(self, values, statuses) -> None:
        """Keep flat copies of the values and statuses for the search of the next cell to hide
        (``protect`` updates ``status`` with every cell it hides)."""
        self.value = [v for row in values for v in row]
        self.status = [s for row in statuses for s in row]

    def ranges(self, values, statuses, threshold: int) -> tuple[list[float], list[float]]:
        """Lowest and highest value of each cell (flat index) that the published table allows.

        Each sum narrows its cells and its total from the others; a sum is looked at again only when
        one of its cells narrowed, until nothing narrows (the same fixed point as sweeping every sum
        over and over, reached with a fraction of the work)."""
        width = self.width
        lo: list[float] = [0.0] * self.size
        hi: list[float] = [0.0] * self.size
        for r, row in enumerate(values):
            for c, value in enumerate(row):
                i = r * width + c
                status = statuses[r][c]
                if status == SHOWN:
                    lo[i] = hi[i] = value
                elif status == SMALL:
                    lo[i], hi[i] = 1, threshold - 1
                else:
                    lo[i], hi[i] = (threshold if value >= threshold else 1 if value > 0 else 0), INF
        flat, of_cell = self.flat, self.of_cell
        pending = list(range(len(flat)))
        queued = [True] * len(flat)
        # Integer counts make every narrowing move a bound by at least one, so this always ends;
        # the budget only guards against values that are not whole numbers.
        budget = 1000 * len(flat)
        while pending and budget:
            budget -= 1
            index = pending.pop()
            queued[index] = False
            cells, total = flat[index]
            changed = _narrow(cells, total, lo, hi)
            for cell in changed:
                for other in of_cell[cell]:
                    if not queued[other]:
                        queued[other] = True
                        pending.append(other)
        return lo, hi

    def exposed(self, values, statuses, threshold: int) -> list[Cell]:
        """Small counts, shown as "<5" or hidden as "x", whose value the published table pins down."""
        lo, hi = self.ranges(values, statuses, threshold)
        width = self.width
        return [
            (r, c)
            for r, row in enumerate(statuses)
            for c, status in enumerate(row)
            if status != SHOWN and 0 < values[r][c] < threshold and lo[r * width + c] >= hi[r * width + c]
        ]


def _narrow(cells: list[int], total: int, lo: list[float], hi: list[float]) -> list[int]:
    """One sum (cells = total): narrow the total from its cells, then each cell from the total less
    the others. Returns the cells (and total) whose bounds moved."""
    changed: list[int] = []
    t_lo, t_hi = lo[total], hi[total]
    lo_sum = 0.0
    finite_hi = 0.0
    unbounded = 0
    fixed = t_lo == t_hi
    for cell in cells:
        lo_sum += lo[cell]
        h = hi[cell]
        if h == INF:
            unbounded += 1
        else:
            finite_hi += h
        if fixed and lo[cell] != h:
            fixed = False
    if fixed:
        return changed
    hi_sum = INF if unbounded else finite_hi
    if lo_sum > t_lo:
        t_lo = lo[total] = lo_sum
        changed.append(total)
    if hi_sum < t_hi:
        t_hi = hi[total] = hi_sum
        if not changed:
            changed.append(total)
    for cell in cells:
        c_lo, c_hi = lo[cell], hi[cell]
        others_lo = lo_sum - c_lo
        if c_hi == INF:
            others_hi = INF if unbounded > 1 else finite_hi
        else:
            others_hi = INF if unbounded else finite_hi - c_hi
        new_lo = t_lo - others_hi if others_hi != INF else -INF
        new_hi = t_hi - others_lo if t_hi != INF else INF
        moved = False
        if new_lo > c_lo:
            lo[cell] = new_lo
            lo_sum += new_lo - c_lo
            moved = True
        if new_hi < c_hi:
            hi[cell] = new_hi
            if c_hi == INF:
                unbounded -= 1
                finite_hi += new_hi
            else:
                finite_hi += new_hi - c_hi
            moved = True
        if moved:
            changed.append(cell)
    return changed


def feasible_ranges(values, statuses, *, threshold: int = THRESHOLD, groups=None) -> dict[Cell, tuple[float, float]]:
    """What a reader can work out about each cell from the published table (interval propagation)."""
    rows, columns = len(values) - 1, len(values[0]) - 1
    sums = _Sums(rows, columns, groups)
    lo, hi = sums.ranges(values, statuses, threshold)
    width = sums.width
    return {(r, c): (lo[r * width + c], hi[r * width + c]) for r in range(rows + 1) for c in range(columns + 1)}


def exposed(values, statuses, *, threshold: int = THRESHOLD, groups=None) -> list[Cell]:
    """Small counts that a reader can recover exactly from the published table."""
    rows, columns = len(values) - 1, len(values[0]) - 1
    return _Sums(rows, columns, groups).exposed(values, statuses, threshold)


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
    sums = _Sums(rows, columns, groups)
    lines = sums.lines
    inner = rows - len(groups)
    group_of = {r: g for g, members in enumerate(groups) for r in members}
    # First pass, without the (costly) audit: a small count that is the only hidden cell of its row
    # or column would be given away by that sum, so each such one gets its rectangle at once.
    width = sums.width
    for r in range(inner):
        for c in range(columns):
            if statuses[r][c] != SMALL:
                continue
            alone = any(
                sum(1 for a, b in [*lines[index][0], lines[index][1]] if statuses[a][b] != SHOWN) == 1
                for index in sums.of_cell[r * width + c]
            )
            if alone:
                rectangle = _rectangle(
                    (r, c), values, statuses, inner, rows, columns, group_of, bool(groups), threshold
                )
                for a, b in rectangle or []:
                    if statuses[a][b] == SHOWN:
                        statuses[a][b] = HIDDEN
    sums.track(values, statuses)
    # Then audit the whole table and cover whatever can still be worked out. Each audit covers every
    # exposed small count whose sums were not touched by a cover chosen earlier in the same round
    # (those are audited again first): far fewer audits, and each cover is still chosen for a cell
    # the audit found exposed.
    for _round in range((rows + 1) * (columns + 1) + 1):
        pinned = sums.exposed(values, statuses, threshold)
        if not pinned:
            break
        touched: set[int] = set()
        progress = False
        for cell in pinned:
            lines_of_cell = set(sums.of_cell[cell[0] * width + cell[1]])
            if touched & lines_of_cell:
                continue
            cover = _cover(cell, sums, values, statuses, inner, rows, columns, group_of, bool(groups), threshold)
            for r, c in cover:
                statuses[r][c] = HIDDEN
                sums.status[r * width + c] = HIDDEN
                touched.update(sums.of_cell[r * width + c])
                progress = True
        if not progress:
            break
    return Grid(values, statuses)


def _cover(cell, sums, values, statuses, inner, rows, columns, group_of, grouped, threshold) -> list[Cell]:
    """The visible cells to hide for one exposed small count: its cheapest rectangle when it is an
    inner cell that has one, otherwise the nearest visible cell sharing a sum with it."""
    if cell[0] < inner and cell[1] < columns:
        rectangle = _rectangle(cell, values, statuses, inner, rows, columns, group_of, grouped, threshold)
        if rectangle:
            return [(r, c) for r, c in rectangle if statuses[r][c] == SHOWN]
    nearest = _nearest(cell, sums)
    if nearest is not None:
        return [nearest]
    return _small_cover(cell, sums, values, statuses, inner, columns)


def _small_cover(cell, sums, values, statuses, inner, columns) -> list[Cell]:
    """No visible cell is left to hide: a "<5" sharing a sum with the exposed cell becomes "x",
    the grand total first, then the other totals, then inner cells, the cell itself last."""
    rows = len(values) - 1
    width = sums.width
    choices = []
    for index in sums.of_cell[cell[0] * width + cell[1]]:
        cells, total = sums.lines[index]
        for r, c in [*cells, total]:
            if statuses[r][c] == SMALL:
                rank = 0 if (r, c) == (rows, columns) else (1 if (r >= inner or c == columns) else 2)
                choices.append((rank + (3 if (r, c) == cell else 0), r, c))
    return [min(choices)[1:]] if choices else []


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


def _nearest(cell: Cell, sums: _Sums) -> Cell | None:
    """The visible cell to hide next for an exposed cell: the smallest visible non-zero cell sharing
    a sum with it (inner cells before totals, the grand total last); if every such cell is already
    hidden (or zero), the same among the cells sharing a sum with those, and so on outwards. Zeros
    are hidden only when no visible non-zero cell is reachable at all."""
    width, of_cell, members, rank = sums.width, sums.of_cell, sums.members, sums.rank
    value, status = sums.value, sums.status
    start = cell[0] * width + cell[1]
    reached, seen = {start}, set()
    frontier = [start]
    first_zero = None
    while frontier:
        best = zero = None
        grown = []
        touching = {index for f in frontier for index in of_cell[f]} - seen
        seen |= touching
        for index in touching:
            for m in members[index]:
                if status[m] == SHOWN:
                    v = value[m]
                    key = (rank[m], v, m)
                    if v:
                        if best is None or key < best:
                            best = key
                    elif first_zero is None and (zero is None or key < zero):
                        zero = key
                if m not in reached:
                    reached.add(m)
                    grown.append(m)
        if best is not None:
            return divmod(best[2], width)
        if first_zero is None and zero is not None:
            first_zero = zero
        frontier = grown
    return divmod(first_zero[2], width) if first_zero is not None else None


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
