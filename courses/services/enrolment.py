"""Enrolment: by the learner, on approval, by a manager, from a CSV; withdrawal."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import access as accounts_access
from accounts.api import active_user_by_email, notify, profile_of

from .. import access, selectors
from ..models import (
    LIVE_STATUSES,
    CoursePage,
    CourseRun,
    Enrolment,
    EnrolmentPolicy,
    EnrolmentStatus,
    Pacing,
)
from . import records
from .notices import _notify_approval_request, _notify_enrolment, _url
from .runs import _seat_status, self_paced_run, waitlist_promote


def _check_run(course: CoursePage, run: CourseRun | None) -> CourseRun:
    if course.pacing == Pacing.SELF_PACED:
        return self_paced_run(course=course)
    if run is None:
        raise ValidationError({"run": _("Choose a run (cohort) of this course.")})
    if run.course_id != course.pk or run.self_paced:
        raise ValidationError({"run": _("This run belongs to another course.")})
    if not run.window_open():
        raise ValidationError({"run": _("Enrolment in this run is not open.")})
    if run.ends and run.ends < timezone.localdate():
        raise ValidationError({"run": _("This run has ended.")})
    return run


def _needs_approval(*, user, course: CoursePage, enrolled_by) -> bool:
    if course.enrolment_policy != EnrolmentPolicy.APPROVAL:
        return False
    # A manager's own enrolment of their staff is the approval.
    return enrolled_by is None or enrolled_by.pk == user.pk


@transaction.atomic
def enrolment_create(*, user, course: CoursePage, run: CourseRun | None = None, enrolled_by=None) -> Enrolment:
    """Enrol ``user`` (by themselves, or by ``enrolled_by``, their agency manager).

    Open courses enrol at once (or on the waiting list when a cohort is full); courses on approval
    wait for the learner's agency manager unless that manager enrols them."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        raise PermissionDenied(_("Sign in to enrol."))
    course = CoursePage.objects.get(pk=course.pk)  # fresh: live state and policy as of now
    if not access.course_can_view(user, course):
        raise PermissionDenied(_("This course is not open to you."))
    if enrolled_by is not None and enrolled_by.pk != user.pk and not _manages(enrolled_by, user):
        raise PermissionDenied(_("Only the agency's training manager can enrol this person."))
    run = _check_run(course, run)
    if Enrolment.objects.filter(user=user, course=course, status__in=LIVE_STATUSES).exists():
        raise ValidationError(_("Already enrolled in this course (or waiting)."), code="conflict")
    if _needs_approval(user=user, course=course, enrolled_by=enrolled_by):
        if not selectors.agency_managers_of(user):
            raise ValidationError(
                _("This course needs your agency manager's approval, and your agency has no training manager yet."),
                code="no_manager",
            )
        status = EnrolmentStatus.PENDING
    else:
        status = _seat_status(run)
    now = timezone.now()
    enrolment = Enrolment(
        user=user,
        course=course,
        run=run,
        status=status,
        enrolled_by=enrolled_by,
        activated_at=now if status == EnrolmentStatus.ACTIVE else None,
    )
    if enrolled_by is not None and enrolled_by.pk != user.pk and course.enrolment_policy == EnrolmentPolicy.APPROVAL:
        enrolment.decided_by, enrolment.decided_at = enrolled_by, now
    enrolment.full_clean(exclude=["user", "course", "run"])
    try:
        with transaction.atomic():
            enrolment.save()
    except IntegrityError:
        raise ValidationError(_("Already enrolled in this course (or waiting)."), code="conflict")
    _notify_enrolment(enrolment)
    if status == EnrolmentStatus.PENDING:
        _notify_approval_request(enrolment)
    if status == EnrolmentStatus.ACTIVE:
        records.registered(enrolment)
    return enrolment


def _manages(manager, staff) -> bool:
    profile = profile_of(staff.pk)
    return bool(profile and profile.agency and accounts_access.can_manage_agency(manager, profile.agency))


