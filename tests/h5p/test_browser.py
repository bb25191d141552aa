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
