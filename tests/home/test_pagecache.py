"""Anonymous public pages from the cache: a hit runs no query, a publication empties the cache."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.api import Audience
from home import pagecache
from tests.accounts import factories as f
from tests.courses.factories import CoursePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    pagecache.invalidate()


def test_a_cached_page_is_the_same_page_and_runs_no_query(client, site_frame, page_cache):
    course = CoursePageFactory(state=f.state("CO"), audience=Audience.PUBLIC, title="Crime scene basics")
    first = client.get(course.get_url())
    assert first[pagecache.HEADER] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get(course.get_url())
    assert second[pagecache.HEADER] == "hit"
    assert len(queries.captured_queries) == 0
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert "Content-Security-Policy" in second


def test_publishing_a_change_shows_it_to_the_next_reader(
    client, site_frame, page_cache, django_capture_on_commit_callbacks
):
    course = CoursePageFactory(state=f.state("CO"), audience=Audience.PUBLIC, title="Crime scene basics")
    client.get(course.get_url())
    with django_capture_on_commit_callbacks(execute=True):
        course.title = "Crime scene processing"
        course.save_revision().publish()
    response = client.get(course.get_url())
    assert response[pagecache.HEADER] == "miss"
    assert "Crime scene processing" in response.content.decode()


def test_turned_off_by_default_in_tests(client, site_frame):
    course = CoursePageFactory(state=f.state("CO"), audience=Audience.PUBLIC)
    assert pagecache.HEADER not in client.get(course.get_url())
