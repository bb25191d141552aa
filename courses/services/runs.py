"""Runs (cohorts) of a course: the self-paced run, seats, capacity and the waiting list."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    SEAT_STATUSES,
    CoursePage,
    CourseRun,
    Enrolment,
    EnrolmentStatus,
)
from . import records
from .notices import _notify_enrolment


def self_paced_run(*, course: CoursePage) -> CourseRun:
    """The one always-open run of a self-paced course (made on first use)."""
    run = CourseRun.objects.filter(course=course, self_paced=True).first()
    if run is not None:
        return run
    try:
        with transaction.atomic():
            return CourseRun.objects.create(course=course, title=_("Self-paced"), self_paced=True)
    except IntegrityError:
        return CourseRun.objects.get(course=course, self_paced=True)


def _seat_status(run: CourseRun) -> str:
    """Lock the run, then say whether a new learner gets a seat or the waiting list.

    The row lock serialises concurrent enrolments in one run on PostgreSQL: the second of two
    officers taking the last seat waits for the first to commit and then sees the seat taken."""
    run = CourseRun.objects.select_for_update().get(pk=run.pk)
    if run.capacity is None:
        return EnrolmentStatus.ACTIVE
    taken = Enrolment.objects.filter(run=run, status__in=SEAT_STATUSES).count()
    return EnrolmentStatus.ACTIVE if taken < run.capacity else EnrolmentStatus.WAITLISTED


@transaction.atomic
def waitlist_promote(*, run: CourseRun) -> list[Enrolment]:
    """Give freed seats to the waiting list, first come first served."""
    run = CourseRun.objects.select_for_update().get(pk=run.pk)
    promoted = []
    while True:
        if run.capacity is not None:
            taken = Enrolment.objects.filter(run=run, status__in=SEAT_STATUSES).count()
            if taken >= run.capacity:
                break
        nxt = (
            Enrolment.objects.select_for_update()
            .filter(run=run, status=EnrolmentStatus.WAITLISTED)
            .order_by("created_at", "pk")
            .first()
        )
        if nxt is None:
            break
        nxt.status, nxt.activated_at = EnrolmentStatus.ACTIVE, timezone.now()
        nxt.save(update_fields=["status", "activated_at"])
        _notify_enrolment(nxt)
        records.registered(nxt)
        promoted.append(nxt)
    return promoted


@transaction.atomic
def run_update_capacity(*, run: CourseRun, capacity: int | None) -> CourseRun:
    run = CourseRun.objects.select_for_update().get(pk=run.pk)
    run.capacity = capacity
    run.full_clean()
    run.save(update_fields=["capacity"])
    waitlist_promote(run=run)
    return run
