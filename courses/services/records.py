"""The xAPI statements of courses' learning events, handed to ``xapi.api`` (stored once the
transaction of the event commits; docs/decisions/0045-platform-statements.md).

Activities are keyed on what never changes: a page's ``translation_key`` (the same course in every
language, whatever its slug or place in the tree), a quiz's and a question's primary key, a
certificate's verification code. The registration of every statement about a course is the one
of the learner's enrolment in it."""

from __future__ import annotations

from xapi import api as xapi_api

from ..models import SEAT_STATUSES, CoursePage, Enrolment, LessonPage, Quiz, QuizAttempt


def course_activity(course: CoursePage) -> xapi_api.Activity:
    return xapi_api.Activity(
        kind="course", key=str(course.translation_key), name=course.title, language=course.language
    )


def lesson_activity(lesson: LessonPage, course: CoursePage) -> xapi_api.Activity:
    return xapi_api.Activity(
        kind="lesson", key=str(lesson.translation_key), name=lesson.title, language=course.language
    )


def video_activity(video, course: CoursePage) -> xapi_api.Activity:
    """An uploaded video (a snippet, so its primary key never changes), in the course's language."""
    return xapi_api.Activity(kind="video", key=str(video.pk), name=video.title, language=course.language)


def quiz_activity(quiz: Quiz, course: CoursePage) -> xapi_api.Activity:
    return xapi_api.Activity(kind="quiz", key=str(quiz.pk), name=quiz.title, language=course.language)


def enrolment_registration(enrolment_id: int):
    return xapi_api.registration_for("enrolment", enrolment_id)


def learner_registration(*, user, course: CoursePage):
    """The registration of the learner's enrolment holding a seat in the course, if any."""
    pk = (
        Enrolment.objects.filter(user=user, course=course, status__in=SEAT_STATUSES)
        .values_list("pk", flat=True)
        .first()
    )
    return enrolment_registration(pk) if pk else None


def registered(enrolment: Enrolment) -> None:
    """The enrolment now holds a seat (at once, on approval or off the waiting list)."""
    course = enrolment.course
    xapi_api.record_course_registered(
        user=enrolment.user,
        course=course_activity(course),
        registration=enrolment_registration(enrolment.pk),
        event_key=f"enrolment:{enrolment.pk}",
        when=enrolment.activated_at,
    )


def lesson_launched(*, user, lesson: LessonPage, course: CoursePage) -> None:
    xapi_api.record_lesson_launched(
        user=user,
        lesson=lesson_activity(lesson, course),
        course=course_activity(course),
        registration=learner_registration(user=user, course=course),
    )


def lesson_completed(*, user, lesson: LessonPage, course: CoursePage, when) -> None:
    xapi_api.record_lesson_completed(
        user=user,
        lesson=lesson_activity(lesson, course),
        course=course_activity(course),
        registration=learner_registration(user=user, course=course),
        when=when,
    )


def video_event(*, verb: str, user, lesson: LessonPage, video, course: CoursePage, session: str, **given) -> None:
    """One statement of the ADL video profile about an uploaded video of a lesson (``xapi.api.record_video``)."""
    xapi_api.record_video(
        user=user,
        verb=verb,
        video=video_activity(video, course),
        session_id=session,
        length=float(video.duration_seconds or 0),
        parents=[lesson_activity(lesson, course)],
        registration=learner_registration(user=user, course=course),
        **given,
    )


def course_completed(enrolment: Enrolment, course: CoursePage) -> None:
    xapi_api.record_course_completed(
        user=enrolment.user,
        course=course_activity(course),
        registration=enrolment_registration(enrolment.pk),
        event_key=f"enrolment:{enrolment.pk}",
        when=enrolment.completed_at,
    )


def _response(kind: str, value) -> str:
    """The learner's answer in the response format of the question's interaction type."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "[,]".join(str(item) for item in value)
    if kind == "true_false":
        return str(value).strip().lower()
    return str(value)


def quiz_graded(*, attempt: QuizAttempt, questions=()) -> None:
    """A submitted (or expired) attempt: attempted, answered per question, passed or failed."""
    lesson = attempt.lesson
    course = CoursePage.objects.get(pk=lesson.get_parent().pk)
    answers = []
    for question in questions:
        result = (attempt.results or {}).get(str(question.pk), {})
        choices = ()
        if question.kind in ("single", "multiple"):
            choices = tuple((str(index), text) for index, text, _ok in question.choice_list)
        answers.append(
            xapi_api.Answer(
                key=str(question.pk),
                prompt=question.prompt,
                kind=question.kind,
                response=_response(question.kind, (attempt.answers or {}).get(str(question.pk))),
                correct=bool(result.get("correct")),
                points=float(result.get("points") or 0),
                max_points=float(question.points),
                choices=choices,
            )
        )
    xapi_api.record_quiz_attempt(
        user=attempt.user,
        quiz=quiz_activity(attempt.quiz, course),
        lesson=lesson_activity(lesson, course),
        course=course_activity(course),
        attempt_key=f"quiz-attempt:{attempt.pk}",
        started=attempt.started_at,
        submitted=attempt.submitted_at,
        score_percent=attempt.score or 0.0,
        passed=bool(attempt.passed),
        answers=answers,
        registration=learner_registration(user=attempt.user, course=course),
    )


def certificate_activity(certificate) -> xapi_api.Activity:
    return xapi_api.Activity(
        kind="certificate",
        key=certificate.code,
        name=certificate.course_title,
        language=certificate.language or "en",
    )


def certificate_issued(certificate, enrolment: Enrolment) -> None:
    xapi_api.record_certificate_issued(
        user=enrolment.user,
        certificate=certificate_activity(certificate),
        course=course_activity(enrolment.course),
        registration=enrolment_registration(enrolment.pk),
        when=certificate.issued_at,
    )


def certificate_revoked(certificate, *, revoker) -> None:
    xapi_api.record_certificate_revoked(
        revoker=revoker,
        certificate=certificate_activity(certificate),
        course=course_activity(certificate.course),
        reason=certificate.revoke_reason,
        when=certificate.revoked_at,
    )
