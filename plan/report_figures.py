"""The pre-filled figures of a state report as tables (and bar charts) for its page and the PDF."""

from __future__ import annotations

from django.utils.translation import gettext as _

from monitoring.api import DIMENSION_LABELS, INDICATORS, Cell, Row, Table, bars, dimension_choices

# What the report shows of each indicator: its total and, for people, the breakdowns asked for.
BREAKDOWNS = {
    "officials_trained": ("discipline", "level", "gender"),
    "training_hours": ("gender",),
}


def figure_tables(figures: dict) -> list[dict]:
    """Tables from a report's stored figures: the totals of every indicator, then the breakdowns,
    then the crosscutting coverage of the state's curriculum modules."""
    indicators = figures.get("indicators") or {}
    items = []
    total_rows = [
        Row(str(i.label), [Cell(float(indicators.get(i.key, {}).get("total", 0)), hours=i.hours)]) for i in INDICATORS
    ]
    items.append(
        {"table": Table("totals", _("What Capacitas counted this semester"), _("Indicator"), [_("Total")], total_rows)}
    )
    for key, dimensions in BREAKDOWNS.items():
        indicator = next(i for i in INDICATORS if i.key == key)
        for dimension in dimensions:
            values = indicators.get(key, {}).get(dimension, {})
            columns = list(dimension_choices(dimension))
            if any(v not in dict(columns) for v in values):
                columns.append(("", _("Not recorded")))
            cells = [Cell(float(values.get(v, 0)), hours=indicator.hours) for v, _l in columns]
            cells.append(Cell(sum(c.value for c in cells), hours=indicator.hours))
            table = Table(
                f"{key}-{dimension}",
                _("%(indicator)s by %(dimension)s")
                % {"indicator": indicator.label, "dimension": str(DIMENSION_LABELS[dimension]).lower()},
                _("Indicator"),
                [str(label) for _v, label in columns] + [_("Total")],
                [Row(str(indicator.label), cells)],
                series_row=0,
            )
            items.append({"table": table, "chart": bars(table)})
    modules = figures.get("modules") or {}
    if modules:
        rows = [
            Row(
                _("Gender perspective"),
                [Cell(modules.get("gender_modules", 0)), Cell(modules.get("gender_hours", 0), hours=True)],
            ),
            Row(_("Human rights"), [Cell(modules.get("hr_modules", 0)), Cell(modules.get("hr_hours", 0), hours=True)]),
            Row(
                _("All modules"),
                [Cell(modules.get("modules", 0)), Cell(modules.get("hours", 0), hours=True)],
                kind="total",
            ),
        ]
        items.append(
            {
                "table": Table(
                    "modules",
                    _("Modules of the state's curricula with crosscutting content"),
                    _("Content"),
                    [_("Modules"), _("Hours")],
                    rows,
                )
            }
        )
    attended = figures.get("activities") or {}
    if attended:
        rows = [
            Row(
                _("Officials who attended"),
                [Cell(attended.get("activities", 0)), Cell(attended.get("participants", 0))],
            )
        ]
        items.append(
            {
                "table": Table(
                    "activities",
                    _("Training activities attended by the state's officials"),
                    _("Attendance"),
                    [_("Activities"), _("Participants")],
                    rows,
                )
            }
        )
    return items
