"""What the exchange's views share."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Q

from accounts import access as accounts_access
from accounts.api import Agency

PAGE_SIZE = 20


def error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def publishable_agencies(user):
    viewer = accounts_access.viewer_for(user)
    return Agency.objects.filter(
        Q(pk__in=list(viewer.manager_agencies)) | Q(state_id__in=list(viewer.coordinator_states))
    ).select_related("state")
