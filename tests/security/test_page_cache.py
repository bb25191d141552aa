"""The public page cache never hands a page to a reader who may not read it now.

An attacker waits for a course to be cached while it is public, then the state restricts it to
law-enforcement officials: the cached copy must be gone the moment the restriction commits. Pages of
another tier, signed-in pages and pages carrying a CSRF token are never kept at all."""

import pytest
from django.test import RequestFactory

from accounts.api import Audience
from home import pagecache
from tests.accounts import factories as f
from tests.courses.factories import CoursePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    pagecache.invalidate()


def test_restricting_a_cached_public_course_closes_it_at_once(
    client, site_frame, page_cache, django_capture_on_commit_callbacks
):
    mx = f.state("MX")
    course = CoursePageFactory(state=mx, audience=Audience.PUBLIC, title="Interview techniques")
    url = course.get_url()
    assert client.get(url).status_code == 200
    hit = client.get(url)
    assert hit.status_code == 200 and hit[pagecache.HEADER] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        course.audience = Audience.LAW_ENFORCEMENT
        course.save_revision().publish()

    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert "Interview techniques" not in anonymous.content.decode()


def test_pages_of_another_tier_are_never_kept(client, site_frame, page_cache):
    mx = f.state("MX")
    course = CoursePageFactory(state=mx, audience=Audience.LAW_ENFORCEMENT, title="Interview techniques")
    officer = f.official(mx)
    client.force_login(officer)
    first = client.get(course.get_url())
    assert first.status_code == 200 and pagecache.HEADER not in first
    client.logout()
    assert client.get(course.get_url()).status_code == 302


def test_signed_in_readers_neither_fill_nor_read_the_cache(client, site_frame, page_cache):
    course = CoursePageFactory(state=f.state("MX"), audience=Audience.PUBLIC, title="Use of force")
    url = course.get_url()
    client.force_login(f.official(f.state("MX")))
    assert pagecache.HEADER not in client.get(url)
    assert pagecache.HEADER not in client.get(url)
    client.logout()
    client.cookies.clear()
    assert client.get(url)[pagecache.HEADER] == "miss"


def test_a_page_with_a_csrf_token_or_a_query_string_is_not_kept(site_frame, page_cache):
    request = RequestFactory().get("/en/some-page/")
    setattr(request, pagecache.MARK, True)
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpResponse

    request.user = AnonymousUser()
    assert not pagecache._may_store(request, HttpResponse("<form>token</form>"))
    request.META.pop("CSRF_COOKIE_NEEDS_UPDATE")
    assert pagecache._may_store(request, HttpResponse("<p>page</p>"))
    assert not pagecache._may_serve_from_cache(RequestFactory().get("/en/some-page/?page=2"))
    with_session = RequestFactory().get("/en/some-page/")
    with_session.COOKIES["sessionid"] = "abc"
    assert not pagecache._may_serve_from_cache(with_session)
