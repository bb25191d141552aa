"""Reads of monitoring: the tables behind every dashboard, export and report.

Everything is read from the fact table with GROUP BY queries (a handful per page, whatever the
number of source records), then arranged into ``Table`` objects that templates, charts and exports
share. Small counts are protected (``monitoring.suppression``) in every breakdown seen outside the
owning state: the secretariat's views of any state and every hemispheric figure."""

from __future__ import annotations

import hashlib
import json
import threading
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Q, Sum
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts.api import MemberState, Subregion, member_states

from . import access, suppression
from . import indicators as ind
from .models import Fact, FactRefresh
from .periods import KINDS, Period

# Cached figures are keyed on the fact-table refresh, so they never outlive the table they came from;
# the time limit only bounds how long a cache keeps tables of periods nobody reads any more.
CACHE_SECONDS = 24 * 60 * 60

TREND_LENGTH = 6


# --- Tables -----------------------------------------------------------------------------------


@dataclass
class Cell:
    value: float
    status: str = suppression.SHOWN
    hours: bool = False

    @property
    def shown(self) -> bool:
        return self.status == suppression.SHOWN

    @property
    def display(self) -> str:
        if self.status == suppression.SMALL:
            return "<5"
        if self.status == suppression.HIDDEN:
            return "x"
        if self.hours and self.value != int(self.value):
            return number_format(self.value, 1, use_l10n=True)
        return number_format(int(self.value), 0, use_l10n=True, force_grouping=True)

    @property
    def export_value(self) -> float | int | str:
        if not self.shown:
            return self.display
        return self.value if self.hours and self.value != int(self.value) else int(self.value)


@dataclass
class Row:
    label: str
    cells: list[Cell]
    kind: str = "inner"  # "inner", "group" (subtotal) or "total"
    url: str = ""


@dataclass
class Table:
    key: str
    title: str
    corner: str
    columns: list[str]
    rows: list[Row]
    description: str = ""
    protected: bool = False
    chart: str = "bars"  # "bars", "trend" or "states"
    series_row: int | None = None  # the row a bar chart draws (default: the totals row or the only row)

    @property
    def has_suppressed(self) -> bool:
        return any(not cell.shown for row in self.rows for cell in row.cells)


def _grid_rows(grid: suppression.Grid, labels: list[str], *, hours: bool, kinds: list[str]) -> list[Row]:
    return [
        Row(label, [Cell(v, s, hours) for v, s in zip(values, statuses, strict=True)], kind)
        for label, values, statuses, kind in zip(labels, grid.values, grid.statuses, kinds, strict=True)
    ]


# --- Reading the fact table -------------------------------------------------------------------


def _period_q(indicator: ind.Indicator, period: Period) -> Q:
    if indicator.cumulative:
        return Q(measure__in=indicator.measures, quarter__lt=period.end.date())
    return Q(measure__in=indicator.measures, quarter__in=period.quarters)


def _columns(dimension: str, present: set[str]) -> list[tuple[str, str]]:
    columns = [(value, str(label)) for value, label in ind.dimension_choices(dimension)]
    if "" in present or any(value not in dict(columns) for value in present):
        columns.append(("", str(ind.NOT_RECORDED)))
    return columns


def _refreshed_at():
    refresh_id = _memo().get("refresh")
    if refresh_id is None:
        return None
    return FactRefresh.objects.filter(pk=refresh_id).values_list("finished_at", flat=True).first()


def _refresh_id() -> int | None:
    return (
        FactRefresh.objects.filter(finished_at__isnull=False)
        .order_by("-started_at")
        .values_list("pk", flat=True)
        .first()
    )


_LOCAL = threading.local()


def _memo() -> dict:
    """Per-thread memo of one dashboard's refresh id and member states (see ``_burst``)."""
    return _LOCAL.__dict__


def _cache_key(*parts, per_language: bool = True) -> str:
    refresh = _memo()["refresh"] if "refresh" in _memo() else _refresh_id()
    language = get_language() if per_language else None
    digest = hashlib.sha1(json.dumps([refresh, language, *parts], default=str).encode()).hexdigest()
    return f"monitoring:{digest}"


