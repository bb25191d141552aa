"""Small counts: "<5" for 1 to 4, complementary suppression, and no recovery through differences of
totals, checked both by the module's own audit and by brute force over every consistent table."""

import itertools
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from monitoring.suppression import (
    HIDDEN,
    INF,
    SHOWN,
    SMALL,
    _lines,
    exposed,
    feasible_ranges,
    follow,
    plain,
    protect,
    with_totals,
)


def brute_force_values(grid, cell, *, limit=30):
    """Every value the cell can take in some table consistent with what is published (cells in
    0..limit, "<5" meaning 1..4, "x" meaning any count, since a reader cannot tell a hidden zero,
    small count or large count apart), by enumeration of the hidden inner cells."""
    rows, columns = grid.rows, grid.columns
    hidden = [(r, c) for r in range(rows) for c in range(columns) if grid.statuses[r][c] != SHOWN]
    options = []
    for r, c in hidden:
        if grid.statuses[r][c] == SMALL:
            options.append(range(1, 5))
        else:
            options.append(range(0, limit + 1))
    found = set()
    for combo in itertools.product(*options):
        trial = [row[:columns] for row in grid.values[:rows]]
        for (r, c), value in zip(hidden, combo, strict=True):
            trial[r][c] = value
        totals_rows = [sum(row) for row in trial]
        totals_columns = [sum(trial[r][c] for r in range(rows)) for c in range(columns)]
        consistent = all(
            grid.statuses[r][columns] != SHOWN or totals_rows[r] == grid.values[r][columns] for r in range(rows)
        ) and all(grid.statuses[rows][c] != SHOWN or totals_columns[c] == grid.values[rows][c] for c in range(columns))
        grand_ok = grid.statuses[rows][columns] != SHOWN or sum(totals_rows) == grid.values[rows][columns]
        small_totals_ok = all(
            grid.statuses[r][columns] != SMALL or 1 <= totals_rows[r] <= 4 for r in range(rows)
        ) and all(grid.statuses[rows][c] != SMALL or 1 <= totals_columns[c] <= 4 for c in range(columns))
        if consistent and grand_ok and small_totals_ok:
            found.add(trial[cell[0]][cell[1]] if cell[0] < rows and cell[1] < columns else None)
    return found


def test_primary_suppression_shows_less_than_five():
    grid = protect([[0, 1, 4, 5, 120]])
    published = grid.published()[0]
    assert published[0] == 0  # zero is not a small count
    assert published[1] == "<5" and published[2] == "<5"
    assert published[3] != 5 or grid.statuses[0][3] == SHOWN


def test_a_lone_small_cell_cannot_be_worked_out_from_its_row_total():
    # Naively showing "<5" for the 3 would leave it recoverable: 30 - 12 - 15 = 3.
    grid = protect([[3, 12, 15], [20, 25, 30]])
    assert grid.statuses[0][0] == SMALL
    assert sum(1 for s in grid.statuses[0] if s != SHOWN) >= 2
    assert exposed(grid.values, grid.statuses) == []
    assert len(brute_force_values(grid, (0, 0))) > 1


def test_recovery_through_differences_of_totals_is_impossible():
    """A states x gender table: Mexico has 2 women; column and row totals are published."""
    matrix = [
        [2, 40, 7, 9],  # Mexico: female, male, another, prefer not to say
        [30, 35, 0, 6],
        [12, 18, 0, 8],
    ]
    grid = protect(matrix)
    assert grid.display(0, 0) == "<5"
    # Row: total minus the visible cells; column: column total minus the visible cells.
    row_visible = [grid.values[0][c] for c in range(4) if grid.statuses[0][c] == SHOWN and c != 0]
    column_visible = [grid.values[r][0] for r in range(3) if grid.statuses[r][0] == SHOWN and r != 0]
    row_total_known = grid.statuses[0][4] == SHOWN
    column_total_known = grid.statuses[3][0] == SHOWN
    if row_total_known:
        assert grid.values[0][4] - sum(row_visible) != 2 or any(grid.statuses[0][c] == HIDDEN for c in range(1, 4))
    if column_total_known:
        assert grid.values[3][0] - sum(column_visible) != 2 or any(grid.statuses[r][0] == HIDDEN for r in (1, 2))
    assert exposed(grid.values, grid.statuses) == []
    values = brute_force_values(grid, (0, 0), limit=30)
    assert 2 in values and len(values) > 1


def test_small_totals_and_the_hemisphere_figure():
    grid = protect([[1, 0], [0, 2]])
    assert grid.display(2, 2) == "<5"  # the grand total of 3 is itself small
    assert exposed(grid.values, grid.statuses) == []


def test_subregion_subtotals_do_not_give_a_state_away():
    matrix = [[3, 10], [7, 8], [9, 9], [6, 6]]
    groups = [[0, 1], [2, 3]]
    grid = protect(matrix, groups=groups)
    assert grid.statuses[0][0] == SMALL
    assert exposed(grid.values, grid.statuses, groups=groups) == []
    # The subregion row for the first group (3+7, 10+8) must hide something too.
    subtotal = grid.statuses[4]
    assert any(s != SHOWN for s in subtotal) or any(grid.statuses[1][c] != SHOWN for c in range(2))


