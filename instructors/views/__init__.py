"""Thin views of the exchange, one module per domain object: parse, check access, call a service,
render.

Refusals answer 403, bad input 400 (the form again, with its messages), a step someone else took
first 409; state changes are POST only."""

from .agreement import (
    agreement_act,
    agreement_calendar_file,
    agreement_detail,
    agreement_schedule,
    agreement_terms_pdf,
    message_post,
    propose,
)
from .home import home, mine
from .listings import (
    listing_close,
    offer_create,
    offer_detail,
    offer_list,
    request_create,
    request_detail,
    request_list,
)
from .profiles import (
    availability_add,
    availability_remove,
    certification_add,
    certification_file,
    profile_detail,
    profile_edit,
    profile_list,
    profile_verify,
)
from .reports import host_report, instructor_report

__all__ = [
    "agreement_act",
    "agreement_calendar_file",
    "agreement_detail",
    "agreement_schedule",
    "agreement_terms_pdf",
    "availability_add",
    "availability_remove",
    "certification_add",
    "certification_file",
    "home",
    "host_report",
    "instructor_report",
    "listing_close",
    "message_post",
    "mine",
    "offer_create",
    "offer_detail",
    "offer_list",
    "profile_detail",
    "profile_edit",
    "profile_list",
    "profile_verify",
    "propose",
    "request_create",
    "request_detail",
    "request_list",
]
