"""Topic slugs as other apps read them through curricula.api."""

import pytest

from curricula import api
from curricula.models import Topic
from tests.curricula.factories import TopicFactory

pytestmark = pytest.mark.django_db


def test_topic_slugs_in_the_topics_order_with_a_limit(django_assert_num_queries):
    for n in range(5):
        TopicFactory(slug=f"slug-{n}", name_en=f"Name {4 - n}")
    expected = list(Topic.objects.values_list("slug", flat=True))
    with django_assert_num_queries(1):
        assert api.topic_slugs() == expected
    with django_assert_num_queries(1):
        assert api.topic_slugs(limit=2) == expected[:2]