class _burst:
    """Within one dashboard, read the refresh id and the member states once."""

    def __enter__(self):
        _memo()["refresh"] = _refresh_id()
        _memo()["states"] = None
        return self

    def __exit__(self, *exc):
        _memo().clear()


def states_in_order() -> list[MemberState]:
    """Member states grouped by subregion (in the order of the subregions), then by name."""
    if _memo().get("states") is not None:
        return _memo()["states"]
    order = {value: i for i, value in enumerate(Subregion.values)}
    states = sorted(member_states(), key=lambda s: (order.get(s.subregion, 99), s.name))
    if "refresh" in _memo():
        _memo()["states"] = states
    return states


# --- Hemisphere: states side by side ----------------------------------------------------------


@dataclass
class StatesBreakdown:
    """One indicator by one dimension for every state, with subregion subtotals and the hemisphere."""

    indicator: ind.Indicator
    dimension: str
    period: Period
    states: list[MemberState]
    columns: list[tuple[str, str]]
    grid: suppression.Grid
    subregions: list[tuple[str, str]] = field(default_factory=list)

    def state_row(self, state_id: int) -> list[Cell]:
        index = next(i for i, s in enumerate(self.states) if s.pk == state_id)
        return [
            Cell(v, s, self.indicator.hours)
            for v, s in zip(self.grid.values[index], self.grid.statuses[index], strict=True)
        ]

    def states_table(self) -> Table:
        n = len(self.states)
        labels = [s.name for s in self.states] + [_("Hemisphere")]
        kinds = ["inner"] * n + ["total"]
        rows = _grid_rows(
            suppression.Grid(
                self.grid.values[:n] + self.grid.values[-1:], self.grid.statuses[:n] + self.grid.statuses[-1:]
            ),
            labels,
            hours=self.indicator.hours,
            kinds=kinds,
        )
        for row, state in zip(rows, self.states, strict=False):
            row.url = state.code
        return Table(
            key=f"states-{self.indicator.key}-{self.dimension}",
            title=_("%(indicator)s by state and %(dimension)s, %(period)s")
            % {
                "indicator": self.indicator.label,
                "dimension": str(ind.DIMENSION_LABELS[self.dimension]).lower(),
                "period": self.period.label,
            },
            corner=_("Member state"),
            columns=[label for _v, label in self.columns] + [_("Total")],
            rows=rows,
            protected=self.indicator.personal,
            chart="states",
        )

    def subregions_table(self) -> Table:
        n = len(self.states)
        labels = [label for _v, label in self.subregions] + [_("Hemisphere")]
        grid = suppression.Grid(self.grid.values[n:], self.grid.statuses[n:])
        rows = _grid_rows(grid, labels, hours=self.indicator.hours, kinds=["group"] * len(self.subregions) + ["total"])
        return Table(
            key=f"subregions-{self.indicator.key}-{self.dimension}",
            title=_("%(indicator)s by subregion and %(dimension)s, %(period)s")
            % {
                "indicator": self.indicator.label,
                "dimension": str(ind.DIMENSION_LABELS[self.dimension]).lower(),
                "period": self.period.label,
            },
            corner=_("Subregion"),
            columns=[label for _v, label in self.columns] + [_("Total")],
            rows=rows,
            protected=self.indicator.personal,
        )


def _raw_dimension(dimension: str, period: Period) -> dict[str, dict[int, dict[str, float]]]:
    """measure -> state -> dimension value -> total for the period, for every measure at once (two
    GROUP BY queries: flows over the period's quarters, running totals up to its end). Kept for the
    duration of a request-sized burst in the cache, keyed on the fact-table refresh."""
    key = _cache_key("raw", dimension, period.key, per_language=False)
    cached = cache.get(key)
    if cached is not None:
        return cached
    flow = [m for i in ind.INDICATORS if not i.cumulative for m in i.measures]
    stock = [m for i in ind.INDICATORS if i.cumulative for m in i.measures]
    data: dict[str, dict[int, dict[str, float]]] = defaultdict(lambda: defaultdict(dict))
    for q in (Q(measure__in=flow, quarter__in=period.quarters), Q(measure__in=stock, quarter__lt=period.end.date())):
        rows = Fact.objects.filter(q).values("measure", "state_id", dimension).annotate(v=Sum("value")).order_by()
        for row in rows:
            cell = data[row["measure"]][row["state_id"]]
            cell[row[dimension]] = cell.get(row[dimension], 0) + row["v"]
    plain_data = {m: {st: dict(v) for st, v in per.items()} for m, per in data.items()}
    cache.set(key, plain_data, CACHE_SECONDS)
    return plain_data


