"""Quiz attempts, graded on the server."""

from __future__ import annotations

import random
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    LessonPage,
    Quiz,
    QuizAttempt,
    lesson_requirements,
)
from ..signals import progress_changed
from . import records
from .progress import _course_of, _require_lesson, lesson_evaluate, lesson_visit

# Seconds allowed after a quiz's deadline for the submission to travel (slow phones, networks).
QUIZ_GRACE_SECONDS = 30


def _lesson_quiz(lesson: LessonPage, quiz_id: int) -> None:
    if not any(q == int(quiz_id) for q, _r in lesson_requirements(lesson.body.raw_data)["quizzes"]):
        raise ValidationError({"quiz": _("This quiz is not part of the lesson.")})


def _close_expired(attempt: QuizAttempt, now) -> None:
    attempt.submitted_at = attempt.deadline or now
    attempt.score, attempt.passed, attempt.late = 0.0, False, True
    attempt.save(update_fields=["submitted_at", "score", "passed", "late"])
    records.quiz_graded(attempt=attempt)


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
    from ..grading import grade

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
    records.quiz_graded(attempt=attempt, questions=questions)
    lesson_visit(user=user, lesson=attempt.lesson)
    if attempt.passed:
        lesson_evaluate(user=user, lesson=attempt.lesson)
    else:
        # A failed attempt changes no progress, but a gradebook elsewhere (LTI) records it too.
        lesson, course_id = attempt.lesson, _course_of(attempt.lesson).pk
        transaction.on_commit(
            lambda u=user.pk, lesson_id=lesson.pk, c=course_id: progress_changed.send(
                sender=type(attempt), user_id=u, lesson_id=lesson_id, course_id=c
            )
        )
    return attempt
