"""What the exchange's views share."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts import access as accounts_access
from accounts.api import agencies_in
from lms.refusals import refusal

PAGE_SIZE = 20


def error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def publishable_agencies(user):
    viewer = accounts_access.viewer_for(user)
    return agencies_in(agency_ids=viewer.manager_agencies, state_ids=viewer.coordinator_states)


def refused(request, message: str, *, status: int = 403):
    """The exchange's refusal: the reason and the way back to the exchange."""
    return refusal(
        request,
        message,
        status=status,
        heading=_("Not possible"),
        back=reverse("instructors:home"),
        back_label=_("Back to the exchange"),
    )
