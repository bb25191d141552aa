"""Writes of the plan's follow-up: keyword-only, checked, atomic, logged.

Every refusal raises ``PlanError`` with a message in the user's language and changes nothing; every
step of a work plan or a report writes an event with who and when."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import access
from .errors import PlanError
from .models import (
    LANGUAGES,
    Activity,
    ActivityComment,
    Measure,
    Objective,
    PlanIndicator,
    Position,
    ReportEntry,
    ReportEvent,
    StatePosition,
    StateReport,
    Target,
    WorkPlan,
    WorkPlanEvent,
    WorkPlanVersion,
)


def _require_secretariat(user) -> None:
    if not access.is_secretariat(user):
        raise PlanError(_("Only the secretariat may do this."), status=403)


def _locked(work_plan: WorkPlan) -> WorkPlan:
    return WorkPlan.objects.select_for_update().get(pk=work_plan.pk)


def _event(work_plan, kind, user, *, state=None, version=None, detail="") -> WorkPlanEvent:
    return WorkPlanEvent.objects.create(
        work_plan=work_plan, kind=kind, actor=user, state=state, version=version, detail=detail[:500]
    )


# --- The plan itself (the demo and the admin) -------------------------------------------------------


def objective_upsert(*, code: str, order: int = 0, **texts) -> Objective:
    objective, _created = Objective.objects.update_or_create(code=code, defaults={"order": order, **texts})
    objective.full_clean()
    return objective


def measure_upsert(*, code: str, objective: Objective, **fields) -> Measure:
    measure = Measure.objects.filter(code=code).first() or Measure(code=code)
    measure.objective = objective
    for name, value in fields.items():
        setattr(measure, name, value)
    measure.full_clean()
    measure.save()
    return measure


# --- Work plans ------------------------------------------------------------------------------------


def work_plan_create(*, user, start_year: int, titles: dict[str, str]) -> WorkPlan:
    _require_secretariat(user)
    if not titles.get("en", "").strip():
        raise PlanError(_("Give the work plan a title in English."))
    if not 2000 <= start_year <= 2100:
        raise PlanError(_("The first year must be between 2000 and 2100."))
    with transaction.atomic():
        overlapping = WorkPlan.objects.select_for_update().filter(start_year__in=[start_year - 1, start_year])
        if start_year + 1 <= 2100:
            overlapping = overlapping | WorkPlan.objects.filter(start_year=start_year + 1)
        clash = overlapping.first()
        if clash is not None:
            raise PlanError(
                _("The period %(period)s overlaps the work plan “%(other)s” (%(other_period)s).")
                % {
                    "period": f"{start_year}–{start_year + 1}",
                    "other": clash.title,
                    "other_period": clash.period_label,
                },
                status=409,
            )
        work_plan = WorkPlan(
            start_year=start_year,
            created_by=user,
            **{f"title_{code}": (titles.get(code) or "").strip() for code in LANGUAGES},
        )
        work_plan.full_clean()
        work_plan.save()
        _event(work_plan, WorkPlanEvent.Kind.CREATED, user)
    return work_plan


def _check_draft(work_plan: WorkPlan) -> None:
    if work_plan.status != WorkPlan.Status.DRAFT:
        raise PlanError(
            _("Activities can only be changed while the work plan is a draft; reopen it for revision first."),
            status=409,
        )


def _clean_activity(work_plan: WorkPlan, data: dict) -> dict:
    """The fields of an activity from a form's data, checked; PlanError names the first problem."""
    title_en = (data.get("title_en") or "").strip()
    if not title_en:
        raise PlanError(_("Give the activity a title in English."))
    measure_ids = [int(m) for m in data.get("measures") or []]
    measures = list(Measure.objects.filter(pk__in=measure_ids))
    if not measure_ids:
        raise PlanError(_("Link the activity to at least one measure of the plan."))
    if len(measures) != len(set(measure_ids)):
        raise PlanError(_("One of the chosen measures does not exist."))
    starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
    if not isinstance(starts_on, datetime.date) or not isinstance(ends_on, datetime.date):
        raise PlanError(_("Give the activity's start and end dates."))
    if ends_on < starts_on:
        raise PlanError(_("The activity ends before it starts."))
    first, last = datetime.date(work_plan.start_year, 1, 1), datetime.date(work_plan.end_year, 12, 31)
    if starts_on < first or ends_on > last:
        raise PlanError(
            _("The activity's dates must fall within the work plan's period, %(period)s.")
            % {"period": work_plan.period_label}
        )
    expected = (data.get("expected_results") or "").strip()
    if not expected:
        raise PlanError(_("Say what results the activity is expected to bring."))
    from accounts.api import agencies, member_states

    state_ids = {int(s) for s in data.get("states") or []}
    states = list(member_states().filter(pk__in=state_ids))
    if len(states) != len(state_ids):
        raise PlanError(_("One of the chosen member states does not exist."))
    agency_ids = {int(a) for a in data.get("agencies") or []}
    agency_list = list(agencies().filter(pk__in=agency_ids))
    if len(agency_list) != len(agency_ids):
        raise PlanError(_("One of the chosen agencies does not exist."))
    return {
        "fields": {
            **{f"title_{code}": (data.get(f"title_{code}") or "").strip()[:300] for code in LANGUAGES},
            "description": (data.get("description") or "").strip(),
            "starts_on": starts_on,
            "ends_on": ends_on,
            "expected_results": expected,
        },
        "measures": measures,
        "states": states,
        "agencies": agency_list,
    }


