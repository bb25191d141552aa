"""What the exchange's views share."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from accounts import access as accounts_access
from accounts.api import agencies_in

PAGE_SIZE = 20


def error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def publishable_agencies(user):
    viewer = accounts_access.viewer_for(user)
    return agencies_in(agency_ids=viewer.manager_agencies, state_ids=viewer.coordinator_states)