def _raw_states_breakdown(indicator: ind.Indicator, dimension: str, period: Period) -> dict:
    raw = _raw_dimension(dimension, period)
    data: dict[int, dict[str, float]] = defaultdict(dict)
    for measure in indicator.measures:
        for state_id, values in raw.get(measure, {}).items():
            for value, total in values.items():
                data[state_id][value] = data[state_id].get(value, 0) + total
    return data


def protection_warm(periods: list[Period] | None = None) -> int:
    """Protect every hemispheric table of the current periods ahead of the first reader (run after
    each fact-table rebuild, so that no dashboard waits for the suppression audit). Returns how
    many tables were protected."""
    periods = periods or [Period.current(kind) for kind in KINDS]
    count = 0
    with _burst():
        for period in periods:
            for indicator in ind.INDICATORS:
                for dimension in indicator.dimensions:
                    states_breakdown(indicator, dimension, period)
                    count += 1
    return count


def states_breakdown(indicator: ind.Indicator, dimension: str, period: Period) -> StatesBreakdown:
    """Cached per fact-table refresh, in every language at once (the protection of a 35-state table
    is worth keeping, and it does not depend on the language of the labels)."""
    states = states_in_order()
    key = _cache_key("states", indicator.key, dimension, period.key, per_language=False)
    cached = cache.get(key)
    if cached is None:
        data = _raw_states_breakdown(indicator, dimension, period)
        present = {value for per_state in data.values() for value in per_state}
        columns = _columns(dimension, present)
        matrix = [[data.get(s.pk, {}).get(value, 0) for value, _l in columns] for s in states]
        groups = [[i for i, s in enumerate(states) if s.subregion == sub] for sub in Subregion.values]
        if indicator.mask_of:
            head = states_breakdown(ind.get(indicator.mask_of), dimension, period)
            if [c for c, _l in head.columns] != [c for c, _l in columns]:
                columns = head.columns
                matrix = [[data.get(s.pk, {}).get(value, 0) for value, _l in columns] for s in states]
            grid = suppression.follow(head.grid, matrix, groups)
        elif indicator.personal:
            grid = suppression.protect(matrix, groups=groups)
        else:
            grid = suppression.plain(matrix, groups)
        cached = ([value for value, _l in columns], grid.values, grid.statuses)
        cache.set(key, cached, CACHE_SECONDS)
    keys, values, statuses = cached
    labels = dict(_columns(dimension, set(keys)))
    columns = [(value, labels[value]) for value in keys]
    return StatesBreakdown(
        indicator=indicator,
        dimension=dimension,
        period=period,
        states=states,
        columns=columns,
        grid=suppression.Grid(values, statuses),
        subregions=[(value, str(label)) for value, label in Subregion.choices],
    )


# --- Trends -----------------------------------------------------------------------------------


def _period_totals(indicators, periods: list[Period], state_ids: list[int] | None) -> dict[tuple[str, str], float]:
    """(indicator key, period key) -> total, from one GROUP BY (measure, quarter)."""
    measures = {m for i in indicators for m in i.measures}
    qs = Fact.objects.filter(measure__in=measures, quarter__lt=periods[-1].end.date())
    if state_ids is not None:
        qs = qs.filter(state_id__in=state_ids)
    by_quarter: dict[tuple[str, object], float] = defaultdict(float)
    for row in qs.values("measure", "quarter").annotate(v=Sum("value")).order_by():
        by_quarter[(row["measure"], row["quarter"])] += row["v"]
    totals = {}
    for indicator in indicators:
        for period in periods:
            total = 0.0
            for (measure, quarter), value in by_quarter.items():
                if measure not in indicator.measures:
                    continue
                if (indicator.cumulative and quarter < period.end.date()) or quarter in period.quarters:
                    total += value
            totals[(indicator.key, period.key)] = total
    return totals


