"""Instructor profiles: the list, a profile's page, editing one's own, availability, certifications and verification."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts import access as accounts_access
from accounts.api import agencies_in, member_states, profile_for
from curricula.api import Discipline, topics
from lms.files import private_file_response

from .. import access, forms, selectors, services
from ..filters import ProfileFilter
from ..models import (
    Stage,
)
from .common import PAGE_SIZE, error_text, refused


@require_GET
@access.officials_only
def profile_list(request):
    found = ProfileFilter(request.GET, queryset=selectors.profiles_visible(request.user))
    filters = found.values()
    page = Paginator(found.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "instructors/profile_list.html",
        {
            "page_obj": page,
            "filters": filters,
            "disciplines": Discipline.choices,
            "topics": topics(),
            "languages": forms.settings.LANGUAGES,
            "states": sorted(member_states(), key=lambda s: s.name.casefold()),
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
    agencies = agencies_in(state_ids=[account.verified_state_id] if account and account.verified_state_id else [])
    if account and account.agency_id:
        agencies = agencies.filter(pk=account.agency_id)
    taught = list(profile.pages_taught.values_list("pk", flat=True)) if profile else []
    if request.method == "POST":
        form = forms.ProfileForm(request.POST, agencies=agencies, user=request.user, taught=taught)
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
                form.add_error(None, error_text(error))
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
                "pages_taught": taught,
                "bio": profile.bio,
                "accepting": profile.accepting,
            }
            initial.update({f"language_{row.language}": row.level for row in profile.languages.all()})
        else:
            initial = {"agency": account.agency_id if account else None, "accepting": True}
        form = forms.ProfileForm(initial=initial, agencies=agencies, user=request.user, taught=taught)
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
            messages.error(request, error_text(error))
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
            messages.error(request, error_text(error))
            return redirect("instructors:profile_edit")
        messages.success(request, _("Certification added."))
    else:
        messages.error(request, " ".join(" ".join(e) for e in form.errors.values()))
    return redirect("instructors:profile_edit")


@require_GET
@login_required
def certification_file(request, pk: int):
    certification = access.access_certification(request.user, pk)
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
        return refused(request, str(error), status=403)
    messages.success(request, _("The profile of %(name)s is verified.") % {"name": profile.name})
    return redirect("instructors:profile", pk=profile.pk)
