"""Progress against the plan: each indicator's baseline, target and figure per state and for the
hemisphere over a work plan's two years, and the crosscutting coverage of curricula.

Figures come from monitoring (``states_totals``); outside the owning state, head counts are
protected as monitoring protects them: each indicator's column of states, with subregion subtotals
and the hemisphere, goes through ``monitoring.api.protect`` (small counts "<5", complementary cells
"x")."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from accounts.api import Subregion, member_states
from monitoring.api import INDICATORS, SHOWN, Cell, Period, Row, Table, protect, states_totals

from .models import PlanIndicator, Target


@dataclass
class IndicatorProgress:
    indicator: PlanIndicator
    table: Table  # states (and subregions, hemisphere) × baseline, target, figure


def _states_in_order():
    order = {value: i for i, value in enumerate(Subregion.values)}
    return sorted(member_states(), key=lambda s: (order.get(s.subregion, 99), s.name))


def progress(start_year: int, *, state_ids: list[int] | None = None, owner: bool = False) -> list[IndicatorProgress]:
    """Progress over the two years starting with ``start_year``. ``state_ids`` limits the rows (a
    coordinator's state); ``owner`` shows that state's own figures as they are."""
    years = [Period.parse(str(start_year)), Period.parse(str(start_year + 1))]
    totals = states_totals(years)
    by_source = {i.key: i for i in INDICATORS}
    states = _states_in_order()
    groups = [[n for n, s in enumerate(states) if s.subregion == sub] for sub in Subregion.values]
    targets = {(t.indicator_id, t.state_id): t for t in Target.objects.filter(start_year=start_year)}
    items = []
    for indicator in PlanIndicator.objects.select_related("measure"):
        source = by_source.get(indicator.source)
        if source is None:
            continue
        values = [[totals[source.key].get(s.pk, 0)] for s in states]
        grid = protect(values, groups=groups) if source.personal and not owner else None
        rows = []
        for n, state in enumerate(states):
            if state_ids is not None and state.pk not in state_ids:
                continue
            target = targets.get((indicator.pk, state.pk))
            status = grid.statuses[n][0] if grid else SHOWN
            rows.append(
                Row(
                    state.name,
                    [
                        Cell(target.baseline if target else 0, hours=source.hours),
                        Cell(target.target if target else 0, hours=source.hours),
                        Cell(values[n][0], status, source.hours),
                    ],
                )
            )
        if state_ids is None:
            hemisphere_targets = [t for (i, _s), t in targets.items() if i == indicator.pk]
            total = sum(v[0] for v in values)
            status = grid.statuses[-1][-1] if grid else SHOWN
            rows.append(
                Row(
                    _("Hemisphere"),
                    [
                        Cell(sum(t.baseline for t in hemisphere_targets), hours=source.hours),
                        Cell(sum(t.target for t in hemisphere_targets), hours=source.hours),
                        Cell(total, status, source.hours),
                    ],
                    kind="total",
                )
            )
        table = Table(
            key=f"progress-{indicator.code}",
            title=_("%(indicator)s (measure %(measure)s), %(start)s–%(end)s")
            % {
                "indicator": indicator.name,
                "measure": indicator.measure.code,
                "start": start_year,
                "end": start_year + 1,
            },
            corner=_("Member state"),
            columns=[_("Baseline"), _("Target"), _("Figure")],
            rows=rows,
            protected=grid is not None,
            series_row=len(rows) - 1,
        )
        items.append(IndicatorProgress(indicator, table))
    return items


def coverage_table(*, state_ids: list[int] | None = None) -> Table:
    """Share of modules and of hours of the states' curricula that carry the gender perspective or
    human-rights content (counts of modules, not of people: not protected)."""
    from curricula.api import module_coverage

    coverage = module_coverage()
    rows = []
    sums = {"modules": 0, "hours": 0.0, "gender_modules": 0, "gender_hours": 0.0, "hr_modules": 0, "hr_hours": 0.0}
    for state in _states_in_order():
        row = coverage.get(state.pk)
        if row is None or (state_ids is not None and state.pk not in state_ids):
            continue
        for key in sums:
            sums[key] += row[key]
        rows.append(Row(state.name, _coverage_cells(row)))
    if state_ids is None:
        rows.append(Row(_("Hemisphere"), _coverage_cells(sums), kind="total"))
    return Table(
        key="coverage",
        title=_("Gender and human-rights content of the curricula"),
        corner=_("Member state"),
        columns=[
            _("Modules"),
            _("Gender perspective (% of modules)"),
            _("Gender perspective (% of hours)"),
            _("Human rights (% of modules)"),
            _("Human rights (% of hours)"),
        ],
        rows=rows,
        series_row=len(rows) - 1 if rows else None,
    )


def _share(part: float, whole: float) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def _coverage_cells(row: dict) -> list[Cell]:
    return [
        Cell(row["modules"]),
        Cell(_share(row["gender_modules"], row["modules"]), hours=True),
        Cell(_share(row["gender_hours"], row["hours"]), hours=True),
        Cell(_share(row["hr_modules"], row["modules"]), hours=True),
        Cell(_share(row["hr_hours"], row["hours"]), hours=True),
    ]
