"""catalog_course_upsert: what search's catalogue import calls."""

import pytest
from django.core.exceptions import ValidationError

from courses.api import catalog_course_upsert
from courses.models import CoursePage
from curricula.models import Topic
from tests.accounts.factories import state

pytestmark = pytest.mark.django_db


def _fields(**overrides):
    fields = {
        "external_id": "cat:1",
        "state": state("CO"),
        "title": "Investigación criminal",
        "summary": "Métodos de investigación.",
        "body": "<p>Texto</p>",
        "language": "es",
        "discipline": "police",
        "level": "basic",
        "scope": "national",
        "delivery": "online",
        "hours": "12",
        "topics": [],
        "audience": "law_enforcement",
    }
    fields.update(overrides)
    return fields


def test_creates_then_updates_a_published_course_under_the_state_page(site_frame):
    topic = Topic.objects.create(slug="investigation", name_en="Investigation", discipline="police")
    course, created = catalog_course_upsert(**_fields(topics=["investigation"]))
    assert created and course.live
    parent = course.get_parent().specific
    assert (parent.state.code, course.locale.language_code, course.state.code) == ("CO", "es", "CO")
    assert list(course.topics.all()) == [topic]
    again, created = catalog_course_upsert(**_fields(title="Investigación criminal II", hours=14))
    assert not created and again.pk == course.pk
    again.refresh_from_db()
    assert (again.title, float(again.estimated_hours)) == ("Investigación criminal II", 14.0)
    assert CoursePage.objects.count() == 1


@pytest.mark.parametrize(
    "field,value",
    [("discipline", "astrology"), ("language", "de"), ("hours", "many"), ("audience", "everyone"), ("title", " ")],
)
def test_bad_input_names_the_field_and_writes_nothing(site_frame, field, value):
    with pytest.raises(ValidationError) as error:
        catalog_course_upsert(**_fields(**{field: value}))
    assert field in error.value.message_dict
    assert not CoursePage.objects.exists()


def test_unknown_topic_is_refused(site_frame):
    with pytest.raises(ValidationError) as error:
        catalog_course_upsert(**_fields(topics=["no-such-topic"]))
    assert "topics" in error.value.message_dict
    assert not CoursePage.objects.exists()
