"""A holder's credential travels: the learner downloads the baked badge (PNG) from My learning, and an
employer with no account checks it on /verify/ by uploading the image, in each interface language,
on a desktop and on a phone (page language, console, requests and axe-core checked at every step)."""

import pytest

from .conftest import LANGUAGES, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VALID = {
    "en": "This credential is valid",
    "es": "Esta credencial es válida",
    "pt": "Esta credencial é válida",
    "fr": "Cette attestation est valide",
}


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_baked_badge_is_downloaded_and_checked_by_upload(journey, site_frame, language, viewport):
    from accounts.services import profile_update
    from tests.accounts.factories import official, state
    from tests.badges.conftest import certificate_for
    from tests.courses.factories import CoursePageFactory, EnrolmentFactory

    mx = state("MX")
    course = CoursePageFactory(state=mx, title="Cadena de custodia", estimated_hours="6")
    learner = official(mx, email=f"ana-{language}-{viewport}@policia.example.mx")
    profile_update(user=learner, preferred_language=language)
    EnrolmentFactory(user=learner, course=course)
    certificate = certificate_for(course, learner, language="es")

    run = journey(language=language, viewport=viewport, name="credential")
    page = run.page
    sign_in(run, learner)
    run.goto(f"/{language}/learn/my-learning/")
    run.check("my-learning")
    link = page.locator(f"a[href$='/badges/credentials/{certificate.pk}.png']")
    assert link.count() == 1
    image = page.request.get(run.url(link.get_attribute("href")))
    assert image.status == 200 and image.headers["content-type"] == "image/png"

    employer = journey(language=language, viewport=viewport, name="credential-employer")
    employer.goto(f"/verify/?lang={language}")
    employer.check("verify-form")
    employer.page.set_input_files(
        "input[name=image]", files=[{"name": "badge.png", "mimeType": "image/png", "buffer": image.body()}]
    )
    employer.page.click("main form button[type=submit]")
    employer.page.wait_for_load_state()
    assert VALID[language] in employer.page.inner_text("main")
    assert "Cadena de custodia" in employer.page.inner_text("main")
    employer.check("verify-valid", english_allowed=("Capacitas",))
