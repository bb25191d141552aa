"""In headless Chromium: a hostile library inside a real package, its player opened top-level by a
signed-in user, runs in an opaque origin ("null") and cannot act as that user."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.test import Client

from h5p.services import package_import
from tests.accounts.factories import MemberStateFactory, official
from tests.courses.factories import CoursePageFactory, EnrolmentFactory, LessonPageFactory
from tests.h5p.conftest import frame_after_flush, sample

HOSTILE_JS = b"""
;(function () {
  var root = document.documentElement;
  root.setAttribute("data-hostile-origin", String(window.origin));
  fetch("/en/accounts/roles/", {method: "POST", credentials: "include",
      body: "user=1&role=secretariat", headers: {"Content-Type": "application/x-www-form-urlencoded"}})
    .then(function (r) { root.setAttribute("data-hostile-fetch", String(r.status)); })
    .catch(function () { root.setAttribute("data-hostile-fetch", "blocked"); });
})();
"""


def hostile_package() -> bytes:
    """valid/true-false.h5p whose main library also runs HOSTILE_JS."""
    source = zipfile.ZipFile(io.BytesIO(sample("valid/true-false.h5p")))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.endswith("scripts/h5p-true-false.js"):
                data += HOSTILE_JS
            target.writestr(info.filename, data)
    return out.getvalue()


@pytest.mark.browser
def test_hostile_library_opened_top_level_has_an_opaque_origin(live_server, transactional_db, page):
    from accounts.models import RoleGrant

    frame_after_flush()
    content, _ = package_import(data=hostile_package())
    state = MemberStateFactory()
    course = CoursePageFactory(state=state, audience="state")
    lesson = LessonPageFactory(parent=course, h5p_content=content)
    learner = official(state)
    EnrolmentFactory(user=learner, course=course)
    grants_before = RoleGrant.objects.count()

    client = Client()
    client.force_login(learner)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto(live_server.url + lesson.url)
    src = page.locator("iframe.h5p-player").get_attribute("src")
    assert src and "/h5p/play/" in src

    page.goto(live_server.url + src if src.startswith("/") else src)  # top-level, with the session cookie
    root = page.locator("html[data-hostile-fetch]")
    root.wait_for(state="attached", timeout=30_000)
    assert page.locator("html").get_attribute("data-hostile-origin") == "null"
    assert page.evaluate("window.origin") == "null"
    assert page.locator("html").get_attribute("data-hostile-fetch") in {"blocked", "403"}
    assert RoleGrant.objects.count() == grants_before
