"""The officer's journey in a real browser, in each interface language, on a laptop and a phone:
sign in → search → enrol → a text lesson → a video lesson (captions, progress) → the optional H5P
practice → the quiz → the certificate → its public verification page, in another language too.

The course is in English only, so in es/pt/fr it is read with the interface in that language (the
page says so) — the case that used to end in a 404. Every page passes the checks of
``tests/journeys/conftest.py`` (language, console, requests, axe-core WCAG 2.1 A/AA)."""

from __future__ import annotations

import pytest

from accounts.models import Profile
from courses.models import Certificate, Enrolment
from h5p.services import package_import
from tests.accounts.factories import official, state
from tests.courses.factories import (
    CoursePageFactory,
    LessonPageFactory,
    QuestionFactory,
    QuizFactory,
    video_body,
    video_with_captions,
)
from tests.h5p.conftest import frame_after_flush, sample

from .conftest import LANGUAGES

PASSWORD = "a-long-test-password"
NEXT_LANGUAGE = {"en": "es", "es": "pt", "pt": "fr", "fr": "en"}


def officer_world(language: str) -> dict:
    """A law-enforcement course with a text lesson, a video lesson, an optional H5P practice and a
    quiz lesson; an officer whose language is ``language``; the catalogue indexed."""
    from search.api import reindex

    frame_after_flush()
    mx = state("MX")
    course = CoursePageFactory(
        state=mx, title="Chain of custody fundamentals", slug="chain-of-custody", audience="law_enforcement"
    )
    LessonPageFactory(parent=course, title="Why the chain matters", slug="why")
    video = video_with_captions()
    LessonPageFactory(parent=course, title="Watch: sealing a bag", slug="watch", body=video_body(video))
    content, _created = package_import(data=sample("valid/true-false.h5p"))
    LessonPageFactory(parent=course, title="Practice check", slug="practice", required=False, h5p_content=content)
    quiz = QuizFactory(title="Final check", pass_mark=100)
    QuestionFactory(quiz=quiz, kind="single", prompt="Which bag for a wet shirt?", choices="Plastic\n*Paper")
    QuestionFactory(
        quiz=quiz, kind="true_false", prompt="A gap in the record proves tampering.", choices="", answer="false"
    )
    LessonPageFactory(parent=course, title="Packaging and sealing", slug="packaging", quiz=quiz)
    officer = official(mx, username=f"officer-{language}", first_name="Ana", last_name="Oficial")
    Profile.objects.filter(user=officer).update(preferred_language=language, display_name="Ana Oficial")
    reindex(clear=True)
    return {"course": course, "officer": officer, "quiz": quiz}


