"""End to end in headless Chromium: a host manager posts a request and proposes a ranked
instructor; the home agency's manager, the home state's coordinator and the host state's
coordinator approve; the host schedules it and gets a calendar file."""

import pytest

from instructors.models import Agreement, ExchangeRequest, Stage
from tests.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"


def sign_in(browser, live_server, user, *, phone=False):
    context = browser.new_context(viewport={"width": 390, "height": 844} if phone else {"width": 1280, "height": 900})
    page = context.new_page()
    page.console_errors = []
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    # Privileged roles complete allauth's MFA stage with their authenticator app. allauth refuses a
    # code used twice in one period (a test signing one user in twice forgets the used codes), and a
    # slow machine can cross a period boundary between reading the code and sending it: try again.
    from django.core.cache import cache

    from tests.accounts.factories import totp_code

    for _attempt in range(3):
        if not page.locator("input[name=code]").count():
            break
        cache.clear()
        page.fill("input[name=code]", totp_code())
        page.click("main form button[type=submit]")
        page.wait_for_load_state()
    return context, page


def no_unlabelled_inputs(page) -> bool:
    return (
        page.evaluate(
            """() => [...document.querySelectorAll('main input:not([type=hidden]), main select, main textarea')]
             .filter(i => !(i.labels && i.labels.length) && !i.getAttribute('aria-label')).length"""
        )
        == 0
    )


def approve(browser, live_server, user, agreement_url, button, name):
    context, page = sign_in(browser, live_server, user)
    page.goto(agreement_url)
    page.get_by_role("button", name=button).click()
    page.wait_for_load_state()
    assert page.locator(".messages").inner_text().strip() == "Done."
    screenshot(page, name)
    assert page.console_errors == []
    context.close()


def test_request_proposal_approvals_and_schedule(live_server, browser, world):
    # The host manager posts a request.
    context, page = sign_in(browser, live_server, world.host_manager)
    page.goto(f"{live_server.url}/en/exchange/requests/new/")
    assert no_unlabelled_inputs(page)
    page.select_option("#id_a-agency", str(world.host_agency.pk))
    page.fill("#id_title", "Processing rural crime scenes")
    page.fill("#id_description", "Five days for field investigators.")
    page.select_option("#id_discipline", "police")
    page.get_by_label("Crime scene", exact=True).check()
    page.get_by_label("Chain of custody", exact=True).check()
    page.select_option("#id_language", "es")
    page.select_option("#id_format", "in_person")
    page.fill("#id_starts_on", "2027-05-10")
    page.fill("#id_ends_on", "2027-05-14")
    page.fill("#id_participants", "24")
    page.fill("#id_participant_profile", "Field investigators")
    page.select_option("#id_funding", "shared")
    page.get_by_role("button", name="Publish").click()
    page.wait_for_load_state()
    request = ExchangeRequest.objects.get(title="Processing rural crime scenes")
    assert page.get_by_role("heading", name="Ranked instructors").is_visible()
    first = page.locator("ol.ranking li.card").first
    assert world.instructor.name in first.inner_text()
    first.locator("summary").click()
    assert "Covers 2 of 2 topics requested" in first.inner_text()
    screenshot(page, "exchange-request-ranking")

    # ... and proposes the first-ranked instructor.
    first.get_by_role("link", name="Propose this instructor").click()
    page.fill("#id_terms", "Five days at the police academy; the host provides room and lodging.")
    page.select_option("#id_cost_sharing", "split")
    page.get_by_role("button", name="Send the proposal").click()
    page.wait_for_load_state()
    agreement = Agreement.objects.get(request=request)
    assert agreement.stage == Stage.PROPOSED
    agreement_url = f"{live_server.url}/en/exchange/agreements/{agreement.pk}/"
    assert page.url == agreement_url
    # The proposer may not approve anything.
    assert page.get_by_role("button", name="Approve for the home agency").count() == 0
    context.close()

    approve(
        browser, live_server, world.home_manager, agreement_url, "Approve for the home agency", "exchange-home-agency"
    )
    approve(
        browser, live_server, world.home_coordinator, agreement_url, "Approve for the home state", "exchange-home-state"
    )
    # The host coordinator cannot act before the home state has approved, and acts only for the host state.
    approve(
        browser, live_server, world.host_coordinator, agreement_url, "Approve for the host state", "exchange-host-state"
    )
    agreement.refresh_from_db()
    assert agreement.stage == Stage.HOST_STATE_APPROVED
    assert list(agreement.events.values_list("actor__username", flat=True)) == [
        "host-manager",
        "home-manager",
        "cl-coordinator",
        "co-coordinator",
    ]

    # The host schedules it, on a phone.
    context, page = sign_in(browser, live_server, world.host_manager, phone=True)
    page.goto(agreement_url)
    assert no_unlabelled_inputs(page)
    page.fill("#id_start_date", "2027-05-10")
    page.fill("#id_end_date", "2027-05-14")
    page.fill("#id_daily_start", "08:30")
    page.fill("#id_daily_end", "16:30")
    page.fill("#id_time_zone", "America/Bogota")
    page.fill("#id_location", "Escuela de Investigación Criminal, Bogotá")
    page.get_by_role("button", name="Schedule", exact=True).click()
    page.wait_for_load_state()
    agreement.refresh_from_db()
    assert agreement.stage == Stage.SCHEDULED
    assert page.locator(".stages [aria-current=step]").inner_text() == "Scheduled"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    with page.expect_download() as download:
        page.get_by_role("link", name="Add to calendar (.ics)").click()
    assert download.value.suggested_filename == f"exchange-{agreement.pk}.ics"
    screenshot(page, "exchange-scheduled-phone")
    assert page.console_errors == []
    context.close()
