"""Lesson content another app writes through courses.api: found by slugs, appended once, published."""

import pytest

from courses.api import lesson_block_append, lesson_in_course, live_lesson_blocks
from courses.models import LessonPage

from .factories import CoursePageFactory, LessonPageFactory, quiz_with_questions


@pytest.mark.django_db
def test_a_block_is_appended_once_and_published(site_frame):
    course = CoursePageFactory(title="Chain of custody", slug="chain-of-custody")
    lesson = LessonPageFactory(parent=course, slug="practice")
    assert lesson_in_course(course_slug="chain-of-custody", lesson_slug="practice") == lesson
    assert lesson_in_course(course_slug="another-course", lesson_slug="practice") is None
    value = {"quiz": quiz_with_questions().pk, "required": True}

    assert lesson_block_append(lesson=lesson, block_type="quiz", value=value) is True
    assert lesson_block_append(lesson=lesson, block_type="quiz", value=value) is False

    blocks = live_lesson_blocks(lesson.pk)
    assert [block["type"] for block in blocks] == ["text", "quiz"] and blocks[1]["value"] == value
    live = LessonPage.objects.get(pk=lesson.pk)
    assert live.live and live.live_revision.content["body"] == live.get_latest_revision().content["body"]
    assert live_lesson_blocks(lesson.pk + 1000) is None
