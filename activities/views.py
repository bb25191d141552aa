"""Pages of training activities: parse, check access, call a service, render."""

from __future__ import annotations

import datetime
import zoneinfo

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import access as accounts_access
from accounts.api import active_user_by_id
from curricula.api import Scope
from lms.refusals import refusal
from lms.untrusted import parse_id

from . import access, documents, forms, selectors, services
from .models import CalendarFeed, NominationStatus


def _refused(request, message: str, *, status: int = 403, back: str = ""):
    return refusal(
        request,
        message,
        status=status,
        heading=_("Not possible"),
        back=back or reverse("activities:list"),
        back_label=_("Back to the activities"),
    )


def _failed(request, error: ValidationError, back: str):
    status = 409 if getattr(error, "code", None) == services.CONFLICT else 400
    return _refused(request, " ".join(error.messages), status=status, back=back)


@require_GET
def activity_list(request):
    scope = request.GET.get("scope", "")
    if scope not in Scope.values:
        scope = ""
    past = request.GET.get("when") == "past"
    context = {
        "activities": selectors.activity_list(request.user, scope=scope, past=past),
        "scope": scope,
        "scopes": Scope.choices,
        "past": past,
        "can_create": access.may_create_any(request.user),
    }
    return render(request, "activities/activity_list.html", context)


@require_GET
def activity_detail(request, pk: int):
    activity = access.access_activity(request.user, pk)
    detail = selectors.activity_detail(request.user, activity)
    context = {"detail": detail, "activity": activity, "session_form": forms.SessionForm(), "now": timezone.now()}
    return render(request, "activities/activity_detail.html", context)


@login_required
@accounts_access.privileged_action
@require_http_methods(["GET", "POST"])
def activity_create(request):
    if not access.may_create_any(request.user):
        return _refused(
            request, _("Only national coordinators, agency managers and the secretariat organise activities.")
        )
    viewer = accounts_access.viewer_for(request.user)
    form = forms.ActivityForm(request.POST or None, viewer=viewer)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                activity = services.activity_create(creator=request.user, **form.cleaned_data)
            except PermissionDenied as error:
                return _refused(request, str(error))
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for name, problems in error.message_dict.items():
                        form.add_error(name if name in form.fields else None, problems)
                else:
                    form.add_error(None, error.messages)
            else:
                messages.success(
                    request, _("The activity is published; managers and coordinators can nominate officials.")
                )
                return redirect("activities:detail", pk=activity.pk)
        status = 400
    return render(request, "activities/activity_form.html", {"form": form}, status=status)


def _organiser_post(request, pk, action):
    activity = access.access_activity(request.user, pk)
    back = reverse("activities:detail", args=[activity.pk])
    try:
        message = action(activity)
    except PermissionDenied as error:
        return _refused(request, str(error), back=back)
    except ValidationError as error:
        return _failed(request, error, back)
    messages.success(request, message)
    return redirect(back)


@login_required
@accounts_access.privileged_action
@require_POST
def session_add(request, pk: int):
    activity = access.access_activity(request.user, pk)
    back = reverse("activities:detail", args=[activity.pk])
    if not access.can_organise(request.user, activity):
        return _refused(request, _("Only the organiser may add sessions."), back=back)
    form = forms.SessionForm(request.POST)
    if not form.is_valid():
        return _refused(request, _("Give the session a title, a start and an end."), status=400, back=back)
    zone = activity.time_zone

    def add(activity):
        services.session_add(
            actor=request.user,
            activity=activity,
            title=form.cleaned_data["title"],
            starts_at=forms.in_zone(form.cleaned_data["starts_at"], zone),
            ends_at=forms.in_zone(form.cleaned_data["ends_at"], zone),
        )
        return _("The session is added.")

    return _organiser_post(request, pk, add)


@login_required
@accounts_access.privileged_action
@require_POST
def activity_cancel(request, pk: int):
    def cancel(activity):
        services.activity_cancel(actor=request.user, activity=activity)
        return _("The activity is cancelled; the participants have been told.")

    return _organiser_post(request, pk, cancel)


@login_required
@accounts_access.privileged_action
@require_POST
def nominations_close(request, pk: int):
    def close(activity):
        services.activity_close_nominations(actor=request.user, activity=activity)
        return _("Nominations are closed.")

    return _organiser_post(request, pk, close)


@login_required
@accounts_access.privileged_action
@require_POST
def nominate(request, pk: int):
    activity = access.access_activity(request.user, pk)
    back = reverse("activities:detail", args=[activity.pk])
    official_id = parse_id(request.POST.get("official"))
    official = active_user_by_id(official_id) if official_id else None
    if official is None:
        return _refused(request, _("Choose an official to nominate."), status=400, back=back)

    def put_forward(activity):
        services.nominate(
            nominator=request.user, activity=activity, official=official, note=request.POST.get("note", "")
        )
        return _("The nomination is sent to the organiser.")

    return _organiser_post(request, pk, put_forward)


