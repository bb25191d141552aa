"""Small counts cannot be worked out from a protected table, even one made only of small counts.

A secretariat's hemispheric table early in a period is mostly zeros with a few officials here and
there; every figure of it, totals included, is then "<5". A reader who knows that "<5" is 1 to 4
adds the small cells of a row or column up against its small total and finds each one exactly."""

import pytest

from monitoring.suppression import SHOWN, exposed, protect
from tests.monitoring.test_suppression import _sweep_ranges

SPARSE_HEMISPHERES = [
    # Eight states in two subregions, four disciplines: four officials trained in all.
    (
        [
            [1, 0, 0, 0],
            [0, 0, 0, 0],
            [0, 0, 1, 0],
            [0, 0, 0, 0],
            [1, 0, 0, 0],
            [0, 0, 0, 0],
            [0, 0, 1, 0],
            [0, 0, 0, 0],
        ],
        [[0, 1, 2, 3], [4, 5, 6, 7]],
    ),
    ([[1, 0], [0, 1], [1, 0], [0, 1]], [[0, 1], [2, 3]]),
    ([[2, 0, 1], [0, 1, 0]], None),
]


@pytest.mark.parametrize(("matrix", "groups"), SPARSE_HEMISPHERES)
def test_no_small_count_of_a_sparse_table_can_be_pinned_down(matrix, groups):
    grid = protect(matrix, groups=groups)
    assert exposed(grid.values, grid.statuses, groups=groups) == []
    # Checked again with the plain audit of the tests, not the module's own.
    ranges = _sweep_ranges(grid.values, grid.statuses, groups=groups)
    for (r, c), (lo, hi) in ranges.items():
        if 0 < grid.values[r][c] < 5:
            assert grid.statuses[r][c] != SHOWN
            assert lo < hi, f"the small count at {(r, c)} is {lo}"
