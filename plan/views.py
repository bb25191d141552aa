"""Pages of the plan's follow-up: parse, check access, call a service, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.access import mfa_step_needed
from accounts.api import agencies, member_state_for_code, member_states, member_states_with_ids

from . import access, selectors, services
from . import similar as similar_module
from .errors import PlanError
from .forms import ActivityForm, PositionForm, TargetsForm, WorkPlanForm
from .models import Activity, Position, WorkPlan

privileged_action = access.privileged_action


def _refused(request, error: PlanError, *, back: str = ""):
    return render(request, "plan/refused.html", {"message": error.message, "back": back}, status=error.status)


def _forbidden(request):
    return render(request, "plan/forbidden.html", status=403)


# --- The plan -----------------------------------------------------------------------------------------


@require_GET
def index(request):
    """The plan's objectives and measures, and the work plans the reader may see."""
    context = {
        "objectives": selectors.objectives_with_measures(),
        "work_plans": selectors.visible_work_plans(request.user),
        "secretariat": access.is_secretariat(request.user),
    }
    return render(request, "plan/index.html", context)


# --- Work plans ---------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@privileged_action
def work_plan_create(request):
    if not access.can_edit_work_plans(request.user):
        return _forbidden(request)
    form = WorkPlanForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                work_plan = services.work_plan_create(
                    user=request.user,
                    start_year=data["start_year"],
                    titles={c: data[f"title_{c}"] for c in ("en", "es", "pt", "fr")},
                )
            except PlanError as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                return redirect("plan:work_plan", pk=work_plan.pk)
        else:
            status = 400
    return render(request, "plan/work_plan_form.html", {"form": form}, status=status)


def _work_plan_or_404(request, pk: int) -> WorkPlan:
    return access.access_work_plan(request.user, pk)


@require_GET
def work_plan(request, pk: int):
    item = _work_plan_or_404(request, pk)
    if not item.is_public:
        step = mfa_step_needed(request)
        if step is not None:
            return step
    secretariat = access.is_secretariat(request.user)
    own_states = access.coordinator_states(request.user)
    version = services.current_version(item)
    involved = secretariat or bool(own_states)
    positions = selectors.positions_of(version) if involved else []
    activities = selectors.activities_of(item)
    context = {
        "work_plan": item,
        "activities": activities,
        "version": version,
        "versions": selectors.versions_of(item) if involved else [],
        "positions": positions,
        "events": selectors.events_of(item) if involved else [],
        "secretariat": secretariat,
        "own_states": member_states_with_ids(own_states) if own_states else [],
        "statuses": Activity.Status.choices,
        "status_editable": {
            a.pk for a in activities if secretariat or any(s.pk in own_states for s in a.responsible_states.all())
        }
        if item.is_public and request.user.is_authenticated
        else set(),
    }
    return render(request, "plan/work_plan.html", context)


def _activity_form(data=None, *, initial=None):
    from .models import Measure

    measure_choices = [(m.pk, f"{m.code} {m.short_text}") for m in Measure.objects.all()]
    state_choices = [(s.pk, s.name) for s in member_states()]
    agency_choices = [(a.pk, f"{a.name} ({a.state.code})") for a in agencies()]
    return ActivityForm(
        data,
        initial=initial,
        measure_choices=measure_choices,
        state_choices=state_choices,
        agency_choices=agency_choices,
    )


