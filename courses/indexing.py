"""What search indexes of courses: one document per published course page, in the language it is
written in (translations share ``group_key``). Lesson text is included so that a course is found by
what it teaches; quizzes are not (their answers would leak)."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from search.api import Provider, SearchDocument

from .models import CoursePage, LessonPage


def _lesson_text(lesson: LessonPage) -> str:
    parts = [lesson.title, lesson.intro]
    for block in lesson.body.raw_data:
        if block.get("type") == "text":
            parts.append(strip_tags(str(block.get("value") or "")))
        elif block.get("type") == "video":
            value = block.get("value") or {}
            parts.extend([str(value.get("title") or ""), strip_tags(str(value.get("transcript") or ""))])
    return "\n".join(p for p in parts if p)


def course_documents(ids: Iterable[int] | None = None) -> Iterable[SearchDocument]:
    courses = CoursePage.objects.live().select_related("state", "locale", "agency").prefetch_related("topics")
    if ids is not None:
        courses = courses.filter(pk__in=list(ids))
    courses = list(courses)
    lessons_by_path: dict[str, list[str]] = {}
    if courses:
        from functools import reduce
        from operator import or_

        from django.db.models import Q

        lesson_q = reduce(or_, (Q(path__startswith=c.path, depth=c.depth + 1) for c in courses))
        for lesson in LessonPage.objects.live().filter(lesson_q).order_by("path"):
            lessons_by_path.setdefault(lesson.path[: -LessonPage.steplen], []).append(_lesson_text(lesson))
    for course in courses:
        language = course.locale.language_code
        with translation.override(language):
            yield SearchDocument(
                kind="course",
                object_id=course.pk,
                title=course.title,
                url=course.url or "",
                language=language,
                audience=course.audience,
                state_id=course.state_id,
                state_code=course.state.code,
                subregion=course.state.subregion,
                summary=course.summary,
                body="\n".join(
                    [
                        strip_tags(course.body),
                        course.outcomes,
                        course.intended_for,
                        *lessons_by_path.get(course.path, []),
                    ]
                ),
                discipline=course.discipline,
                level=course.level,
                scope=course.scope,
                delivery=course.delivery,
                hours=float(course.estimated_hours),
                topics=sorted(topic.name for topic in course.topics.all()),
                group_key=str(course.translation_key),
                published_at=course.last_published_at,
                facts={
                    "state": course.state.name_in(language),
                    "agency": course.agency.name if course.agency else "",
                    "pacing": str(course.get_pacing_display()),
                    "enrolment": course.enrolment_policy,
                    "lessons": len(lessons_by_path.get(course.path, [])),
                },
            )


def providers() -> list[Provider]:
    return [Provider(kind="course", label=_("Course"), model=CoursePage, documents=course_documents, is_page=True)]