def activity_save(*, user, work_plan: WorkPlan, data: dict, activity: Activity | None = None) -> Activity:
    """Add an activity to a draft work plan, or change one of its activities."""
    _require_secretariat(user)
    with transaction.atomic():
        work_plan = _locked(work_plan)
        _check_draft(work_plan)
        clean = _clean_activity(work_plan, data)
        if activity is None:
            last = work_plan.activities.order_by("-number").values_list("number", flat=True).first() or 0
            activity = Activity(work_plan=work_plan, number=last + 1)
            kind = WorkPlanEvent.Kind.ACTIVITY_ADDED
        else:
            if activity.work_plan_id != work_plan.pk or activity.removed:
                raise PlanError(_("This activity is not part of the work plan."), status=404)
            kind = WorkPlanEvent.Kind.ACTIVITY_CHANGED
        for name, value in clean["fields"].items():
            setattr(activity, name, value)
        activity.full_clean(exclude=["work_plan"])
        activity.save()
        activity.measures.set(clean["measures"])
        activity.responsible_states.set(clean["states"])
        activity.responsible_agencies.set(clean["agencies"])
        _event(work_plan, kind, user, detail=f"{activity.number}. {activity.title_en}")
    return activity


def activity_remove(*, user, activity: Activity) -> None:
    _require_secretariat(user)
    with transaction.atomic():
        work_plan = _locked(activity.work_plan)
        _check_draft(work_plan)
        Activity.objects.filter(pk=activity.pk).update(removed=True)
        _event(work_plan, WorkPlanEvent.Kind.ACTIVITY_REMOVED, user, detail=f"{activity.number}. {activity.title_en}")


def snapshot(work_plan: WorkPlan) -> list[dict]:
    """The activities as the member states are shown them (kept with each version)."""
    activities = (
        work_plan.activities.filter(removed=False)
        .prefetch_related("measures", "responsible_states", "responsible_agencies")
        .order_by("number")
    )
    return [
        {
            "id": a.pk,
            "number": a.number,
            **{f"title_{code}": getattr(a, f"title_{code}") for code in LANGUAGES},
            "description": a.description,
            "measures": sorted(m.code for m in a.measures.all()),
            "states": sorted(s.code for s in a.responsible_states.all()),
            "agencies": sorted(g.name for g in a.responsible_agencies.all()),
            "starts_on": a.starts_on.isoformat(),
            "ends_on": a.ends_on.isoformat(),
            "expected_results": a.expected_results,
        }
        for a in activities
    ]


