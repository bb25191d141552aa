"""Who may open a course's lessons, manage its enrolments, revoke its certificates.

Every tier question goes to ``accounts.access``; this module only adds what belongs to courses
(being enrolled, being the learner's agency manager)."""

from __future__ import annotations

from accounts import access as accounts_access

from .models import SEAT_STATUSES, CoursePage, Enrolment, LessonPage


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
    from accounts.api import Profile

    if getattr(user, "pk", None) == enrolment.user_id:
        return False
    profile = Profile.objects.select_related("agency").filter(user_id=enrolment.user_id).first()
    if profile is None or profile.agency is None:
        return accounts_access.is_secretariat(user)
    return accounts_access.can_manage_agency(user, profile.agency)


def can_revoke_certificate(user, certificate) -> bool:
    return accounts_access.is_secretariat(user) or accounts_access.is_coordinator(user, certificate.issuer_state_id)
