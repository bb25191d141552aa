"""Writes for the exchange, one module per domain object: profiles (with availability and
certifications), listings (offers and requests), agreement (proposal, approvals, schedule), messages,
reports and notifications.

Every service is keyword-only, validates before it writes (``full_clean``) and raises
``ValidationError`` (bad input), ``PermissionDenied`` (not this user) or ``TransitionConflict`` (the
agreement is no longer at the step the caller saw) without changing anything."""

from ..selectors import next_party_ids
from .agreement import (
    APPROVAL_STAGES,
    DECLINE_PARTIES,
    HOST_REPORT_PARTIES,
    PROPOSER_PARTIES,
    SCHEDULE_PARTIES,
    STEPS,
    Step,
    TransitionConflict,
    agreement_propose,
    agreement_schedule,
    agreement_transition,
    allowed_actions,
    refusal,
)
from .listings import OFFER_FIELDS, REQUEST_FIELDS, listing_close, offer_create, request_create
from .messages import message_post
from .notifications import notify_next
from .profiles import (
    CERTIFICATION_MAX_BYTES,
    CERTIFICATION_TYPES,
    PROFILE_FIELDS,
    availability_add,
    availability_remove,
    certification_add,
    profile_save,
    profile_verify,
)
from .reports import host_report_submit, instructor_report_submit

__all__ = [
    "APPROVAL_STAGES",
    "CERTIFICATION_MAX_BYTES",
    "CERTIFICATION_TYPES",
    "DECLINE_PARTIES",
    "HOST_REPORT_PARTIES",
    "OFFER_FIELDS",
    "PROFILE_FIELDS",
    "PROPOSER_PARTIES",
    "REQUEST_FIELDS",
    "SCHEDULE_PARTIES",
    "STEPS",
    "Step",
    "TransitionConflict",
    "agreement_propose",
    "agreement_schedule",
    "agreement_transition",
    "allowed_actions",
    "availability_add",
    "availability_remove",
    "certification_add",
    "host_report_submit",
    "instructor_report_submit",
    "listing_close",
    "message_post",
    "next_party_ids",
    "notify_next",
    "offer_create",
    "profile_save",
    "profile_verify",
    "refusal",
    "request_create",
]
