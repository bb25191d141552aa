"""Writes for courses: enrolment (open, on approval, by a manager, from a CSV), waiting lists,
progress, quiz attempts, H5P results, completion and certificates, and catalogue imports.

Every service is keyword-only, validates before it writes and raises a translated
``ValidationError`` (400/409) or ``PermissionDenied`` (403) without leaving anything half-written.
"""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import access as accounts_access
from accounts.api import Profile, Role, notify, users_with_role

from . import access
from .models import (
    LIVE_STATUSES,
    SEAT_STATUSES,
    ActivityResult,
    Certificate,
    CoursePage,
    CourseRun,
    Enrolment,
    EnrolmentPolicy,
    EnrolmentStatus,
    LessonPage,
    LessonProgress,
    Pacing,
    Quiz,
    QuizAttempt,
    lesson_requirements,
)

User = get_user_model()

# Seconds allowed after a quiz's deadline for the submission to travel (slow phones, networks).
QUIZ_GRACE_SECONDS = 30


def _url(path: str) -> str:
    """Notices keep site-relative links; the e-mail task makes them absolute."""
    return path or ""


# --- Runs -----------------------------------------------------------------------------------------


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


# --- Enrolment ------------------------------------------------------------------------------------


def _lessons_total(course: CoursePage) -> int:
    return LessonPage.objects.child_of(course).live().filter(required=True).count()


def _seat_status(run: CourseRun) -> str:
    """Lock the run, then say whether a new learner gets a seat or the waiting list.

    The row lock serialises concurrent enrolments in one run on PostgreSQL: the second of two
    officers taking the last seat waits for the first to commit and then sees the seat taken."""
    run = CourseRun.objects.select_for_update().get(pk=run.pk)
    if run.capacity is None:
        return EnrolmentStatus.ACTIVE
    taken = Enrolment.objects.filter(run=run, status__in=SEAT_STATUSES).count()
    return EnrolmentStatus.ACTIVE if taken < run.capacity else EnrolmentStatus.WAITLISTED


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


ENROLMENT_SUBJECTS = {
    EnrolmentStatus.ACTIVE: gettext_lazy("You are enrolled in a course"),
    EnrolmentStatus.WAITLISTED: gettext_lazy("You are on a course's waiting list"),
    EnrolmentStatus.PENDING: gettext_lazy("Your enrolment waits for approval"),
}
ENROLMENT_BODIES = {
    EnrolmentStatus.ACTIVE: gettext_lazy("You are enrolled in “%(course)s”. You can start its lessons now."),
    EnrolmentStatus.WAITLISTED: gettext_lazy("“%(course)s” is full; you will get a seat when one frees."),
    EnrolmentStatus.PENDING: gettext_lazy(
        "Your agency's training manager has been asked to approve your enrolment in “%(course)s”."
    ),
}


def _notify_enrolment(enrolment: Enrolment) -> None:
    if enrolment.status not in ENROLMENT_SUBJECTS:
        return
    template, title = ENROLMENT_BODIES[enrolment.status], enrolment.course.title

    def body() -> str:
        return str(template) % {"course": title}

    notify(
        recipients=[enrolment.user],
        kind=f"courses.enrolment.{enrolment.status}",
        subject=ENROLMENT_SUBJECTS[enrolment.status],
        body=body,
        url=_url(enrolment.course.url or ""),
        dedupe_key=f"courses:enrolment:{enrolment.pk}:{enrolment.status}",
    )


def _agency_managers(user) -> list:
    profile = Profile.objects.filter(user=user).select_related("agency").first()
    if profile is None or profile.agency is None:
        return []
    return list(users_with_role(role=Role.AGENCY_MANAGER, agency=profile.agency))


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
        if not _agency_managers(user):
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
        lessons_total=_lessons_total(course),
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
    return enrolment


def _manages(manager, staff) -> bool:
    profile = Profile.objects.select_related("agency").filter(user=staff).first()
    return bool(profile and profile.agency and accounts_access.can_manage_agency(manager, profile.agency))


