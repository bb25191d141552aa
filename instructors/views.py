"""Thin views of the exchange: parse, check access, call a service, render.

Refusals answer 403, bad input 400 (the form again, with its messages), a step someone else took
first 409; state changes are POST only."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts import access as accounts_access
from accounts.api import Agency, Gender, Subregion, profile_for
from curricula.api import Delivery, Discipline, Topic
from lms.files import private_file_response

from . import access, forms, matching, selectors, services
from .documents import agreement_calendar, agreement_pdf
from .models import (
    Certification,
    ExchangeRequest,
    InstructorProfile,
    ListingStatus,
    Offer,
    ParticipantRole,
    Stage,
)
from .services import STEPS, TransitionConflict

PAGE_SIZE = 20


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- Front page and lists --------------------------------------------------------------------------


@require_GET
def home(request):
    context = {"is_official": access.can_use_exchange(request.user)}
    if context["is_official"]:
        context.update(
            requests=selectors.open_only(selectors.requests_visible(request.user))[:6],
            offers=selectors.open_only(selectors.offers_visible(request.user))[:6],
            waiting_count=selectors.agreements_waiting(request.user).count(),
            own_profile=access.own_profile(request.user),
        )
    return render(request, "instructors/home.html", context)


@require_GET
@access.officials_only
def profile_list(request):
    qs = selectors.profiles_visible(request.user)
    filters = {key: request.GET.get(key, "") for key in ("discipline", "topic", "language", "state", "format")}
    if filters["discipline"] in Discipline.values:
        qs = qs.filter(disciplines__icontains=f'"{filters["discipline"]}"')
    if filters["topic"].isdigit():
        qs = qs.filter(topics__pk=int(filters["topic"]))
    if filters["language"]:
        qs = qs.filter(languages__language=filters["language"])
    if filters["state"]:
        qs = qs.filter(state__code=filters["state"].upper())
    page = Paginator(qs.distinct(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "instructors/profile_list.html",
        {
            "page_obj": page,
            "filters": filters,
            "disciplines": Discipline.choices,
            "topics": Topic.objects.all(),
            "languages": forms.settings.LANGUAGES,
        },
    )


@require_GET
@access.officials_only
def profile_detail(request, pk: int):
    profile = access.access_profile(request.user, pk)
    own = access.can_edit_profile(request.user, profile)
    return render(
        request,
        "instructors/instructor_profile.html",
        {
            "profile": profile,
            "own": own,
            "can_verify": not profile.is_verified and access.can_verify_profile(request.user, profile),
            "can_see_files": any(
                access.can_view_certification(request.user, c) for c in profile.certifications.all()[:1]
            ),
            "history": profile.agreements.filter(stage=Stage.CLOSED).select_related("host_state", "host_report"),
        },
    )


@login_required
@access.officials_only
def profile_edit(request):
    profile = access.own_profile(request.user)
    account = profile_for(request.user)
    agencies = Agency.objects.select_related("state").filter(state_id=account.verified_state_id if account else None)
    if account and account.agency_id:
        agencies = agencies.filter(pk=account.agency_id)
    if request.method == "POST":
        form = forms.ProfileForm(request.POST, agencies=agencies)
        if form.is_valid():
            data = form.cleaned_data
            try:
                profile = services.profile_save(
                    user=request.user,
                    agency=data["agency"],
                    topics=data["topics"],
                    pages_taught=data["pages_taught"],
                    languages=form.languages(),
                    disciplines=data["disciplines"],
                    years_experience=data["years_experience"],
                    formats=data["formats"],
                    travel_subregions=data["travel_subregions"],
                    bio=data["bio"],
                    accepting=data["accepting"],
                )
            except ValidationError as error:
                form.add_error(None, _error_text(error))
            else:
                messages.success(request, _("Your instructor profile has been saved."))
                return redirect("instructors:profile_edit")
        status = 400
    else:
        status = 200
        if profile:
            initial = {
                "agency": profile.agency_id,
                "disciplines": profile.disciplines,
                "topics": list(profile.topics.values_list("pk", flat=True)),
                "years_experience": profile.years_experience,
                "formats": profile.formats,
                "travel_subregions": profile.travel_subregions,
                "pages_taught": list(profile.pages_taught.values_list("pk", flat=True)),
                "bio": profile.bio,
                "accepting": profile.accepting,
            }
            initial.update({f"language_{row.language}": row.level for row in profile.languages.all()})
        else:
            initial = {"agency": account.agency_id if account else None, "accepting": True}
        form = forms.ProfileForm(initial=initial, agencies=agencies)
    return render(
        request,
        "instructors/profile_form.html",
        {
            "form": form,
            "profile": profile,
            "availability_form": forms.AvailabilityForm(),
            "certification_form": forms.CertificationForm(),
            "windows": profile.windows.all() if profile else [],
            "certifications": profile.certifications.all() if profile else [],
        },
        status=status,
    )


@require_POST
@login_required
def availability_add(request):
    profile = access.access_own_profile(request.user)
    form = forms.AvailabilityForm(request.POST)
    if form.is_valid():
        try:
            services.availability_add(profile=profile, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, _error_text(error))
            return redirect("instructors:profile_edit")
        messages.success(request, _("Availability added."))
    else:
        messages.error(request, " ".join(" ".join(e) for e in form.errors.values()))
    return redirect("instructors:profile_edit")


@require_POST
@login_required
def availability_remove(request, pk: int):
    window = access.access_availability(request.user, pk)
    services.availability_remove(window=window, actor=request.user)
    messages.success(request, _("Availability removed."))
    return redirect("instructors:profile_edit")


@require_POST
@login_required
def certification_add(request):
    profile = access.access_own_profile(request.user)
    form = forms.CertificationForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.certification_add(
                profile=profile,
                actor=request.user,
                title=data["title"],
                issuer=data["issuer"],
                issued_on=data["issued_on"],
                upload=data["file"],
            )
        except ValidationError as error:
            messages.error(request, _error_text(error))
            return redirect("instructors:profile_edit")
        messages.success(request, _("Certification added."))
    else:
        messages.error(request, " ".join(" ".join(e) for e in form.errors.values()))
    return redirect("instructors:profile_edit")


@require_GET
@login_required
def certification_file(request, pk: int):
    certification = get_object_or_404(Certification.objects.select_related("profile"), pk=pk)
    if not access.can_view_certification(request.user, certification):
        raise Http404  # do not reveal that the file exists
    extension = certification.file.name.rsplit(".", 1)[-1]
    return private_file_response(
        certification.file,
        filename=f"certification-{certification.pk}.{extension}",
        content_type=certification.content_type,
        as_attachment=True,
    )


@require_POST
@login_required
@accounts_access.privileged_action
def profile_verify(request, pk: int):
    profile = access.access_profile_to_verify(request.user, pk)
    try:
        services.profile_verify(profile=profile, actor=request.user)
    except PermissionDenied as error:
        return render(request, "instructors/refused.html", {"message": str(error)}, status=403)
    messages.success(request, _("The profile of %(name)s is verified.") % {"name": profile.name})
    return redirect("instructors:profile", pk=profile.pk)


# --- Offers and requests -----------------------------------------------------------------------


def _listing_filters(request, qs):
    filters = {key: request.GET.get(key, "") for key in ("discipline", "language", "format", "state", "status")}
    if filters["discipline"] in Discipline.values:
        qs = qs.filter(discipline=filters["discipline"])
    if filters["language"]:
        qs = qs.filter(language=filters["language"])
    if filters["format"] in Delivery.values:
        qs = qs.filter(format=filters["format"])
    if filters["state"]:
        qs = qs.filter(state__code=filters["state"].upper())
    qs = qs.filter(status=filters["status"]) if filters["status"] in ListingStatus.values else selectors.open_only(qs)
    return qs, filters


def _listing_context(filters):
    return {
        "filters": filters,
        "disciplines": Discipline.choices,
        "formats": Delivery.choices,
        "languages": forms.settings.LANGUAGES,
        "statuses": ListingStatus.choices,
    }


@require_GET
@access.officials_only
def offer_list(request):
    qs, filters = _listing_filters(request, selectors.offers_visible(request.user))
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "instructors/offer_list.html", {"page_obj": page, **_listing_context(filters)})


@require_GET
@access.officials_only
def request_list(request):
    qs, filters = _listing_filters(request, selectors.requests_visible(request.user))
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "instructors/request_list.html", {"page_obj": page, **_listing_context(filters)})


def _publishable_agencies(user):
    viewer = accounts_access.viewer_for(user)
    return Agency.objects.filter(
        Q(pk__in=list(viewer.manager_agencies)) | Q(state_id__in=list(viewer.coordinator_states))
    ).select_related("state")


@login_required
@access.officials_only
def offer_create(request):
    instructor = access.own_verified_profile(request.user)
    agencies = _publishable_agencies(request.user)
    if instructor:
        agencies = agencies | Agency.objects.filter(pk=instructor.agency_id).select_related("state")
    agencies = agencies.distinct()
    form = forms.OfferForm(request.POST or None)
    agency_form = forms.AgencyChoiceForm(request.POST or None, agencies=agencies, prefix="a")
    if not agencies.exists():
        return render(
            request,
            "instructors/refused.html",
            {"message": _("Only verified instructors, agency managers and coordinators publish offers.")},
            status=403,
        )
    if request.method == "POST":
        if form.is_valid() and agency_form.is_valid():
            agency = agency_form.cleaned_data["agency"]
            data = {k: v for k, v in form.cleaned_data.items() if k != "topics"}
            try:
                offer = services.offer_create(
                    actor=request.user,
                    agency=agency,
                    instructor=instructor if instructor and instructor.agency_id == agency.pk else None,
                    topics=form.cleaned_data["topics"],
                    **data,
                )
            except ValidationError as error:
                form.add_error(None, _error_text(error))
            except PermissionDenied as error:
                return render(request, "instructors/refused.html", {"message": str(error)}, status=403)
            else:
                messages.success(request, _("Your offer is published."))
                return redirect(offer)
        status = 400
    else:
        status = 200
    return render(
        request,
        "instructors/listing_form.html",
        {"form": form, "agency_form": agency_form, "kind": "offer"},
        status=status,
    )


@login_required
@access.officials_only
def request_create(request):
    agencies = _publishable_agencies(request.user)
    if not agencies.exists():
        return render(
            request,
            "instructors/refused.html",
            {"message": _("Only agency managers and coordinators publish requests.")},
            status=403,
        )
    form = forms.RequestForm(request.POST or None)
    agency_form = forms.AgencyChoiceForm(request.POST or None, agencies=agencies, prefix="a")
    if request.method == "POST":
        if form.is_valid() and agency_form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "topics"}
            try:
                exchange_request = services.request_create(
                    actor=request.user,
                    agency=agency_form.cleaned_data["agency"],
                    topics=form.cleaned_data["topics"],
                    **data,
                )
            except ValidationError as error:
                form.add_error(None, _error_text(error))
            except PermissionDenied as error:
                return render(request, "instructors/refused.html", {"message": str(error)}, status=403)
            else:
                messages.success(request, _("Your request is published."))
                return redirect(exchange_request)
        status = 400
    else:
        status = 200
    return render(
        request,
        "instructors/listing_form.html",
        {"form": form, "agency_form": agency_form, "kind": "request"},
        status=status,
    )


@require_GET
@access.officials_only
def offer_detail(request, pk: int):
    offer = access.access_offer(request.user, pk)
    can_edit = access.can_edit_listing(request.user, offer)
    return render(
        request,
        "instructors/offer.html",
        {
            "offer": offer,
            "can_edit": can_edit,
            "matches": matching.requests_for_offer(offer) if can_edit and offer.status == ListingStatus.OPEN else [],
        },
    )


@require_GET
@access.officials_only
def request_detail(request, pk: int):
    exchange_request = access.access_request(request.user, pk)
    can_edit = access.can_edit_listing(request.user, exchange_request)
    is_open = exchange_request.status == ListingStatus.OPEN
    own_instructor = access.own_verified_profile(request.user)
    return render(
        request,
        "instructors/request.html",
        {
            "exchange_request": exchange_request,
            "can_edit": can_edit,
            "instructor_matches": matching.instructors_for_request(exchange_request, limit=10)
            if can_edit and is_open
            else [],
            "offer_matches": matching.offers_for_request(exchange_request, limit=10) if can_edit and is_open else [],
            "own_instructor": own_instructor
            if own_instructor and own_instructor.state_id != exchange_request.state_id and is_open
            else None,
        },
    )


@require_POST
@login_required
def listing_close(request, kind: str, pk: int):
    listing = access.access_listing_to_close(request.user, kind, pk)
    try:
        services.listing_close(listing=listing, actor=request.user)
    except PermissionDenied as error:
        return render(request, "instructors/refused.html", {"message": str(error)}, status=403)
    messages.success(request, _("Closed."))
    return redirect(listing)


# --- Proposals and agreements ------------------------------------------------------------------


@login_required
@access.officials_only
def propose(request):
    """A proposal: an instructor (or an offer's instructor) for a request, or an offer to the proposer's agency."""
    params = request.POST if request.method == "POST" else request.GET
    exchange_request = _get_visible(selectors.requests_visible(request.user), params.get("request"))
    offer = _get_visible(selectors.offers_visible(request.user), params.get("offer"))
    instructor = None
    if params.get("instructor", "").isdigit():
        instructor = (
            InstructorProfile.objects.filter(pk=int(params["instructor"]), verified_at__isnull=False)
            .select_related("user", "agency", "state")
            .first()
        )
    elif offer is not None and offer.instructor_id:
        instructor = offer.instructor
    if instructor is None or (exchange_request is None and offer is None):
        return render(
            request,
            "instructors/refused.html",
            {"message": _("Choose a request and an instructor or an offer.")},
            status=400,
        )
    host_agencies = _publishable_agencies(request.user) if exchange_request is None else None
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
                form.add_error(None, _error_text(error))
            except PermissionDenied as error:
                return render(request, "instructors/refused.html", {"message": str(error)}, status=403)
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


def _get_visible(qs, value):
    if value and str(value).isdigit():
        return qs.filter(pk=int(value)).first()
    return None


def _agreement_page(request, agreement, *, status=200, **forms_in_use):
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
    return _agreement_page(request, access.access_agreement(request.user, pk))


def _run(request, agreement, call, *, form_name=None, form=None):
    """Call a service and answer with the right status."""
    try:
        call()
    except TransitionConflict as error:
        return _agreement_page(
            request, access.access_agreement(request.user, agreement.pk), status=409, error=error.message
        )
    except PermissionDenied as error:
        return _agreement_page(request, agreement, status=403, error=str(error))
    except ValidationError as error:
        extra = {form_name: form} if form_name else {}
        if form is not None and hasattr(error, "error_dict"):
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        return _agreement_page(request, agreement, status=400, error=_error_text(error), **extra)
    return None


@require_POST
@login_required
@accounts_access.privileged_action
def agreement_act(request, pk: int):
    agreement = access.access_agreement(request.user, pk)
    form = forms.ReasonForm(request.POST)
    if not form.is_valid() or form.cleaned_data["action"] not in (*STEPS, "decline"):
        return _agreement_page(request, agreement, status=400, error=_("Unknown action."))
    action = form.cleaned_data["action"]
    failed = _run(
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
    agreement = access.access_agreement(request.user, pk)
    form = forms.ScheduleForm(request.POST)
    if not form.is_valid():
        return _agreement_page(request, agreement, status=400, schedule_form=form, error=_("Check the schedule."))
    failed = _run(
        request,
        agreement,
        lambda: services.agreement_schedule(agreement=agreement, actor=request.user, **form.cleaned_data),
        form_name="schedule_form",
        form=form,
    )
    if failed:
        return failed
    messages.success(request, _("The exchange is scheduled. The calendar file is ready."))
    return redirect("instructors:agreement", pk=agreement.pk)


@require_POST
@login_required
def message_post(request, pk: int):
    agreement = access.access_agreement(request.user, pk)
    form = forms.MessageForm(request.POST)
    if not form.is_valid():
        return _agreement_page(request, agreement, status=400, message_form=form)
    failed = _run(
        request,
        agreement,
        lambda: services.message_post(agreement=agreement, actor=request.user, body=form.cleaned_data["body"]),
        form_name="message_form",
        form=form,
    )
    if failed:
        return failed
    return redirect(f"{agreement.get_absolute_url()}#thread")


@require_POST
@login_required
def host_report(request, pk: int):
    agreement = access.access_agreement(request.user, pk)
    form = forms.HostReportForm(request.POST)
    if not form.is_valid():
        return _agreement_page(request, agreement, status=400, host_report_form=form, error=_("Check the report."))
    data = form.cleaned_data
    failed = _run(
        request,
        agreement,
        lambda: services.host_report_submit(
            agreement=agreement,
            actor=request.user,
            evaluation=data["evaluation"],
            instructor_rating=data["instructor_rating"],
            comments=data["comments"],
            participants=form.participants(),
        ),
        form_name="host_report_form",
        form=form,
    )
    if failed:
        return failed
    messages.success(request, _("Thank you: the host's report is saved."))
    return redirect("instructors:agreement", pk=agreement.pk)


@require_POST
@login_required
def instructor_report(request, pk: int):
    agreement = access.access_agreement(request.user, pk)
    form = forms.InstructorReportForm(request.POST)
    if not form.is_valid():
        return _agreement_page(
            request, agreement, status=400, instructor_report_form=form, error=_("Check the report.")
        )
    failed = _run(
        request,
        agreement,
        lambda: services.instructor_report_submit(agreement=agreement, actor=request.user, **form.cleaned_data),
        form_name="instructor_report_form",
        form=form,
    )
    if failed:
        return failed
    messages.success(request, _("Thank you: your report is saved."))
    return redirect("instructors:agreement", pk=agreement.pk)


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


# --- My exchanges --------------------------------------------------------------------------------


@require_GET
@login_required
def mine(request):
    viewer = accounts_access.viewer_for(request.user)
    profile = access.own_profile(request.user)
    involving = Paginator(selectors.agreements_involving(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "instructors/mine.html",
        {
            "profile": profile,
            "waiting": selectors.agreements_waiting(request.user)[:50],
            "page_obj": involving,
            "to_verify": selectors.profiles_to_verify(request.user)[:50]
            if (viewer.manager_agencies or viewer.coordinator_states or viewer.is_secretariat)
            else [],
            "my_requests": ExchangeRequest.objects.filter(created_by=request.user).select_related("agency", "state")[
                :20
            ],
            "my_offers": Offer.objects.filter(created_by=request.user).select_related("agency", "state")[:20],
            "roles": {
                "instructor": profile is not None,
                "manager": bool(viewer.manager_agencies),
                "coordinator": bool(viewer.coordinator_states),
                "secretariat": viewer.is_secretariat,
            },
            "counts": selectors.stage_counts(request.user)
            if viewer.is_secretariat or viewer.coordinator_states
            else None,
            "stage_labels": dict(Stage.choices),
            "subregions": Subregion.choices,
        },
    )
