"""Holes closed in the work plans: another state's coordinator, self-approval, no MFA, unpublished
plans, and ids that belong to another work plan. Each refusal changes nothing."""

import pytest
from django.urls import reverse

from plan.models import Activity, StatePosition, WorkPlan, WorkPlanEvent
from tests.accounts.factories import coordinator, sign_in_with_mfa
from tests.plan.factories import plan_people, work_plan_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    return plan_people()


def url(name, **kwargs):
    return reverse(f"plan:{name}", kwargs=kwargs)


def _events(work_plan):
    return WorkPlanEvent.objects.filter(work_plan=work_plan).count()


def test_a_coordinator_cannot_record_another_states_position(client, people):
    work_plan = work_plan_in("consultation", people)
    sign_in_with_mfa(client, people["coordinator_co"])
    before = _events(work_plan)
    page = client.get(url("position", pk=work_plan.pk, code="MX"))
    assert page.status_code == 403
    response = client.post(url("position", pk=work_plan.pk, code="MX"), {"position": "object", "comment": "no"})
    assert response.status_code == 403
    assert not StatePosition.objects.filter(state=people["mx"]).exists()
    assert _events(work_plan) == before


def test_the_member_who_sent_a_version_cannot_record_its_approval(client, people):
    work_plan = work_plan_in("consultation", people)
    sign_in_with_mfa(client, people["secretariat"])  # sent version 1
    response = client.post(url("work_plan_approve", pk=work_plan.pk))
    assert response.status_code == 403
    assert "another member of the secretariat" in response.content.decode()
    assert WorkPlan.objects.get(pk=work_plan.pk).status == "consultation"


def test_a_coordinator_cannot_approve_or_publish(client, people):
    work_plan = work_plan_in("consultation", people)
    sign_in_with_mfa(client, people["coordinator_mx"])
    assert client.post(url("work_plan_approve", pk=work_plan.pk)).status_code == 403
    approved = work_plan_in("approved", people)
    assert client.post(url("work_plan_publish", pk=approved.pk)).status_code == 403
    assert WorkPlan.objects.get(pk=work_plan.pk).status == "consultation"
    assert WorkPlan.objects.get(pk=approved.pk).status == "approved"


@pytest.mark.parametrize(
    ("name", "role", "data"),
    [
        ("work_plan_approve", "secretariat_2", {}),
        ("work_plan_reopen", "secretariat", {}),
        ("position", "coordinator_mx", {"position": "approve"}),
    ],
)
def test_privileged_steps_need_mfa(client, people, name, role, data):
    work_plan = work_plan_in("consultation", people)
    client.force_login(people[role])  # a password, no second factor in this session
    kwargs = {"pk": work_plan.pk, **({"code": "MX"} if name == "position" else {})}
    before = _events(work_plan)
    response = client.post(url(name, **kwargs), data)
    assert response.status_code == 302
    assert "reauthenticate" in response["Location"] or "mfa" in response["Location"]
    assert WorkPlan.objects.get(pk=work_plan.pk).status == "consultation"
    assert _events(work_plan) == before


def test_a_coordinator_without_an_authenticator_is_sent_to_set_one_up(client, people):
    work_plan = work_plan_in("consultation", people)
    newcomer = coordinator(people["mx"], authenticator=False, username="coord-mx-new")
    client.force_login(newcomer)
    response = client.post(url("position", pk=work_plan.pk, code="MX"), {"position": "approve"})
    assert response.status_code == 302
    assert not StatePosition.objects.filter(state=people["mx"]).exists()


@pytest.mark.parametrize("role", [None, "official_mx", "nobody"])
@pytest.mark.parametrize("status", ["draft", "consultation", "approved"])
def test_unpublished_work_plans_are_not_found_by_others(client, people, role, status):
    work_plan = work_plan_in(status, people)
    if role:
        client.force_login(people[role])
    assert client.get(url("work_plan", pk=work_plan.pk)).status_code == 404
    assert work_plan.title not in client.get(url("index")).content.decode()


def test_a_draft_is_not_shown_to_coordinators_before_it_is_sent(client, people):
    work_plan = work_plan_in("draft", people)
    sign_in_with_mfa(client, people["coordinator_mx"])
    assert client.get(url("work_plan", pk=work_plan.pk)).status_code == 404


def test_an_activity_of_another_work_plan_is_not_found(client, people):
    mine = work_plan_in("draft", people)
    other = work_plan_in("draft", people)
    foreign = Activity.objects.get(work_plan=other)
    sign_in_with_mfa(client, people["secretariat"])
    assert client.get(url("activity_edit", pk=mine.pk, activity_pk=foreign.pk)).status_code == 404
    assert client.post(url("activity_remove", pk=mine.pk, activity_pk=foreign.pk)).status_code == 404
    assert not Activity.objects.get(pk=foreign.pk).removed


def test_a_coordinator_of_a_state_not_responsible_cannot_set_an_activitys_status(client, people):
    work_plan = work_plan_in("published", people)  # Mexico is responsible for activity 1
    activity = work_plan.activities.get()
    sign_in_with_mfa(client, people["coordinator_co"])
    response = client.post(url("activity_status", pk=work_plan.pk, activity_pk=activity.pk), {"status": "done"})
    assert response.status_code == 403
    assert Activity.objects.get(pk=activity.pk).status == "planned"


def test_nobody_but_the_secretariat_drafts(client, people):
    sign_in_with_mfa(client, people["coordinator_mx"])
    response = client.post(url("work_plan_create"), {"start_year": 2050, "title_en": "Ours"})
    assert response.status_code == 403
    assert not WorkPlan.objects.filter(start_year=2050).exists()
