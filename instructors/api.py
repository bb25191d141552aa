"""The public entry point of instructors for other apps: services write, selectors read."""

from .facts import exchange_facts, exchange_participant_facts, instructor_facts  # noqa: F401
from .matching import Match, Reason, instructors_for_request, offers_for_request, requests_for_offer  # noqa: F401
from .models import ParticipantRole, Stage  # noqa: F401
from .selectors import agreements_involving, agreements_waiting  # noqa: F401
from .services import (  # noqa: F401
    TransitionConflict,
    agreement_propose,
    agreement_schedule,
    agreement_transition,
    host_report_submit,
    instructor_report_submit,
    offer_create,
    profile_save,
    profile_verify,
    request_create,
)
