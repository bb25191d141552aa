"""Who may see and do what in the exchange. Tiers and roles come from ``accounts.access``; this
module only combines them with the parties of an agreement."""

from __future__ import annotations

import functools

from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts import access
from accounts.api import Audience
from lms.refusals import refusal
from lms.untrusted import parse_id

from . import selectors
from .models import Agreement, AvailabilityWindow, ExchangeRequest, InstructorProfile, Offer

# The parties of an agreement, as seen by one user.
INSTRUCTOR = "instructor"
PROPOSER = "proposer"
HOME_MANAGER = "home_manager"
HOST_MANAGER = "host_manager"
HOME_COORDINATOR = "home_coordinator"
HOST_COORDINATOR = "host_coordinator"
SECRETARIAT = "secretariat"

# Parties who write in the thread; coordinators and the secretariat read it.
THREAD_WRITERS = frozenset({INSTRUCTOR, PROPOSER, HOME_MANAGER, HOST_MANAGER})


def can_use_exchange(user) -> bool:
    """Profiles, offers and requests are for verified law-enforcement officials."""
    return access.can_view(user, audience=Audience.LAW_ENFORCEMENT, state_id=None)


def can_verify_profile(user, profile) -> bool:
    """The home agency's manager or the home state's coordinator (or the secretariat), never oneself."""
    if getattr(user, "pk", None) == profile.user_id:
        return False
    return access.can_manage_agency(user, profile.agency)


def can_edit_profile(user, profile) -> bool:
    return getattr(user, "pk", None) == profile.user_id


def can_view_certification(user, certification) -> bool:
    """The instructor, whoever may verify the profile, and those who decide exchanges (agency managers,
    coordinators, the secretariat)."""
    profile = certification.profile
    if getattr(user, "pk", None) == profile.user_id:
        return True
    viewer = access.viewer_for(user)
    if not viewer.is_official:
        return False
    return viewer.is_secretariat or bool(viewer.coordinator_states) or bool(viewer.manager_agencies)


def can_publish_request(user, agency) -> bool:
    """A host agency's manager or its state's coordinator."""
    return access.is_agency_manager(user, agency.pk) or access.is_coordinator(user, agency.state_id)


def can_publish_offer(user, *, agency, instructor=None) -> bool:
    """A verified instructor for themself, or the agency's manager or its state's coordinator."""
    if instructor is not None and getattr(user, "pk", None) == instructor.user_id and instructor.is_verified:
        return True
    return access.is_agency_manager(user, agency.pk) or access.is_coordinator(user, agency.state_id)


def can_edit_listing(user, obj) -> bool:
    if getattr(user, "pk", None) == obj.created_by_id:
        return True
    return access.is_agency_manager(user, obj.agency_id) or access.is_coordinator(user, obj.state_id)


def agreement_parties(user, agreement) -> frozenset[str]:
    """Every capacity in which this user takes part in the agreement."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    viewer = access.viewer_for(user)
    parties = set()
    if agreement.instructor.user_id == user.pk:
        parties.add(INSTRUCTOR)
    if agreement.proposed_by_id == user.pk:
        parties.add(PROPOSER)
    if agreement.home_agency_id in viewer.manager_agencies:
        parties.add(HOME_MANAGER)
    if agreement.host_agency_id in viewer.manager_agencies:
        parties.add(HOST_MANAGER)
    if agreement.home_state_id in viewer.coordinator_states:
        parties.add(HOME_COORDINATOR)
    if agreement.host_state_id in viewer.coordinator_states:
        parties.add(HOST_COORDINATOR)
    if viewer.is_secretariat:
        parties.add(SECRETARIAT)
    return frozenset(parties)


def can_write_message(user, agreement) -> bool:
    return bool(agreement_parties(user, agreement) & THREAD_WRITERS)


# --- Fetch and check: views ask these for an object, never the models -----------------------------


def officials_only(view):
    """Anonymous visitors go to the login page; signed-in users who are not verified officials get the
    exchange's refusal page (403)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.get_full_path()}")
        if not can_use_exchange(request.user):
            return refusal(
                request,
                _(
                    "Instructor profiles, offers and requests are shown only to verified law-enforcement officials "
                    "of the member states. Ask your agency's training manager or your state's coordinator to verify "
                    "your account."
                ),
                heading=_("For verified officials"),
                back=reverse("accounts:profile") + "#status-heading",
                back_label=_("Get your account verified"),
            )
        return view(request, *args, **kwargs)

    return wrapped