def trend_table(indicators, periods: list[Period], *, state_ids: list[int] | None, protect: bool, title: str) -> Table:
    """Indicators (rows) over periods (columns). Protected tables show 1 to 4 as "<5"."""
    totals = _period_totals(indicators, periods, state_ids)
    rows = []
    for indicator in indicators:
        cells = []
        for period in periods:
            value = totals[(indicator.key, period.key)]
            status = suppression.SHOWN
            if protect and indicator.personal and 0 < value < suppression.THRESHOLD:
                status = suppression.SMALL
            cells.append(Cell(value, status, indicator.hours))
        rows.append(Row(str(indicator.label), cells))
    if protect:
        # Hours follow the head count they come from.
        by_key = {i.key: r for i, r in zip(indicators, rows, strict=True)}
        for indicator, row in zip(indicators, rows, strict=True):
            if indicator.mask_of and indicator.mask_of in by_key:
                for cell, head in zip(row.cells, by_key[indicator.mask_of].cells, strict=True):
                    if not head.shown:
                        cell.status = suppression.HIDDEN
    return Table(
        key="trend",
        title=title,
        corner=_("Indicator"),
        columns=[p.short_label for p in periods],
        rows=rows,
        protected=protect,
        chart="trend",
    )


# --- Dashboards -------------------------------------------------------------------------------


@dataclass
class Dashboard:
    title: str
    period: Period
    indicator: ind.Indicator
    dimension: str
    protected: bool
    headline: list[dict]
    tables: list[Table]
    refreshed_at: object = None


def _headline(indicators, trend: Table, period_index: int) -> list[dict]:
    return [
        {
            "indicator": indicator,
            "current": row.cells[period_index],
            "previous": row.cells[period_index - 1] if period_index > 0 else None,
        }
        for indicator, row in zip(indicators, trend.rows, strict=True)
    ]


def state_dashboard(state: MemberState, period: Period, *, owner: bool, indicator_key: str | None = None) -> Dashboard:
    with _burst():
        return _state_dashboard(state, period, owner=owner, indicator_key=indicator_key)


def hemisphere_dashboard(
    period: Period, *, indicator_key: str | None = None, dimension: str | None = None
) -> Dashboard:
    with _burst():
        return _hemisphere_dashboard(period, indicator_key=indicator_key, dimension=dimension)


def _state_dashboard(state: MemberState, period: Period, *, owner: bool, indicator_key: str | None = None) -> Dashboard:
    """A state's dashboard. ``owner`` is true for the state's own coordinator: its figures are its
    own and shown as they are; anyone else (the secretariat) sees them protected, with the same
    cells hidden as in the hemispheric table of the same indicator, dimension and period."""
    indicator = ind.get(indicator_key)
    periods = period.series(TREND_LENGTH)
    trend = trend_table(
        ind.INDICATORS,
        periods,
        state_ids=[state.pk],
        protect=not owner,
        title=_("Trend of every indicator in %(state)s") % {"state": state.name},
    )
    tables = [trend]
    for dimension in ind.ALL_DIMENSIONS:
        applicable = [i for i in ind.INDICATORS if dimension in i.dimensions]
        if owner:
            data: dict[str, dict[str, float]] = defaultdict(dict)
            q = Q()
            for i in applicable:
                q |= _period_q(i, period)
            raw = (
                Fact.objects.filter(q, state_id=state.pk)
                .values("measure", "quarter", dimension)
                .annotate(v=Sum("value"))
                .order_by()
            )
            present = set()
            for row in raw:
                for i in applicable:
                    if row["measure"] in i.measures and (
                        row["quarter"] in period.quarters or (i.cumulative and row["quarter"] < period.end.date())
                    ):
                        data[i.key][row[dimension]] = data[i.key].get(row[dimension], 0) + row["v"]
                        present.add(row[dimension])
            columns = _columns(dimension, present)
            rows = []
            for i in applicable:
                grid = suppression.plain([[data[i.key].get(value, 0) for value, _l in columns]])
                rows.append(
                    Row(
                        str(i.label),
                        [Cell(v, s, i.hours) for v, s in zip(grid.values[0], grid.statuses[0], strict=True)],
                    )
                )
        else:
            breakdowns = [states_breakdown(i, dimension, period) for i in applicable]
            present_columns: list[tuple[str, str]] = []
            for b in breakdowns:
                for column in b.columns:
                    if column not in present_columns:
                        present_columns.append(column)
            columns = present_columns
            rows = []
            for i, b in zip(applicable, breakdowns, strict=True):
                own = dict(zip([c for c, _l in b.columns] + ["__total__"], b.state_row(state.pk), strict=True))
                cells = [own.get(value, Cell(0, suppression.SHOWN, i.hours)) for value, _l in columns] + [
                    own["__total__"]
                ]
                rows.append(Row(str(i.label), cells))
        tables.append(
            Table(
                key=f"by-{dimension}",
                title=_("Indicators by %(dimension)s, %(period)s")
                % {"dimension": str(ind.DIMENSION_LABELS[dimension]).lower(), "period": period.label},
                corner=_("Indicator"),
                columns=[label for _v, label in columns] + [_("Total")],
                rows=rows,
                protected=not owner,
                series_row=next((n for n, i in enumerate(applicable) if i.key == indicator.key), 0),
            )
        )
    return Dashboard(
        title=state.name,
        period=period,
        indicator=indicator,
        dimension=ind.DISCIPLINE,
        protected=not owner,
        headline=_headline(ind.INDICATORS, trend, len(periods) - 1),
        tables=tables,
        refreshed_at=_refreshed_at(),
    )