def _notify_approval_request(enrolment: Enrolment) -> None:
    from django.urls import reverse

    learner = Profile.objects.filter(user=enrolment.user).first()
    name = learner.name if learner else str(enrolment.user)
    title = enrolment.course.title
    notify(
        recipients=_agency_managers(enrolment.user),
        kind="courses.enrolment.approval_request",
        subject=gettext_lazy("An enrolment waits for your approval"),
        body=lambda: _("%(name)s asks to enrol in “%(course)s”.") % {"name": name, "course": title},
        url=_url(reverse("courses:manage")),
        dedupe_key=f"courses:approval:{enrolment.pk}",
    )


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
        user = User.objects.filter(email__iexact=email, is_active=True).first()
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


# --- Progress -------------------------------------------------------------------------------------


def _course_of(lesson: LessonPage) -> CoursePage:
    return CoursePage.objects.get(pk=lesson.get_parent().pk)


def _require_lesson(user, lesson: LessonPage) -> None:
    if not access.lesson_can_view(user, lesson.pk):
        raise PermissionDenied(_("Enrol in the course to open its lessons."))


@transaction.atomic
def lesson_visit(*, user, lesson: LessonPage) -> LessonProgress:
    """Record that the learner is on this lesson (for "resume" and "last activity")."""
    _require_lesson(user, lesson)
    course = _course_of(lesson)
    now = timezone.now()
    progress, created = LessonProgress.objects.get_or_create(
        user=user, lesson=lesson, defaults={"course": course, "started_at": now, "last_seen_at": now}
    )
    if not created:
        LessonProgress.objects.filter(pk=progress.pk).update(last_seen_at=now)
    Enrolment.objects.filter(user=user, course=course, status__in=SEAT_STATUSES).update(
        last_lesson=lesson, last_activity_at=now
    )
    return progress


@transaction.atomic
def lesson_mark_done(*, user, lesson: LessonPage) -> LessonProgress:
    """The learner says they have read the lesson; it is done once its required activities are too."""
    progress = lesson_visit(user=user, lesson=lesson)
    progress = LessonProgress.objects.select_for_update().get(pk=progress.pk)
    if progress.marked_done_at is None:
        progress.marked_done_at = timezone.now()
        progress.save(update_fields=["marked_done_at"])
    lesson_evaluate(user=user, lesson=lesson)
    progress.refresh_from_db()
    return progress


def lesson_missing(*, user, lesson: LessonPage) -> dict[str, list[int]]:
    """The required quizzes and H5P activities of a lesson that the learner has not yet passed."""
    needs = lesson_requirements(lesson.body.raw_data)
    quiz_ids = [quiz_id for quiz_id, required in needs["quizzes"] if required]
    content_ids = [content_id for content_id, _mark, required in needs["h5p"] if required]
    passed_quizzes = set(
        QuizAttempt.objects.filter(user=user, lesson=lesson, quiz_id__in=quiz_ids, passed=True).values_list(
            "quiz_id", flat=True
        )
    )
    done_h5p = set(
        ActivityResult.objects.filter(user=user, lesson=lesson, content_id__in=content_ids, satisfied=True).values_list(
            "content_id", flat=True
        )
    )
    return {
        "quizzes": [q for q in quiz_ids if q not in passed_quizzes],
        "h5p": [c for c in content_ids if c not in done_h5p],
    }


@transaction.atomic
def lesson_evaluate(*, user, lesson: LessonPage) -> bool:
    """Complete the lesson when its rule holds: marked as read (or it has required activities) and
    every required quiz passed and required H5P activity done. Then check the course."""
    course = _course_of(lesson)
    progress, _created = LessonProgress.objects.select_for_update().get_or_create(
        user=user, lesson=lesson, defaults={"course": course}
    )
    if progress.completed_at is None:
        needs = lesson_requirements(lesson.body.raw_data)
        has_required = any(r for _q, r in needs["quizzes"]) or any(r for _c, _m, r in needs["h5p"])
        missing = lesson_missing(user=user, lesson=lesson)
        if (progress.marked_done_at or has_required) and not missing["quizzes"] and not missing["h5p"]:
            progress.completed_at = timezone.now()
            progress.save(update_fields=["completed_at"])
    done = progress.completed_at is not None
    course_evaluate(user=user, course=course)
    return done


