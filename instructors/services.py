"""Writes for the exchange: profiles, offers, requests, agreements and their life cycle, reports.

Every service is keyword-only, validates before it writes (``full_clean``) and raises
``ValidationError`` (bad input), ``PermissionDenied`` (not this user) or ``TransitionConflict`` (the
agreement is no longer at the step the caller saw) without changing anything."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.api import Agency, Role, notify, profile_for, users_with_role

from . import access
from .models import (
    Agreement,
    AgreementEvent,
    AgreementMessage,
    AvailabilityWindow,
    Certification,
    CostSharing,
    ExchangeRequest,
    HostReport,
    InstructorLanguage,
    InstructorProfile,
    InstructorReport,
    ListingStatus,
    Offer,
    ParticipantCount,
    Stage,
    validate_timezone,
)


class TransitionConflict(Exception):
    """The agreement moved on (another person took this step first): HTTP 409."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# --- Profiles -----------------------------------------------------------------------------------

PROFILE_FIELDS = {"disciplines", "years_experience", "formats", "travel_subregions", "bio", "accepting"}


@transaction.atomic
def profile_save(
    *,
    user,
    agency: Agency,
    topics=(),
    pages_taught=(),
    languages: dict[str, str] | None = None,
    **fields,
) -> InstructorProfile:
    """Create or update the user's own profile. Changing the home agency ends the verification."""
    unknown = set(fields) - PROFILE_FIELDS
    if unknown:
        raise ValidationError(
            _("These fields cannot be changed here: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    account = profile_for(user)
    if account is None or account.verified_state_id is None:
        raise PermissionDenied(_("Only verified officials keep an instructor profile."))
    if (account.agency_id and account.agency_id != agency.pk) or agency.state_id != account.verified_state_id:
        raise ValidationError({"agency": _("Your home agency is the agency of your account.")})
    profile = InstructorProfile.objects.filter(user=user).first() or InstructorProfile(user=user)
    if profile.pk and profile.agency_id != agency.pk:
        profile.verified_at = None
        profile.verified_by = None
    profile.agency = agency
    profile.state_id = agency.state_id
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.full_clean()
    profile.save()
    profile.topics.set(topics)
    profile.pages_taught.set(pages_taught)
    if languages is not None:
        profile.languages.all().delete()
        for code, level in languages.items():
            row = InstructorLanguage(profile=profile, language=code, level=level)
            row.full_clean(exclude=["profile"])
            row.save()
    return profile


@transaction.atomic
def profile_verify(*, profile: InstructorProfile, actor) -> InstructorProfile:
    if not access.can_verify_profile(actor, profile):
        raise PermissionDenied(_("Only the home agency's manager or the state's coordinator can verify this profile."))
    profile.verified_at = timezone.now()
    profile.verified_by = actor
    profile.save(update_fields=["verified_at", "verified_by", "updated_at"])
    notify(
        recipients=[profile.user],
        kind="exchange.profile_verified",
        subject=gettext_lazy("Your instructor profile has been verified"),
        url=_url(profile),
    )
    return profile


@transaction.atomic
def availability_add(
    *, profile: InstructorProfile, actor, starts_on: datetime.date, ends_on: datetime.date, note: str = ""
) -> AvailabilityWindow:
    if not access.can_edit_profile(actor, profile):
        raise PermissionDenied(_("You can change only your own profile."))
    window = AvailabilityWindow(profile=profile, starts_on=starts_on, ends_on=ends_on, note=note)
    window.full_clean()
    window.save()
    return window


@transaction.atomic
def availability_remove(*, window: AvailabilityWindow, actor) -> None:
    if not access.can_edit_profile(actor, window.profile):
        raise PermissionDenied(_("You can change only your own profile."))
    window.delete()


CERTIFICATION_TYPES = {
    "application/pdf": b"%PDF-",
    "image/png": b"\x89PNG\r\n\x1a\n",
    "image/jpeg": b"\xff\xd8\xff",
}
CERTIFICATION_MAX_BYTES = 5 * 1024 * 1024


def _sniff_type(upload: UploadedFile) -> str | None:
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for content_type, magic in CERTIFICATION_TYPES.items():
        if head.startswith(magic):
            return content_type
    return None


@transaction.atomic
def certification_add(
    *,
    profile: InstructorProfile,
    actor,
    title: str,
    upload: UploadedFile,
    issuer: str = "",
    issued_on: datetime.date | None = None,
) -> Certification:
    """A PDF, PNG or JPEG of at most 5 MB, recognised by its content (not by its name)."""
    if not access.can_edit_profile(actor, profile):
        raise PermissionDenied(_("You can change only your own profile."))
    if upload.size > CERTIFICATION_MAX_BYTES:
        raise ValidationError({"file": _("The file is larger than 5 MB.")})
    content_type = _sniff_type(upload)
    if content_type is None:
        raise ValidationError({"file": _("Upload a PDF, PNG or JPEG file.")})
    extension = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}[content_type]
    certification = Certification(
        profile=profile, title=title, issuer=issuer, issued_on=issued_on, content_type=content_type, size=upload.size
    )
    certification.full_clean(exclude=["file"])
    upload.name = f"certificate.{extension}"
    certification.file = upload
    certification.save()
    return certification


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
    _notify_next(agreement, actor=actor)
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
        _notify_next(locked, actor=actor, reason=reason)
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
    time_zone: str,
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


@transaction.atomic
def message_post(*, agreement: Agreement, actor, body: str) -> AgreementMessage:
    if not access.can_write_message(actor, agreement):
        raise PermissionDenied(_("Coordinators and the secretariat read this thread; the parties write in it."))
    message = AgreementMessage(agreement=agreement, author=actor, body=(body or "").strip())
    message.full_clean()
    message.save()
    recipients = _parties(agreement) - {actor.pk}
    notify(
        recipients=_users(recipients),
        kind="exchange.message",
        subject=lambda: _("New message about the exchange “%(title)s”") % {"title": agreement.title},
        body=message.body[:500],
        url=_url(agreement),
        email=False,
    )
    return message


# --- Reports --------------------------------------------------------------------------------------


def _require_report_stage(agreement: Agreement) -> Agreement:
    locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if locked.stage != Stage.DELIVERED:
        raise TransitionConflict(_("Reports are written once the exchange has been delivered."))
    return locked


def _after_report(agreement: Agreement, actor) -> Agreement:
    if (
        HostReport.objects.filter(agreement=agreement).exists()
        and InstructorReport.objects.filter(agreement=agreement).exists()
    ):
        moved = Agreement.objects.filter(pk=agreement.pk, stage=Stage.DELIVERED).update(
            stage=Stage.REPORTED, updated_at=timezone.now()
        )
        if moved:
            AgreementEvent.objects.create(
                agreement=agreement, action="report", from_stage=Stage.DELIVERED, to_stage=Stage.REPORTED, actor=actor
            )
            agreement.refresh_from_db()
            _notify_next(agreement, actor=actor)
    return agreement


@transaction.atomic
def host_report_submit(
    *,
    agreement: Agreement,
    actor,
    evaluation: int,
    instructor_rating: int,
    comments: str = "",
    participants: dict[tuple[str, str], int],
) -> HostReport:
    """``participants`` maps (gender, role) to a count; at least one participant."""
    locked = _require_report_stage(agreement)
    if not access.agreement_parties(actor, locked) & HOST_REPORT_PARTIES:
        raise PermissionDenied(_("The host agency's manager or the host state's coordinator writes this report."))
    if HostReport.objects.filter(agreement=locked).exists():
        raise TransitionConflict(_("The host's report has already been submitted."))
    rows = [
        ParticipantCount(agreement=locked, gender=gender, role=role, count=count)
        for (gender, role), count in sorted(participants.items())
        if count
    ]
    for row in rows:
        row.full_clean(exclude=["agreement"], validate_unique=False)
        if row.count < 0:
            raise ValidationError(_("Counts cannot be negative."))
    if not rows:
        raise ValidationError({"participants": _("Report at least one participant.")})
    report = HostReport(
        agreement=locked,
        submitted_by=actor,
        evaluation=evaluation,
        instructor_rating=instructor_rating,
        comments=(comments or "").strip(),
    )
    report.full_clean()
    report.save()
    ParticipantCount.objects.bulk_create(rows)
    AgreementEvent.objects.create(
        agreement=locked, action="host_report", from_stage=locked.stage, to_stage=locked.stage, actor=actor
    )
    _after_report(locked, actor)
    agreement.refresh_from_db()  # the caller's object follows the stage
    return report


@transaction.atomic
def instructor_report_submit(
    *, agreement: Agreement, actor, delivered: str, hours_delivered: int, cascading_plan: str, host_rating: int
) -> InstructorReport:
    locked = _require_report_stage(agreement)
    if access.INSTRUCTOR not in access.agreement_parties(actor, locked):
        raise PermissionDenied(_("The instructor writes this report."))
    if InstructorReport.objects.filter(agreement=locked).exists():
        raise TransitionConflict(_("The instructor's report has already been submitted."))
    report = InstructorReport(
        agreement=locked,
        submitted_by=actor,
        delivered=(delivered or "").strip(),
        hours_delivered=hours_delivered,
        cascading_plan=(cascading_plan or "").strip(),
        host_rating=host_rating,
    )
    report.full_clean()
    report.save()
    AgreementEvent.objects.create(
        agreement=locked, action="instructor_report", from_stage=locked.stage, to_stage=locked.stage, actor=actor
    )
    _after_report(locked, actor)
    agreement.refresh_from_db()  # the caller's object follows the stage
    return report


# --- Notifications --------------------------------------------------------------------------------


def _url(obj) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return obj.get_absolute_url()


def _users(ids):
    from django.contrib.auth import get_user_model

    return list(get_user_model().objects.filter(pk__in=list(ids), is_active=True))


def _manager_ids(agency_id: int) -> set[int]:
    agency = Agency(pk=agency_id)
    return set(users_with_role(role=Role.AGENCY_MANAGER, agency=agency).values_list("pk", flat=True))


def _coordinator_ids(state_id: int) -> set[int]:
    from accounts.api import MemberState

    return set(
        users_with_role(role=Role.NATIONAL_COORDINATOR, state=MemberState(pk=state_id)).values_list("pk", flat=True)
    )


def _parties(agreement: Agreement) -> set[int]:
    return (
        {agreement.instructor.user_id, agreement.proposed_by_id}
        | _manager_ids(agreement.home_agency_id)
        | _manager_ids(agreement.host_agency_id)
        | _coordinator_ids(agreement.home_state_id)
        | _coordinator_ids(agreement.host_state_id)
    )


def next_party_ids(agreement: Agreement) -> set[int]:
    """Who acts next at the agreement's stage (everyone involved once it has ended)."""
    stage = agreement.stage
    if stage == Stage.PROPOSED:
        return _manager_ids(agreement.home_agency_id) - {agreement.proposed_by_id, agreement.instructor.user_id}
    if stage == Stage.HOME_AGENCY_APPROVED:
        return _coordinator_ids(agreement.home_state_id)
    if stage == Stage.HOME_STATE_APPROVED:
        return _coordinator_ids(agreement.host_state_id)
    if stage == Stage.HOST_STATE_APPROVED:
        return _manager_ids(agreement.host_agency_id) | _coordinator_ids(agreement.host_state_id)
    if stage in (Stage.SCHEDULED, Stage.DELIVERED):
        return {agreement.instructor.user_id} | _manager_ids(agreement.host_agency_id)
    if stage == Stage.REPORTED:
        return _coordinator_ids(agreement.home_state_id) | _coordinator_ids(agreement.host_state_id)
    return _parties(agreement)


def _notify_next(agreement: Agreement, *, actor, reason: str = "") -> None:
    recipients = next_party_ids(agreement) - {actor.pk}
    if not recipients:
        return
    title = agreement.title
    stage = agreement.stage

    def subject() -> str:
        return _("Exchange “%(title)s”: %(stage)s") % {"title": title, "stage": Stage(stage).label}

    def body() -> str:
        text = _("The exchange agreement is now at the step “%(stage)s”. Open it to see what is expected of you.") % {
            "stage": Stage(stage).label
        }
        if reason:
            text += "\n\n" + _("Reason: %(reason)s") % {"reason": reason}
        return text

    notify(
        recipients=_users(recipients),
        kind=f"exchange.{stage}",
        subject=subject,
        body=body,
        url=_url(agreement),
        dedupe_key=f"exchange:{agreement.pk}:{stage}",
    )