def _hemisphere_dashboard(
    period: Period, *, indicator_key: str | None = None, dimension: str | None = None
) -> Dashboard:
    """The secretariat's view: every state side by side, subregions, the hemisphere; all protected."""
    indicator = ind.get(indicator_key)
    dimension = dimension if dimension in indicator.dimensions else indicator.dimensions[0]
    periods = period.series(TREND_LENGTH)
    trend = trend_table(
        ind.INDICATORS, periods, state_ids=None, protect=True, title=_("Trend of every indicator in the hemisphere")
    )
    breakdown = states_breakdown(indicator, dimension, period)
    states = breakdown.states_table()
    subregions = breakdown.subregions_table()
    # The hemisphere's own figure for the period is the one in the breakdown's totals row.
    grand = breakdown.grid.values[-1][-1], breakdown.grid.statuses[-1][-1]
    for row, i in zip(trend.rows, ind.INDICATORS, strict=True):
        if i.key == indicator.key:
            row.cells[-1] = Cell(grand[0], grand[1], i.hours)
    return Dashboard(
        title=_("The hemisphere"),
        period=period,
        indicator=indicator,
        dimension=dimension,
        protected=True,
        headline=_headline(ind.INDICATORS, trend, len(periods) - 1),
        tables=[trend, states, subregions],
        refreshed_at=_refreshed_at(),
    )


def reports_for(user, *, states=None, limit: int = 50) -> list:
    """The latest reports (of these states only, when given) that this user may open and download."""
    from .models import Report

    reports = Report.objects.select_related("state").order_by("-created_at")
    if states is not None:
        reports = reports.filter(state__in=states)
    return [report for report in reports[:limit] if access.can_download_report(user, report)]


# --- Figures for other apps -------------------------------------------------------------------


def state_figures(state_id: int, period: Period) -> dict[str, dict]:
    """A state's own figures for a period, unprotected (what its coordinator's dashboard shows):
    ``{indicator key: {"total": n, dimension: {value: n}}}`` for every indicator and each of its
    dimensions. The plan's state reports are pre-filled from it. One GROUP BY per dimension."""
    q = Q()
    for indicator in ind.INDICATORS:
        q |= _period_q(indicator, period)
    figures: dict[str, dict] = {i.key: {"total": 0.0} for i in ind.INDICATORS}
    for dimension in ind.ALL_DIMENSIONS:
        rows = (
            Fact.objects.filter(q, state_id=state_id)
            .values("measure", "quarter", dimension)
            .annotate(v=Sum("value"))
            .order_by()
        )
        totals: dict[str, dict[str, float]] = defaultdict(dict)
        for row in rows:
            for indicator in ind.INDICATORS:
                if row["measure"] not in indicator.measures:
                    continue
                if row["quarter"] in period.quarters or (indicator.cumulative and row["quarter"] < period.end.date()):
                    per = totals[indicator.key]
                    per[row[dimension]] = per.get(row[dimension], 0) + row["v"]
        for indicator in ind.INDICATORS:
            if dimension in indicator.dimensions:
                figures[indicator.key][dimension] = dict(totals.get(indicator.key, {}))
                if dimension == indicator.dimensions[0]:
                    figures[indicator.key]["total"] = sum(totals.get(indicator.key, {}).values())
    return figures


