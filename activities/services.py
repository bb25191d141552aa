"""Writes for training activities: the activity and its sessions, nominations with capacity and the
waiting list, attendance, attendance certificates (through ``courses.api``), evaluations and the
reader's calendar address.

Every service is keyword-only, checks access itself, validates before it writes, and raises a
translated ``PermissionDenied`` (403) or ``ValidationError`` (400; ``code="conflict"`` for 409)
without leaving anything half-written.

Seats (decision 0108): every path that gives a seat (accepting a nomination, promoting from the
waiting list, a larger capacity) locks the activity row first (``SELECT … FOR UPDATE``), then counts
the accepted nominations, then writes; the second of two organisers taking the last seat waits for
the first to commit and sees it taken, so that nomination goes to the waiting list.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_noop as N_

from accounts.api import notify, profile_of
from lms import measures

from . import access
from .models import (
    LIVE_STATUSES,
    Activity,
    Attendance,
    CalendarFeed,
    Evaluation,
    Nomination,
    NominationStatus,
    OrganiserKind,
    Session,
    Status,
    calendar_token,
)

CONFLICT = "conflict"


def _conflict(message: str) -> ValidationError:
    return ValidationError(message, code=CONFLICT)


# --- Activities and sessions -----------------------------------------------------------------------


def _check_links(activity: Activity) -> None:
    from django.conf import settings

    errors = {}
    codes = [str(code) for code in (activity.measure_codes or [])]
    unknown = measures.unknown(codes)
    if unknown:
        errors["measure_codes"] = _("These measures are not in the plan: %(codes)s") % {"codes": ", ".join(unknown)}
    languages = [str(code) for code in (activity.languages or [])]
    known = {code for code, _name in settings.LANGUAGES}
    if not languages or set(languages) - known:
        errors["languages"] = _("Choose at least one of the platform's languages.")
    if activity.organiser_kind == OrganiserKind.PARTNER and not activity.partner_name.strip():
        errors["partner_name"] = _("Name the partner organisation.")
    if activity.organiser_kind == OrganiserKind.AGENCY:
        if activity.agency_id is None:
            errors["agency"] = _("Choose the organising agency.")
        elif activity.agency.state_id != activity.state_id:
            errors["agency"] = _("The organising agency must belong to the host state.")
    if not activity.venue.strip() and not activity.online_url:
        errors["venue"] = _("Give a venue or an online link.")
    if activity.starts_at and activity.ends_at and activity.ends_at < activity.starts_at:
        errors["ends_at"] = _("The activity cannot end before it starts.")
    if errors:
        raise ValidationError(errors)
    activity.measure_codes, activity.languages = sorted(set(codes)), languages


@transaction.atomic
def activity_create(*, creator, **fields) -> Activity:
    activity = Activity(created_by=creator, **fields)
    if not access.can_create(
        creator, organiser_kind=activity.organiser_kind, state_id=activity.state_id, agency=activity.agency
    ):
        raise PermissionDenied(_("You may not organise an activity for this organiser."))
    if activity.organiser_kind != OrganiserKind.AGENCY:
        activity.agency = None
    if activity.organiser_kind != OrganiserKind.PARTNER:
        activity.partner_name = ""
    _check_links(activity)
    activity.full_clean()
    activity.save()
    return activity


@transaction.atomic
def activity_cancel(*, actor, activity: Activity) -> Activity:
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if not access.can_organise(actor, activity):
        raise PermissionDenied(_("Only the organiser may cancel this activity."))
    if activity.status == Status.CANCELLED:
        raise _conflict(_("This activity is already cancelled."))
    activity.status = Status.CANCELLED
    activity.save(update_fields=["status"])
    live = list(Nomination.objects.filter(activity=activity, status__in=LIVE_STATUSES).select_related("official"))
    Nomination.objects.filter(pk__in=[n.pk for n in live]).update(status=NominationStatus.WITHDRAWN)
    _tell(
        [n.official for n in live],
        activity,
        kind="activities.cancelled",
        subject=gettext_lazy("Activity cancelled"),
        body=N_("“%(title)s” has been cancelled."),
    )
    return activity


@transaction.atomic
def activity_close_nominations(*, actor, activity: Activity) -> Activity:
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if not access.can_organise(actor, activity):
        raise PermissionDenied(_("Only the organiser may close nominations."))
    if activity.status != Status.OPEN:
        raise _conflict(_("Nominations are not open."))
    activity.status = Status.CLOSED
    activity.save(update_fields=["status"])
    return activity


@transaction.atomic
def session_add(*, actor, activity: Activity, title: str, starts_at, ends_at) -> Session:
    if not access.can_organise(actor, activity):
        raise PermissionDenied(_("Only the organiser may add sessions."))
    session = Session(activity=activity, title=(title or "").strip()[:200], starts_at=starts_at, ends_at=ends_at)
    if starts_at and ends_at and ends_at <= starts_at:
        raise ValidationError({"ends_at": _("A session must end after it starts.")})
    session.full_clean()
    session.save()
    return session


@transaction.atomic
def capacity_update(*, actor, activity: Activity, capacity: int) -> Activity:
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if not access.can_organise(actor, activity):
        raise PermissionDenied(_("Only the organiser may change the capacity."))
    taken = Nomination.objects.filter(activity=activity, status=NominationStatus.ACCEPTED).count()
    if capacity < taken:
        raise _conflict(
            _("%(taken)s participants are already accepted; the capacity cannot be lower.") % {"taken": taken}
        )
    activity.capacity = capacity
    activity.full_clean()
    activity.save(update_fields=["capacity"])
    _promote(activity)
    return activity


# --- Nominations -----------------------------------------------------------------------------------


@transaction.atomic
def nominate(*, nominator, activity: Activity, official, note: str = "") -> Nomination:
    """Put an official forward. Refused (403, nothing written) unless the nominator manages the
    official's agency or coordinates the official's state, and that state is in the activity's scope."""
    profile = profile_of(official.pk) if official is not None else None
    state = profile.verified_state if profile is not None else None
    if official is None or not official.is_active or state is None:
        raise ValidationError(_("Only verified officials can be nominated."))
    if not access.can_nominate(nominator, activity, official_state=state, official_agency_id=profile.agency_id):
        if activity.status != Status.OPEN:
            raise _conflict(_("Nominations to this activity are closed."))
        raise PermissionDenied(
            _("You may nominate only officials of your own agency or state, to activities open to that state.")
        )
    if not access.can_view_activity(official, activity):
        raise PermissionDenied(_("This official may not see this activity."))
    nomination = Nomination(
        activity=activity,
        official=official,
        state=state,
        agency_id=profile.agency_id if profile.agency and profile.agency.state_id == state.pk else None,
        nominated_by=nominator,
        note=(note or "").strip()[:500],
    )
    try:
        with transaction.atomic():
            nomination.save()
    except IntegrityError:
        raise _conflict(_("This official is already nominated to this activity.")) from None
    organisers = _organisers(activity)
    _tell(
        organisers,
        activity,
        kind="activities.nominated",
        subject=gettext_lazy("A new nomination"),
        body=N_("A new nomination to “%(title)s” waits for your decision."),
    )
    _tell(
        [official],
        activity,
        kind="activities.nominated",
        subject=gettext_lazy("You have been nominated"),
        body=N_("You have been nominated to “%(title)s”."),
    )
    return nomination


