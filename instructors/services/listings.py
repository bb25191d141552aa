"""Writes for offers and requests."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.api import Agency

from .. import access
from ..models import (
    ExchangeRequest,
    InstructorProfile,
    ListingStatus,
    Offer,
)

# --- Offers and requests --------------------------------------------------------------------------

OFFER_FIELDS = {
    "title",
    "description",
    "language",
    "discipline",
    "level",
    "format",
    "duration_days",
    "hours",
    "available_from",
    "available_until",
    "target_audience",
    "max_participants",
    "subregions",
    "cost_sharing",
    "cost_terms",
    "audience",
}

REQUEST_FIELDS = {
    "title",
    "description",
    "discipline",
    "level",
    "language",
    "format",
    "starts_on",
    "ends_on",
    "participants",
    "participant_profile",
    "funding",
    "funding_notes",
    "audience",
}


@transaction.atomic
def offer_create(*, actor, agency: Agency, instructor: InstructorProfile | None = None, topics=(), **fields) -> Offer:
    unknown = set(fields) - OFFER_FIELDS
    if unknown:
        raise ValidationError(
            _("These fields cannot be changed here: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    if not access.can_publish_offer(actor, agency=agency, instructor=instructor):
        raise PermissionDenied(
            _("Only a verified instructor, the agency's manager or the state's coordinator can publish this offer.")
        )
    offer = Offer(agency=agency, state_id=agency.state_id, instructor=instructor, created_by=actor, **fields)
    offer.full_clean()
    offer.save()
    offer.topics.set(topics)
    return offer


@transaction.atomic
def request_create(*, actor, agency: Agency, topics=(), **fields) -> ExchangeRequest:
    unknown = set(fields) - REQUEST_FIELDS
    if unknown:
        raise ValidationError(
            _("These fields cannot be changed here: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    if not access.can_publish_request(actor, agency):
        raise PermissionDenied(_("Only the host agency's manager or the state's coordinator can publish a request."))
    request = ExchangeRequest(agency=agency, state_id=agency.state_id, created_by=actor, **fields)
    request.full_clean()
    request.save()
    request.topics.set(topics)
    return request


@transaction.atomic
def listing_close(*, listing: Offer | ExchangeRequest, actor) -> Offer | ExchangeRequest:
    if not access.can_edit_listing(actor, listing):
        raise PermissionDenied(_("You cannot close this listing."))
    listing.status = ListingStatus.CLOSED
    listing.save(update_fields=["status"])
    return listing
