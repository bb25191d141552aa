"""The home page in headless Chromium, in each of the four languages: the right lang attribute, no
console errors, usable by keyboard and on a phone. Screenshots go to artifacts/screenshots/."""

import pytest

from tests.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLES = {"en": "Distance courses", "es": "Cursos a distancia", "pt": "Cursos a distância", "fr": "Cours à distance"}


def test_home_page_in_four_languages(live_server, site_frame, page):
    from home.api import state_pages_ensure
    from tests.accounts import factories as f

    state_pages_ensure(state=f.state("MX"))
    for code, heading in TITLES.items():
        response = page.goto(f"{live_server.url}/{code}/")
        assert response.status == 200
        assert page.get_attribute("html", "lang") == code
        assert page.get_by_role("heading", name=heading).is_visible()
        assert page.locator("main#main").count() == 1
        assert page.get_by_role("search").count() == 1
        assert page.locator("footer").count() == 1
        screenshot(page, f"home-{code}")
    # Keyboard: the first Tab reaches the skip link, which leads to the main content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    # A phone-sized screen: no horizontal scrolling.
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/es/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    screenshot(page, "home-es-phone")
    assert page.console_errors == []


def test_sign_up_and_login_pages_render_in_the_layout(live_server, site_frame, page):
    for path, name in (("/fr/accounts/signup/", "signup-fr"), ("/pt/accounts/login/", "login-pt")):
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200
        assert page.locator("header.site-header").count() == 1
        assert page.locator("input[type=email]").count() == 1
        # Every visible input has a label.
        unlabeled = page.evaluate(
            """() => [...document.querySelectorAll('main input:not([type=hidden])')]
                 .filter(i => !(i.labels && i.labels.length) && !i.getAttribute('aria-label')).length"""
        )
        assert unlabeled == 0
        screenshot(page, name)
    assert page.console_errors == []