def _seat_free(activity: Activity) -> bool:
    """Call with the activity row locked."""
    taken = Nomination.objects.filter(activity=activity, status=NominationStatus.ACCEPTED).count()
    return taken < activity.capacity


@transaction.atomic
def nomination_decide(*, actor, nomination: Nomination, accept: bool) -> Nomination:
    """Accept (a seat within capacity, else the waiting list) or decline a nomination."""
    activity = Activity.objects.select_for_update().get(pk=nomination.activity_id)
    nomination = Nomination.objects.select_for_update().select_related("official").get(pk=nomination.pk)
    nomination.activity = activity
    if not access.can_decide(actor, nomination):
        raise PermissionDenied(_("Only the organiser decides nominations, and never their own or one of themselves."))
    if activity.status == Status.CANCELLED:
        raise _conflict(_("This activity is cancelled."))
    allowed = (NominationStatus.NOMINATED,) if accept else (NominationStatus.NOMINATED, NominationStatus.WAITLISTED)
    if nomination.status not in allowed:
        raise _conflict(_("This nomination has already been decided."))
    now = timezone.now()
    if accept:
        nomination.status = NominationStatus.ACCEPTED if _seat_free(activity) else NominationStatus.WAITLISTED
        nomination.accepted_at = now
    else:
        nomination.status = NominationStatus.DECLINED
    nomination.decided_by, nomination.decided_at = actor, now
    nomination.save(update_fields=["status", "accepted_at", "decided_by", "decided_at"])
    _tell_status(nomination)
    return nomination