def course_rule_holds(*, user, course: CoursePage) -> bool:
    """Every required lesson done; every required quiz and H5P activity in any lesson passed."""
    lessons = list(LessonPage.objects.child_of(course).live())
    completed = set(
        LessonProgress.objects.filter(user=user, lesson__in=lessons, completed_at__isnull=False).values_list(
            "lesson_id", flat=True
        )
    )
    for lesson in lessons:
        if lesson.required and lesson.pk not in completed:
            return False
        if not lesson.required:
            missing = lesson_missing(user=user, lesson=lesson)
            if missing["quizzes"] or missing["h5p"]:
                return False
    return bool(lessons)


@transaction.atomic
def course_evaluate(*, user, course: CoursePage) -> Enrolment | None:
    """Refresh the enrolment's progress; when the completion rule holds, complete it and hand the
    certificate to a Celery task once the transaction commits."""
    enrolment = Enrolment.objects.select_for_update().filter(user=user, course=course, status__in=SEAT_STATUSES).first()
    if enrolment is None:
        return None
    required = list(LessonPage.objects.child_of(course).live().filter(required=True).values_list("pk", flat=True))
    enrolment.lessons_total = len(required)
    enrolment.lessons_done = LessonProgress.objects.filter(
        user=user, lesson_id__in=required, completed_at__isnull=False
    ).count()
    fields = ["lessons_total", "lessons_done"]
    if enrolment.status == EnrolmentStatus.ACTIVE and course_rule_holds(user=user, course=course):
        enrolment.status = EnrolmentStatus.COMPLETED
        enrolment.completed_at = timezone.now()
        fields += ["status", "completed_at"]
        title = course.title
        notify(
            recipients=[user],
            kind="courses.completed",
            subject=gettext_lazy("You completed a course"),
            body=lambda: (
                _("Congratulations: you completed “%(course)s”. Your certificate is on its way.") % {"course": title}
            ),
            url=_url(course.url or ""),
            dedupe_key=f"courses:completed:{enrolment.pk}",
        )
        from .tasks import issue_certificate

        transaction.on_commit(lambda pk=enrolment.pk: issue_certificate.delay(pk))
    enrolment.save(update_fields=fields)
    return enrolment


# --- H5P activities ---------------------------------------------------------------------------------


def _h5p_satisfied(pass_mark, score_scaled, success, completed) -> bool:
    if pass_mark is not None and pass_mark != "":
        return score_scaled is not None and score_scaled * 100 >= float(pass_mark) - 1e-9
    if success is not None:
        return bool(success)
    return bool(completed)


@transaction.atomic
def lesson_activity_record(
    *, user, lesson_id: int, content_id: int, score_scaled: float | None, success: bool | None, completed: bool
) -> None:
    """Record a result of an H5P activity of a lesson (from its xAPI statements) and update progress.

    Uses the block's ``pass_mark`` (or the activity's own success/completion) and ``required``;
    keeps the best result, so repeated or worse later results change nothing."""
    lesson = LessonPage.objects.filter(pk=lesson_id).first()
    if lesson is None:
        raise ValidationError({"lesson_id": _("No such lesson.")})
    _require_lesson(user, lesson)
    blocks = [entry for entry in lesson_requirements(lesson.body.raw_data)["h5p"] if entry[0] == int(content_id)]
    if not blocks:
        raise ValidationError({"content_id": _("This activity is not part of the lesson.")})
    if score_scaled is not None and not -1.0 <= float(score_scaled) <= 1.0:
        raise ValidationError({"score_scaled": _("A scaled score lies between -1 and 1.")})
    _content, pass_mark, _required = blocks[0]
    satisfied = _h5p_satisfied(pass_mark, score_scaled, success, completed)
    result, created = ActivityResult.objects.select_for_update().get_or_create(
        user=user,
        lesson=lesson,
        content_id=int(content_id),
        defaults={
            "score_scaled": score_scaled,
            "success": success,
            "completed": bool(completed),
            "satisfied": satisfied,
        },
    )
    if not created:
        changed = False
        if score_scaled is not None and (result.score_scaled is None or score_scaled > result.score_scaled):
            result.score_scaled, changed = score_scaled, True
        if success and not result.success:
            result.success, changed = True, True
        elif result.success is None and success is not None:
            result.success, changed = success, True
        if completed and not result.completed:
            result.completed, changed = True, True
        if satisfied and not result.satisfied:
            result.satisfied, changed = True, True
        if changed:
            result.updated_at = timezone.now()
            result.save()
    lesson_visit(user=user, lesson=lesson)
    lesson_evaluate(user=user, lesson=lesson)


