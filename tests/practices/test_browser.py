"""Submitting and reviewing a good practice in a browser (headless Debian Chromium), in Spanish and
English: an official submits from the form, the state's coordinator signs in with an authenticator
code and sends it on to the secretariat. Every page: its language, no English left on a Spanish
page, no console error, no failed request, axe-core WCAG 2.1 A/AA clean (tests/journeys/conftest.py)."""

import pytest

from tests.journeys.conftest import journey, leave, sign_in  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXTS = {
    "es": {
        "title": "Mesas barriales de seguridad",
        "summary": "Reuniones mensuales entre policía y vecinos.",
        "context": "Barrios con alta victimización.",
        "problem": "Desconfianza hacia la policía.",
        "actions": "Mesas mensuales con actas públicas.",
        "results": "Las denuncias crecieron un 30 %.",
        "submit": "Presentar",
        "approve": "Enviar a la secretaría",
        "record": "Registrar la revisión",
        "reviewed": "Revisada, pendiente de publicación",
    },
    "en": {
        "title": "Neighbourhood safety meetings",
        "summary": "Monthly meetings of police and residents.",
        "context": "Neighbourhoods with high victimisation.",
        "problem": "Distrust of the police.",
        "actions": "Monthly meetings with public minutes.",
        "results": "Reports rose by 30 %.",
        "submit": "Submit",
        "approve": "Send to the secretariat",
        "record": "Record the review",
        "reviewed": "Reviewed, awaiting publication",
    },
}


@pytest.mark.parametrize("language", ["es", "en"])
def test_an_official_submits_and_the_coordinator_reviews(journey, site_frame, language):  # noqa: F811
    from django.contrib.contenttypes.models import ContentType

    from accounts.services import profile_update
    from practices.models import Practice, Status
    from tests.accounts.factories import AgencyFactory, coordinator, official, state

    ContentType.objects.clear_cache()
    co = state("CO")
    agency = AgencyFactory(state=co, name="Policía Nacional de Colombia")
    submitter = official(agency=agency, username=f"submitter-{language}")
    reviewer = coordinator(co, username=f"coordinator-{language}")
    for user in (submitter, reviewer):
        profile_update(user=user, preferred_language=language)
    text = TEXTS[language]

    run = journey(language=language, name="practices-submitter")
    page = run.page
    sign_in(run, submitter)
    run.goto(f"/{language}/practices/submit/")
    run.check("form")
    page.select_option("select[name=language]", language)
    for name in ("title", "summary", "context", "problem", "actions", "results"):
        page.fill(f"[name={name}]", text[name])
    page.select_option("select[name=discipline]", "police")
    page.check("input[name=gender_perspective]")
    with page.expect_navigation():
        page.click(f"main form button:has-text('{text['submit']}')")
    practice = Practice.objects.get()
    assert (practice.status, practice.language, practice.submitted_by_id) == (Status.SUBMITTED, language, submitter.pk)
    assert text["title"] in page.locator("h1").inner_text()
    run.check("submitted")
    leave(run)

    run = journey(language=language, name="practices-coordinator")
    page = run.page
    sign_in(run, reviewer)
    run.goto(f"/{language}/practices/mine/")
    run.check("queue")
    with page.expect_navigation():
        page.click(f"main a:has-text('{text['title']}')")
    run.check("practice")
    page.check("input[name=decision][value=approve]")
    with page.expect_navigation():
        page.click(f"main form button:has-text('{text['record']}')")
    practice.refresh_from_db()
    assert (practice.status, practice.reviewed_by_id) == (Status.REVIEWED, reviewer.pk)
    assert text["reviewed"] in page.locator("main").inner_text()
    run.check("reviewed")
    leave(run)
