"""A course page costs a fixed, small number of queries (#19: at most 15 for a signed-in reader),
whatever the number of lessons and translations."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from tests.accounts.factories import official
from tests.courses.factories import CoursePageFactory, EnrolmentFactory, LessonPageFactory

pytestmark = pytest.mark.django_db

LIMIT = 15


def _queries(client, url) -> int:
    client.get(url)  # warm the caches a real reader's earlier requests would have filled
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _course_with(lessons: int, translations: int = 0):
    course = CoursePageFactory()
    for _n in range(lessons):
        LessonPageFactory(parent=course)
    for code in ("es", "pt", "fr")[:translations]:
        locale, _ = Locale.objects.get_or_create(language_code=code)
        course.copy_for_translation(locale, copy_parents=True, alias=False).save_revision().publish()
    return course


def test_signed_in_enrolled_reader_at_most_fifteen_queries_whatever_the_lessons(client):
    small, large = _course_with(1), _course_with(12, translations=3)
    reader = official(small.state)
    EnrolmentFactory(course=small, user=reader)
    EnrolmentFactory(course=large, user=reader)
    client.force_login(reader)
    few, many = _queries(client, small.url), _queries(client, large.url)
    assert few <= LIMIT
    assert many == few


def test_anonymous_reader_costs_no_more_than_a_signed_in_one(client):
    course = _course_with(5, translations=2)
    anonymous = _queries(client, course.url)
    assert anonymous <= LIMIT


def test_a_lesson_page_keeps_its_count_with_more_siblings(client):
    course = _course_with(2)
    reader = official(course.state)
    EnrolmentFactory(course=course, user=reader)
    client.force_login(reader)
    first = course.get_children().first().specific
    few = _queries(client, first.url)
    for _n in range(8):
        LessonPageFactory(parent=course)
    assert _queries(client, first.url) == few
