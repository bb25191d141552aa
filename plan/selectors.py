"""Reads of the plan's follow-up, each a fixed number of queries whatever the number of rows."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _

from . import access
from .models import (
    LANGUAGES,
    Activity,
    Measure,
    Objective,
    StatePosition,
    WorkPlan,
    WorkPlanEvent,
    WorkPlanVersion,
)


def objectives_with_measures() -> list[Objective]:
    """The whole plan: objectives in order, each with its measures (two queries)."""
    return list(
        Objective.objects.prefetch_related(Prefetch("measures", queryset=Measure.objects.order_by("order", "code")))
    )


def measures() -> list[Measure]:
    return list(Measure.objects.select_related("objective"))


def measure_catalogue() -> list[tuple[str, str]]:
    """Every measure as (code, short text in the active language), for lms.measures (one query)."""
    return [(m.code, m.short_text) for m in Measure.objects.order_by("objective__order", "order", "code")]


def visible_work_plans(user) -> list[WorkPlan]:
    """The work plans this user may see: published ones for everyone; the secretariat's drafts; the
    ones sent to the member states for their coordinators."""
    qs = WorkPlan.objects.all()
    if not access.is_secretariat(user):
        q = Q(status=WorkPlan.Status.PUBLISHED)
        if access.coordinator_states(user):
            q |= Q(version__gt=0)
        qs = qs.filter(q)
    return list(qs.order_by("-start_year"))


def activities_of(work_plan: WorkPlan) -> list[Activity]:
    return list(
        work_plan.activities.filter(removed=False)
        .prefetch_related(
            Prefetch(
                "measures", queryset=Measure.objects.only("pk", "code", "text_en", "text_es", "text_pt", "text_fr")
            ),
            "responsible_states",
            "responsible_agencies",
        )
        .order_by("number")
    )


def positions_of(version: WorkPlanVersion | None) -> list[StatePosition]:
    if version is None:
        return []
    return list(
        version.positions.select_related("state", "recorded_by")
        .prefetch_related("comments__activity")
        .order_by("state__name_en")
    )


def events_of(work_plan: WorkPlan) -> list[WorkPlanEvent]:
    return list(work_plan.events.select_related("actor", "state").order_by("at", "pk"))


def versions_of(work_plan: WorkPlan) -> list[WorkPlanVersion]:
    return list(work_plan.versions.select_related("sent_by").order_by("number"))


# --- Differences between versions ------------------------------------------------------------------

COMPARED = (
    *(f"title_{code}" for code in LANGUAGES),
    "description",
    "measures",
    "states",
    "agencies",
    "starts_on",
    "ends_on",
    "expected_results",
)


@dataclass
class ActivityChange:
    number: int
    title: str
    kind: str  # "added", "removed" or "changed"
    fields: list[tuple[str, str, str]] = field(default_factory=list)  # (field, before, after)


FIELD_LABELS = {
    "number": _("number"),
    "title_en": _("title (English)"),
    "title_es": _("title (Spanish)"),
    "title_pt": _("title (Portuguese)"),
    "title_fr": _("title (French)"),
    "description": _("description"),
    "measures": _("measures"),
    "states": _("responsible states"),
    "agencies": _("responsible agencies"),
    "starts_on": _("start"),
    "ends_on": _("end"),
    "expected_results": _("expected results"),
}


def _shown(value) -> str:
    return ", ".join(value) if isinstance(value, list) else str(value or "")


def versions_diff(before: list[dict], after: list[dict]) -> list[ActivityChange]:
    """What changed from one version's activities to the next, activity by activity (matched by
    the activity's identity, so a renumbered activity is a change, not a removal and an addition)."""
    old = {a["id"]: a for a in before}
    new = {a["id"]: a for a in after}
    changes = []
    for key, activity in new.items():
        if key not in old:
            changes.append(ActivityChange(activity["number"], activity["title_en"], "added"))
            continue
        fields = [
            (str(FIELD_LABELS[name]), _shown(old[key].get(name)), _shown(activity.get(name)))
            for name in ("number", *COMPARED)
            if old[key].get(name) != activity.get(name)
        ]
        if fields:
            changes.append(ActivityChange(activity["number"], activity["title_en"], "changed", fields))
    for key, activity in old.items():
        if key not in new:
            changes.append(ActivityChange(activity["number"], activity["title_en"], "removed"))
    return sorted(changes, key=lambda c: (c.number, c.kind))


# --- State reports -----------------------------------------------------------------------------------


def reports_for(user) -> list:
    """The reports this user may see: the secretariat all, a coordinator their states' (one query)."""
    from .models import StateReport

    qs = StateReport.objects.select_related("state").order_by("-period", "state__name_en")
    if not access.is_secretariat(user):
        qs = qs.filter(state_id__in=list(access.coordinator_states(user)))
    return list(qs)


@dataclass
class LateReport:
    state: object
    period: str
    due: object
    status: str  # "" when not started


def late_reports(*, now=None, semesters: int = 4) -> list[LateReport]:
    """For the last semesters whose report is due, every member state that has not submitted it
    (two queries)."""
    import datetime

    from django.utils import timezone

    from accounts.api import member_states
    from monitoring.api import Period

    from .models import StateReport
    from .services import REPORT_DUE_DAYS

    now = now or timezone.now()
    period = Period.current()
    due_periods = []
    for _n in range(semesters + 2):
        period = period.previous()
        due = period.end + datetime.timedelta(days=REPORT_DUE_DAYS)
        if due <= now:
            due_periods.append((period.key, due))
        if len(due_periods) == semesters:
            break
    keys = [key for key, _due in due_periods]
    statuses = {
        (r["state_id"], r["period"]): r["status"]
        for r in StateReport.objects.filter(period__in=keys).values("state_id", "period", "status")
    }
    done = {StateReport.Status.SUBMITTED, StateReport.Status.ACCEPTED}
    late = []
    states = list(member_states())
    for key, due in due_periods:
        for state in states:
            status = statuses.get((state.pk, key), "")
            if status not in done:
                late.append(LateReport(state, key, due, status))
    return late


def indicators() -> list:
    """Every indicator with its measure, in the plan's order (one query)."""
    from .models import PlanIndicator

    return list(PlanIndicator.objects.select_related("measure"))


def targets_of(*, indicator, start_year: int) -> list:
    """The baselines and targets set for one indicator and period (one query)."""
    from .models import Target

    return list(Target.objects.filter(indicator=indicator, start_year=start_year))


# --- For other apps (through plan.api) --------------------------------------------------------------


@dataclass(frozen=True)
class WorkPlanPeriod:
    id: int
    start_year: int
    label: str  # "2026–2027"
    title: str  # in the reader's language


def work_plan_periods(user) -> list[WorkPlanPeriod]:
    """The work-plan periods this user may see, newest first (one query)."""
    return [
        WorkPlanPeriod(id=wp.pk, start_year=wp.start_year, label=wp.period_label, title=wp.title)
        for wp in visible_work_plans(user)
    ]


@dataclass(frozen=True)
class MeasureChoice:
    id: int
    code: str
    label: str  # code and short text in the reader's language


def measure_choices() -> list[MeasureChoice]:
    """Every measure of the plan, in order, for forms of other apps (one query)."""
    return [
        MeasureChoice(id=m.pk, code=m.code, label=f"{m.code} {m.short_text}")
        for m in Measure.objects.select_related("objective")
    ]