@transaction.atomic
def nomination_withdraw(*, actor, nomination: Nomination) -> Nomination:
    activity = Activity.objects.select_for_update().get(pk=nomination.activity_id)
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    nomination.activity = activity
    if not access.can_withdraw(actor, nomination):
        if nomination.status not in LIVE_STATUSES:
            raise _conflict(_("This nomination is no longer current."))
        raise PermissionDenied(_("You may not withdraw this nomination."))
    held_seat = nomination.status == NominationStatus.ACCEPTED
    nomination.status = NominationStatus.WITHDRAWN
    nomination.save(update_fields=["status"])
    if held_seat:
        _promote(activity)
    return nomination


def _promote(activity: Activity) -> list[Nomination]:
    """Give freed seats to the waiting list, in the order the organiser accepted them. Call with the
    activity row locked."""
    promoted = []
    while _seat_free(activity):
        nxt = (
            Nomination.objects.select_for_update()
            .select_related("official")
            .filter(activity=activity, status=NominationStatus.WAITLISTED)
            .order_by("accepted_at", "pk")
            .first()
        )
        if nxt is None:
            break
        nxt.status = NominationStatus.ACCEPTED
        nxt.save(update_fields=["status"])
        nxt.activity = activity
        _tell_status(nxt)
        promoted.append(nxt)
    return promoted


# --- Attendance, certificates, evaluation ----------------------------------------------------------


@transaction.atomic
def attendance_record(*, actor, session: Session, present_ids) -> int:
    """Record who attended a session: every accepted participant, present or not. Returns how many
    were present."""
    activity = session.activity
    if not access.can_organise(actor, activity):
        raise PermissionDenied(_("Only the organiser records attendance."))
    accepted = list(
        Nomination.objects.filter(activity=activity, status=NominationStatus.ACCEPTED).values_list("pk", flat=True)
    )
    present = {int(pk) for pk in present_ids}
    strangers = present - set(accepted)
    if strangers:
        raise ValidationError(_("Attendance can be recorded only for accepted participants."))
    now = timezone.now()
    for pk in accepted:
        Attendance.objects.update_or_create(
            session=session,
            nomination_id=pk,
            defaults={"present": pk in present, "recorded_by": actor, "recorded_at": now},
        )
    return len(present)


def attended_hours(nomination: Nomination, sessions: list[Session]):
    from decimal import Decimal

    present = set(Attendance.objects.filter(nomination=nomination, present=True).values_list("session_id", flat=True))
    return sum((s.hours for s in sessions if s.pk in present), Decimal("0"))