def test_random_tables_never_expose_a_small_count():
    rng = random.Random(8)
    for _ in range(25):
        rows, columns = rng.randint(1, 6), rng.randint(1, 5)
        matrix = [[rng.choice([0, 0, 1, 2, 3, 4, 5, 6, 9, 14, 30]) for _c in range(columns)] for _r in range(rows)]
        grid = protect(matrix)
        assert exposed(grid.values, grid.statuses) == [], matrix
        for r in range(rows):
            for c in range(columns):
                if 1 <= matrix[r][c] <= 4:
                    assert grid.statuses[r][c] == SMALL


def test_hours_follow_the_head_count_mask_and_plain_shows_everything():
    heads = protect([[2, 10, 12]])
    hours = follow(heads, [[12.0, 60.0, 72.0]])
    for r, row in enumerate(heads.statuses):
        for c, status in enumerate(row):
            assert (hours.statuses[r][c] == SHOWN) == (status == SHOWN)
    assert plain([[2, 3]]).published() == [[2, 3, 5], [2, 3, 5]]


def test_a_table_of_small_counts_only_hides_a_small_total():
    """Four "<5" cells under a "<5" grand total are each 1: the reader adds them up. When no visible
    cell is left to hide, a small total is hidden as "x" instead."""
    matrix = [[1, 0], [0, 1], [1, 0], [0, 1]]
    grid = protect(matrix, groups=[[0, 1], [2, 3]])
    assert exposed(grid.values, grid.statuses, groups=[[0, 1], [2, 3]]) == []
    assert any(
        grid.statuses[r][c] == HIDDEN and 0 < grid.values[r][c] < 5
        for r, row in enumerate(grid.values)
        for c, _v in enumerate(row)
    )
    for cell in [(0, 0), (1, 1)]:
        assert len(brute_force_values(_without_groups(grid, 4), cell, limit=6)) > 1


def _without_groups(grid, inner):
    """The same published table without its subtotal rows (a reader may ignore them)."""
    from monitoring.suppression import Grid

    keep = list(range(inner)) + [len(grid.values) - 1]
    return Grid([grid.values[r] for r in keep], [grid.statuses[r] for r in keep])


def _sweep_ranges(values, statuses, *, threshold=5, groups=None):
    """The audit written the plain way: every sum, over and over, until nothing narrows."""
    rows, columns = len(values) - 1, len(values[0]) - 1
    bounds = {}
    for r, row in enumerate(values):
        for c, value in enumerate(row):
            status = statuses[r][c]
            if status == SHOWN:
                bounds[(r, c)] = [value, value]
            elif status == SMALL:
                bounds[(r, c)] = [1, threshold - 1]
            else:
                bounds[(r, c)] = [threshold if value >= threshold else 1 if value > 0 else 0, INF]
    lines = _lines(rows, columns, groups)
    changed = True
    while changed:
        changed = False
        for cells, total in lines:
            for target in [*cells, total]:
                others = [cell for cell in cells if cell != target]
                lo_others = sum(bounds[cell][0] for cell in others)
                hi_others = sum(bounds[cell][1] for cell in others)
                if target == total:
                    new = [lo_others, hi_others]
                else:
                    t_lo, t_hi = bounds[total]
                    new = [t_lo - hi_others if hi_others != INF else -INF, t_hi - lo_others if t_hi != INF else INF]
                if new[0] > bounds[target][0]:
                    bounds[target][0], changed = new[0], True
                if new[1] < bounds[target][1]:
                    bounds[target][1], changed = new[1], True
    return {cell: tuple(b) for cell, b in bounds.items()}


counts = st.sampled_from([0, 0, 1, 2, 3, 4, 5, 6, 9, 14, 30])


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 6), st.integers(1, 5), st.data())
def test_the_audit_reaches_the_same_ranges_as_sweeping_every_sum(rows, columns, data):
    matrix = [[data.draw(counts) for _c in range(columns)] for _r in range(rows)]
    groups = [list(range(rows // 2)), list(range(rows // 2, rows))] if rows >= 2 and data.draw(st.booleans()) else None
    values = with_totals(matrix, groups)
    statuses = [[SMALL if 0 < v < 5 else data.draw(st.sampled_from([SHOWN, HIDDEN])) for v in row] for row in values]
    assert feasible_ranges(values, statuses, groups=groups) == _sweep_ranges(values, statuses, groups=groups)


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 8), st.integers(1, 5), st.data())
def test_protected_tables_never_pin_a_small_count(rows, columns, data):
    matrix = [[data.draw(counts) for _c in range(columns)] for _r in range(rows)]
    groups = [list(range(rows // 2)), list(range(rows // 2, rows))] if rows >= 2 and data.draw(st.booleans()) else None
    grid = protect(matrix, groups=groups)
    assert exposed(grid.values, grid.statuses, groups=groups) == []
    ranges = _sweep_ranges(grid.values, grid.statuses, groups=groups)
    for (r, c), (lo, hi) in ranges.items():
        if 0 < grid.values[r][c] < 5:
            assert grid.statuses[r][c] != SHOWN and lo < hi