# --- Quizzes --------------------------------------------------------------------------------------


def _lesson_quiz(lesson: LessonPage, quiz_id: int) -> None:
    if not any(q == int(quiz_id) for q, _r in lesson_requirements(lesson.body.raw_data)["quizzes"]):
        raise ValidationError({"quiz": _("This quiz is not part of the lesson.")})


def _close_expired(attempt: QuizAttempt, now) -> None:
    attempt.submitted_at = attempt.deadline or now
    attempt.score, attempt.passed, attempt.late = 0.0, False, True
    attempt.save(update_fields=["submitted_at", "score", "passed", "late"])


@transaction.atomic
def quiz_attempt_start(*, user, lesson: LessonPage, quiz: Quiz) -> QuizAttempt:
    """Open an attempt (or return the one still open), with its question order fixed on the server."""
    _require_lesson(user, lesson)
    _lesson_quiz(lesson, quiz.pk)
    now = timezone.now()
    # Lock the learner's attempts at this quiz so two tabs cannot open two.
    attempts = list(QuizAttempt.objects.select_for_update().filter(user=user, quiz=quiz, lesson=lesson))
    for attempt in attempts:
        if attempt.submitted_at is None:
            if attempt.deadline and now > attempt.deadline + timedelta(seconds=QUIZ_GRACE_SECONDS):
                _close_expired(attempt, now)
            else:
                return attempt
    if quiz.max_attempts and len(attempts) >= quiz.max_attempts:
        raise ValidationError(
            _("You have used all %(n)d attempts at this quiz.") % {"n": quiz.max_attempts}, code="conflict"
        )
    if any(a.passed for a in attempts):
        raise ValidationError(_("You have already passed this quiz."), code="conflict")
    questions = list(quiz.questions.all())
    rng = random.SystemRandom()
    if quiz.shuffle:
        rng.shuffle(questions)
    layout = []
    for question in questions:
        order = [index for index, _t, _ok in question.choice_list]
        if quiz.shuffle:
            rng.shuffle(order)
        layout.append({"q": question.pk, "choices": order})
    deadline = now + timedelta(minutes=quiz.time_limit_minutes) if quiz.time_limit_minutes else None
    return QuizAttempt.objects.create(
        user=user,
        quiz=quiz,
        lesson=lesson,
        number=max((a.number for a in attempts), default=0) + 1,
        started_at=now,
        deadline=deadline,
        layout=layout,
    )


