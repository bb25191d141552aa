"""The Wagtail admin for courses: editing a course and a lesson, quiz and run snippets."""

import pytest
from django.contrib.auth import get_user_model

from tests.accounts.factories import state
from tests.courses.factories import CoursePageFactory, CourseRunFactory, LessonPageFactory, quiz_with_questions

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    from tests.accounts.factories import sign_in_with_mfa

    user = get_user_model().objects.create_superuser("boss", "boss@example.org", "a-long-test-password")
    sign_in_with_mfa(client, user)
    return client


def test_course_lesson_quiz_and_run_edit_views_open(admin_client, site_frame):
    course = CoursePageFactory(state=state("MX"))
    lesson = LessonPageFactory(parent=course, quiz=quiz_with_questions())
    run = CourseRunFactory(course=course)
    for url in (
        f"/admin/pages/{course.pk}/edit/",
        f"/admin/pages/{lesson.pk}/edit/",
        f"/admin/pages/add/courses/lessonpage/{course.pk}/",
        "/admin/snippets/courses/quiz/",
        "/admin/snippets/courses/quiz/add/",
        "/admin/snippets/courses/courserun/",
        f"/admin/snippets/courses/courserun/edit/{run.pk}/",
    ):
        response = admin_client.get(url)
        assert response.status_code == 200, url