def work_plan_send(*, user, work_plan: WorkPlan, note: str = "") -> WorkPlanVersion:
    """Send the draft to the member states for consideration, as a new version."""
    _require_secretariat(user)
    with transaction.atomic():
        work_plan = _locked(work_plan)
        _check_draft(work_plan)
        activities = snapshot(work_plan)
        if not activities:
            raise PlanError(_("Add at least one activity before sending the work plan."))
        if work_plan.version and not note.strip():
            raise PlanError(_("Say what changed in this revision."))
        number = work_plan.version + 1
        version = WorkPlanVersion.objects.create(
            work_plan=work_plan, number=number, snapshot=activities, note=note.strip(), sent_by=user
        )
        WorkPlan.objects.filter(pk=work_plan.pk).update(status=WorkPlan.Status.CONSULTATION, version=number)
        _event(work_plan, WorkPlanEvent.Kind.SENT, user, version=number, detail=note.strip())
    from .notifications import work_plan_sent

    transaction.on_commit(lambda: work_plan_sent(work_plan_id=work_plan.pk))
    return version


def current_version(work_plan: WorkPlan) -> WorkPlanVersion | None:
    return WorkPlanVersion.objects.filter(work_plan=work_plan, number=work_plan.version).first()


def position_record(
    *,
    user,
    work_plan: WorkPlan,
    state,
    position: str,
    comment: str = "",
    activity_comments: dict[int, str] | None = None,
) -> StatePosition:
    """A state's position on the version under consideration, recorded by its national coordinator.
    It may be recorded again while the version is under consideration; never after approval."""
    if not access.can_act_for_state(user, state.pk):
        raise PlanError(
            _("Only a national coordinator of %(state)s may record its position.") % {"state": state.name}, status=403
        )
    if position not in Position.values:
        raise PlanError(_("Choose approve, approve with comments, or object."))
    activity_comments = {int(k): (v or "").strip() for k, v in (activity_comments or {}).items() if (v or "").strip()}
    comment = (comment or "").strip()
    if position != Position.APPROVE and not comment and not activity_comments:
        raise PlanError(_("Say what your comments or objections are, in general or on an activity."))
    with transaction.atomic():
        work_plan = _locked(work_plan)
        if work_plan.status in (WorkPlan.Status.APPROVED, WorkPlan.Status.PUBLISHED):
            raise PlanError(
                _("The work plan has been approved: the states' positions can no longer change."), status=409
            )
        if work_plan.status != WorkPlan.Status.CONSULTATION:
            raise PlanError(_("The work plan is not under consideration by the member states."), status=409)
        version = current_version(work_plan)
        known = set(
            work_plan.activities.filter(removed=False, pk__in=list(activity_comments)).values_list("pk", flat=True)
        )
        if set(activity_comments) - known:
            raise PlanError(_("A comment refers to an activity that is not in this work plan."))
        record, _created = StatePosition.objects.update_or_create(
            version=version,
            state=state,
            defaults={"position": position, "comment": comment, "recorded_by": user, "recorded_at": timezone.now()},
        )
        record.comments.all().delete()
        ActivityComment.objects.bulk_create(
            [ActivityComment(position=record, activity_id=pk, text=text) for pk, text in activity_comments.items()]
        )
        _event(
            work_plan,
            WorkPlanEvent.Kind.POSITION,
            user,
            state=state,
            version=version.number,
            detail=str(Position(position).label),
        )
    return record


def work_plan_reopen(*, user, work_plan: WorkPlan) -> WorkPlan:
    """Take the work plan back from consideration to revise it; the version sent stays as it was."""
    _require_secretariat(user)
    with transaction.atomic():
        work_plan = _locked(work_plan)
        if work_plan.status != WorkPlan.Status.CONSULTATION:
            raise PlanError(_("Only a work plan under consideration can be reopened for revision."), status=409)
        WorkPlan.objects.filter(pk=work_plan.pk).update(status=WorkPlan.Status.DRAFT)
        _event(work_plan, WorkPlanEvent.Kind.REVISED, user, version=work_plan.version)
    work_plan.status = WorkPlan.Status.DRAFT
    return work_plan


