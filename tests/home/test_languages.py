"""The interface language is not the content language: switching language never leads to a 404."""

import pytest
from django.test import Client

from tests.accounts.factories import official, state
from tests.courses.factories import CoursePageFactory, EnrolmentFactory, LessonPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def spanish_only(site_frame):
    co = state("CO")
    course = CoursePageFactory(state=co, language="es", title="Derechos humanos", slug="derechos-humanos")
    lesson = LessonPageFactory(parent=course, title="Principios", slug="principios")
    return course, lesson


def _switcher(html: str) -> dict[str, str]:
    """hreflang → href of the anonymous language links."""
    import re

    nav = html[html.index('class="language-nav"') :]
    nav = nav[: nav.index("</nav>")]
    return {code: href for href, code in re.findall(r'href="([^"]+)" hreflang="(\w+)"', nav)}


def test_a_page_without_translation_keeps_its_content_under_another_interface_language(client, spanish_only):
    course, _lesson = spanish_only
    assert course.url == "/es/colombia/derechos-humanos/"
    links = _switcher(client.get(course.url).content.decode())
    assert links["en"] == "/en/colombia/derechos-humanos/"
    for code in ("en", "pt", "fr"):
        response = client.get(links[code])
        assert response.status_code == 200, code
        html = response.content.decode()
        assert f'<html lang="{code}"' in html and "Derechos humanos" in html
    english = client.get(links["en"]).content.decode()
    assert "This page is in Spanish" in english and "Log in to enrol" in english
    assert "This page is in" not in client.get(course.url).content.decode()


def test_the_switcher_goes_to_the_translation_where_one_exists(client, spanish_only):
    course, _lesson = spanish_only
    english = course.copy_for_translation(course.get_parent().get_translation(_locale("en")).locale)
    english.title, english.slug = "Human rights", "human-rights"
    english.save_revision().publish()
    links = _switcher(client.get(course.url).content.decode())
    assert links["en"] == "/en/colombia/human-rights/"
    assert "Human rights" in client.get(links["en"]).content.decode()


def test_lesson_links_keep_the_interface_language(client, spanish_only):
    course, lesson = spanish_only
    learner = official(course.state)
    EnrolmentFactory(course=course, user=learner)
    client.force_login(learner)
    html = client.get("/en/colombia/derechos-humanos/").content.decode()
    assert 'href="/en/colombia/derechos-humanos/principios/"' in html
    response = client.get("/en/colombia/derechos-humanos/principios/")
    assert response.status_code == 200 and '<html lang="en"' in response.content.decode()


def test_the_interface_tree_wins_and_unknown_addresses_stay_404(client, spanish_only):
    course, _lesson = spanish_only
    mine = CoursePageFactory(state=course.state, language="en", title="Mine", slug="derechos-humanos")
    assert "Mine" in client.get("/en/colombia/derechos-humanos/").content.decode()
    assert mine.pk != course.pk
    assert client.get("/en/colombia/no-such-page/").status_code == 404
    assert Client().get("/en/no-such-state/derechos-humanos/").status_code == 404


def test_urls_without_a_request_are_the_pages_own(spanish_only):
    from django.utils import translation

    course, _lesson = spanish_only
    with translation.override("fr"):
        assert course.url == "/es/colombia/derechos-humanos/"


def _locale(code):
    from wagtail.models import Locale

    return Locale.objects.get(language_code=code)
