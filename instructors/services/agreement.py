"""Writes for an agreement: the proposal, the approval steps and the schedule.

``TransitionConflict`` means the agreement is no longer at the step the caller saw."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.api import Agency

from .. import access
from ..models import (
    Agreement,
    AgreementEvent,
    CostSharing,
    ExchangeRequest,
    HostReport,
    InstructorProfile,
    InstructorReport,
    ListingStatus,
    Offer,
    Stage,
    validate_timezone,
)
from .notifications import notify_next


class TransitionConflict(Exception):
    """The agreement moved on (another person took this step first): HTTP 409."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# --- Agreements -----------------------------------------------------------------------------------

PROPOSER_PARTIES = {
    access.INSTRUCTOR,
    access.HOME_MANAGER,
    access.HOST_MANAGER,
    access.HOME_COORDINATOR,
    access.HOST_COORDINATOR,
}


@transaction.atomic
def agreement_propose(
    *,
    actor,
    instructor: InstructorProfile,
    request: ExchangeRequest | None = None,
    offer: Offer | None = None,
    host_agency: Agency | None = None,
    terms: str,
    planned_start: datetime.date | None = None,
    planned_end: datetime.date | None = None,
    hours: int | None = None,
    cost_sharing: str | None = None,
    cost_terms: str = "",
) -> Agreement:
    """Propose that ``instructor`` deliver ``request`` (or ``offer`` to ``host_agency``)."""
    if request is None and offer is None:
        raise ValidationError(_("A proposal answers a request or an offer."))
    if request is not None:
        host_agency = request.agency
        if request.status != ListingStatus.OPEN:
            raise ValidationError(_("This request is no longer open."))
    if host_agency is None:
        raise ValidationError({"host_agency": _("Choose the host agency.")})
    if offer is not None:
        if offer.status != ListingStatus.OPEN:
            raise ValidationError(_("This offer is no longer open."))
        if offer.instructor_id and offer.instructor_id != instructor.pk:
            raise ValidationError({"instructor": _("This offer is made by another instructor.")})
        if offer.agency_id != instructor.agency_id:
            raise ValidationError({"instructor": _("The instructor belongs to another agency than the offer.")})
    if not instructor.is_verified:
        raise ValidationError({"instructor": _("This instructor's profile has not been verified yet.")})
    if not instructor.accepting:
        raise ValidationError({"instructor": _("This instructor is not open to exchanges at the moment.")})
    if instructor.state_id == host_agency.state_id:
        raise ValidationError({"instructor": _("An exchange brings an instructor from another member state.")})
    source = request or offer
    agreement = Agreement(
        request=request,
        offer=offer,
        instructor=instructor,
        home_agency_id=instructor.agency_id,
        home_state_id=instructor.state_id,
        host_agency=host_agency,
        host_state_id=host_agency.state_id,
        proposed_by=actor,
        title=source.title,
        terms=terms,
        language=source.language,
        discipline=source.discipline,
        format=source.format,
        planned_start=planned_start or (request.starts_on if request else offer.available_from),
        planned_end=planned_end or (request.ends_on if request else offer.available_until),
        participants_expected=request.participants if request else offer.max_participants,
        hours=hours or (offer.hours if offer else 8 * ((request.ends_on - request.starts_on).days + 1)),
        cost_sharing=cost_sharing or (offer.cost_sharing if offer else CostSharing.TO_AGREE),
        cost_terms=cost_terms or (offer.cost_terms if offer else request.funding_notes),
    )
    parties = access.agreement_parties(actor, agreement)
    if not parties & PROPOSER_PARTIES:
        raise PermissionDenied(
            _(
                "Only the instructor, the managers of the two agencies or the coordinators of the two states can propose."
            )
        )
    agreement.full_clean()
    agreement.save()
    agreement.topics.set(source.topics.all())
    AgreementEvent.objects.create(agreement=agreement, action="propose", to_stage=Stage.PROPOSED, actor=actor)
    notify_next(agreement, actor=actor)
    return agreement


@dataclass(frozen=True)
class Step:
    action: str
    label: object
    from_stages: tuple[str, ...]
    to_stage: str
    parties: frozenset[str]  # who may take it
    is_approval: bool = False  # the proposer and the instructor may not take it
    reason_required: bool = False


