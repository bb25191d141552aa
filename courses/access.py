"""Who may open a course's lessons, manage its enrolments, revoke its certificates.

Every tier question goes to ``accounts.access``; this module only adds what belongs to courses
(being enrolled, being the learner's agency manager).

The ``access_*`` functions fetch an object by the id a request names and check the user may act on
it: they raise ``Http404`` for an object the user may not know of and ``PermissionDenied`` (with a
translated message) for one the user knows of but may not act on."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from accounts import access as accounts_access

from .models import SEAT_STATUSES, Certificate, CoursePage, Enrolment, LessonPage, Quiz, QuizAttempt


def course_can_view(user, course: CoursePage) -> bool:
    return course.live and accounts_access.can_view_object(user, course)


def can_author(user, course: CoursePage) -> bool:
    """Editors and coordinators of the provider state (and the secretariat) see every lesson."""
    return accounts_access.is_secretariat(user) or accounts_access.can_edit_state_content(user, course.state_id)


def lesson_can_view(user, lesson_id: int) -> bool:
    """A live lesson of a course the user may see, and the user enrolled in it (or its author)."""
    if not getattr(user, "is_authenticated", False):
        return False
    lesson = LessonPage.objects.live().filter(pk=lesson_id).first()
    if lesson is None:
        return False
    course = CoursePage.objects.filter(pk=lesson.get_parent().pk).first() if lesson.depth > 1 else None
    if course is None or not course_can_view(user, course):
        return False
    if can_author(user, course):
        return True
    return Enrolment.objects.filter(user=user, course=course, status__in=SEAT_STATUSES).exists()


def can_decide_enrolment(user, enrolment: Enrolment) -> bool:
    """The learner's agency manager (or that state's coordinator, or the secretariat), never the learner."""
    from accounts.api import profile_of

    if getattr(user, "pk", None) == enrolment.user_id:
        return False
    profile = profile_of(enrolment.user_id)
    if profile is None or profile.agency is None:
        return accounts_access.is_secretariat(user)
    return accounts_access.can_manage_agency(user, profile.agency)


def can_revoke_certificate(user, certificate) -> bool:
    return accounts_access.is_secretariat(user) or accounts_access.is_coordinator(user, certificate.issuer_state_id)


def access_course(user, course_id: int) -> CoursePage:
    """A live course the user may see."""
    course = CoursePage.objects.live().filter(pk=course_id).select_related("state").first()
    if course is None or not course_can_view(user, course):
        raise Http404
    return course


def access_lesson(user, lesson_id: int) -> LessonPage:
    """A live lesson the user may open (enrolled in its course, or its author)."""
    lesson = LessonPage.objects.live().filter(pk=lesson_id).first()
    if lesson is None or not lesson_can_view(user, lesson.pk):
        raise Http404
    return lesson


def access_lesson_video(user, lesson_id: int, video_id: int):
    """(lesson, video): a video shown by a live lesson the user may open; 404 otherwise, so that a
    video's address never says whether it exists."""
    from .models import Video, lesson_requirements

    lesson = access_lesson(user, lesson_id)
    if int(video_id) not in {video for video, _p, _r in lesson_requirements(lesson.body.raw_data)["videos"]}:
        raise Http404
    video = Video.objects.filter(pk=video_id).first()
    if video is None:
        raise Http404
    return lesson, video


def access_quiz(quiz_id: int) -> Quiz:
    """A quiz by id; the service checks that it belongs to the lesson."""
    quiz = Quiz.objects.filter(pk=quiz_id).first()
    if quiz is None:
        raise Http404
    return quiz


def access_quiz_attempt(user, pk: int) -> QuizAttempt:
    """One of the user's own quiz attempts."""
    attempt = QuizAttempt.objects.select_related("quiz", "lesson").filter(pk=pk, user=user).first()
    if attempt is None:
        raise Http404
    return attempt


def access_enrolment(user, pk: int) -> Enrolment:
    """An enrolment of the user, or of a learner whose enrolments the user decides."""
    enrolment = Enrolment.objects.filter(pk=pk).first()
    if enrolment is None or (enrolment.user_id != user.pk and not can_decide_enrolment(user, enrolment)):
        raise Http404
    return enrolment


def access_enrolment_decision(user, pk: int) -> Enrolment:
    """An enrolment the user may approve or reject: never their own."""
    enrolment = Enrolment.objects.select_related("course").filter(pk=pk).first()
    if enrolment is None:
        raise Http404
    if enrolment.user_id == user.pk:
        raise PermissionDenied(_("You cannot decide your own enrolment."))
    if not can_decide_enrolment(user, enrolment):
        raise Http404
    return enrolment


def access_certificate(user, pk: int) -> Certificate:
    """A certificate's file: for its holder, and for those who may revoke it."""
    certificate = Certificate.objects.filter(pk=pk).first()
    if certificate is None or (certificate.user_id != user.pk and not can_revoke_certificate(user, certificate)):
        raise Http404
    return certificate


def access_certificate_revocation(user, code: str) -> Certificate:
    """A certificate, by its public code, that the user may revoke."""
    certificate = Certificate.objects.select_related("issuer_state").filter(code=(code or "").strip().upper()).first()
    if certificate is None or not can_revoke_certificate(user, certificate):
        raise Http404
    return certificate
