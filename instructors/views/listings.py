"""Offers and requests: lists, publishing, pages and closing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.api import agencies_in
from curricula.api import Delivery, Discipline

from .. import access, forms, matching, selectors, services
from ..filters import ListingFilter
from ..models import (
    ListingStatus,
)
from .common import PAGE_SIZE, error_text, publishable_agencies, refused

# --- Offers and requests -----------------------------------------------------------------------


def _listing_filters(request, qs):
    found = ListingFilter(request.GET, queryset=qs)
    return found.qs, found.values()


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


def _listing_form(request, *, kind: str, form, agency_form, create, published: str):
    """The publish page of an offer or a request: ``create(agency, topics, data)`` calls the service."""
    status = 200
    if request.method == "POST":
        if form.is_valid() and agency_form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "topics"}
            try:
                listing = create(agency_form.cleaned_data["agency"], form.cleaned_data["topics"], data)
            except ValidationError as error:
                form.add_error(None, error_text(error))
            except PermissionDenied as error:
                return refused(request, str(error), status=403)
            else:
                messages.success(request, published)
                return redirect(listing)
        status = 400
    return render(
        request,
        "instructors/listing_form.html",
        {"form": form, "agency_form": agency_form, "kind": kind},
        status=status,
    )


@login_required
@access.officials_only
def offer_create(request):
    instructor = access.own_verified_profile(request.user)
    agencies = publishable_agencies(request.user)
    if instructor:
        agencies = agencies | agencies_in(agency_ids=[instructor.agency_id])
    agencies = agencies.distinct()
    form = forms.OfferForm(request.POST or None)
    agency_form = forms.AgencyChoiceForm(request.POST or None, agencies=agencies, prefix="a")
    if not agencies.exists():
        return refused(
            request, _("Only verified instructors, agency managers and coordinators publish offers."), status=403
        )

    def create(agency, topics, data):
        return services.offer_create(
            actor=request.user,
            agency=agency,
            instructor=instructor if instructor and instructor.agency_id == agency.pk else None,
            topics=topics,
            **data,
        )

    return _listing_form(
        request,
        kind="offer",
        form=form,
        agency_form=agency_form,
        create=create,
        published=_("Your offer is published."),
    )


@login_required
@access.officials_only
def request_create(request):
    agencies = publishable_agencies(request.user)
    if not agencies.exists():
        return refused(request, _("Only agency managers and coordinators publish requests."), status=403)
    form = forms.RequestForm(request.POST or None)
    agency_form = forms.AgencyChoiceForm(request.POST or None, agencies=agencies, prefix="a")

    def create(agency, topics, data):
        return services.request_create(actor=request.user, agency=agency, topics=topics, **data)

    return _listing_form(
        request,
        kind="request",
        form=form,
        agency_form=agency_form,
        create=create,
        published=_("Your request is published."),
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
        return refused(request, str(error), status=403)
    messages.success(request, _("Closed."))
    return redirect(listing)