APPROVAL_STAGES = (Stage.PROPOSED, Stage.HOME_AGENCY_APPROVED, Stage.HOME_STATE_APPROVED)

STEPS: dict[str, Step] = {
    step.action: step
    for step in (
        Step(
            "approve_home_agency",
            gettext_lazy("Approve for the home agency"),
            (Stage.PROPOSED,),
            Stage.HOME_AGENCY_APPROVED,
            frozenset({access.HOME_MANAGER}),
            is_approval=True,
        ),
        Step(
            "approve_home_state",
            gettext_lazy("Approve for the home state"),
            (Stage.HOME_AGENCY_APPROVED,),
            Stage.HOME_STATE_APPROVED,
            frozenset({access.HOME_COORDINATOR}),
            is_approval=True,
        ),
        Step(
            "approve_host_state",
            gettext_lazy("Approve for the host state"),
            (Stage.HOME_STATE_APPROVED,),
            Stage.HOST_STATE_APPROVED,
            frozenset({access.HOST_COORDINATOR}),
            is_approval=True,
        ),
        Step(
            "deliver",
            gettext_lazy("Mark as delivered"),
            (Stage.SCHEDULED,),
            Stage.DELIVERED,
            frozenset({access.HOST_MANAGER, access.HOST_COORDINATOR, access.INSTRUCTOR}),
        ),
        Step(
            "close",
            gettext_lazy("Close"),
            (Stage.REPORTED,),
            Stage.CLOSED,
            frozenset({access.HOME_COORDINATOR, access.HOST_COORDINATOR}),
        ),
        Step(
            "withdraw",
            gettext_lazy("Withdraw"),
            (*APPROVAL_STAGES, Stage.HOST_STATE_APPROVED),
            Stage.WITHDRAWN,
            frozenset({access.PROPOSER, access.INSTRUCTOR}),
        ),
        Step(
            "cancel",
            gettext_lazy("Cancel"),
            (Stage.HOST_STATE_APPROVED, Stage.SCHEDULED),
            Stage.CANCELLED,
            frozenset({access.HOME_COORDINATOR, access.HOST_COORDINATOR, access.HOST_MANAGER}),
            reason_required=True,
        ),
    )
}

# Declining belongs to whoever would approve the current step.
DECLINE_PARTIES = {
    Stage.PROPOSED: frozenset({access.HOME_MANAGER}),
    Stage.HOME_AGENCY_APPROVED: frozenset({access.HOME_COORDINATOR}),
    Stage.HOME_STATE_APPROVED: frozenset({access.HOST_COORDINATOR}),
}
SCHEDULE_PARTIES = frozenset({access.HOST_MANAGER, access.HOST_COORDINATOR})
HOST_REPORT_PARTIES = frozenset({access.HOST_MANAGER, access.HOST_COORDINATOR})


def _step_for(action: str, stage: str) -> Step:
    if action == "decline":
        return Step(
            "decline",
            gettext_lazy("Decline"),
            APPROVAL_STAGES,
            Stage.DECLINED,
            DECLINE_PARTIES.get(stage, frozenset()),
            is_approval=True,
            reason_required=True,
        )
    if action == "schedule":
        return Step(
            "schedule", gettext_lazy("Schedule"), (Stage.HOST_STATE_APPROVED,), Stage.SCHEDULED, SCHEDULE_PARTIES
        )
    if action not in STEPS:
        raise ValidationError(_("Unknown action."))
    return STEPS[action]


def refusal(*, agreement: Agreement, actor, action: str) -> str | None:
    """Why ``actor`` may not take ``action`` on ``agreement`` now (a translated sentence), or None."""
    step = _step_for(action, agreement.stage)
    if agreement.stage not in step.from_stages:
        return _("This step is not possible while the agreement is “%(stage)s”.") % {
            "stage": agreement.get_stage_display()
        }
    parties = access.agreement_parties(actor, agreement)
    if step.is_approval and (access.PROPOSER in parties or access.INSTRUCTOR in parties):
        return _("Nobody approves or declines their own proposal or their own exchange.")
    if not parties & step.parties:
        return _("This step belongs to another party of the agreement.")
    if step.is_approval and action != "decline" and _approved_before(agreement=agreement, actor=actor):
        # Separation of duties: a person holding two roles (or coordinating both states) still
        # takes only one of the approval steps of an exchange.
        return _("You have already approved one step of this exchange; another person must approve this one.")
    if action == "close":
        missing = _missing_reports(agreement)
        if missing:
            return missing
    return None


