"""Pairs each table of a dashboard with its chart (shared by the pages and the PDF report)."""

from __future__ import annotations

from accounts.api import Subregion, subregion_by_state_code

from . import charts
from .selectors import Dashboard


def charts_for(dashboard: Dashboard) -> list[dict]:
    indicator_index = next(
        (n for n, row in enumerate(dashboard.tables[0].rows) if row.label == str(dashboard.indicator.label)), 0
    )
    items = []
    for table in dashboard.tables:
        if table.chart == "trend":
            svg = charts.trend(table, row_index=indicator_index)
        elif table.chart == "states":
            subregion_of = subregion_by_state_code()
            svg = charts.states(
                table, subregion_of=subregion_of, subregion_labels={v: str(label) for v, label in Subregion.choices}
            )
        else:
            svg = charts.bars(table)
        items.append({"table": table, "chart": svg})
    return items
