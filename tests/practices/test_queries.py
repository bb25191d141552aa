"""The list page costs the same number of queries for 5 practices as for 50."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from practices import services
from practices.models import Adoption, Rating
from tests.curricula.factories import TopicFactory
from tests.plan.factories import MeasureFactory

from .factories import published

pytestmark = pytest.mark.django_db


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("practices:index"))
    assert response.status_code == 200
    return len(captured)


def _practices(p, n, topics, measures, start=0):
    for i in range(start, start + n):
        practice = published(
            p,
            title=f"Practice {i}",
            topics=topics,
            measures=[m.code for m in measures],
            audience=["public", "law_enforcement", "state"][i % 3],
        )
        Rating.objects.create(practice=practice, user=p.official_b, stars=1 + i % 5)
        Adoption.objects.create(practice=practice, agency=p.agency_b, state=p.state_b, recorded_by=p.official_b)


def test_the_list_page_costs_the_same_for_more_practices(client, p, django_assert_max_num_queries):
    topics = [TopicFactory(), TopicFactory()]
    measures = [MeasureFactory(), MeasureFactory()]
    client.force_login(p.official_a2)
    _practices(p, 5, topics, measures)
    few = _queries(client)
    _practices(p, 45, topics, measures, start=5)
    with django_assert_max_num_queries(few):
        response = client.get(reverse("practices:index"))
    assert response.content.decode().count('class="card"') == 50
    assert services  # the practices were made through the services


def test_my_practices_and_the_queue_cost_the_same_for_more_practices(client, p, django_assert_max_num_queries):
    from tests.accounts.factories import sign_in_with_mfa

    from .factories import submitted

    for i in range(2):
        submitted(p, title=f"Waiting {i}")
    sign_in_with_mfa(client, p.coordinator_a)
    client.get(reverse("practices:mine"))
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("practices:mine")).status_code == 200
    for i in range(2, 12):
        submitted(p, title=f"Waiting {i}")
    with django_assert_max_num_queries(len(few)):
        page = client.get(reverse("practices:mine")).content.decode()
    assert page.count("Waiting ") == 12
