"""Pages are found by their stored address in a fixed number of queries, and answer exactly as
Wagtail's walk down the tree does: drafts are not served, a page in another language's tree is
served with the reader's interface, unknown addresses are 404."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.accounts.factories import official
from tests.courses.factories import CoursePageFactory, EnrolmentFactory, LessonPageFactory

pytestmark = pytest.mark.django_db


def test_a_lesson_is_found_and_knows_its_parent(client):
    course = CoursePageFactory(slug="cadena-de-custodia")
    lesson = LessonPageFactory(parent=course, slug="sellado")
    reader = official(course.state)
    EnrolmentFactory(course=course, user=reader)
    client.force_login(reader)
    response = client.get(lesson.url)
    assert response.status_code == 200
    assert response.context["page"].pk == lesson.pk
    assert response.context["page"].get_parent().pk == course.pk


def test_routing_costs_the_same_at_every_depth(client):
    course = CoursePageFactory()
    lesson = LessonPageFactory(parent=course)
    counts = []
    for page in (course, lesson):
        client.get(page.url)
        with CaptureQueriesContext(connection) as ctx:
            client.get(page.url)
        counts.append(sum(1 for q in ctx.captured_queries if "url_path" in q["sql"] and "IN (" in q["sql"]))
    assert counts == [1, 1]


def test_a_draft_is_not_served_and_an_unknown_address_is_404(client):
    course = CoursePageFactory()
    lesson = LessonPageFactory(parent=course)
    url = lesson.url
    lesson.unpublish()
    assert client.get(url).status_code == 404
    assert client.get(course.url + "no-such-lesson/").status_code == 404


def test_a_unicode_slug_is_found(client):
    course = CoursePageFactory(slug="policía-comunitaria")
    response = client.get(course.url)
    assert response.status_code == 200
    assert response.context["page"].pk == course.pk


def test_the_same_address_in_another_languages_tree_is_served_with_this_interface(client):
    spanish = CoursePageFactory(language="es", slug="solo-en-espanol")
    english_url = spanish.url.replace("/es/", "/en/", 1)
    response = client.get(english_url)
    assert response.status_code == 200
    assert response.context["page"].pk == spanish.pk
