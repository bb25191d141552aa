"""In Chromium, in Spanish and in English: an agency manager finds an activity and nominates an
official of the agency; the organising coordinator accepts the nomination (the registration). Every
page: its language, no English left, no console error, no failed request, axe-core clean."""

import pytest

from tests.journeys.conftest import journey, sign_in  # noqa: F401  (the journey fixture)

from .conftest import build_world, make_activity

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["es", "en"])
def test_nominate_and_register(journey, site_frame, language):  # noqa: F811
    from django.contrib.contenttypes.models import ContentType

    from accounts.services import profile_update
    from activities.models import Nomination, NominationStatus

    ContentType.objects.clear_cache()
    world = build_world()
    for user in (world.cr_manager, world.cr_coordinator):
        profile_update(user=user, preferred_language=language)
    activity = make_activity(world, title="Taller de cadena de custodia", capacity=2)
    nominee = world.cr_officials[0]

    run = journey(language=language, name="activities-manager")
    page = run.page
    sign_in(run, world.cr_manager)
    run.goto(f"/{language}/activities/")
    run.check("list")
    page.click(f"a[href='/{language}/activities/{activity.pk}/']")
    page.wait_for_load_state()
    run.check("detail")
    page.select_option("select[name=official]", str(nominee.pk))
    page.click("form[action$='/nominate/'] button[type=submit]")
    page.wait_for_load_state()
    run.check("nominated")
    nomination = Nomination.objects.get(activity=activity, official=nominee)
    assert nomination.nominated_by == world.cr_manager
    run.goto(f"/{language}/activities/calendar/?month={activity.starts_at:%Y-%m}")
    run.check("calendar")

    organiser = journey(language=language, name="activities-organiser")
    sign_in(organiser, world.cr_coordinator)
    organiser.goto(f"/{language}/activities/{activity.pk}/")
    organiser.check("organiser-detail")
    organiser.page.click(f"form[action$='/nominations/{nomination.pk}/decide/'] button[type=submit]")
    organiser.page.wait_for_load_state()
    organiser.check("accepted")
    accepted = {"es": "Aceptado", "en": "Accepted"}[language]
    assert accepted in organiser.page.inner_text("main")
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.ACCEPTED