@transaction.atomic
def quiz_attempt_submit(*, user, attempt: QuizAttempt, answers: dict) -> QuizAttempt:
    """Grade an open attempt on the server. After the time limit (and a short grace) it scores 0."""
    from .grading import grade

    attempt = QuizAttempt.objects.select_for_update().select_related("quiz", "lesson").get(pk=attempt.pk)
    if attempt.user_id != user.pk:
        raise PermissionDenied(_("This is not your attempt."))
    if attempt.submitted_at is not None:
        raise ValidationError(_("This attempt has already been submitted."), code="conflict")
    now = timezone.now()
    if attempt.deadline and now > attempt.deadline + timedelta(seconds=QUIZ_GRACE_SECONDS):
        _close_expired(attempt, now)
        return attempt
    shown = [entry["q"] for entry in attempt.layout]
    questions = sorted(attempt.quiz.questions.filter(pk__in=shown), key=lambda q: shown.index(q.pk))
    clean = {}
    for question in questions:
        value = answers.get(str(question.pk))
        if isinstance(value, list):
            value = [str(v)[:50] for v in value][:50]
        elif value is not None:
            value = str(value)[:500]
        clean[str(question.pk)] = value
    score, results = grade(questions, clean)
    attempt.answers, attempt.results, attempt.score = clean, results, score
    attempt.passed = score >= attempt.quiz.pass_mark
    attempt.submitted_at = now
    attempt.save()
    lesson_visit(user=user, lesson=attempt.lesson)
    if attempt.passed:
        lesson_evaluate(user=user, lesson=attempt.lesson)
    return attempt


# --- Certificates ---------------------------------------------------------------------------------


def certificate_issue(*, enrolment_id: int) -> Certificate | None:
    """Issue the certificate of a completed enrolment: exactly one per learner and course.

    Two steps, each safe to repeat: the row (the unique constraint decides a race), then the PDF if it
    is still missing. A task that runs twice, or dies between the steps, ends with one certificate."""
    enrolment = Enrolment.objects.select_related("course", "course__agency", "user").filter(pk=enrolment_id).first()
    if enrolment is None or enrolment.status != EnrolmentStatus.COMPLETED:
        return None
    course = enrolment.course
    profile = Profile.objects.filter(user=enrolment.user).first()
    language = (profile.preferred_language if profile else None) or "en"
    holder = profile.name if profile else str(enrolment.user)
    try:
        with transaction.atomic():
            certificate, _created = Certificate.objects.get_or_create(
                user=enrolment.user,
                course=course,
                defaults={
                    "enrolment": enrolment,
                    "holder_name": holder,
                    "course_title": course.title,
                    "hours": Decimal(course.estimated_hours),
                    "issuer_state_id": course.state_id,
                    "issuer_agency": course.agency.name if course.agency else "",
                    "language": language,
                    "issued_at": enrolment.completed_at or timezone.now(),
                },
            )
    except IntegrityError:
        certificate = Certificate.objects.get(user=enrolment.user, course=course)
    if not certificate.pdf:
        from .certificates import render_certificate_pdf

        pdf_bytes = render_certificate_pdf(certificate)
        with transaction.atomic():
            locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
            if not locked.pdf:
                from django.core.files.base import ContentFile

                locked.pdf.save(f"{locked.code}.pdf", ContentFile(pdf_bytes), save=True)
            certificate = locked
    from django.urls import reverse

    from .certificates import verification_url

    verify = reverse("certificate_verify", args=[certificate.code])
    absolute, title = verification_url(certificate.code), certificate.course_title
    notify(
        recipients=[enrolment.user],
        kind="courses.certificate",
        subject=gettext_lazy("Your certificate is ready"),
        body=lambda: (
            _("Your certificate for “%(course)s” is ready. Anyone can check it at %(url)s")
            % {"course": title, "url": absolute}
        ),
        url=verify,
        dedupe_key=f"courses:certificate:{certificate.pk}",
    )
    return certificate


@transaction.atomic
def certificate_revoke(*, revoker, certificate: Certificate, reason: str) -> Certificate:
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if not access.can_revoke_certificate(revoker, certificate):
        raise PermissionDenied(_("Only a national coordinator of the issuing state can revoke this certificate."))
    if certificate.revoked_at:
        raise ValidationError(_("This certificate has already been revoked."), code="conflict")
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for revoking; it is shown on the verification page.")})
    certificate.revoked_at, certificate.revoked_by = timezone.now(), revoker
    certificate.revoke_reason = reason.strip()[:2000]
    certificate.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    return certificate


# --- Catalogue imports ------------------------------------------------------------------------------


