"""The one-query view-restriction lookup (accounts.audience) restricts exactly what Wagtail's
does: a restriction on the page or any ancestor applies, and an alias ancestor counts as its source.
Each test fails if the lookup forgets ancestors or aliases."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, PageViewRestriction

from tests.courses.factories import CoursePageFactory, LessonPageFactory

pytestmark = pytest.mark.django_db


def _wagtails(page) -> set[int]:
    return set(Page.get_view_restrictions(page).values_list("pk", flat=True))


def _restrict(page) -> PageViewRestriction:
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get_or_create(name="only-these")[0])
    return restriction


def test_an_ancestors_restriction_applies_to_the_lesson(client):
    course = CoursePageFactory()
    lesson = LessonPageFactory(parent=course).specific
    restriction = _restrict(course.get_parent())
    ours = set(lesson.get_view_restrictions().values_list("pk", flat=True))
    assert ours == _wagtails(lesson) == {restriction.pk}
    assert client.get(lesson.url).status_code in (302, 403)


def test_the_pages_own_restriction_applies():
    lesson = LessonPageFactory().specific
    restriction = _restrict(lesson)
    assert set(lesson.get_view_restrictions().values_list("pk", flat=True)) == {restriction.pk}


def test_an_alias_ancestor_counts_as_its_source():
    source = CoursePageFactory()
    restriction = _restrict(source)
    alias = source.create_alias(parent=source.get_parent(), update_slug=f"{source.slug}-alias")
    lesson = LessonPageFactory(parent=alias).specific
    ours = set(lesson.get_view_restrictions().values_list("pk", flat=True))
    assert restriction.pk in ours
    assert ours == _wagtails(lesson)