@login_required
@accounts_access.privileged_action
@require_POST
def nomination_decide(request, pk: int):
    nomination = access.access_nomination(request.user, pk)
    back = reverse("activities:detail", args=[nomination.activity_id])
    decision = request.POST.get("decision")
    if decision not in ("accept", "decline"):
        return _refused(request, _("Choose to accept or to decline."), status=400, back=back)
    try:
        nomination = services.nomination_decide(actor=request.user, nomination=nomination, accept=decision == "accept")
    except PermissionDenied as error:
        return _refused(request, str(error), back=back)
    except ValidationError as error:
        return _failed(request, error, back)
    if nomination.status == NominationStatus.ACCEPTED:
        messages.success(request, _("The nomination is accepted."))
    elif nomination.status == NominationStatus.WAITLISTED:
        messages.warning(request, _("The activity is full: the official is on the waiting list."))
    else:
        messages.success(request, _("The nomination is declined."))
    return redirect(back)


@login_required
@accounts_access.privileged_action
@require_POST
def nomination_withdraw(request, pk: int):
    nomination = access.access_nomination(request.user, pk)
    back = reverse("activities:detail", args=[nomination.activity_id])
    try:
        services.nomination_withdraw(actor=request.user, nomination=nomination)
    except PermissionDenied as error:
        return _refused(request, str(error), back=back)
    except ValidationError as error:
        return _failed(request, error, back)
    messages.success(request, _("The nomination is withdrawn."))
    return redirect(back)


@login_required
@accounts_access.privileged_action
@require_http_methods(["GET", "POST"])
def attendance(request, pk: int, session: int):
    activity = access.access_activity(request.user, pk)
    back = reverse("activities:detail", args=[activity.pk])
    if not access.can_organise(request.user, activity):
        return _refused(request, _("Only the organiser records attendance."), back=back)
    session = access.access_session(request.user, activity, session)
    if request.method == "POST":
        present = [parse_id(value) for value in request.POST.getlist("present")]
        if None in present:
            return _refused(request, _("The attendance list is not valid."), status=400, back=back)
        try:
            count = services.attendance_record(actor=request.user, session=session, present_ids=present)
        except ValidationError as error:
            return _failed(request, error, back)
        messages.success(request, _("Attendance is recorded: %(count)s present.") % {"count": count})
        return redirect(back)
    sheet = selectors.attendance_sheet(activity, session)
    return render(request, "activities/attendance.html", {"activity": activity, "session": session, "sheet": sheet})


@login_required
@accounts_access.privileged_action
@require_POST
def certificates_issue(request, pk: int):
    def issue(activity):
        codes = services.certificates_issue(actor=request.user, activity=activity)
        return _("Certificates of attendance: %(count)s issued or already there.") % {"count": len(codes)}

    return _organiser_post(request, pk, issue)


@login_required
@require_http_methods(["GET", "POST"])
def evaluation(request, pk: int):
    activity = access.access_activity(request.user, pk)
    back = reverse("activities:detail", args=[activity.pk])
    detail = selectors.activity_detail(request.user, activity)
    nomination = detail.mine
    if nomination is None or not access.can_evaluate(request.user, nomination):
        return _refused(request, _("Only accepted participants evaluate an activity."), back=back)
    form = forms.EvaluationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.evaluation_submit(user=request.user, nomination=nomination, **form.cleaned_data)
            except ValidationError as error:
                return _failed(request, error, back)
            messages.success(request, _("Thank you: your evaluation is recorded."))
            return redirect(back)
        status = 400
    return render(request, "activities/evaluation.html", {"activity": activity, "form": form}, status=status)


# --- Calendar --------------------------------------------------------------------------------------


def _month(value: str) -> tuple[int, int] | None:
    try:
        moment = datetime.datetime.strptime(value, "%Y-%m")
    except (TypeError, ValueError):
        return None
    return (moment.year, moment.month) if 2000 <= moment.year <= 2100 else None


@require_GET
def calendar_view(request):
    today = timezone.localdate()
    month = _month(request.GET.get("month", "")) if request.GET.get("month") else (today.year, today.month)
    if month is None:
        return _refused(request, _("Give the month as YYYY-MM."), status=400)
    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    context = {"month": selectors.calendar_month(request.user, year=month[0], month=month[1], tz=tz)}
    context["first_day"] = datetime.date(month[0], month[1], 1)
    if request.user.is_authenticated:
        context["feed_url"] = reverse("activities:feed_settings")
    return render(request, "activities/calendar.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def feed_settings(request):
    if request.method == "POST":
        feed = services.calendar_feed_rotate(user=request.user)
        messages.success(request, _("Your calendar address is new; the old one no longer works."))
        return redirect("activities:feed_settings")
    feed = services.calendar_feed_for(user=request.user)
    url = request.build_absolute_uri(reverse("activities:feed", args=[feed.token]))
    return render(request, "activities/feed.html", {"url": url})


@require_GET
def feed(request, token: str):
    """The reader's calendar, reached by its secret address: what its owner may see, nothing more."""
    found = CalendarFeed.objects.select_related("user").filter(token=token[:64]).first() if token else None
    if found is None or not found.user.is_active:
        raise Http404
    reader = found.user
    language = translation.get_language() or settings.LANGUAGE_CODE
    body = documents.calendar_file(
        selectors.feed_activities(reader), base_url=settings.SITE_BASE_URL.rstrip("/"), language=language
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
