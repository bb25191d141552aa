"""Lesson content written outside the admin: another app places its block in a lesson."""

from __future__ import annotations

from django.db import transaction
from wagtail.blocks import StreamValue

from ..models import LessonPage


@transaction.atomic
def lesson_block_append(*, lesson: LessonPage, block_type: str, value: dict) -> bool:
    """Append a block to the lesson's body and publish the new revision, unless a block of this type
    with the same value is already there. Returns whether the lesson changed."""
    lesson = LessonPage.objects.select_for_update().get(pk=lesson.pk)
    raw = list(lesson.body.raw_data)
    if any(block.get("type") == block_type and block.get("value") == value for block in raw):
        return False
    raw.append({"type": block_type, "value": value})
    lesson.body = StreamValue(lesson.body.stream_block, raw, is_lazy=True)
    lesson.save_revision().publish()
    return True