def work_plan_approve(*, user, work_plan: WorkPlan) -> WorkPlan:
    """Record the member states' approval of the version under consideration. Nobody approves what
    they sent themselves, and an objection must be resolved by a revision first."""
    _require_secretariat(user)
    with transaction.atomic():
        work_plan = _locked(work_plan)
        if work_plan.status != WorkPlan.Status.CONSULTATION:
            raise PlanError(_("Only a work plan under consideration can be approved."), status=409)
        version = current_version(work_plan)
        if version.sent_by_id == user.pk:
            raise PlanError(
                _(
                    "You sent this version to the member states: another member of the secretariat records its approval."
                ),
                status=403,
            )
        positions = list(version.positions.all())
        if not positions:
            raise PlanError(_("No member state has recorded its position on this version yet."), status=409)
        objecting = [p for p in positions if p.position == Position.OBJECT]
        if objecting:
            raise PlanError(
                ngettext(
                    "%(count)s member state objects to this version; revise it first.",
                    "%(count)s member states object to this version; revise it first.",
                    len(objecting),
                )
                % {"count": len(objecting)},
                status=409,
            )
        now = timezone.now()
        WorkPlan.objects.filter(pk=work_plan.pk).update(
            status=WorkPlan.Status.APPROVED, approved_by=user, approved_at=now
        )
        _event(work_plan, WorkPlanEvent.Kind.APPROVED, user, version=version.number)
    work_plan.refresh_from_db()
    return work_plan


def work_plan_publish(*, user, work_plan: WorkPlan) -> WorkPlan:
    _require_secretariat(user)
    with transaction.atomic():
        work_plan = _locked(work_plan)
        if work_plan.status != WorkPlan.Status.APPROVED:
            raise PlanError(_("Only an approved work plan can be published."), status=409)
        WorkPlan.objects.filter(pk=work_plan.pk).update(status=WorkPlan.Status.PUBLISHED, published_at=timezone.now())
        _event(work_plan, WorkPlanEvent.Kind.PUBLISHED, user, version=work_plan.version)
    work_plan.refresh_from_db()
    return work_plan


def activity_status_set(*, user, activity: Activity, status: str) -> Activity:
    """Through the period, the secretariat and the coordinators of the responsible states keep each
    activity's status."""
    if status not in Activity.Status.values:
        raise PlanError(_("Choose one of the statuses listed."))
    with transaction.atomic():
        work_plan = _locked(activity.work_plan)
        responsible = set(activity.responsible_states.values_list("pk", flat=True))
        if not (access.is_secretariat(user) or any(access.can_act_for_state(user, s) for s in responsible)):
            raise PlanError(
                _("Only the secretariat or a responsible state's coordinator may change this status."), status=403
            )
        if work_plan.status != WorkPlan.Status.PUBLISHED or activity.removed:
            raise PlanError(_("Activity statuses are kept once the work plan is published."), status=409)
        Activity.objects.filter(pk=activity.pk).update(status=status)
        _event(
            work_plan,
            WorkPlanEvent.Kind.STATUS,
            user,
            detail=f"{activity.number}: {Activity.Status(status).label}",
        )
    activity.status = status
    return activity


# --- State reports -----------------------------------------------------------------------------------

REPORT_DUE_DAYS = 45  # a semester's report is due this many days after the semester ends


def _semester(period_key: str):
    from monitoring.api import Kind, Period

    try:
        period = Period.parse(period_key)
    except ValueError:
        raise PlanError(_("“%(period)s” is not a semester such as 2026-S1.") % {"period": period_key}) from None
    if period.kind != Kind.SEMESTER:
        raise PlanError(_("“%(period)s” is not a semester such as 2026-S1.") % {"period": period_key})
    return period


def prefilled_figures(*, state_id: int, period_key: str) -> dict:
    """What Capacitas already knows of a state's semester: monitoring's figures (the state's own,
    as its coordinator sees them), the crosscutting coverage of its curricula's modules, and the
    training activities its officials attended."""
    from activities.api import attendance_totals
    from curricula.api import module_coverage
    from monitoring.api import state_figures

    period = _semester(period_key)
    return {
        "indicators": state_figures(state_id, period),
        "modules": module_coverage().get(state_id, {}),
        "activities": attendance_totals(state_id=state_id, start=period.start.date(), end=period.end.date()),
    }


