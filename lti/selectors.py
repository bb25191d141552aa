"""Reads of the LTI tool."""

from __future__ import annotations

from dataclasses import dataclass, field

from courses import api as courses_api

from .models import Platform, RosterMember, Target


@dataclass
class Choice:
    value: str
    title: str
    language: str = ""
    lessons: list = field(default_factory=list)


def deep_link_choices(*, user, limit: int = 100) -> list[Choice]:
    """The courses the teacher may see (``courses``' own access rule) with their live lessons: two
    queries for the courses, one for all their lessons."""
    courses = courses_api.course_catalogue(user=user, limit=limit)
    lessons = courses_api.live_lessons_of(courses)
    return [
        Choice(
            value=f"{Target.COURSE}:{course.pk}",
            title=course.title,
            language=course.locale.language_code,
            lessons=[Choice(value=f"{Target.LESSON}:{lesson.pk}", title=lesson.title) for lesson in lessons[course.pk]],
        )
        for course in courses
    ]


def deep_link_chosen(*, user, values: list[str]) -> list[tuple[str, object]]:
    """The teacher's choice, each one checked again: a course they may see, or a lesson of one."""
    chosen = []
    for value in values[:100]:
        kind, _sep, raw = value.partition(":")
        if not raw.isdigit():
            continue
        if kind == Target.COURSE:
            course = courses_api.live_course(int(raw))
            if course is not None and courses_api.course_can_view(user, course):
                chosen.append((Target.COURSE, course))
        elif kind == Target.LESSON:
            found = courses_api.live_lesson_with_course(int(raw))
            if found is not None and courses_api.course_can_view(user, found[1]):
                chosen.append((Target.LESSON, found[0]))
    return chosen


def roster_of(*, platform: Platform, context_id: str) -> list[RosterMember]:
    """One platform's course members: never another platform's, whatever the context id."""
    return list(RosterMember.objects.filter(platform=platform, context_id=context_id).order_by("name", "sub"))
