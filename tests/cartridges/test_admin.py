"""The course's action menu in the Wagtail admin offers the export to its editors."""

import pytest
from django.urls import reverse

from tests.accounts import factories as f
from tests.courses.factories import CoursePageFactory, LessonPageFactory

pytestmark = pytest.mark.django_db


def test_course_edit_view_links_to_the_export(client, site_frame):
    course = CoursePageFactory(state=f.state("MX"))
    lesson = LessonPageFactory(parent=course)
    f.sign_in_with_mfa(client, f.editor(course.state))
    url = reverse("cartridges:course_export", args=[course.pk])
    response = client.get(f"/admin/pages/{course.pk}/edit/")
    assert response.status_code == 200
    assert url in response.content.decode()
    response = client.get(f"/admin/pages/{lesson.pk}/edit/")
    assert response.status_code == 200
    assert "cartridges/course/" not in response.content.decode()


def test_curriculum_edit_view_links_to_the_export(client, site_frame):
    from tests.curricula.factories import curriculum

    page = curriculum(f.state("PE"))
    f.sign_in_with_mfa(client, f.editor(page.state))
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    assert reverse("cartridges:curriculum_export", args=[page.pk]) in response.content.decode()
