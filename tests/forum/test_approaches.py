"""National approaches: a state's coordinator publishes for a period and the discussion opens in the
coordinators' space; the overview shows who has presented; other states and roles are refused."""

import pytest
from django.test import Client
from django.urls import reverse

from forum import services
from forum.errors import ForumError
from forum.models import NationalApproach, SpaceKind
from tests.accounts.factories import sign_in_with_mfa
from tests.plan.factories import MeasureFactory, WorkPlanFactory

TEXTS = {
    "es": {
        "priorities": "Policía comunitaria",
        "institutions": "Guardia Nacional",
        "training_needs": "Instructores",
        "offers": "Un curso a distancia",
    }
}


@pytest.fixture
def period(people):
    return WorkPlanFactory(created_by=people["secretariat"], status="consultation", version=1)


def test_publish_opens_the_discussion_and_the_overview_shows_it(people, spaces, period):
    measure = MeasureFactory()
    approach = services.approach_publish(
        user=people["coordinator_mx"], state=people["mx"], work_plan_id=period.pk, texts=TEXTS, measure_ids=[measure.pk]
    )
    assert approach.thread.space.kind == SpaceKind.COORDINATORS
    assert approach.thread.language == "es" and "Guardia Nacional" in approach.thread.posts.get().body
    client = Client()
    sign_in_with_mfa(client, people["coordinator_co"])
    response = client.get(reverse("forum:approaches") + f"?period={period.pk}")
    assert response.status_code == 200
    assert response.context["presented"] == 1
    rows = {row.state.code: row.approach for row in response.context["rows"]}
    assert rows["MX"] == approach and rows["CO"] is None
    # Colombia's coordinator is offered to present Colombia's, not Mexico's.
    assert (
        reverse("forum:approach_create", kwargs={"period": period.pk, "state": people["co"].pk})
        in response.content.decode()
    )


@pytest.mark.parametrize("role", ["coordinator_co", "secretariat", "official_mx"])
def test_only_the_states_coordinator_publishes(people, spaces, period, role):
    with pytest.raises(ForumError) as error:
        services.approach_publish(user=people[role], state=people["mx"], work_plan_id=period.pk, texts=TEXTS)
    assert error.value.status == 403
    assert not NationalApproach.objects.exists()


def test_incomplete_or_repeated_approaches_are_refused(people, spaces, period):
    partial = {"en": {"priorities": "Only this"}}
    with pytest.raises(ForumError) as error:
        services.approach_publish(
            user=people["coordinator_mx"], state=people["mx"], work_plan_id=period.pk, texts=partial
        )
    assert error.value.status == 400
    services.approach_publish(user=people["coordinator_mx"], state=people["mx"], work_plan_id=period.pk, texts=TEXTS)
    with pytest.raises(ForumError) as error:
        services.approach_publish(
            user=people["coordinator_mx"], state=people["mx"], work_plan_id=period.pk, texts=TEXTS
        )
    assert error.value.status == 409
    assert NationalApproach.objects.count() == 1


def test_a_draft_work_plan_is_no_period_for_states(people, spaces):
    draft = WorkPlanFactory(created_by=people["secretariat"])
    with pytest.raises(ForumError) as error:
        services.approach_publish(user=people["coordinator_mx"], state=people["mx"], work_plan_id=draft.pk, texts=TEXTS)
    assert error.value.status == 400


def test_publishing_through_the_page(people, spaces, period):
    client = Client()
    sign_in_with_mfa(client, people["coordinator_mx"])
    url = reverse("forum:approach_create", kwargs={"period": period.pk, "state": people["mx"].pk})
    assert client.get(url).status_code == 200
    data = {
        f"{name}_fr": value
        for name, value in {"priorities": "P", "institutions": "I", "training_needs": "B", "offers": "O"}.items()
    }
    response = client.post(url, data)
    assert response.status_code == 302
    assert NationalApproach.objects.get().texts.get().language == "fr"
    other = reverse("forum:approach_create", kwargs={"period": period.pk, "state": people["co"].pk})
    assert client.post(other, data).status_code == 403


def test_officials_do_not_see_the_overview(people, spaces, period):
    client = Client()
    client.force_login(people["official_mx"])
    assert client.get(reverse("forum:approaches")).status_code == 403