def certificates_issue(*, actor, activity: Activity) -> list[str]:
    """Issue an attendance certificate to every accepted participant present at least once, for the
    hours they attended (at most the activity's hours). Idempotent: a participant keeps one
    certificate per activity. Returns the verification codes issued or found."""
    from courses.api import issue_attendance_certificate

    if not access.can_organise(actor, activity):
        raise PermissionDenied(_("Only the organiser issues certificates."))
    if activity.status == Status.CANCELLED:
        raise _conflict(_("This activity is cancelled."))
    sessions = list(activity.sessions.all())
    if not sessions or activity.ends_at > timezone.now() and sessions[-1].ends_at > timezone.now():
        raise _conflict(_("Certificates are issued after the last session."))
    issuer = activity.agency.name if activity.agency else (activity.partner_name or "")
    codes = []
    for nomination in Nomination.objects.filter(activity=activity, status=NominationStatus.ACCEPTED).select_related(
        "official"
    ):
        hours = min(attended_hours(nomination, sessions), activity.hours)
        if hours <= 0:
            continue
        code = issue_attendance_certificate(
            user=nomination.official,
            activity_ref=activity.certificate_ref,
            title=activity.title,
            hours=hours,
            issuer_state_id=activity.state_id,
            issuer_agency=issuer,
            issued_at=sessions[-1].ends_at,
            url=reverse("activities:detail", args=[activity.pk]),
        )
        codes.append(code)
    return codes


@transaction.atomic
def evaluation_submit(*, user, nomination: Nomination, overall: int, relevance: int, organisation: int, comments=""):
    if not access.can_evaluate(user, nomination):
        raise PermissionDenied(_("Only accepted participants evaluate an activity."))
    first = nomination.activity.sessions.order_by("starts_at").first()
    if first is None or first.starts_at > timezone.now():
        raise _conflict(_("The evaluation opens once the activity has begun."))
    evaluation = Evaluation(
        nomination=nomination,
        overall=overall,
        relevance=relevance,
        organisation=organisation,
        comments=(comments or "").strip()[:3000],
    )
    evaluation.full_clean(exclude=["nomination"])
    try:
        with transaction.atomic():
            evaluation.save()
    except IntegrityError:
        raise _conflict(_("You have already evaluated this activity.")) from None
    return evaluation


# --- Calendar address ------------------------------------------------------------------------------


def calendar_feed_for(*, user) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


@transaction.atomic
def calendar_feed_rotate(*, user) -> CalendarFeed:
    """A new secret address; the old one stops working at once."""
    feed, _created = CalendarFeed.objects.select_for_update().get_or_create(user=user)
    feed.token, feed.created_at = calendar_token(), timezone.now()
    feed.save(update_fields=["token", "created_at"])
    return feed


# --- Notices ---------------------------------------------------------------------------------------


def _organisers(activity: Activity) -> list:
    from accounts.api import Role, users_with_role

    if activity.organiser_kind == OrganiserKind.AGENCY and activity.agency_id:
        people = list(users_with_role(role=Role.AGENCY_MANAGER, agency=activity.agency))
        if people:
            return people
    if activity.organiser_kind in (OrganiserKind.STATE, OrganiserKind.AGENCY):
        return list(users_with_role(role=Role.NATIONAL_COORDINATOR, state=activity.state))
    return list(users_with_role(role=Role.SECRETARIAT))


def _tell(recipients, activity: Activity, *, kind: str, subject, body: str) -> None:
    title, url = activity.title, reverse("activities:detail", args=[activity.pk])
    notify(
        recipients=recipients,
        kind=kind,
        subject=subject,
        body=lambda: _(body) % {"title": title},
        url=url,
    )


STATUS_BODIES = {
    NominationStatus.ACCEPTED: N_("Your place in “%(title)s” is confirmed."),
    NominationStatus.WAITLISTED: N_("“%(title)s” is full; you are on its waiting list."),
    NominationStatus.DECLINED: N_("Your nomination to “%(title)s” was not accepted."),
}


def _tell_status(nomination: Nomination) -> None:
    body = STATUS_BODIES.get(nomination.status)
    if body:
        _tell(
            [nomination.official, nomination.nominated_by],
            nomination.activity,
            kind=f"activities.{nomination.status}",
            subject=gettext_lazy("Your nomination"),
            body=body,
        )
