"""The secretariat opens the hemispheric dashboard in a real browser: charts with their titles,
tables beside them, switching the breakdown, and a coordinator's own state page."""

import datetime

import pytest
from django.utils import timezone

from monitoring.models import Fact, FactRefresh
from tests.accounts.factories import coordinator, secretariat, sign_in_with_mfa, state
from tests.conftest import screenshot


def login(page, live_server, client, user) -> None:
    sign_in_with_mfa(client, user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_dashboard_with_charts(live_server, page, client):
    mx, co, jm = state("MX"), state("CO"), state("JM")
    us, ca, br, tt = state("US"), state("CA"), state("BR"), state("TT")
    rows = [
        (mx, "female", "police", 30),
        (mx, "male", "police", 45),
        (mx, "undisclosed", "forensic", 2),
        (us, "female", "police", 22),
        (us, "male", "forensic", 18),
        (ca, "male", "police", 25),
        (co, "female", "prison", 12),
        (co, "male", "prison", 20),
        (br, "female", "police", 16),
        (br, "male", "prison", 14),
        (jm, "another", "police", 3),
        (tt, "female", "police", 9),
        (tt, "male", "prison", 7),
    ]
    for s, gender, discipline, n in rows:
        Fact.objects.create(
            measure="completions",
            state=s,
            quarter=datetime.date(2026, 1, 1),
            discipline=discipline,
            level="basic",
            agency_kind="police",
            gender=gender,
            value=n,
        )
    FactRefresh.objects.create(finished_at=timezone.now(), rows=len(rows))

    login(page, live_server, client, secretariat())
    page.goto(f"{live_server.url}/en/monitoring/hemisphere/?period=2026-S1")
    assert page.title().startswith("Monitoring: The hemisphere")
    charts = page.locator("svg.chart[role=img]")
    assert charts.count() == 3
    assert "Hemispheric view" in page.locator("#chart-states-officials_trained-discipline title").text_content()
    # The hemispheric chart draws a bar for Mexico and writes <5 for Jamaica instead of a bar.
    states_chart = page.locator("#chart-states-officials_trained-discipline")
    description = states_chart.locator("desc").text_content()
    assert "Jamaica: <5" in description
    assert "Canada: 25" in description and "Brazil: 30" in description
    assert states_chart.locator("rect").count() >= 5
    assert page.locator("#table-states-officials_trained-discipline caption").is_visible()
    screenshot(page, "monitoring-hemisphere")

    page.select_option("#f-by", "gender")
    page.click("form.monitoring-filters button[type=submit]")
    page.wait_for_url("**by=gender**")
    mexico = page.locator("#table-states-officials_trained-gender tr", has_text="Mexico")
    assert "<5" in mexico.text_content()
    page.locator("#table-states-officials_trained-gender a", has_text="Mexico").click()
    page.wait_for_url("**/monitoring/state/MX/**")
    # Five of monitoring's own, and the training activities' attendance by scope and by discipline.
    assert page.locator("svg.chart").count() == 7
    assert not page.console_errors

    page.context.clear_cookies()
    login(page, live_server, client, coordinator(mx))
    page.goto(f"{live_server.url}/en/monitoring/state/MX/?period=2026-S1")
    gender_row = page.locator("#table-by-gender tr", has_text="Officials trained")
    assert gender_row.locator("td").first.text_content().strip() == "30"
    assert "<5" not in gender_row.text_content()
    screenshot(page, "monitoring-state-owner")
    response = page.goto(f"{live_server.url}/en/monitoring/state/CO/?period=2026-S1")
    assert response.status == 403