@transaction.atomic
def enrolment_decide(*, decider, enrolment: Enrolment, approve: bool, reason: str = "") -> Enrolment:
    enrolment = Enrolment.objects.select_for_update().select_related("course", "run").get(pk=enrolment.pk)
    if enrolment.user_id == decider.pk:
        # Separation of duties: a manager, coordinator or secretariat member enrolled in a course
        # on approval waits for someone else's decision like any learner.
        raise PermissionDenied(_("You cannot decide your own enrolment."))
    if not access.can_decide_enrolment(decider, enrolment):
        raise PermissionDenied(_("Only the learner's agency training manager can decide this."))
    if enrolment.status != EnrolmentStatus.PENDING:
        raise ValidationError(_("This enrolment has already been decided."), code="conflict")
    if not approve and not reason.strip():
        raise ValidationError({"reason": _("Give a reason when you reject an enrolment.")})
    now = timezone.now()
    enrolment.decided_by, enrolment.decided_at, enrolment.decision_reason = decider, now, reason.strip()
    if approve:
        enrolment.status = _seat_status(enrolment.run)
        if enrolment.status == EnrolmentStatus.ACTIVE:
            enrolment.activated_at = now
    else:
        enrolment.status = EnrolmentStatus.REJECTED
    enrolment.save()
    if enrolment.status == EnrolmentStatus.ACTIVE:
        records.registered(enrolment)
    title = enrolment.course.title
    if approve:
        notify(
            recipients=[enrolment.user],
            kind="courses.enrolment.approved",
            subject=gettext_lazy("Your enrolment was approved"),
            body=lambda: _("Your enrolment in “%(course)s” was approved.") % {"course": title},
            url=_url(enrolment.course.url or ""),
            dedupe_key=f"courses:enrolment:{enrolment.pk}:approved",
        )
    else:
        notify(
            recipients=[enrolment.user],
            kind="courses.enrolment.rejected",
            subject=gettext_lazy("Your enrolment was not approved"),
            body=lambda: (
                _("Your enrolment in “%(course)s” was not approved: %(reason)s") % {"course": title, "reason": reason}
            ),
            url=_url(enrolment.course.url or ""),
            dedupe_key=f"courses:enrolment:{enrolment.pk}:rejected",
        )
    return enrolment


@transaction.atomic
def enrolment_withdraw(*, user, enrolment: Enrolment) -> Enrolment:
    """The learner leaves (or their manager withdraws them); a freed seat goes to the waiting list."""
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.user_id != user.pk and not access.can_decide_enrolment(user, enrolment):
        raise PermissionDenied(_("You cannot withdraw this enrolment."))
    if enrolment.status not in (EnrolmentStatus.PENDING, EnrolmentStatus.ACTIVE, EnrolmentStatus.WAITLISTED):
        raise ValidationError(_("This enrolment cannot be withdrawn."), code="conflict")
    held_seat = enrolment.status == EnrolmentStatus.ACTIVE
    enrolment.status = EnrolmentStatus.WITHDRAWN
    enrolment.save(update_fields=["status"])
    if held_seat:
        waitlist_promote(run=enrolment.run)
    return enrolment


# --- Bulk enrolment by a manager -------------------------------------------------------------------


@dataclass
class BulkReport:
    enrolled: list[tuple[int, str, str]] = field(default_factory=list)  # (line, e-mail, status label)
    refused: list[tuple[int, str, str]] = field(default_factory=list)  # (line, value, reason)


MAX_CSV_BYTES = 512 * 1024
MAX_CSV_ROWS = 2000


def enrolments_from_csv(*, manager, course: CoursePage, run: CourseRun | None, data: bytes | str) -> BulkReport:
    """Enrol the staff listed in a CSV (a column ``email``; a file of bare addresses works too).

    Each line is enrolled in its own transaction, so good lines are enrolled and each refused line is
    reported with its number and reason; a line is never half-written."""
    if isinstance(data, bytes):
        if len(data) > MAX_CSV_BYTES:
            raise ValidationError(_("The file is too large (at most 512 KB)."))
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(_("Save the file as UTF-8 CSV."))
    else:
        text = data
    rows = []
    reader = csv.reader(io.StringIO(text))
    try:
        for row in reader:
            rows.append(row)
            if len(rows) > MAX_CSV_ROWS + 1:
                raise ValidationError(_("At most %(n)d lines a file.") % {"n": MAX_CSV_ROWS})
    except csv.Error:
        # A field beyond the csv module's limit (131,072 characters), a NUL byte, a broken quote.
        raise ValidationError(
            _("Line %(line)d cannot be read as CSV: nothing was enrolled. Save the file as UTF-8 CSV and try again.")
            % {"line": reader.line_num}
        ) from None
    report = BulkReport()
    column, start = 0, 0
    if rows and any(cell.strip().lower() in ("email", "e-mail", "correo", "courriel") for cell in rows[0]):
        header = [cell.strip().lower() for cell in rows[0]]
        column = next(i for i, cell in enumerate(header) if cell in ("email", "e-mail", "correo", "courriel"))
        start = 1
    seen: set[str] = set()
    for index in range(start, len(rows)):
        line = index + 1
        row = rows[index]
        if not row or not any(cell.strip() for cell in row):
            continue
        email = row[column].strip().lower() if len(row) > column else ""
        if not email or "@" not in email:
            report.refused.append((line, email, _("Not an e-mail address.")))
            continue
        if email in seen:
            report.refused.append((line, email, _("Listed twice in this file.")))
            continue
        seen.add(email)
        user = active_user_by_email(email)
        if user is None:
            report.refused.append((line, email, _("No account with this e-mail address.")))
            continue
        try:
            enrolment = enrolment_create(user=user, course=course, run=run, enrolled_by=manager)
        except PermissionDenied as error:
            report.refused.append((line, email, str(error)))
        except ValidationError as error:
            report.refused.append((line, email, " ".join(error.messages)))
        else:
            report.enrolled.append((line, email, str(enrolment.get_status_display())))
    return report