def _log_report(report, kind, user, detail="") -> None:
    ReportEvent.objects.create(report=report, kind=kind, actor=user, detail=detail[:500])


def report_start(*, user, state, period_key: str) -> StateReport:
    """The coordinator starts the state's report for a semester that has begun; it is pre-filled."""
    if not access.can_act_for_state(user, state.pk):
        raise PlanError(
            _("Only a national coordinator of %(state)s may report for it.") % {"state": state.name}, status=403
        )
    period = _semester(period_key)
    if period.start > timezone.now():
        raise PlanError(_("This semester has not begun yet."))
    with transaction.atomic():
        if StateReport.objects.select_for_update().filter(state=state, period=period.key).exists():
            raise PlanError(_("%(state)s already has a report for this semester.") % {"state": state.name}, status=409)
        report = StateReport.objects.create(
            state=state,
            period=period.key,
            created_by=user,
            figures=prefilled_figures(state_id=state.pk, period_key=period.key),
        )
        ReportEntry.objects.bulk_create([ReportEntry(report=report, measure=m) for m in Measure.objects.all()])
        _log_report(report, ReportEvent.Kind.STARTED, user)
    return report


EDITABLE = (StateReport.Status.DRAFT, StateReport.Status.CHANGES_REQUESTED)


def report_save(*, user, report: StateReport, entries: dict[int, dict[str, str]]) -> StateReport:
    """Narrative, obstacles and needs per measure, while the report is the state's to change."""
    if not access.can_act_for_state(user, report.state_id):
        raise PlanError(_("Only a national coordinator of the reporting state may change this report."), status=403)
    with transaction.atomic():
        report = StateReport.objects.select_for_update().get(pk=report.pk)
        if report.status not in EDITABLE:
            raise PlanError(_("This report has been submitted; it can no longer be changed."), status=409)
        known = {e.measure_id: e for e in report.entries.all()}
        unknown = set(entries) - set(known)
        if unknown:
            raise PlanError(_("The report has no entry for one of the measures given."))
        changed = []
        for measure_id, texts in entries.items():
            entry = known[measure_id]
            for name in ("narrative", "obstacles", "needs"):
                setattr(entry, name, (texts.get(name) or "").strip()[:10000])
            changed.append(entry)
        ReportEntry.objects.bulk_update(changed, ["narrative", "obstacles", "needs"])
        _log_report(report, ReportEvent.Kind.SAVED, user)
    return report


def report_submit(*, user, report: StateReport) -> StateReport:
    if not access.can_act_for_state(user, report.state_id):
        raise PlanError(_("Only a national coordinator of the reporting state may submit this report."), status=403)
    with transaction.atomic():
        report = StateReport.objects.select_for_update().get(pk=report.pk)
        if report.status not in EDITABLE:
            raise PlanError(_("This report has already been submitted."), status=409)
        if not report.entries.exclude(narrative="").exists():
            raise PlanError(_("Say what was done on at least one measure before submitting."))
        report.status, report.submitted_at = StateReport.Status.SUBMITTED, timezone.now()
        report.save(update_fields=["status", "submitted_at"])
        _log_report(report, ReportEvent.Kind.SUBMITTED, user)
    return report


def report_review(*, user, report: StateReport, accept: bool, comment: str = "") -> StateReport:
    """The secretariat accepts a submitted report or asks for changes (saying which)."""
    _require_secretariat(user)
    comment = (comment or "").strip()
    if not accept and not comment:
        raise PlanError(_("Say what should change."))
    with transaction.atomic():
        report = StateReport.objects.select_for_update().get(pk=report.pk)
        if report.status != StateReport.Status.SUBMITTED:
            raise PlanError(_("Only a submitted report can be reviewed."), status=409)
        if report.created_by_id == user.pk or access.can_act_for_state(user, report.state_id):
            raise PlanError(_("Nobody reviews a report they wrote."), status=403)
        report.status = StateReport.Status.ACCEPTED if accept else StateReport.Status.CHANGES_REQUESTED
        report.reviewed_by, report.reviewed_at, report.review_comment = user, timezone.now(), comment
        report.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_comment"])
        kind = ReportEvent.Kind.ACCEPTED if accept else ReportEvent.Kind.CHANGES_REQUESTED
        _log_report(report, kind, user, comment)
    from .notifications import report_reviewed

    transaction.on_commit(lambda: report_reviewed(report_id=report.pk))
    return report


