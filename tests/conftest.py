"""Shared fixtures: a browser for end-to-end tests, and the site frame (home and state pages)."""

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
H5P_SAMPLES = SHARED / "data" / "h5p"
SCORM_SAMPLES = SHARED / "data" / "scorm"
ARTIFACTS = ROOT / "artifacts"
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(autouse=True)
def _isolated_language_and_cache():
    """Each test starts in the default language with an empty cache.

    A request through the test client leaves its language active in the thread, and cached
    figures outlive the rows they were computed from: without this, tests depend on their order."""
    from django.conf import settings
    from django.core.cache import caches
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    for cache in caches.all():
        cache.clear()
    yield
    translation.deactivate()


@pytest.fixture
def site_frame(db):
    """Home pages in the four languages. State pages are made per test with home.api.state_pages_ensure."""
    from home.api import home_pages_ensure

    return home_pages_ensure()


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright (never a downloaded browser)."""
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium is not installed; .ci/run installs it.")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium).")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh browser context and page; console errors are collected in ``page.console_errors``."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    yield page
    context.close()


def screenshot(page, name: str) -> Path:
    """Write a screenshot where CI keeps artefacts (artifacts/screenshots/)."""
    target = ARTIFACTS / "screenshots" / f"{name}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target), full_page=True)
    return target
