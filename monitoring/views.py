"""Monitoring pages: parse, check access (accounts.access through monitoring.access), read, render."""

from __future__ import annotations

import dataclasses

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.access import privileged_action
from accounts.api import MemberState, member_state_for_code, member_states, member_states_with_ids
from lms.files import private_file_response
from lms.refusals import refusal
from practices.api import adoption_counts

from . import access, exports, selectors
from . import indicators as ind
from .models import Report
from .periods import KINDS, Kind, Period, kind_label, period_choices
from .services import report_request
from .views_support import charts_for


def _forbidden(request):
    return refusal(
        request,
        _(
            "Monitoring is for the national coordinator of each member state, who sees that state's figures, and "
            "for the secretariat, which sees every state and the hemisphere."
        ),
        heading=_("Not available to you"),
        login=True,
    )


def _bad_request(request, message: str):
    return refusal(
        request,
        message,
        status=400,
        heading=_("Check the address"),
        back=reverse("monitoring:index"),
        back_label=_("Back to monitoring"),
    )


def _parse(request, *, dimension_default: str | None = None):
    """(period, indicator key, dimension) from the query string; ValueError with a message if bad."""
    kind = request.GET.get("kind") or Kind.SEMESTER
    if kind not in KINDS:
        raise ValueError(_("Choose semesters, years or quarters."))
    key = request.GET.get("period")
    try:
        period = Period.parse(key) if key else Period.current(kind)
    except ValueError:
        raise ValueError(_("“%(period)s” is not a period such as 2026-S1, 2026-Q3 or 2026.") % {"period": key})
    indicator_key = request.GET.get("indicator") or ind.DEFAULT
    if indicator_key not in ind.BY_KEY:
        raise ValueError(_("There is no indicator “%(key)s”.") % {"key": indicator_key})
    dimension = request.GET.get("by") or dimension_default
    if dimension and dimension not in ind.ALL_DIMENSIONS:
        raise ValueError(_("There is no breakdown “%(key)s”.") % {"key": dimension})
    return period, indicator_key, dimension


