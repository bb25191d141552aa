"""Baselines and targets: the secretariat sets them per state in one form, all or nothing; nobody
else may; bad values are refused in the reader's language and change nothing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plan.models import PlanIndicator, Target
from tests.accounts.factories import sign_in_with_mfa
from tests.plan.factories import MeasureFactory, WorkPlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicator(people):
    WorkPlanFactory(start_year=2026, created_by=people["secretariat"])
    return PlanIndicator.objects.create(
        measure=MeasureFactory(code="2.3"), code="2.3-a", name_en="Officials trained", source="officials_trained"
    )


def _url(indicator):
    return reverse("plan:targets") + f"?year=2026&indicator={indicator.code}"


def test_the_secretariat_sets_and_removes_targets_per_state(client, people, indicator):
    mx, co = people["mx"], people["co"]
    sign_in_with_mfa(client, people["secretariat"])
    assert client.get(_url(indicator)).status_code == 200
    response = client.post(
        _url(indicator),
        {f"baseline_{mx.pk}": "10", f"target_{mx.pk}": "40", f"baseline_{co.pk}": "0", f"target_{co.pk}": "12.5"},
    )
    assert response.status_code == 302
    kept = {t.state_id: (t.baseline, t.target) for t in Target.objects.filter(indicator=indicator, start_year=2026)}
    assert kept == {mx.pk: (10, 40), co.pk: (0, 12.5)}
    page = client.get(_url(indicator)).content.decode()
    assert 'value="40.0"' in page or 'value="40"' in page
    response = client.post(_url(indicator), {f"baseline_{mx.pk}": "10", f"target_{mx.pk}": "45"})
    assert response.status_code == 302
    kept = {t.state_id: t.target for t in Target.objects.filter(indicator=indicator)}
    assert kept == {mx.pk: 45}  # Colombia left empty: its target removed


@pytest.mark.parametrize(
    "values",
    [
        {"baseline": "10", "target": ""},  # half a row
        {"baseline": "-1", "target": "4"},
        {"baseline": "1e999", "target": "4"},
        {"baseline": "ten", "target": "4"},
        {"baseline": "1", "target": "10000000000"},
    ],
)
def test_bad_values_are_refused_and_change_nothing(client, people, indicator, values):
    mx, co = people["mx"], people["co"]
    sign_in_with_mfa(client, people["secretariat"])
    client.post(_url(indicator), {f"baseline_{co.pk}": "1", f"target_{co.pk}": "2"})
    before = list(Target.objects.values_list("state_id", "baseline", "target"))
    data = {f"baseline_{mx.pk}": values["baseline"], f"target_{mx.pk}": values["target"]}
    data |= {f"baseline_{co.pk}": "5", f"target_{co.pk}": "6"}
    response = client.post(_url(indicator) + "&lang=es", data, HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 400
    assert list(Target.objects.values_list("state_id", "baseline", "target")) == before


def test_a_bad_value_is_named_in_spanish(client, people, indicator):
    mx = people["mx"]
    sign_in_with_mfa(client, people["secretariat"])
    response = client.post("/es" + _url(indicator)[3:], {f"baseline_{mx.pk}": "10", f"target_{mx.pk}": ""})
    assert response.status_code == 400
    assert "la línea de base y la meta" in response.content.decode()


@pytest.mark.parametrize("who", ["coordinator_mx", "official_mx", "nobody", "secretariat_2"])
def test_nobody_but_the_secretariat_with_mfa_sets_targets(client, people, indicator, who):
    mx = people["mx"]
    if who == "secretariat_2":
        client.force_login(people[who])  # no MFA in this session
    else:
        sign_in_with_mfa(client, people[who]) if who == "coordinator_mx" else client.force_login(people[who])
    response = client.post(_url(indicator), {f"baseline_{mx.pk}": "1", f"target_{mx.pk}": "2"})
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "/plan/targets/" not in response["Location"] or "mfa" in response["Location"]
    assert not Target.objects.exists()


def test_an_unknown_indicator_is_404_and_the_page_costs_the_same_for_more_targets(client, people, indicator):
    sign_in_with_mfa(client, people["secretariat"])
    assert client.get(reverse("plan:targets") + "?indicator=nope").status_code == 404
    client.get(_url(indicator))
    with CaptureQueriesContext(connection) as few:
        client.get(_url(indicator))
    states = [people["mx"], people["co"]]
    client.post(_url(indicator), {f"{k}_{s.pk}": "3" for s in states for k in ("baseline", "target")})
    with CaptureQueriesContext(connection) as more:
        client.get(_url(indicator))
    assert len(more.captured_queries) == len(few.captured_queries)


def test_the_progress_page_costs_the_same_for_more_indicators(client, people, indicator):
    sign_in_with_mfa(client, people["secretariat"])
    url = reverse("plan:progress") + "?year=2026"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for n in range(3):
        PlanIndicator.objects.create(
            measure=MeasureFactory(), code=f"x-{n}", name_en=f"Indicator {n}", source="officials_trained"
        )
    client.get(url)
    with CaptureQueriesContext(connection) as more:
        assert client.get(url).status_code == 200
    assert len(more.captured_queries) == len(few.captured_queries)
