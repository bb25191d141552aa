"""An officer enrols, completes a lesson, passes a quiz and opens the verification page of the
certificate, in headless Chromium (laptop and phone widths)."""

import pytest

from courses.models import Certificate
from tests.accounts.factories import official, state
from tests.conftest import screenshot
from tests.courses.factories import CoursePageFactory, LessonPageFactory, QuestionFactory, QuizFactory

PASSWORD = "a-long-test-password"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_officer_enrols_learns_passes_and_verifies(live_server, page, site_frame):
    mx = state("MX")
    course = CoursePageFactory(state=mx, title="Chain of custody", audience="law_enforcement", estimated_hours=2)
    LessonPageFactory(parent=course, title="Why it matters")
    quiz = QuizFactory(title="Final check", pass_mark=100)
    QuestionFactory(quiz=quiz, kind="single", prompt="Which bag for a wet shirt?", choices="Plastic\n*Paper")
    QuestionFactory(quiz=quiz, kind="true_false", prompt="A gap proves tampering.", choices="", answer="false")
    LessonPageFactory(parent=course, title="Packaging", quiz=quiz)
    officer = official(mx, username="jorge", first_name="Jorge", last_name="Oficial")

    page.goto(f"{live_server.url}/en/accounts/login/")
    page.fill("input[name=login]", officer.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()

    page.goto(f"{live_server.url}{course.url}")
    screenshot(page, "courses-course-page")
    page.get_by_role("button", name="Enrol now").click()
    page.get_by_text("You are enrolled").wait_for()

    page.get_by_role("link", name="Start the first lesson").click()
    page.get_by_role("heading", name="Why it matters").wait_for()
    page.get_by_role("button", name="Mark as done").click()

    page.get_by_role("heading", name="Packaging").wait_for()
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "courses-lesson-phone")
    page.get_by_role("button", name="Start the quiz").click()
    page.get_by_label("Paper").check()
    page.get_by_label("False").check()
    screenshot(page, "courses-quiz-phone")
    page.get_by_role("button", name="Submit answers").click()
    page.get_by_text("your score: 100%").wait_for()

    page.goto(f"{live_server.url}/en/learn/my-learning/")
    screenshot(page, "courses-my-learning-phone")
    page.get_by_role("link", name="Certificate", exact=True).click()
    page.get_by_text("This certificate is valid.").wait_for()
    certificate = Certificate.objects.get(user=officer)
    assert certificate.code in page.content()
    assert "Jorge Oficial" in page.content()
    screenshot(page, "courses-verify-phone")
    assert page.console_errors == []
