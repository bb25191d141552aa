"""The page frame: home pages in four languages, error pages in the layout, and audience tiers on
Wagtail pages (an unverified account cannot reach law-enforcement content)."""

import pytest
from django.test import override_settings
from wagtail.models import PageViewRestriction

from accounts.access import Audience
from home.api import state_pages_ensure
from home.models import StandardPage
from tests.accounts import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("code", ["en", "es", "pt", "fr"])
def test_home_page_in_each_language(client, site_frame, code, django_assert_max_num_queries):
    client.get(f"/{code}/")  # the first request fills Wagtail's site-root cache
    with django_assert_max_num_queries(12):
        response = client.get(f"/{code}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{code}"' in html
    assert 'role="search"' in html and "<footer" in html and 'id="main"' in html
    assert 'hreflang="es"' in html  # the language switcher is plain links for anonymous visitors


def test_home_page_queries_do_not_grow_with_states(client, site_frame, django_assert_max_num_queries):
    state_pages_ensure(state=f.state("MX"))
    with django_assert_max_num_queries(25) as few:
        client.get("/en/")
    for code in ("CO", "BR", "HT"):
        state_pages_ensure(state=f.state(code))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/en/").status_code == 200


def test_signed_in_language_switcher_posts_and_remembers(client, site_frame):
    client.force_login(f.UserFactory())
    html = client.get("/en/").content.decode()
    assert 'action="/i18n/setlang/"' in html and 'name="language" value="fr"' in html


def test_root_redirects_by_browser_language(client, site_frame):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr-CA,fr;q=0.9")
    assert response.status_code == 302 and response["Location"] == "/fr/"


@pytest.mark.parametrize("code", ["en", "es"])
def test_404_in_the_layout_and_language(client, site_frame, code):
    response = client.get(f"/{code}/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{code}"' in html and 'class="site-header"' in html
    assert ("Page not found" if code == "en" else "Página no encontrada") in html


@override_settings(DEBUG=False)
def test_500_page_renders_without_a_request():
    from django.template import loader
    from django.utils import translation

    with translation.override("en"):
        html = loader.get_template("500.html").render({})
    assert "Something went wrong" in html and 'class="site-header"' in html


def _guidance(parent, audience):
    page = StandardPage(title="Guidance for officials", slug="guidance", audience=audience)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_unverified_account_cannot_reach_law_enforcement_content(client, site_frame):
    mx = f.state("MX")
    page = _guidance(state_pages_ensure(state=mx)["en"], Audience.LAW_ENFORCEMENT)
    assert PageViewRestriction.objects.filter(page=page).exists()
    url = page.get_url()

    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]

    client.force_login(f.UserFactory())  # signed in, e-mail confirmed, but not a verified official
    response = client.get(url)
    assert response.status_code == 403
    html = response.content.decode()
    assert "Guidance for officials" not in html
    assert "This page is for verified law-enforcement officials." in html

    client.force_login(f.official(f.state("CO")))  # an official of another state: law-enforcement is open
    assert client.get(url).status_code == 200


def test_state_tier_page_is_for_the_owning_state_only(client, site_frame):
    mx = f.state("MX")
    page = _guidance(state_pages_ensure(state=mx)["en"], Audience.STATE)
    url = page.get_url()
    client.force_login(f.official(f.state("CO")))
    assert client.get(url).status_code == 403
    client.force_login(f.official(mx))
    assert client.get(url).status_code == 200


def test_public_standard_page_has_no_restriction(client, site_frame):
    page = _guidance(state_pages_ensure(state=f.state("MX"))["en"], Audience.PUBLIC)
    assert not PageViewRestriction.objects.filter(page=page).exists()
    assert client.get(page.get_url()).status_code == 200