def wait_for_h5p(page, timeout_ms: int = 30000) -> None:
    """Until the H5P activity has rendered in one of the player's (sandboxed) frames."""
    for _attempt in range(timeout_ms // 250):
        for frame in page.frames[1:]:
            try:
                if frame.locator(".h5p-true-false, .h5p-question").count():
                    return
            except Exception:  # noqa: BLE001 (a frame navigating away while asked)
                continue
        page.wait_for_timeout(250)
    raise AssertionError("the H5P activity did not render")


def phone_menu_works(page) -> None:
    """On a phone the header never scrolls sideways: its sections fold behind a "Menu" button that
    opens by keyboard, says whether it is open (aria-expanded), and closes on Escape."""
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    toggle = page.locator(".menu-toggle")
    assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    assert not page.locator(".main-nav").is_visible()
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    nav = page.locator(".main-nav ul")
    assert nav.is_visible() and nav.evaluate("n => n.scrollWidth <= n.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.main-nav') !== null")
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false" and not page.locator(".main-nav").is_visible()
    assert page.evaluate("document.activeElement.classList.contains('menu-toggle')")


def assert_full_width(page, selector: str) -> None:
    """The player is as wide as the lesson's content column (on a phone, the screen less its margins)."""
    column = page.locator("article.lesson").bounding_box()
    box = page.locator(selector).first.bounding_box()
    assert abs(box["width"] - column["width"]) <= 1, (selector, box, column)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def assert_follows_h5p_height(page) -> None:
    """The H5P frame takes the height its activity posts: no inner scroll bar, no empty band."""
    player = page.locator("iframe.h5p-player").first
    frame = next(frame for frame in page.frames if "/h5p/play/" in frame.url)
    for _attempt in range(40):
        content = frame.evaluate(
            "() => Math.ceil(document.getElementById('h5p-container').getBoundingClientRect().bottom)"
        )
        height = player.bounding_box()["height"]
        if abs(height - max(150, content + 2)) <= 2:
            return
        page.wait_for_timeout(250)
    raise AssertionError(f"the H5P frame is {height}px tall for {content}px of content")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_officer_journey(journey, language, viewport):
    world = officer_world(language)
    run = journey(language=language, viewport=viewport, name="officer")
    page = run.page

    run.goto(f"/{language}/accounts/login/")
    run.check("login")
    page.fill("input[name=login]", world["officer"].email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(f"**/{language}/")
    run.check("home")
    if viewport == "phone":
        page.locator(".menu-toggle").click()
        run.check("home-menu-open")
        page.locator(".menu-toggle").click()

    run.goto(f"/{language}/search/?q=custody")
    first = page.locator(".search-hit h3 a").first
    first.wait_for()
    if viewport == "phone":
        assert page.locator(".site-header").bounding_box()["height"] <= 110  # one row: brand and "Menu"
        assert first.bounding_box()["y"] < 844  # the first result on the first screen
        assert not page.locator("#search-filter").evaluate("d => d.open")  # facets folded
        phone_menu_works(page)
    run.check("search")
    first.click()

    page.locator("form[action$='/enrol/'] button").click()
    page.wait_for_load_state()
    assert page.url.startswith(run.url(f"/{language}/"))  # the interface language is kept
    if language != "en":
        assert page.locator(".content-language").count() == 1  # "this page is in English"
    run.check("course-enrolled")
    page.locator(".course-side a.button").click()

    page.locator("h1#lesson-title").wait_for()
    run.check("lesson-text")
    page.locator(".lesson-done button").click()

    page.locator("video").wait_for()
    assert page.url.startswith(run.url(f"/{language}/")) and "/watch/" in page.url
    assert_full_width(page, "video")
    run.check("lesson-video")
    with page.expect_response(lambda r: "/progress/" in r.url and "/video/" in r.url and r.status == 200):
        page.evaluate(
            """() => new Promise(resolve => {
                 const video = document.querySelector("video");
                 video.muted = true; video.playbackRate = 2;
                 video.addEventListener("ended", resolve, {once: true});
                 video.play();
               })"""
        )
    assert page.evaluate("document.querySelector('video').textTracks.length") == 2
    page.reload()
    page.locator(".lesson-done .status-completed").wait_for()
    run.check("lesson-video-watched")

    page.locator(".lesson-nav a[rel=next]").click()
    page.locator("iframe").first.wait_for()
    wait_for_h5p(page)
    assert_full_width(page, "iframe.h5p-player")
    assert_follows_h5p_height(page)
    run.check("lesson-h5p")
    page.locator(".lesson-nav a[rel=next]").click()

    page.locator("form[action*='/quiz/'] button").click()
    questions = list(world["quiz"].questions.order_by("sort_order", "pk"))
    page.locator(f"input[name=q{questions[0].pk}][value='1']").check()
    page.locator(f"input[name=q{questions[1].pk}][value=false]").check()
    run.check("quiz")
    page.locator(".quiz-form button[type=submit]").click()
    page.locator(".status-completed").first.wait_for()
    run.check("quiz-passed")

    # The optional H5P practice was opened but not done: the certificate comes all the same.
    enrolment = Enrolment.objects.get(user=world["officer"])
    assert enrolment.status == "completed"
    certificate = Certificate.objects.get(user=world["officer"])

    run.goto(f"/{language}/learn/my-learning/")
    run.check("my-learning")
    page.locator(f"a[href='/verify/{certificate.code}/']").click()
    page.get_by_text(certificate.code).first.wait_for()
    run.check("verify")

    other = NEXT_LANGUAGE[language]
    if viewport == "phone":
        page.locator(".menu-toggle").click()
    page.locator(f".language-nav button[lang={other}]").click()
    page.wait_for_url(f"**/verify/{certificate.code}/?lang={other}")
    run.language = other
    run.check("verify-other-language")