def _export(request, dashboard, name: str):
    fmt = request.GET.get("format")
    stem = f"capacitas-{name}-{dashboard.period.key}"
    if fmt == "csv":
        response = HttpResponse(exports.to_csv(dashboard), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{stem}.csv"'
        return response
    if fmt == "xlsx":
        response = HttpResponse(
            exports.to_xlsx(dashboard),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{stem}.xlsx"'
        return response
    return None


def _controls(request, period: Period, indicator_key: str, dimension: str | None, *, dimensions=()) -> dict:
    query = request.GET.copy()
    query.pop("format", None)
    export = {}
    for fmt in ("csv", "xlsx"):
        q = query.copy()
        q["period"], q["format"] = period.key, fmt
        export[fmt] = f"?{q.urlencode()}"
    return {
        "period": period,
        "kind": period.kind,
        "kinds": [(k, kind_label(k)) for k in KINDS],
        "period_groups": [(kind_label(k), period_choices(k, count=8 if k != Kind.YEAR else 5)) for k in KINDS],
        "indicator_key": indicator_key,
        "indicators": ind.INDICATORS,
        "dimension": dimension,
        "dimensions": [(d, ind.DIMENSION_LABELS[d]) for d in dimensions],
        "export": export,
    }


@require_GET
@privileged_action
def index(request):
    if access.can_see_hemisphere(request.user):
        return redirect("monitoring:hemisphere")
    states = access.monitored_states(request.user)
    if len(states) == 1:
        return redirect("monitoring:state", code=member_states_with_ids(states)[0].code)
    if not states:
        return _forbidden(request)
    return render(request, "monitoring/index.html", {"states": member_states_with_ids(states)})


@require_GET
@privileged_action
def hemisphere(request):
    if not access.can_see_hemisphere(request.user):
        return _forbidden(request)
    try:
        period, indicator_key, dimension = _parse(request)
    except ValueError as error:
        return _bad_request(request, str(error))
    dashboard = selectors.hemisphere_dashboard(period, indicator_key=indicator_key, dimension=dimension)
    exported = _export(request, dashboard, "hemisphere")
    if exported:
        return exported
    context = {
        "dashboard": dashboard,
        "items": charts_for(dashboard),
        "hemisphere": True,
        **_controls(request, period, indicator_key, dashboard.dimension, dimensions=dashboard.indicator.dimensions),
    }
    return render(request, "monitoring/dashboard.html", context)


@require_GET
@privileged_action
def state(request, code: str):
    member_state = member_state_for_code(code)
    if member_state is None:
        raise Http404(_("There is no member state with that code."))
    if not access.can_see_state(request.user, member_state.pk):
        return _forbidden(request)
    try:
        period, indicator_key, _dimension = _parse(request)
    except ValueError as error:
        return _bad_request(request, str(error))
    owner = access.is_owner(request.user, member_state.pk)
    dashboard = selectors.state_dashboard(member_state, period, owner=owner, indicator_key=indicator_key)
    dashboard = dataclasses.replace(
        dashboard, tables=dashboard.tables + selectors.attendance_tables(member_state, period, owner=owner)
    )
    exported = _export(request, dashboard, member_state.code.lower())
    if exported:
        return exported
    context = {
        "dashboard": dashboard,
        "items": charts_for(dashboard),
        "state": member_state,
        "owner": owner,
        "hemisphere": False,
        "secretariat": access.can_see_hemisphere(request.user),
        # Good practices: counts of agencies, not of people, so nothing to suppress.
        "practices": adoption_counts(state_ids=[member_state.pk])[member_state.pk],
        **_controls(request, period, indicator_key, None),
    }
    return render(request, "monitoring/dashboard.html", context)


def _report_states(user) -> list[MemberState]:
    if access.can_see_hemisphere(user):
        return list(member_states())
    return member_states_with_ids(access.monitored_states(user))


@require_http_methods(["GET", "POST"])
@privileged_action
def reports(request):
    hemisphere_ok = access.can_see_hemisphere(request.user)
    states = _report_states(request.user)
    if not hemisphere_ok and not states:
        return _forbidden(request)
    error = ""
    if request.method == "POST":
        period_key = request.POST.get("period", "")
        code = request.POST.get("state", "")
        chosen = None
        if code:
            chosen = next((s for s in states if s.code == code), None)
            if chosen is None:
                return _forbidden(request)
        elif not hemisphere_ok:
            return _forbidden(request)
        try:
            period = Period.parse(period_key)
            if period.kind != Kind.SEMESTER:
                raise ValueError
        except ValueError:
            error = _("Choose a semester such as 2026-S1.")
        else:
            owner = chosen is not None and access.is_owner(request.user, chosen.pk)
            report = report_request(
                user=request.user,
                period_key=period.key,
                state=chosen,
                language=(get_language() or "en")[:2],
                protected=not owner,
            )
            return redirect("monitoring:report", pk=report.pk)
    context = {
        "reports": selectors.reports_for(request.user, states=None if hemisphere_ok else states),
        "states": states,
        "hemisphere_ok": hemisphere_ok,
        "semesters": period_choices(Kind.SEMESTER, count=8),
        "error": error,
    }
    return render(request, "monitoring/reports.html", context, status=400 if error else 200)


@require_GET
@privileged_action
def report(request, pk: int):
    try:
        item = access.access_report(request.user, pk)
    except PermissionDenied:
        return _forbidden(request)
    running = item.status in (Report.Status.PENDING, Report.Status.RUNNING)
    return render(request, "monitoring/report.html", {"report": item, "running": running})


@require_GET
@privileged_action
def report_download(request, pk: int):
    try:
        item = access.access_report(request.user, pk)
    except PermissionDenied:
        return _forbidden(request)
    if item.status != Report.Status.DONE or not item.file:
        return HttpResponseBadRequest(_("This report is not ready yet."))
    return private_file_response(
        item.file, filename=item.file.name.rsplit("/", 1)[-1], content_type="application/pdf", as_attachment=True
    )


@require_http_methods(["POST"])
@privileged_action
def refresh(request):
    """The secretariat asks for the figures to be recomputed now rather than at the next scheduled run."""
    if not access.can_see_hemisphere(request.user):
        return _forbidden(request)
    from django.contrib import messages

    from .tasks import facts_refresh

    facts_refresh.delay()
    messages.success(request, _("The figures are being recomputed; reload the page in a minute."))
    return redirect("monitoring:hemisphere")
