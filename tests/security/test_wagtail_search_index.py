"""Wagtail's own search index (its database backend, written on every page save, drafts included)
takes hostile text without failing the save, answers hostile queries without a 500, and shows no
reader what the page's tier or its draft keeps from them."""

import pytest
from wagtail.models import Page
from wagtail.search.models import IndexEntry

from courses.models import CoursePage
from home.services import state_pages_ensure
from tests.accounts.factories import editor, sign_in_with_mfa, state
from tests.courses.factories import CoursePageFactory

pytestmark = pytest.mark.django_db

HOSTILE = "'); DROP TABLE wagtailcore_page; -- & | ! ( ) :* <-> \\ ‮ é́ %s %% {} <script>alert(1)</script>"
QUERIES = [HOSTILE, "&", "!", ":*", "a & | b", "'", '"', "(", "<->", "\\", "é" * 2000, "a " * 5000, "‮"]


def _huge_body(words: int) -> str:
    """Distinct words: each is a lexeme of its own, which is what makes a tsvector large."""
    return "<p>" + " ".join(f"term{n}x" for n in range(words)) + "</p>"


def test_hostile_and_huge_text_is_indexed_without_failing_the_save(site_frame):
    mx = state("MX")
    course = CoursePageFactory(state=mx, title=HOSTILE[:200], summary=HOSTILE, body=_huge_body(150_000))
    revision = course.save_revision()
    revision.publish()
    course.refresh_from_db()
    assert IndexEntry.objects.filter(object_id=str(course.pk)).exists()
    # Queries of a few words through the API; long ones go through the admin view below, whose
    # form bounds them (the backend builds one nested expression a word).
    for query in QUERIES:
        if len(query) <= 255:
            list(Page.objects.live().search(query))
            list(CoursePage.objects.live().search(query, operator="or"))


@pytest.mark.parametrize("query", QUERIES)
def test_hostile_queries_in_the_admin_search_are_not_a_500(site_frame, client, query):
    mx = state("MX")
    state_pages_ensure(state=mx)  # the editors' group and its page permissions
    CoursePageFactory(state=mx, title="Patrol basics", summary=HOSTILE)
    sign_in_with_mfa(client, editor(mx))
    for path in ("/admin/pages/search/", "/admin/pages/search/results/"):
        response = client.get(path, {"q": query})
        assert response.status_code == 200, (path, response.status_code)
    assert client.get("/en/search/", {"q": query}).status_code < 500


def test_a_draft_and_a_state_tier_page_stay_out_of_the_sites_results(site_frame, client):
    """(The admin search leaving out other states' state-tier pages is test_admin_leaks.py's.)"""
    mx = state("MX")
    public = CoursePageFactory(state=mx, title="Patrol basics", audience="public")
    public.title = "Operation Nightfall"
    public.save_revision()  # a draft: the live page keeps its title
    CoursePageFactory(state=mx, title="Internal Quasar procedures", audience="state")
    # The search pages repeat the query; the titles are what must not show.
    assert "Operation Nightfall" not in client.get("/en/search/", {"q": "Nightfall"}).content.decode()
    assert "Internal Quasar" not in client.get("/en/search/", {"q": "Quasar"}).content.decode()
