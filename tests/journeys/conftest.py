"""Shared helpers of the browser journeys (officer, editor, coordinator) in headless Chromium.

Each journey runs in one interface language and one viewport and, on every page it reaches, checks
that: the page's ``lang`` is the interface language and no interface string is left in English
(text outside elements marked with another ``lang``, compared with the project's catalogues); the
console has no error; no request failed (network errors, 4xx and 5xx answers); and axe-core finds no
WCAG 2.1 A/AA violation. Screenshots go to ``artifacts/screenshots/journeys-…``.

    def test_something(journey):
        run = journey(language="es", viewport="phone")
        run.goto("/es/search/")
        run.check("search")              # the four checks and a screenshot
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import screenshot

ROOT = Path(__file__).resolve().parents[2]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
LANGUAGES = ["en", "es", "pt", "fr"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_source() -> str:
    """axe-core from npm (package.json); AXE_CORE_JS names another copy of axe.min.js."""
    path = Path(os.environ.get("AXE_CORE_JS") or ROOT / "node_modules" / "axe-core" / "axe.min.js")
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail("axe-core is not installed: npm ci --ignore-scripts")
        pytest.skip("axe-core is not installed (npm ci --ignore-scripts, or set AXE_CORE_JS)")
    return path.read_text(encoding="utf-8")


def english_interface_strings(language: str) -> set[str]:
    """Interface strings whose translation into ``language`` differs from the English: seeing one
    of them on a page in that language means a string was left untranslated."""
    from django.utils.translation import trans_real

    if language == "en":
        return set()
    catalog = trans_real.translation(language)._catalog
    strings = set()
    for key in catalog.keys():  # noqa: SIM118 (a TranslationCatalog, not a dict)
        if not isinstance(key, str) or "%" in key or "{" in key or len(key) < 4:
            continue
        if catalog[key] != key and any(ch.isalpha() for ch in key):
            strings.add(key)
    return strings


# The visible text of the page outside any element whose lang differs from the document's (content
# in another language, language names in the switcher), one string per text node.
INTERFACE_TEXT_JS = """() => {
  const lang = document.documentElement.lang;
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const text = node.textContent.replace(/\\s+/g, " ").trim();
    if (!text) continue;
    const parent = node.parentElement;
    if (!parent || parent.closest("script,style,template,[hidden]")) continue;
    const marked = parent.closest("[lang]");
    if (marked && marked.lang.slice(0, 2) !== lang.slice(0, 2)) continue;
    out.push(text);
  }
  return out;
}"""


@dataclass
class Journey:
    page: object
    base_url: str
    language: str
    viewport: str
    name: str
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base_url + path

    def goto(self, path: str):
        return self.page.goto(self.url(path))

    def check(self, step: str, *, english_allowed: tuple[str, ...] = ()) -> None:
        page = self.page
        page.wait_for_load_state("load")
        assert page.evaluate("document.documentElement.lang") == self.language, step
        leaks = english_interface_strings(self.language) & set(page.evaluate(INTERFACE_TEXT_JS))
        leaks -= set(english_allowed)
        assert not leaks, f"{step}: English interface text on a {self.language} page: {sorted(leaks)}"
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.evaluate(axe_source() + "\n;0")
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
            AXE_TAGS,
        )
        violations = [
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"]
        ]
        assert not violations, f"{step}: axe-core WCAG 2.1 A/AA violations: {violations}"
        assert not self.console_errors, f"{step}: console errors: {self.console_errors}"
        assert not self.failed_requests, f"{step}: failed requests: {self.failed_requests}"
        screenshot(page, f"journeys-{self.name}-{self.language}-{self.viewport}-{step}")
        self.checked.append(step)


@pytest.fixture
def journey(browser, live_server):
    """``journey(language=…, viewport="desktop"|"phone", name=…)``: a fresh browser context."""
    contexts = []

    def start(*, language: str, viewport: str = "desktop", name: str = "journey") -> Journey:
        context = browser.new_context(
            viewport=VIEWPORTS[viewport],
            locale={"en": "en-US", "es": "es-419", "pt": "pt-BR", "fr": "fr-FR"}[language],
            is_mobile=viewport == "phone",
            has_touch=viewport == "phone",
        )
        contexts.append(context)
        page = context.new_page()
        run = Journey(page=page, base_url=live_server.url, language=language, viewport=viewport, name=name)
        page.on("console", lambda message: message.type == "error" and run.console_errors.append(message.text))
        page.on("pageerror", lambda error: run.console_errors.append(str(error)))
        # A request the browser itself cancels because the page navigated on (net::ERR_ABORTED, e.g. an
        # H5P stylesheet still loading when the learner moves to the quiz) is not a failure of the site.
        page.on(
            "requestfailed",
            lambda request: (
                "ERR_ABORTED" not in (request.failure or "")
                and run.failed_requests.append(f"{request.url} {request.failure}")
            ),
        )
        page.on(
            "response",
            lambda response: response.status >= 400 and run.failed_requests.append(f"{response.status} {response.url}"),
        )
        return run

    yield start
    for context in contexts:
        context.close()


PASSWORD = "a-long-test-password"


def sign_in(run: Journey, user) -> None:
    """allauth's login form in the journey's language, then the TOTP step for privileged roles
    (allauth refuses a code used twice in a period and a slow machine may cross a period boundary
    between reading a code and sending it: try again)."""
    from django.core.cache import cache

    from tests.accounts.factories import totp_code

    page = run.page
    run.goto(f"/{run.language}/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    for _attempt in range(3):
        if not page.locator("input[name=code]").count():
            break
        cache.clear()
        page.fill("input[name=code]", totp_code())
        page.click("main form button[type=submit]")
        page.wait_for_load_state()


def leave(run: Journey) -> None:
    """Stop the admin's background requests (editing-session pings) before the database is flushed."""
    run.page.goto("about:blank")
    run.page.wait_for_timeout(300)
