"""End to end in headless Chromium: play valid/true-false.h5p inside a lesson, answer it, find the
statement stored and the lesson's progress updated, and come back to the saved answer."""

from __future__ import annotations

import time

import pytest
from django.test import Client

from h5p.models import H5PUserData
from h5p.services import package_import
from tests.accounts.factories import MemberStateFactory, official
from tests.conftest import screenshot
from tests.courses.factories import CoursePageFactory, EnrolmentFactory, LessonPageFactory

from .conftest import frame_after_flush, sample


def wait_for(check, seconds: float = 15.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError("timed out")


@pytest.mark.browser
def test_play_true_false_in_a_lesson(live_server, transactional_db, page):
    from courses.models import ActivityResult
    from xapi.models import Statement

    frame_after_flush()
    content, _ = package_import(data=sample("valid/true-false.h5p"))
    state = MemberStateFactory()
    course = CoursePageFactory(state=state, audience="state")
    lesson = LessonPageFactory(parent=course, h5p_content=content, pass_mark=50)
    learner = official(state)
    EnrolmentFactory(user=learner, course=course)

    client = Client()
    client.force_login(learner)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto(live_server.url + lesson.url)
    assert page.locator("iframe.h5p-player").get_attribute("sandbox") == "allow-scripts"
    player = page.frame_locator("iframe.h5p-player")
    player.get_by_role("radio", name="False").click(timeout=30_000)  # "Is this false?" → False is right
    player.get_by_role("button", name="Check").click()
    page.locator(".h5p-status").filter(has_text="recorded").wait_for(timeout=15_000)
    screenshot(page, "h5p-true-false-answered")

    stored = Statement.objects.get(verb_id="http://adlnet.gov/expapi/verbs/answered")
    assert stored.data["result"]["score"]["raw"] == 1
    assert stored.user_id == learner.pk
    result = ActivityResult.objects.get(user=learner, lesson=lesson)
    assert result.satisfied and result.score_scaled == 1.0

    # The state is saved through the lesson page and handed back when the learner returns.
    saved = wait_for(lambda: H5PUserData.objects.filter(user=learner, lesson_id=lesson.pk).first())
    assert saved.data
    page.reload()
    player = page.frame_locator("iframe.h5p-player")
    player.get_by_role("radio", name="False", checked=True).wait_for(timeout=30_000)
    assert not [error for error in page.console_errors if "h5p" in error.lower() or "SecurityError" in error]


@pytest.mark.browser
@pytest.mark.parametrize("name", ["valid2.h5p", "valid3-3-images.h5p", "greetingcard1.h5p"])
def test_other_shared_packages_play(name, live_server, transactional_db, page):
    """greetingcard1.h5p is structurally valid, but its script defines H5P.GreetingCard, not the
    H5P.GreetingCard1 its library.json names: no player can start it. The lesson says so."""
    frame_after_flush()
    content, _ = package_import(data=sample(f"valid/{name}"))
    state = MemberStateFactory()
    course = CoursePageFactory(state=state, audience="public")
    lesson = LessonPageFactory(parent=course, h5p_content=content)
    learner = official(state)
    EnrolmentFactory(user=learner, course=course)
    client = Client()
    client.force_login(learner)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto(live_server.url + lesson.url)
    player = page.frame_locator("iframe.h5p-player")
    if name == "greetingcard1.h5p":
        page.locator(".h5p-status").filter(has_text="could not start").wait_for(timeout=30_000)
        assert any("Unable to find constructor for: H5P.GreetingCard1" in error for error in page.console_errors)
        return
    player.locator("html[data-h5p-ready]").wait_for(state="attached", timeout=30_000)
    player.locator(".h5p-content").first.wait_for(timeout=10_000)
    assert player.locator("html[data-h5p-error]").count() == 0
    screenshot(page, f"h5p-plays-{name.removesuffix('.h5p')}")


class _Traffic:
    """What the live server was asked for (from Django's request_started), and what the browser
    received over the network (from Playwright's finished requests: header and body bytes)."""

    def __init__(self, page):
        from django.core.signals import request_started

        self.paths: list[str] = []
        self.network: list[tuple[str, int]] = []
        self._signal = request_started
        request_started.connect(self._started, weak=False, dispatch_uid="h5p-cache-traffic")
        page.on("requestfinished", self._finished)

    def _started(self, sender, environ=None, **kwargs):
        self.paths.append((environ or {}).get("PATH_INFO", ""))

    def _finished(self, request):
        sizes = request.sizes()
        self.network.append((request.url, sizes["responseBodySize"] + sizes["responseHeadersSize"]))

    def mark(self) -> tuple[int, int]:
        return len(self.paths), len(self.network)

    def since(self, mark: tuple[int, int]) -> tuple[list[str], list[tuple[str, int]]]:
        return self.paths[mark[0] :], self.network[mark[1] :]

    def close(self):
        self._signal.disconnect(dispatch_uid="h5p-cache-traffic")


@pytest.mark.browser
def test_second_view_of_a_lesson_takes_its_h5p_files_from_the_cache(live_server, transactional_db, page):
    """valid/true-false.h5p (its 10 libraries): the first view downloads the package's files, the
    second asks the server for none of them and receives no bytes for them."""
    frame_after_flush()
    content, _ = package_import(data=sample("valid/true-false.h5p"))
    state = MemberStateFactory()
    course = CoursePageFactory(state=state, audience="state")
    lesson = LessonPageFactory(parent=course, h5p_content=content)
    learner = official(state)
    EnrolmentFactory(user=learner, course=course)
    client = Client()
    client.force_login(learner)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    traffic = _Traffic(page)
    try:
        views = []
        for _view in range(2):
            mark = traffic.mark()
            page.goto(live_server.url + lesson.url)
            player = page.frame_locator("iframe.h5p-player")
            player.locator("html[data-h5p-ready]").wait_for(state="attached", timeout=30_000)
            player.get_by_role("radio", name="False").wait_for(timeout=10_000)
            handed = int(player.locator("html").get_attribute("data-h5p-handed") or 0)
            page.wait_for_timeout(1_000)  # fonts and images the activity asks for after it started
            views.append(traffic.since(mark))
    finally:
        traffic.close()

    (first_paths, first_network), (second_paths, second_network) = views
    first_files = [path for path in first_paths if path.startswith("/h5p/files/")]
    second_files = [path for path in second_paths if path.startswith("/h5p/files/")]
    first_bytes = sum(size for url, size in first_network if "/h5p/files/" in url)
    second_bytes = sum(size for url, size in second_network if "/h5p/files/" in url)
    print(
        f"H5P files: first view {len(first_files)} requests, {first_bytes} bytes; "
        f"second view {len(second_files)} requests, {second_bytes} bytes"
    )
    assert handed > 50  # the lesson page handed the player its files (on the second view too)
    assert len(first_files) > 10 and first_bytes > 100_000
    assert second_files == []
    assert second_bytes == 0
    # The player document itself is never cached: the grant and saved state are checked each time.
    assert any(path.startswith("/h5p/play/") for path in second_paths)