def access_profile(user, pk: int) -> InstructorProfile:
    """A profile for its page: verified ones for every official, unverified ones only for their owner
    and whoever may verify them; otherwise Http404 (the profile is not revealed)."""
    profile = (
        InstructorProfile.objects.select_related("user", "agency", "state")
        .prefetch_related("topics", "languages", "windows", "certifications", "pages_taught")
        .filter(pk=pk)
        .first()
    )
    if profile is None:
        raise Http404
    if not profile.is_verified and not can_edit_profile(user, profile) and not can_verify_profile(user, profile):
        raise Http404
    return profile


def access_profile_to_verify(user, pk: int) -> InstructorProfile:
    """The profile a verifier acts on; the service decides (PermissionDenied) whether this user may."""
    profile = InstructorProfile.objects.select_related("agency", "user").filter(pk=pk).first()
    if profile is None:
        raise Http404
    return profile


def own_profile(user) -> InstructorProfile | None:
    return InstructorProfile.objects.filter(user=user).first()


def access_own_profile(user) -> InstructorProfile:
    """The user's own instructor profile, or Http404 when they have none."""
    profile = own_profile(user)
    if profile is None:
        raise Http404
    return profile


def own_verified_profile(user) -> InstructorProfile | None:
    return InstructorProfile.objects.filter(user=user, verified_at__isnull=False).first()


def access_availability(user, pk: int) -> AvailabilityWindow:
    """One of the user's own availability windows; anyone else's is Http404."""
    window = AvailabilityWindow.objects.filter(pk=pk, profile__user=user).first()
    if window is None:
        raise Http404
    return window


def access_offer(user, pk: int) -> Offer:
    """An offer this user may see, or Http404."""
    offer = selectors.offers_visible(user).filter(pk=pk).first()
    if offer is None:
        raise Http404
    return offer


def access_request(user, pk: int) -> ExchangeRequest:
    """A request this user may see, or Http404."""
    exchange_request = selectors.requests_visible(user).filter(pk=pk).first()
    if exchange_request is None:
        raise Http404
    return exchange_request


LISTING_MODELS = {"offers": Offer, "requests": ExchangeRequest}


def access_listing_to_close(user, kind: str, pk: int) -> Offer | ExchangeRequest:
    """The offer or request to close; the service decides (PermissionDenied) whether this user may."""
    model = LISTING_MODELS.get(kind)
    listing = model.objects.filter(pk=pk).first() if model else None
    if listing is None:
        raise Http404
    return listing


def access_certification(user, pk: int):
    """A certification whose file this user may download, or Http404 (the file is not revealed)."""
    from .models import Certification

    certification = Certification.objects.select_related("profile").filter(pk=pk).first()
    if certification is None or not can_view_certification(user, certification):
        raise Http404
    return certification


def proposal_parts(user, *, request_id, offer_id, instructor_id):
    """What a proposal names, from untrusted form or query values: the request and the offer this
    user may see and a verified instructor, each None when the value is not one of them."""
    request_pk, offer_pk, instructor_pk = parse_id(request_id), parse_id(offer_id), parse_id(instructor_id)
    exchange_request = selectors.requests_visible(user).filter(pk=request_pk).first() if request_pk else None
    offer = selectors.offers_visible(user).filter(pk=offer_pk).first() if offer_pk else None
    instructor = None
    if instructor_pk:
        instructor = (
            InstructorProfile.objects.filter(pk=instructor_pk, verified_at__isnull=False)
            .select_related("user", "agency", "state")
            .first()
        )
    elif offer is not None and offer.instructor_id:
        instructor = offer.instructor
    return exchange_request, offer, instructor


def access_agreement(user, pk: int) -> Agreement:
    """An agreement the user takes part in (in any capacity), or Http404."""
    agreement = selectors.agreement_for(user, pk)
    if agreement is None:
        raise Http404
    return agreement
