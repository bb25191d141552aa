"""End to end in headless Chromium: a SCORM 1.2 and a SCORM 2004 package from ../shared/data/scorm
play in a lesson, in a sandboxed frame with an opaque origin; values set through the run-time API
reach the server and come back after a reload (a learner resuming on another device)."""

from __future__ import annotations

import json
import time

import pytest
from django.test import Client

from scorm.models import ScormScoData
from scorm.services import package_import
from tests.conftest import screenshot
from tests.h5p.conftest import frame_after_flush

from .conftest import lesson_with, sample


def wait_for(check, seconds: float = 20.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError("timed out")


def open_lesson(page, live_server, lesson, learner):
    client = Client()
    client.force_login(learner)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto(live_server.url + lesson.url)
    return sco_frame(page)


def sco_frame(page):
    page.frame_locator("iframe.scorm-player").locator("html[data-scorm-api]").wait_for(state="attached", timeout=30_000)
    return next(frame for frame in page.frames if "/scorm/launch/" in frame.url)


def opaque(frame) -> dict:
    return frame.evaluate(
        """() => {
          const refused = (read) => { try { read(); return false; } catch (error) { return true; } };
          return {
            origin: window.origin,
            cookie: refused(() => document.cookie),
            storage: refused(() => window.localStorage),
            parent: refused(() => window.top.document.title),
          };
        }"""
    )


@pytest.mark.browser
def test_scorm_12_resumes_after_a_reload(live_server, transactional_db, page):
    from courses.models import ActivityResult
    from xapi.models import Statement

    frame_after_flush()
    package, _ = package_import(data=sample("valid/RuntimeBasicCalls_SCORM12.zip"))
    lesson, learner = lesson_with(package)
    frame = open_lesson(page, live_server, lesson, learner)
    assert page.locator("iframe.scorm-player").get_attribute("sandbox") == "allow-scripts"
    assert opaque(frame) == {"origin": "null", "cookie": True, "storage": True, "parent": True}
    assert frame.evaluate("() => API.LMSGetValue('cmi.core.entry')") == "ab-initio"
    frame.evaluate(
        """() => {
          API.LMSSetValue("cmi.core.lesson_location", "7");
          API.LMSSetValue("cmi.suspend_data", "page=7;answers=ABC");
          API.LMSSetValue("cmi.core.score.raw", "85");
          API.LMSSetValue("cmi.core.lesson_status", "passed");
          API.LMSSetValue("cmi.core.exit", "suspend");
          API.LMSCommit("");
        }"""
    )
    page.locator(".scorm-status").filter(has_text="completed").wait_for(timeout=15_000)
    data = ScormScoData.objects.get(attempt__user=learner, item="item_1")
    assert (data.location, data.suspend_data, data.score_raw) == ("7", "page=7;answers=ABC", 85)
    assert (data.completion_status, data.success_status) == ("completed", "passed")
    result = ActivityResult.objects.get(user=learner, lesson=lesson, kind="scorm")
    assert result.satisfied and result.success is True and result.score_scaled == pytest.approx(0.85)
    assert Statement.objects.filter(user=learner, verb_id="http://adlnet.gov/expapi/verbs/passed").exists()
    screenshot(page, "scorm-12-passed")

    page.reload()
    frame = sco_frame(page)
    resumed = json.loads(frame.evaluate("() => document.getElementById('capacitas-scorm-runtime').textContent"))
    assert resumed["cmi"]["core"]["lesson_location"] == "7"
    assert frame.evaluate("() => API.LMSGetValue('cmi.core.entry')") == "resume"
    assert frame.evaluate("() => API.LMSGetValue('cmi.suspend_data')") == "page=7;answers=ABC"
    assert frame.evaluate("() => API.LMSGetValue('cmi.core.score.raw')") == "85"
    assert frame.evaluate("() => API.LMSGetValue('cmi.core.lesson_status')") == "passed"


@pytest.mark.browser
def test_scorm_2004_resumes_after_a_reload(live_server, transactional_db, page):
    frame_after_flush()
    package, _ = package_import(data=sample("valid/RunTimeAdvancedCalls_SCORM20043rdEdition.zip"))
    lesson, learner = lesson_with(package)
    frame = open_lesson(page, live_server, lesson, learner)
    assert opaque(frame)["origin"] == "null"
    frame.evaluate(
        """() => {
          const api = window.API_1484_11;
          api.SetValue("cmi.location", "slide-3");
          api.SetValue("cmi.suspend_data", "s=3");
          api.SetValue("cmi.interactions.0.id", "q1");
          api.SetValue("cmi.interactions.0.type", "true-false");
          api.SetValue("cmi.interactions.0.learner_response", "true");
          api.SetValue("cmi.interactions.0.result", "correct");
          api.SetValue("cmi.score.scaled", "0.9");
          api.SetValue("cmi.completion_status", "completed");
          api.SetValue("cmi.success_status", "passed");
          api.SetValue("cmi.exit", "suspend");
          api.Commit("");
        }"""
    )
    page.locator(".scorm-status").filter(has_text="completed").wait_for(timeout=15_000)
    data = ScormScoData.objects.get(attempt__user=learner, item="item_1")
    assert (data.location, data.score_scaled, data.completion_status) == ("slide-3", 0.9, "completed")
    assert data.cmi["interactions"]["0"]["id"] == "q1"

    page.reload()
    frame = sco_frame(page)
    resumed = json.loads(frame.evaluate("() => document.getElementById('capacitas-scorm-runtime').textContent"))
    assert resumed["cmi"]["location"] == "slide-3"
    api = "window.API_1484_11"
    assert frame.evaluate(f"() => {api}.GetValue('cmi.entry')") == "resume"
    assert frame.evaluate(f"() => {api}.GetValue('cmi.suspend_data')") == "s=3"
    assert frame.evaluate(f"() => {api}.GetValue('cmi.interactions.0.id')") == "q1"
    assert frame.evaluate(f"() => {api}.GetValue('cmi.success_status')") == "passed"
    assert frame.evaluate(f"() => {api}.GetValue('cmi.score.scaled')") == "0.9"


@pytest.mark.browser
def test_a_nested_page_reaches_the_scos_functions(live_server, transactional_db, page):
    """The Golf SCO shows its pages in an inner frame, which calls parent.RecordTest(score): across
    the sandbox's opaque origins that call goes by postMessage (static/scorm/frame.js)."""
    frame_after_flush()
    package, _ = package_import(data=sample("valid/RuntimeBasicCalls_SCORM12.zip"))
    lesson, learner = lesson_with(package)
    frame = open_lesson(page, live_server, lesson, learner)
    inner = wait_for(
        lambda: next((f for f in page.frames if "/scorm/files/" in f.url and f.url.endswith(".html")), None)
    )
    inner.wait_for_load_state()
    assert inner.evaluate("() => window.origin") == "null"
    inner.evaluate("() => parent.RecordTest(80)")
    wait_for(lambda: frame.evaluate("() => API.LMSGetValue('cmi.core.score.raw')") == "80")
    assert frame.evaluate("() => API.LMSGetValue('cmi.core.lesson_status')") == "passed"


@pytest.mark.browser
def test_a_multi_sco_package_follows_its_table_of_contents(live_server, transactional_db, page):
    frame_after_flush()
    package, _ = package_import(data=sample("valid/ContentPackagingOneFilePerSCO_SCORM20043rdEdition.zip"))
    lesson, learner = lesson_with(package)
    open_lesson(page, live_server, lesson, learner)
    choices = page.locator("[data-scorm-choose]")
    assert choices.count() > 10
    first = page.locator("iframe.scorm-player").get_attribute("src")
    target = choices.nth(3)
    item = target.get_attribute("data-scorm-choose")
    target.click()
    assert target.get_attribute("aria-current") == "step"
    assert page.locator("iframe.scorm-player").get_attribute("src") != first
    frame = sco_frame(page)
    wait_for(lambda: f"/{item}/" in frame.url)
    assert (
        json.loads(frame.evaluate("() => document.getElementById('capacitas-scorm-runtime').textContent"))["item"]
        == item
    )
    screenshot(page, "scorm-2004-table-of-contents")


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}, {"width": 1280, "height": 900}])
def test_the_player_takes_the_content_width_and_follows_the_scos_height(live_server, transactional_db, page, viewport):
    """On a phone and a laptop the sandboxed frame is as wide as the lesson's content column, and it
    grows to the SCO's height when the SCO's document is taller than the frame (the SCO posts its
    height; the lesson page takes it only from that frame's opaque origin)."""
    frame_after_flush()
    page.set_viewport_size(viewport)
    package, _ = package_import(data=sample("valid/RuntimeBasicCalls_SCORM12.zip"))
    lesson, learner = lesson_with(package)
    frame = open_lesson(page, live_server, lesson, learner)
    player = page.locator("iframe.scorm-player")
    column = page.locator("article.lesson").bounding_box()
    box = player.bounding_box()
    assert abs(box["width"] - column["width"]) <= 1, (box, column)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    frame.evaluate(
        "() => { const tall = document.createElement('div'); tall.style.height = '1500px'; document.body.appendChild(tall); }"
    )
    wait_for(
        lambda: player.bounding_box()["height"] >= frame.evaluate("() => document.documentElement.scrollHeight") - 1
    )
    assert 1500 < player.bounding_box()["height"] <= 10000
    # A message from anything but the frame's own window is ignored.
    page.evaluate("() => window.postMessage({type: 'scorm-resize', item: 'item_1', height: 200}, '*')")
    page.wait_for_timeout(300)
    assert player.bounding_box()["height"] > 1500
    screenshot(page, f"scorm-player-{viewport['width']}")
