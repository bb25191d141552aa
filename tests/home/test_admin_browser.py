"""The Wagtail admin under the site's CSP, in headless Chromium: the page editor, the scheduled
publishing date picker and the image chooser open with no console error (no script blocked), and
the admin speaks the editor's language."""

import pytest

from tests.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"


@pytest.fixture
def lesson(site_frame):
    import wagtail_factories

    from tests.accounts.factories import state
    from tests.courses.factories import CoursePageFactory, LessonPageFactory

    mx = state("MX")
    course = CoursePageFactory(state=mx, title="Interviewing witnesses")
    image = wagtail_factories.ImageFactory(title="Interview room")
    return LessonPageFactory(
        parent=course,
        title="The first contact",
        body=[
            {"type": "text", "value": "<p>Read this carefully.</p>"},
            {"type": "image", "value": {"image": image.pk, "alt": "An interview room", "caption": ""}},
        ],
    )


def sign_in(browser, live_server, user, language="en"):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale=language)
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    page.goto(f"{live_server.url}/{language}/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    return context, page


@pytest.mark.parametrize("language", ["en", "es"])
def test_editor_date_picker_and_image_chooser_under_the_csp(live_server, browser, lesson, language):
    from accounts.models import Profile
    from tests.accounts.factories import editor

    user = editor(lesson.get_parent().specific.state, username=f"editor-{language}")
    Profile.objects.filter(user=user).update(preferred_language=language)
    context, page = sign_in(browser, live_server, user, language)
    failed = []
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))
    page.goto(f"{live_server.url}/admin/pages/{lesson.pk}/edit/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.lang") == language
    screenshot(page, f"admin-editor-{language}")

    # Scheduled publishing: the status side panel's dialog, with the date-time picker.
    page.locator("[data-side-panel-toggle='status']").click()
    page.locator("[data-a11y-dialog-show='schedule-publishing-dialog']").first.click()
    page.locator("#id_go_live_at").click()
    picker = page.locator(".xdsoft_datetimepicker").first
    picker.wait_for(state="visible", timeout=5000)
    screenshot(page, f"admin-date-picker-{language}")
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")

    # The image chooser of the lesson's image block.
    page.reload()
    page.wait_for_load_state("networkidle")
    # The image is chosen: "Choose another image" is in the chooser's actions menu.
    page.locator(".chooser .chosen [data-w-dropdown-target='toggle']").first.click()
    page.locator("[data-chooser-action-choose]:visible").first.click()
    modal = page.locator(".modal-content")
    modal.wait_for(state="visible", timeout=10000)
    page.wait_for_load_state("networkidle")
    assert modal.locator("form[role=search], form.search-form, input[name=q]").count() >= 1
    screenshot(page, f"admin-image-chooser-{language}")

    assert page.console_errors == []
    assert failed == []
    context.close()