@transaction.atomic
def catalog_course_upsert(
    *,
    external_id: str,
    state,
    title: str,
    summary: str,
    body: str,
    language: str,
    discipline: str,
    level: str,
    scope: str,
    delivery: str,
    hours,
    topics,
    audience: str,
) -> tuple[CoursePage, bool]:
    """Create or update a published course from a catalogue import, under the state's page in the
    language's tree. Raises ``ValidationError`` naming the field on bad input; writes nothing then."""
    from wagtail.models import Locale

    from accounts.api import Audience
    from curricula.api import Delivery, Discipline, Level, Scope
    from home.api import state_page, state_pages_ensure

    errors = {}
    if not (external_id or "").strip():
        errors["external_id"] = _("An external identifier is required.")
    if not (title or "").strip():
        errors["title"] = _("A title is required.")
    for name, value, choices in (
        ("discipline", discipline, Discipline.values),
        ("level", level, Level.values),
        ("scope", scope, Scope.values),
        ("delivery", delivery, Delivery.values),
        ("audience", audience, Audience.values),
    ):
        if value not in choices:
            errors[name] = _("“%(value)s” is not one of: %(choices)s") % {"value": value, "choices": ", ".join(choices)}
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None:
        errors["language"] = _("“%(value)s” is not a language of this site.") % {"value": language}
    try:
        hours = Decimal(str(hours))
        if not Decimal("0.5") <= hours <= Decimal("999"):
            raise ValueError
    except (ArithmeticError, ValueError, TypeError):
        errors["hours"] = _("Hours must be a number between 0.5 and 999.")
    if state is None:
        errors["state"] = _("A provider state is required.")
    if errors:
        raise ValidationError(errors)
    topic_list = _topics(topics)
    parent = state_page(state=state, locale=locale)
    if parent is None:
        state_pages_ensure(state=state)
        parent = state_page(state=state, locale=locale)
    course = CoursePage.objects.filter(external_id=external_id).first()
    created = course is None
    if created:
        course = CoursePage(external_id=external_id, locale=locale, state=state)
    elif course.state_id != state.pk or course.locale_id != locale.pk:
        raise ValidationError({"external_id": _("This identifier belongs to a course of another state or language.")})
    course.title = title.strip()[:255]
    course.summary = (summary or "").strip()[:600] or course.title
    course.body = body or ""
    course.discipline, course.level, course.scope, course.delivery = discipline, level, scope, delivery
    course.estimated_hours = hours
    course.audience = audience
    if created:
        from django.utils.text import slugify

        base = slugify(title)[:60] or "course"
        slug, n = base, 1
        while parent.get_children().filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        course.slug = slug
        try:
            parent.add_child(instance=course)
        except ValidationError as error:
            raise ValidationError(error.message_dict if hasattr(error, "error_dict") else {"title": error.messages})
    course.topics.set(topic_list)
    course.save_revision().publish()
    course.refresh_from_db()
    return course, created


def _topics(topics) -> list:
    """Topics given as objects, primary keys or slugs."""
    from curricula.api import Topic

    items = list(topics or [])
    objects = [t for t in items if isinstance(t, Topic)]
    keys = [t for t in items if not isinstance(t, Topic)]
    if keys:
        found = list(
            Topic.objects.filter(
                Q(slug__in=[str(k) for k in keys]) | Q(pk__in=[int(k) for k in keys if str(k).isdigit()])
            )
        )
        known = {t.slug for t in found} | {str(t.pk) for t in found}
        unknown = [str(k) for k in keys if str(k) not in known]
        if unknown:
            raise ValidationError({"topics": _("Unknown topics: %(topics)s") % {"topics": ", ".join(unknown)}})
        objects += found
    return objects


def enrolments_for_manager_q(manager) -> Q:
    """Enrolments a manager can decide: those of staff of the agencies they manage (or coordinate)."""
    viewer = accounts_access.viewer_for(manager)
    if viewer.is_secretariat:
        return Q()
    return Q(user__profile__agency_id__in=list(viewer.manager_agencies)) | Q(
        user__profile__agency__state_id__in=list(viewer.coordinator_states)
    )
