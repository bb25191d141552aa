"""Source records for monitoring tests, written directly into the other apps' models (their own
rules are tested in their suites): completions, delivered exchanges with participant counts,
verified instructors."""

from __future__ import annotations

import datetime

from django.utils import timezone

from accounts.models import Agency, Gender
from courses.models import EnrolmentStatus
from instructors.models import Agreement, InstructorProfile, ParticipantCount, Stage
from tests.accounts.factories import AgencyFactory, UserFactory, official
from tests.courses.factories import CoursePageFactory, EnrolmentFactory

UTC = datetime.UTC


def at(text: str) -> datetime.datetime:
    """'2026-06-30 23:59' in UTC."""
    return datetime.datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=UTC)


def course(state, **kwargs):
    return CoursePageFactory(state=state, **kwargs)


def completion(*, learner, course, when: datetime.datetime):
    return EnrolmentFactory(user=learner, course=course, status=EnrolmentStatus.COMPLETED, completed_at=when)


def learner(state, *, gender: str = Gender.UNDISCLOSED, agency: Agency | None = None, kind: str = "police"):
    agency = agency or AgencyFactory(state=state, kind=kind)
    return official(state, agency=agency, gender=gender)


def instructor(
    state, *, gender: str = Gender.FEMALE, disciplines=("police",), verified: datetime.datetime | None = None
):
    agency = AgencyFactory(state=state, kind="police")
    user = official(state, agency=agency, gender=gender)
    return InstructorProfile.objects.create(
        user=user,
        agency=agency,
        state=state,
        disciplines=list(disciplines),
        formats=["in_person"],
        verified_at=verified or timezone.now(),
    )


def exchange(
    *,
    instructor: InstructorProfile,
    host_state,
    host_kind: str = "prison",
    end: datetime.date,
    participants: dict[str, int],
    hours: int = 10,
    stage: str = Stage.REPORTED,
    discipline: str = "prison",
) -> Agreement:
    host_agency = AgencyFactory(state=host_state, kind=host_kind)
    agreement = Agreement.objects.create(
        instructor=instructor,
        home_agency=instructor.agency,
        home_state=instructor.state,
        host_agency=host_agency,
        host_state=host_state,
        proposed_by=UserFactory(),
        title="Exchange",
        terms="Terms",
        language="es",
        discipline=discipline,
        format="in_person",
        planned_start=end - datetime.timedelta(days=4),
        planned_end=end,
        start_date=end - datetime.timedelta(days=4),
        end_date=end,
        participants_expected=sum(participants.values()) or 1,
        hours=hours,
        cost_sharing="host_pays",
        stage=stage,
    )
    for gender, count in participants.items():
        ParticipantCount.objects.create(agreement=agreement, gender=gender, role="officer", count=count)
    return agreement
