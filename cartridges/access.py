"""Who may export a course as a cartridge: whoever may author it (its state's editors and
coordinators, the secretariat), and only a live course they may see."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from courses.api import can_author, course_can_view, live_course


def can_export(user, course) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and course_can_view(user, course) and can_author(user, course)


def access_course_export(user, course_id: int):
    """The live course with this id, for a user who may export it: 404 for a course the user may
    not see (another state's restricted course), 403 for one the user sees but does not author."""
    course = live_course(course_id)
    if course is None or not course_can_view(user, course):
        raise Http404
    if not can_author(user, course):
        raise PermissionDenied(_("Only the course's editors may export it as a cartridge."))
    return course


def access_curriculum_export(user, curriculum_id: int):
    """(curriculum, courses): a live curriculum the user may see and author (its state's editors and
    coordinators, the secretariat), with the live courses of it the user may see."""
    from accounts.access import can_edit_state_content, can_view_object, is_secretariat
    from courses.api import live_courses_of_curriculum
    from curricula.api import live_curriculum

    curriculum = live_curriculum(curriculum_id)
    if curriculum is None or not can_view_object(user, curriculum):
        raise Http404
    if not (is_secretariat(user) or can_edit_state_content(user, curriculum.state_id)):
        raise PermissionDenied(_("Only the curriculum's editors may export it as a cartridge."))
    courses = [course for course in live_courses_of_curriculum(curriculum.pk) if course_can_view(user, course)]
    return curriculum, courses