def states_totals(periods: list[Period]) -> dict[str, dict[int, float]]:
    """Every indicator's total per state over consecutive periods (a running total at the end of the
    last one for cumulative indicators), unprotected: ``{indicator key: {state id: n}}``. One GROUP BY;
    callers that show it outside a state protect it (``suppression.protect``)."""
    key = _cache_key("states-totals", [p.key for p in periods])
    cached = cache.get(key)
    if cached is not None:
        return cached
    first, last = periods[0], periods[-1]
    measures = {m for i in ind.INDICATORS for m in i.measures}
    rows = (
        Fact.objects.filter(measure__in=measures, quarter__lt=last.end.date())
        .values("measure", "state_id", "quarter")
        .annotate(v=Sum("value"))
        .order_by()
    )
    totals: dict[str, dict[int, float]] = {i.key: {} for i in ind.INDICATORS}
    for row in rows:
        for indicator in ind.INDICATORS:
            if row["measure"] not in indicator.measures:
                continue
            if indicator.cumulative or row["quarter"] >= first.start.date():
                per = totals[indicator.key]
                per[row["state_id"]] = per.get(row["state_id"], 0) + row["v"]
    cache.set(key, totals, 15 * 60)
    return totals


# --- Training activities (read from activities.api) -------------------------------------------------


def attendance_tables(state: MemberState, period: Period, *, owner: bool) -> list[Table]:
    """Officials of the state who attended training activities in the period (activities starting in
    it), by the activity's scope and by its discipline, each by gender. Counts people: anyone but the
    state's own coordinator sees small counts protected."""
    from activities.api import attendance_facts
    from curricula.api import Discipline, Scope

    quarters = set(period.quarters)
    facts = [row for row in attendance_facts(state_id=state.pk) if row["quarter"] in quarters]
    genders = [(value, str(label)) for value, label in ind.dimension_choices(ind.GENDER)]
    tables = []
    for key, dimension, choices, title in (
        (
            "attendance-scope",
            "scope",
            Scope.choices,
            _("Officials who attended training activities, by scope and gender"),
        ),
        (
            "attendance-discipline",
            "discipline",
            Discipline.choices,
            _("Officials who attended training activities, by discipline and gender"),
        ),
    ):
        matrix = [[0.0 for _g in genders] for _c in choices]
        index = {value: i for i, (value, _l) in enumerate(choices)}
        columns = {value: j for j, (value, _l) in enumerate(genders)}
        for row in facts:
            i, j = index.get(row[dimension]), columns.get(row["gender"], columns.get("undisclosed"))
            if i is not None and j is not None:
                matrix[i][j] += row["participants"]
        grid = suppression.plain(matrix) if owner else _protected_once(matrix)
        labels = [str(label) for _v, label in choices] + [_("Total")]
        kinds = ["inner"] * len(choices) + ["total"]
        tables.append(
            Table(
                key=key,
                title=str(title),
                corner=str(_("Scope")) if dimension == "scope" else str(_("Discipline")),
                columns=[label for _v, label in genders] + [str(_("Total"))],
                rows=_grid_rows(grid, labels, hours=False, kinds=kinds),
                protected=not owner,
                description=str(_("Participants present at one session or more, counted once per activity.")),
            )
        )
    return tables


def _protected_once(matrix: list[list[float]]) -> suppression.Grid:
    """The protected grid of a small table, computed once per distinct matrix (the same counts give
    the same cells hidden, in every language); a table without small counts needs no protection."""
    if not any(0 < value < suppression.THRESHOLD for row in matrix for value in row):
        return suppression.plain(matrix)
    key = "monitoring:attendance:" + hashlib.sha256(json.dumps(matrix).encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        grid = suppression.protect(matrix)
        found = (grid.values, grid.statuses)
        cache.set(key, found, 24 * 3600)
    return suppression.Grid(found[0], found[1])