def _activity_edit(request, item: WorkPlan, activity: Activity | None):
    initial = ActivityForm.initial_for(activity) if activity else None
    form = _activity_form(request.POST if request.method == "POST" else None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                saved = services.activity_save(
                    user=request.user, work_plan=item, data=form.cleaned_data, activity=activity
                )
            except PlanError as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                messages.success(request, _("Activity %(number)s is saved.") % {"number": saved.number})
                return redirect("plan:work_plan", pk=item.pk)
        else:
            status = 400
    query = request.POST.get("title_en") or request.GET.get("title") or (activity.title_en if activity else "")
    context = {
        "work_plan": item,
        "activity": activity,
        "form": form,
        "similar": similar_module.similar_items(
            query, user=request.user, exclude_activity=activity.pk if activity else None
        )
        if query
        else None,
        "query": query,
    }
    return render(request, "plan/activity_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
@privileged_action
def activity_create(request, pk: int):
    item = _work_plan_or_404(request, pk)
    if not access.can_edit_work_plans(request.user):
        return _forbidden(request)
    return _activity_edit(request, item, None)


def _activity_of(item: WorkPlan, activity_pk: int) -> Activity:
    activity = Activity.objects.filter(pk=activity_pk, work_plan=item, removed=False).first()
    if activity is None:
        raise Http404
    return activity


@require_http_methods(["GET", "POST"])
@privileged_action
def activity_edit(request, pk: int, activity_pk: int):
    item = _work_plan_or_404(request, pk)
    if not access.can_edit_work_plans(request.user):
        return _forbidden(request)
    return _activity_edit(request, item, _activity_of(item, activity_pk))


@require_POST
@privileged_action
def activity_remove(request, pk: int, activity_pk: int):
    item = _work_plan_or_404(request, pk)
    if not access.can_edit_work_plans(request.user):
        return _forbidden(request)
    try:
        services.activity_remove(user=request.user, activity=_activity_of(item, activity_pk))
    except PlanError as error:
        return _refused(request, error, back=item.pk)
    messages.success(request, _("The activity is removed from the draft."))
    return redirect("plan:work_plan", pk=item.pk)


@require_POST
@privileged_action
def activity_status(request, pk: int, activity_pk: int):
    item = _work_plan_or_404(request, pk)
    try:
        services.activity_status_set(
            user=request.user, activity=_activity_of(item, activity_pk), status=request.POST.get("status", "")
        )
    except PlanError as error:
        return _refused(request, error, back=item.pk)
    messages.success(request, _("The activity's status is saved."))
    return redirect("plan:work_plan", pk=item.pk)


def _transition(request, pk: int, step):
    item = _work_plan_or_404(request, pk)
    try:
        step(item)
    except PlanError as error:
        return _refused(request, error, back=item.pk)
    return redirect("plan:work_plan", pk=item.pk)


@require_POST
@privileged_action
def work_plan_send(request, pk: int):
    def step(item):
        services.work_plan_send(user=request.user, work_plan=item, note=request.POST.get("note", ""))
        messages.success(request, _("The work plan is sent to the member states for consideration."))

    return _transition(request, pk, step)


@require_POST
@privileged_action
def work_plan_reopen(request, pk: int):
    def step(item):
        services.work_plan_reopen(user=request.user, work_plan=item)
        messages.success(request, _("The work plan is open for revision; send it again when it is ready."))

    return _transition(request, pk, step)


@require_POST
@privileged_action
def work_plan_approve(request, pk: int):
    def step(item):
        services.work_plan_approve(user=request.user, work_plan=item)
        messages.success(request, _("The approval of the work plan is recorded."))

    return _transition(request, pk, step)


@require_POST
@privileged_action
def work_plan_publish(request, pk: int):
    def step(item):
        services.work_plan_publish(user=request.user, work_plan=item)
        messages.success(request, _("The work plan is published."))

    return _transition(request, pk, step)


@require_http_methods(["GET", "POST"])
@privileged_action
def position(request, pk: int, code: str):
    """A state's position on the version under consideration, with comments per activity."""
    item = _work_plan_or_404(request, pk)
    state = member_state_for_code(code)
    if state is None:
        raise Http404
    if not access.can_act_for_state(request.user, state.pk):
        return _forbidden(request)
    version = services.current_version(item)
    activities = selectors.activities_of(item)
    existing = next((p for p in selectors.positions_of(version) if p.state_id == state.pk), None)
    initial = {"position": existing.position, "comment": existing.comment} if existing else None
    form = PositionForm(request.POST or None, initial=initial)
    comments = {c.activity_id: c.text for c in existing.comments.all()} if existing else {}
    status = 200
    if request.method == "POST":
        comments = {
            a.pk: request.POST.get(f"activity-{a.pk}", "")[:5000]
            for a in activities
            if request.POST.get(f"activity-{a.pk}")
        }
        if form.is_valid():
            try:
                services.position_record(
                    user=request.user,
                    work_plan=item,
                    state=state,
                    position=form.cleaned_data["position"],
                    comment=form.cleaned_data["comment"],
                    activity_comments=comments,
                )
            except PlanError as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                messages.success(request, _("The position of %(state)s is recorded.") % {"state": state.name})
                return redirect("plan:work_plan", pk=item.pk)
        else:
            status = 400
    context = {
        "work_plan": item,
        "state": state,
        "version": version,
        "form": form,
        "rows": [(a, comments.get(a.pk, "")) for a in activities],
        "positions": Position.choices,
    }
    return render(request, "plan/position_form.html", context, status=status)


@require_GET
@privileged_action
def version(request, pk: int, number: int):
    item = _work_plan_or_404(request, pk)
    if not (access.is_secretariat(request.user) or access.coordinator_states(request.user)):
        return _forbidden(request)
    versions = {v.number: v for v in selectors.versions_of(item)}
    if number not in versions:
        raise Http404
    current = versions[number]
    previous = versions.get(number - 1)
    changes = selectors.versions_diff(previous.snapshot if previous else [], current.snapshot)
    context = {"work_plan": item, "version": current, "previous": previous, "changes": changes}
    return render(request, "plan/version.html", context)


# --- State reports ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@privileged_action
def reports(request):
    from monitoring.api import Kind, period_choices

    secretariat = access.is_secretariat(request.user)
    own = member_states_with_ids(access.coordinator_states(request.user))
    if not secretariat and not own:
        return _forbidden(request)
    error, status = "", 200
    if request.method == "POST":
        state = next((s for s in own if s.code == request.POST.get("state")), None)
        if state is None:
            return _forbidden(request)
        try:
            report = services.report_start(user=request.user, state=state, period_key=request.POST.get("period", ""))
        except PlanError as refused:
            error, status = refused.message, refused.status
        else:
            return redirect("plan:report", pk=report.pk)
    context = {
        "reports": selectors.reports_for(request.user),
        "late": selectors.late_reports() if secretariat else [],
        "secretariat": secretariat,
        "own_states": own,
        "semesters": period_choices(Kind.SEMESTER, count=4),
        "error": error,
    }
    return render(request, "plan/reports.html", context, status=status)


@require_http_methods(["GET", "POST"])
@privileged_action
def report(request, pk: int):
    try:
        item = access.access_state_report(request.user, pk)
    except PermissionDenied:
        return _forbidden(request)
    may_edit = access.can_act_for_state(request.user, item.state_id) and item.status in services.EDITABLE
    may_review = access.is_secretariat(request.user) and item.status == item.Status.SUBMITTED
    entries = list(item.entries.select_related("measure"))
    error, status = "", 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action in ("save", "submit"):
                services.report_save(
                    user=request.user,
                    report=item,
                    entries={
                        e.measure_id: {
                            name: request.POST.get(f"{name}-{e.measure_id}", "")
                            for name in ("narrative", "obstacles", "needs")
                        }
                        for e in entries
                    },
                )
                if action == "submit":
                    services.report_submit(user=request.user, report=item)
                    messages.success(request, _("The report is submitted to the secretariat."))
                else:
                    messages.success(request, _("The report is saved."))
            elif action in ("accept", "changes"):
                services.report_review(
                    user=request.user, report=item, accept=action == "accept", comment=request.POST.get("comment", "")
                )
                messages.success(request, _("The review is recorded."))
            else:
                raise PlanError(_("Choose what to do with the report."))
        except PlanError as refused:
            error, status = refused.message, refused.status
        else:
            return redirect("plan:report", pk=item.pk)
    from .report_figures import figure_tables

    context = {
        "report": item,
        "entries": entries,
        "tables": figure_tables(item.figures),
        "may_edit": may_edit,
        "may_review": may_review,
        "events": list(item.events.select_related("actor")),
        "error": error,
    }
    return render(request, "plan/report.html", context, status=status)


# --- Progress against the plan and the follow-up report ----------------------------------------


def _start_year(request) -> int:
    """The work plan's first year from ?year=, else the latest published (or any) work plan's."""
    raw = request.GET.get("year", "")
    if raw:
        if not (raw.isdigit() and len(raw) == 4):
            raise PlanError(_("“%(year)s” is not a year.") % {"year": raw[:20]})
        return int(raw)
    latest = WorkPlan.objects.filter(status=WorkPlan.Status.PUBLISHED).first() or WorkPlan.objects.first()
    from django.utils import timezone

    return latest.start_year if latest else timezone.now().year


@require_http_methods(["GET", "POST"])
@privileged_action
def targets(request):
    """The secretariat sets one indicator's baselines and targets for every state and a period."""
    if not access.is_secretariat(request.user):
        return _forbidden(request)
    try:
        start_year = _start_year(request)
    except PlanError as error:
        return _refused(request, error)
    indicators = selectors.indicators()
    if not indicators:
        return _refused(request, PlanError(_("No indicator has been set for the measures yet."), status=404))
    code = request.GET.get("indicator", "")
    indicator = next((i for i in indicators if i.code == code), None) if code else indicators[0]
    if indicator is None:
        raise Http404
    states = list(member_states())
    kept = selectors.targets_of(indicator=indicator, start_year=start_year)
    initial = {}
    for target in kept:
        initial[f"baseline_{target.state_id}"] = target.baseline
        initial[f"target_{target.state_id}"] = target.target
    form = TargetsForm(request.POST or None, states=states, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                done, removed = services.targets_set(
                    user=request.user, indicator_id=indicator.pk, start_year=start_year, rows=form.rows()
                )
            except PlanError as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                messages.success(
                    request,
                    _("Saved: %(done)s states with a target, %(removed)s removed.")
                    % {"done": done, "removed": removed},
                )
                return redirect(f"{request.path}?year={start_year}&indicator={indicator.code}")
        else:
            status = 400
    context = {
        "form": form,
        "indicator": indicator,
        "indicators": indicators,
        "start_year": start_year,
        "work_plans": selectors.visible_work_plans(request.user),
    }
    return render(request, "plan/targets.html", context, status=status)


@require_GET
def progress(request):
    """Progress per indicator: the hemisphere for everyone (protected); every state for the
    secretariat (protected); a coordinator's own state as it is."""
    from monitoring.api import bars

    from .progress import coverage_table
    from .progress import progress as progress_of

    secretariat = access.is_secretariat(request.user)
    own = sorted(access.coordinator_states(request.user))
    if (secretariat or own) and (step := mfa_step_needed(request)) is not None:
        return step
    try:
        start_year = _start_year(request)
    except PlanError as error:
        return _refused(request, error)
    items = progress_of(start_year)
    if not secretariat:
        hemisphere = {item.indicator.pk: item.table.rows[-1] for item in items}
        if own:
            items = progress_of(start_year, state_ids=own, owner=True)
            for item in items:
                item.table.rows.append(hemisphere[item.indicator.pk])
                item.table.series_row = len(item.table.rows) - 1
        else:
            for item in items:
                item.table.rows = [hemisphere[item.indicator.pk]]
                item.table.series_row = 0
    coverage = coverage_table(state_ids=None if secretariat else own)
    if not secretariat and not own:
        coverage.rows = coverage.rows[-1:]
        coverage.series_row = 0 if coverage.rows else None
    context = {
        "items": [{"item": item, "table": item.table, "chart": bars(item.table)} for item in items],
        "coverage": coverage,
        "start_year": start_year,
        "work_plans": selectors.visible_work_plans(request.user),
        "secretariat": secretariat,
    }
    return render(request, "plan/progress.html", context)


@require_http_methods(["GET", "POST"])
@privileged_action
def followup(request):
    from django.conf import settings

    from monitoring.api import Kind, period_choices

    from .models import FollowUpReport

    if not access.is_secretariat(request.user):
        return _forbidden(request)
    error, status = "", 200
    if request.method == "POST":
        try:
            services.followup_request(
                user=request.user, period_key=request.POST.get("period", ""), language=request.POST.get("language", "")
            )
        except PlanError as refused:
            error, status = refused.message, refused.status
        else:
            messages.success(request, _("The report is being built; reload this page in a minute."))
            return redirect("plan:followup")
    context = {
        "reports": list(FollowUpReport.objects.all()[:50]),
        "semesters": period_choices(Kind.SEMESTER, count=6),
        "languages": settings.LANGUAGES,
        "error": error,
    }
    return render(request, "plan/followup.html", context, status=status)


@require_GET
@privileged_action
def followup_download(request, pk: int, kind: str):
    from lms.files import private_file_response

    from .models import FollowUpReport

    if not access.is_secretariat(request.user):
        return _forbidden(request)
    item = FollowUpReport.objects.filter(pk=pk).first()
    if item is None or item.status != FollowUpReport.Status.DONE:
        raise Http404
    file = item.pdf if kind == "pdf" else item.xlsx
    content_type = (
        "application/pdf" if kind == "pdf" else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    return private_file_response(
        file, filename=file.name.rsplit("/", 1)[-1], content_type=content_type, as_attachment=True
    )


@require_GET
def similar(request):
    """Before writing a curriculum, a course or an activity: what similar work exists already, in
    every state the reader may see (search applies their access)."""
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    query = (request.GET.get("q") or "").strip()[:300]
    items = similar_module.similar_items(query, user=request.user) if query else None
    return render(request, "plan/similar.html", {"query": query, "similar": items})