def _approved_before(*, agreement: Agreement, actor) -> bool:
    approvals = [name for name, step in STEPS.items() if step.is_approval]
    return AgreementEvent.objects.filter(agreement_id=agreement.pk, actor_id=actor.pk, action__in=approvals).exists()


def allowed_actions(*, agreement: Agreement, actor) -> list[str]:
    actions = ["approve_home_agency", "approve_home_state", "approve_host_state", "decline", "schedule"]
    actions += ["deliver", "close", "withdraw", "cancel"]
    return [action for action in actions if refusal(agreement=agreement, actor=actor, action=action) is None]


def _missing_reports(agreement: Agreement) -> str | None:
    if not HostReport.objects.filter(agreement_id=agreement.pk).exists():
        return _("The host's report is required before closing.")
    if not InstructorReport.objects.filter(agreement_id=agreement.pk).exists():
        return _("The instructor's report is required before closing.")
    return None


def _transition(
    *, agreement: Agreement, actor, action: str, reason: str = "", changes: dict | None = None
) -> Agreement:
    """Take one step under a row lock, then move the stage with a conditional update, so that two
    people taking the same step at the same time do not both pass."""
    reason = (reason or "").strip()
    with transaction.atomic():
        locked = Agreement.objects.select_for_update().select_related("instructor").get(pk=agreement.pk)
        step = _step_for(action, locked.stage)
        if locked.stage != agreement.stage or locked.stage not in step.from_stages:
            raise TransitionConflict(
                _("This agreement has moved on: it is now “%(stage)s”.") % {"stage": locked.get_stage_display()}
            )
        why_not = refusal(agreement=locked, actor=actor, action=action)
        if why_not:
            raise PermissionDenied(why_not)
        if step.reason_required and not reason:
            raise ValidationError({"reason": _("Give a reason.")})
        values = {"stage": step.to_stage, "updated_at": timezone.now(), **(changes or {})}
        moved = Agreement.objects.filter(pk=locked.pk, stage=locked.stage).update(**values)
        if moved != 1:
            raise TransitionConflict(_("Someone else took this step first."))
        AgreementEvent.objects.create(
            agreement=locked, action=action, from_stage=locked.stage, to_stage=step.to_stage, actor=actor, reason=reason
        )
        locked.refresh_from_db()
        notify_next(locked, actor=actor, reason=reason)
    agreement.refresh_from_db()  # the caller's object follows the step it took
    return locked


def agreement_transition(*, agreement: Agreement, actor, action: str, reason: str = "") -> Agreement:
    """Approve, decline, mark delivered, close, withdraw or cancel."""
    if action in ("schedule",):
        raise ValidationError(_("Use the scheduling form to schedule an agreement."))
    return _transition(agreement=agreement, actor=actor, action=action, reason=reason)


def agreement_schedule(
    *,
    agreement: Agreement,
    actor,
    start_date: datetime.date,
    end_date: datetime.date,
    daily_start: datetime.time,
    daily_end: datetime.time,
    time_zone,
    location: str,
) -> Agreement:
    """Fix the dates, daily hours, time zone and place; the calendar file follows from these."""
    errors = {}
    if start_date and end_date and end_date < start_date:
        errors["end_date"] = _("The last day must not be before the first day.")
    if daily_start and daily_end and daily_end <= daily_start:
        errors["daily_end"] = _("The daily end time must be after the start time.")
    if not (location or "").strip():
        errors["location"] = _("Say where it takes place (or the link for a virtual session).")
    if len(location or "") > 300:
        errors["location"] = _("Keep the place under 300 characters.")
    time_zone = str(time_zone or "")  # a name, or the ZoneInfo the form gives
    try:
        validate_timezone(time_zone)
    except ValidationError as error:
        errors["time_zone"] = error.messages
    if not (start_date and end_date and daily_start and daily_end):
        errors.setdefault("start_date", _("Give the dates and the daily hours."))
    if errors:
        raise ValidationError(errors)
    changes = {
        "start_date": start_date,
        "end_date": end_date,
        "daily_start": daily_start,
        "daily_end": daily_end,
        "time_zone": time_zone,
        "location": location.strip(),
    }
    return _transition(agreement=agreement, actor=actor, action="schedule", changes=changes)
