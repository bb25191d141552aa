"""Reads for training activities, each with a fixed number of queries whatever the data."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from lms import measures

from . import access
from .models import Activity, Attendance, Evaluation, Nomination, NominationStatus, Session, Status


def visible_activities(user):
    return Activity.objects.filter(access.visible_q(user)).select_related("state", "agency")


def _with_seats(qs):
    return qs.annotate(
        accepted_count=Count("nominations", filter=Q(nominations__status=NominationStatus.ACCEPTED)),
        waiting_count=Count("nominations", filter=Q(nominations__status=NominationStatus.WAITLISTED)),
    )


def activity_list(user, *, scope: str = "", past: bool = False) -> list[Activity]:
    """Visible activities, upcoming (or past) first to come, with their seat counts: one query."""
    now = timezone.now()
    qs = visible_activities(user)
    qs = qs.filter(ends_at__lt=now).order_by("-starts_at", "-pk") if past else qs.filter(ends_at__gte=now)
    if scope:
        qs = qs.filter(scope=scope)
    return list(_with_seats(qs)[:200])


@dataclass
class NominationRow:
    nomination: Nomination
    name: str
    can_decide: bool
    can_withdraw: bool
    attended: int = 0
    certificate: str = ""


@dataclass
class Detail:
    activity: Activity
    sessions: list[Session]
    measures: dict[str, str]
    accepted: int
    waiting: int
    rows: list[NominationRow]
    mine: Nomination | None
    organiser: bool
    nominees: list = field(default_factory=list)
    evaluated: bool = False
    evaluation_count: int = 0

    @property
    def seats_left(self) -> int:
        return max(self.activity.capacity - self.accepted, 0)


def activity_detail(user, activity: Activity) -> Detail:
    """The activity page: sessions, seats, the nominations the reader may see (with attendance and
    certificates for the organiser), the reader's own nomination and whom they may nominate."""
    from accounts import access as accounts_access
    from accounts.api import officials_of
    from courses.api import attendance_certificate_codes

    organiser = access.can_organise(user, activity)
    sessions = list(activity.sessions.all())
    counts = dict(
        Nomination.objects.filter(activity=activity)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    nominations = Nomination.objects.filter(activity=activity).select_related(
        "official", "official__profile", "nominated_by", "activity", "state"
    )
    if not organiser:
        nominations = nominations.filter(access.nominations_q(user))
    nominations = list(nominations.order_by("status", "created_at", "pk"))
    attended = {}
    certificates = {}
    if organiser and nominations:
        attended = dict(
            Attendance.objects.filter(nomination__activity=activity, present=True)
            .values_list("nomination_id")
            .annotate(n=Count("pk"))
            .values_list("nomination_id", "n")
        )
    if nominations:
        certificates = attendance_certificate_codes(
            activity_ref=activity.certificate_ref, user_ids=[n.official_id for n in nominations]
        )
    for n in nominations:
        n.activity = activity
    rows = [
        NominationRow(
            nomination=n,
            name=n.official.profile.name if hasattr(n.official, "profile") else n.official.get_username(),
            can_decide=access.can_decide(user, n),
            can_withdraw=access.can_withdraw(user, n),
            attended=attended.get(n.pk, 0),
            certificate=certificates.get(n.official_id, ""),
        )
        for n in nominations
    ]
    uid = getattr(user, "pk", None)
    mine = next((n for n in nominations if n.official_id == uid and n.status != NominationStatus.WITHDRAWN), None)
    nominees = []
    if access.may_nominate_for(user, activity):
        viewer = accounts_access.viewer_for(user)
        taken = {
            n.official_id
            for n in nominations
            if n.status in (NominationStatus.NOMINATED, NominationStatus.ACCEPTED, NominationStatus.WAITLISTED)
        }
        nominees = [
            person
            for person in officials_of(agency_ids=viewer.manager_agencies, state_ids=viewer.coordinator_states)
            if person.pk not in taken and access.state_in_scope(activity, person.profile.verified_state)
        ]
    evaluated = mine is not None and Evaluation.objects.filter(nomination=mine).exists()
    evaluation_count = Evaluation.objects.filter(nomination__activity=activity).count() if organiser else 0
    return Detail(
        activity=activity,
        sessions=sessions,
        measures=measures.labels(activity.measure_codes or []),
        accepted=counts.get(NominationStatus.ACCEPTED, 0),
        waiting=counts.get(NominationStatus.WAITLISTED, 0),
        rows=rows,
        mine=mine,
        organiser=organiser,
        nominees=nominees,
        evaluated=evaluated,
        evaluation_count=evaluation_count,
    )


def attendance_sheet(activity: Activity, session: Session) -> list[tuple[Nomination, bool]]:
    accepted = list(
        Nomination.objects.filter(activity=activity, status=NominationStatus.ACCEPTED)
        .select_related("official", "official__profile")
        .order_by("official__last_name", "pk")
    )
    present = set(Attendance.objects.filter(session=session, present=True).values_list("nomination_id", flat=True))
    return [(n, n.pk in present) for n in accepted]


# --- Calendar --------------------------------------------------------------------------------------


@dataclass
class Month:
    year: int
    month: int
    weeks: list[list[tuple[datetime.date | None, list[Activity]]]]
    previous: str
    next: str
    header: list[datetime.date] = field(default_factory=list)


def calendar_month(user, *, year: int, month: int, tz) -> Month:
    """The visible activities of a month in the reader's time zone, laid out by weeks: one query."""
    first = datetime.datetime(year, month, 1, tzinfo=tz)
    last_day = calendar.monthrange(year, month)[1]
    end = first + datetime.timedelta(days=last_day)
    activities = list(
        visible_activities(user).filter(starts_at__lt=end, ends_at__gte=first).exclude(status=Status.CANCELLED)
    )
    by_day: dict[datetime.date, list[Activity]] = {}
    for activity in activities:
        day = max(activity.starts_at.astimezone(tz).date(), first.date())
        stop = min(activity.ends_at.astimezone(tz).date(), (end - datetime.timedelta(days=1)).date())
        while day <= stop:
            by_day.setdefault(day, []).append(activity)
            day += datetime.timedelta(days=1)
    weeks = []
    dates = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    for week in dates:
        weeks.append([(d if d.month == month else None, by_day.get(d, []) if d.month == month else []) for d in week])
    prev_year, prev_month = (year, month - 1) if month > 1 else (year - 1, 12)
    next_year, next_month = (year, month + 1) if month < 12 else (year + 1, 1)
    return Month(
        year=year,
        month=month,
        weeks=weeks,
        previous=f"{prev_year:04d}-{prev_month:02d}",
        next=f"{next_year:04d}-{next_month:02d}",
        header=dates[0],
    )


def feed_activities(user) -> list[Activity]:
    """What a reader's calendar file lists: visible activities from 90 days back, with sessions: two queries."""
    since = timezone.now() - datetime.timedelta(days=90)
    return list(visible_activities(user).filter(ends_at__gte=since).prefetch_related("sessions")[:500])


# --- Facts for monitoring and the plan -------------------------------------------------------------


def attendance_facts(*, state_id: int | None = None) -> list[dict]:
    """Participants who attended at least one session, per participant's state, UTC quarter of the
    activity's start, the activity's discipline and scope, and the participant's gender:
    rows ``{"state_id", "quarter", "discipline", "scope", "gender", "participants"}``. Counts only,
    never people; one query."""
    from django.db.models.functions import TruncQuarter

    from lms.periods import quarter_of

    qs = Nomination.objects.filter(attendance__present=True)
    if state_id is not None:
        qs = qs.filter(state_id=state_id)
    rows = (
        qs.annotate(q=TruncQuarter("activity__starts_at", tzinfo=datetime.UTC))
        .values("state_id", "q", "activity__discipline", "activity__scope", "official__profile__gender")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    return [
        {
            "state_id": r["state_id"],
            "quarter": quarter_of(r["q"]),
            "discipline": r["activity__discipline"] or "",
            "scope": r["activity__scope"] or "",
            "gender": r["official__profile__gender"] or "",
            "participants": r["n"],
        }
        for r in rows
    ]


def attendance_totals(*, state_id: int, start: datetime.date | None = None, end: datetime.date | None = None) -> dict:
    """For a state's report: activities its officials attended and participants, in a period
    (dates of the activities' start, end exclusive): one query."""
    qs = Nomination.objects.filter(state_id=state_id, attendance__present=True)
    if start is not None:
        qs = qs.filter(activity__starts_at__date__gte=start)
    if end is not None:
        qs = qs.filter(activity__starts_at__date__lt=end)
    figures = qs.aggregate(activities=Count("activity", distinct=True), participants=Count("pk", distinct=True))
    return {"activities": figures["activities"] or 0, "participants": figures["participants"] or 0}