# --- Targets ---------------------------------------------------------------------------------------


def target_set(*, user, indicator_id: int, state_id: int, start_year: int, baseline: float, target: float) -> Target:
    """The secretariat sets an indicator's baseline and target for a state and work-plan period."""
    _require_secretariat(user)
    indicator = PlanIndicator.objects.filter(pk=indicator_id).first()
    if indicator is None:
        raise PlanError(_("There is no such indicator."))
    from accounts.api import member_state_by_id

    if member_state_by_id(state_id) is None:
        raise PlanError(_("There is no such member state."))
    if not WorkPlan.objects.filter(start_year=start_year).exists():
        raise PlanError(_("No work plan covers the period starting in %(year)s.") % {"year": start_year})
    if baseline < 0 or target < 0:
        raise PlanError(_("Baselines and targets are counts: they cannot be negative."))
    with transaction.atomic():
        record, _created = Target.objects.update_or_create(
            indicator=indicator,
            state_id=state_id,
            start_year=start_year,
            defaults={"baseline": baseline, "target": target, "set_by": user, "set_at": timezone.now()},
        )
    return record


MAX_TARGET = 1_000_000_000


def targets_set(
    *, user, indicator_id: int, start_year: int, rows: dict[int, tuple[float | None, float | None]]
) -> tuple[int, int]:
    """The secretariat sets the baselines and targets of one indicator for many states at once:
    ``rows`` maps a state's id to (baseline, target); both empty removes that state's target, one
    of the two empty is refused. All or nothing; returns (set, removed)."""
    import math

    _require_secretariat(user)
    indicator = PlanIndicator.objects.filter(pk=indicator_id).first()
    if indicator is None:
        raise PlanError(_("There is no such indicator."))
    if not WorkPlan.objects.filter(start_year=start_year).exists():
        raise PlanError(_("No work plan covers the period starting in %(year)s.") % {"year": start_year})
    from accounts.api import member_states_with_ids

    states = {state.pk: state for state in member_states_with_ids(rows)}
    if len(states) != len(rows):
        raise PlanError(_("There is no such member state."))
    for state_id, (baseline, target) in rows.items():
        if (baseline is None) != (target is None):
            raise PlanError(
                _("%(state)s: give both the baseline and the target, or neither.") % {"state": states[state_id].name}
            )
        for value in (baseline, target):
            if value is not None and (not math.isfinite(value) or value < 0 or value > MAX_TARGET):
                raise PlanError(
                    _("%(state)s: baselines and targets are counts from 0 to %(max)s.")
                    % {"state": states[state_id].name, "max": f"{MAX_TARGET:,}"}
                )
    done = removed = 0
    now = timezone.now()
    with transaction.atomic():
        for state_id, (baseline, target) in rows.items():
            if baseline is None:
                removed += Target.objects.filter(
                    indicator=indicator, state_id=state_id, start_year=start_year
                ).delete()[0]
                continue
            Target.objects.update_or_create(
                indicator=indicator,
                state_id=state_id,
                start_year=start_year,
                defaults={"baseline": baseline, "target": target, "set_by": user, "set_at": now},
            )
            done += 1
    return done, removed


# --- The hemispheric follow-up report ----------------------------------------------------------------


def followup_request(*, user, period_key: str, language: str):
    """Ask for the follow-up report of a semester in one language; built by a worker after commit."""
    from django.conf import settings

    from .models import FollowUpReport

    _require_secretariat(user)
    period = _semester(period_key)
    if language not in dict(settings.LANGUAGES):
        raise PlanError(_("Choose one of the site's languages."))
    with transaction.atomic():
        report = FollowUpReport.objects.create(period=period.key, language=language, requested_by=user)
        from .tasks import followup_build

        transaction.on_commit(lambda: followup_build.delay(report.pk))
    return report
