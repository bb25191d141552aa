"""Proposals and agreements: proposing, the agreement's page, its steps, schedule, thread and files."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts import access as accounts_access
from accounts.api import Gender

from .. import access, forms, services
from ..documents import agreement_calendar, agreement_pdf
from ..models import (
    ParticipantRole,
    Stage,
)
from ..services import STEPS, TransitionConflict
from .common import error_text, publishable_agencies, refused

# --- Proposals and agreements ------------------------------------------------------------------


@login_required
@access.officials_only
def propose(request):
    """A proposal: an instructor (or an offer's instructor) for a request, or an offer to the proposer's agency."""
    params = request.POST if request.method == "POST" else request.GET
    exchange_request, offer, instructor = access.proposal_parts(
        request.user,
        request_id=params.get("request"),
        offer_id=params.get("offer"),
        instructor_id=params.get("instructor"),
    )
    if instructor is None or (exchange_request is None and offer is None):
        return refused(request, _("Choose a request and an instructor or an offer."), status=400)
    host_agencies = publishable_agencies(request.user) if exchange_request is None else None
    form = forms.ProposeForm(
        request.POST or None,
        initial={
            "cost_sharing": offer.cost_sharing if offer else "to_agree",
            "cost_terms": offer.cost_terms if offer else "",
        },
    )
    agency_form = (
        forms.AgencyChoiceForm(request.POST or None, agencies=host_agencies, prefix="a")
        if host_agencies is not None
        else None
    )
    status = 200
    if request.method == "POST":
        if form.is_valid() and (agency_form is None or agency_form.is_valid()):
            try:
                agreement = services.agreement_propose(
                    actor=request.user,
                    instructor=instructor,
                    request=exchange_request,
                    offer=offer,
                    host_agency=agency_form.cleaned_data["agency"] if agency_form else None,
                    terms=form.cleaned_data["terms"],
                    cost_sharing=form.cleaned_data["cost_sharing"],
                    cost_terms=form.cleaned_data["cost_terms"],
                )
            except ValidationError as error:
                form.add_error(None, error_text(error))
            except PermissionDenied as error:
                return refused(request, str(error), status=403)
            else:
                messages.success(request, _("Your proposal has been sent to the home agency for approval."))
                return redirect(agreement)
        status = 400
    return render(
        request,
        "instructors/propose.html",
        {
            "form": form,
            "agency_form": agency_form,
            "exchange_request": exchange_request,
            "offer": offer,
            "instructor": instructor,
        },
        status=status,
    )


def agreement_page(request, agreement, *, status=200, **forms_in_use):
    actions = services.allowed_actions(agreement=agreement, actor=request.user)
    parties = access.agreement_parties(request.user, agreement)
    host_report = getattr(agreement, "host_report", None) if hasattr(agreement, "host_report") else None
    instructor_report = (
        getattr(agreement, "instructor_report", None) if hasattr(agreement, "instructor_report") else None
    )
    counts = {(row.gender, row.role): row.count for row in agreement.participant_counts.all()}
    participants = [
        (
            role_label,
            [counts.get((gender, role), 0) for gender in Gender.values],
            sum(counts.get((g, role), 0) for g in Gender.values),
        )
        for role, role_label in ParticipantRole.choices
    ]
    can_host_report = (
        agreement.stage == Stage.DELIVERED and host_report is None and bool(parties & services.HOST_REPORT_PARTIES)
    )
    can_instructor_report = (
        agreement.stage == Stage.DELIVERED and instructor_report is None and access.INSTRUCTOR in parties
    )
    context = {
        "agreement": agreement,
        "events": agreement.events.select_related("actor").all(),
        "thread": agreement.messages.select_related("author").all(),
        "topics": agreement.topics.all(),
        "actions": [(a, STEPS[a].label if a in STEPS else None) for a in actions if a not in ("decline", "schedule")],
        "can_decline": "decline" in actions,
        "can_schedule": "schedule" in actions,
        "reason_required": {a for a in actions if a in STEPS and STEPS[a].reason_required},
        "can_write": access.can_write_message(request.user, agreement),
        "host_report": host_report,
        "instructor_report": instructor_report,
        "participants": participants,
        "genders": Gender.choices,
        "can_host_report": can_host_report,
        "can_instructor_report": can_instructor_report,
        "message_form": forms_in_use.get("message_form") or forms.MessageForm(),
        "schedule_form": forms_in_use.get("schedule_form")
        or forms.ScheduleForm(
            initial={
                "start_date": agreement.planned_start,
                "end_date": agreement.planned_end,
                "daily_start": "09:00",
                "daily_end": "17:00",
            }
        ),
        "host_report_form": forms_in_use.get("host_report_form") or forms.HostReportForm(),
        "instructor_report_form": forms_in_use.get("instructor_report_form") or forms.InstructorReportForm(),
        "error": forms_in_use.get("error"),
        "stages": [s for s in Stage if s not in (Stage.DECLINED, Stage.WITHDRAWN, Stage.CANCELLED)],
    }
    return render(request, "instructors/agreement.html", context, status=status)


@require_GET
@login_required
def agreement_detail(request, pk: int):
    return agreement_page(request, access.access_agreement(request.user, pk))


def run_service(request, agreement, call, *, form_name=None, form=None):
    """Call a service and answer with the right status."""
    try:
        call()
    except TransitionConflict as error:
        return agreement_page(
            request, access.access_agreement(request.user, agreement.pk), status=409, error=error.message
        )
    except PermissionDenied as error:
        return agreement_page(request, agreement, status=403, error=str(error))
    except ValidationError as error:
        extra = {form_name: form} if form_name else {}
        if form is not None and hasattr(error, "error_dict"):
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        return agreement_page(request, agreement, status=400, error=error_text(error), **extra)
    return None


def form_step(request, pk: int, *, form_class, form_name: str, invalid: str, call, done: str):
    """A step of an agreement posted with a form: the page again with the form's errors (400) or the
    service's refusal, else ``done`` and back to the agreement. ``call(agreement, form)`` writes."""
    agreement = access.access_agreement(request.user, pk)
    form = form_class(request.POST)
    if not form.is_valid():
        return agreement_page(request, agreement, status=400, error=invalid, **{form_name: form})
    failed = run_service(request, agreement, lambda: call(agreement, form), form_name=form_name, form=form)
    if failed:
        return failed
    messages.success(request, done)
    return redirect("instructors:agreement", pk=agreement.pk)


@require_POST
@login_required
@accounts_access.privileged_action
def agreement_act(request, pk: int):
    agreement = access.access_agreement(request.user, pk)
    form = forms.ReasonForm(request.POST)
    if not form.is_valid() or form.cleaned_data["action"] not in (*STEPS, "decline"):
        return agreement_page(request, agreement, status=400, error=_("Unknown action."))
    action = form.cleaned_data["action"]
    failed = run_service(
        request,
        agreement,
        lambda: services.agreement_transition(
            agreement=agreement, actor=request.user, action=action, reason=form.cleaned_data["reason"]
        ),
    )
    if failed:
        return failed
    messages.success(request, _("Done."))
    return redirect("instructors:agreement", pk=agreement.pk)


@require_POST
@login_required
def agreement_schedule(request, pk: int):
    return form_step(
        request,
        pk,
        form_class=forms.ScheduleForm,
        form_name="schedule_form",
        invalid=_("Check the schedule."),
        call=lambda agreement, form: services.agreement_schedule(
            agreement=agreement, actor=request.user, **form.cleaned_data
        ),
        done=_("The exchange is scheduled. The calendar file is ready."),
    )


@require_POST
@login_required
def message_post(request, pk: int):
    agreement = access.access_agreement(request.user, pk)
    form = forms.MessageForm(request.POST)
    if not form.is_valid():
        return agreement_page(request, agreement, status=400, message_form=form)
    failed = run_service(
        request,
        agreement,
        lambda: services.message_post(agreement=agreement, actor=request.user, body=form.cleaned_data["body"]),
        form_name="message_form",
        form=form,
    )
    if failed:
        return failed
    return redirect(f"{agreement.get_absolute_url()}#thread")


@require_GET
@login_required
def agreement_calendar_file(request, pk: int):
    agreement = access.access_agreement(request.user, pk)
    if not agreement.start_date:
        raise Http404
    body = agreement_calendar(agreement, url=request.build_absolute_uri(agreement.get_absolute_url()))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="exchange-{agreement.pk}.ics"'
    return response


@require_GET
@login_required
def agreement_terms_pdf(request, pk: int):
    agreement = access.access_agreement(request.user, pk)
    body = agreement_pdf(agreement, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="exchange-{agreement.pk}-terms.pdf"'
    return response
