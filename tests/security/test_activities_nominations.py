"""Nominations: only one's own agency or state, within the activity's scope; never deciding one's own;
never acting on an activity one may not see. Each refusal writes nothing."""

import pytest
from django.urls import reverse

from activities import services
from activities.models import Nomination, NominationStatus
from tests.accounts import factories as f
from tests.activities.conftest import build_world, make_activity

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def test_a_nomination_from_another_state_is_refused(client, world):
    activity = make_activity(world, scope="national")
    f.sign_in_with_mfa(client, world.gt_coordinator)
    response = client.post(reverse("activities:nominate", args=[activity.pk]), {"official": world.gt_official.pk})
    assert response.status_code == 403
    assert not Nomination.objects.exists()


def test_a_coordinator_cannot_nominate_another_states_official(client, world):
    activity = make_activity(world, scope="regional")
    f.sign_in_with_mfa(client, world.cr_coordinator)
    response = client.post(reverse("activities:nominate", args=[activity.pk]), {"official": world.co_official.pk})
    assert response.status_code == 403
    assert not Nomination.objects.exists()


def test_a_manager_cannot_nominate_another_agencys_official(client, world):
    activity = make_activity(world)
    f.sign_in_with_mfa(client, world.cr_manager)
    response = client.post(
        reverse("activities:nominate", args=[activity.pk]), {"official": world.cr_agency_2_official.pk}
    )
    assert response.status_code == 403
    assert not Nomination.objects.exists()


def test_nobody_accepts_their_own_nomination(client, world):
    activity = make_activity(world)
    nomination = services.nominate(nominator=world.cr_coordinator, activity=activity, official=world.cr_officials[0])
    f.sign_in_with_mfa(client, world.cr_coordinator)
    response = client.post(reverse("activities:decide", args=[nomination.pk]), {"decision": "accept"})
    assert response.status_code == 403
    assert Nomination.objects.get().status == NominationStatus.NOMINATED


def test_an_official_cannot_accept_themself(client, world):
    activity = make_activity(world, organiser_kind="agency", agency=world.cr_agency)
    nomination = services.nominate(nominator=world.cr_coordinator, activity=activity, official=world.cr_manager)
    f.sign_in_with_mfa(client, world.cr_manager)
    response = client.post(reverse("activities:decide", args=[nomination.pk]), {"decision": "accept"})
    assert response.status_code == 403
    assert Nomination.objects.get().status == NominationStatus.NOMINATED


def test_a_nominator_of_another_state_cannot_decide(client, world):
    activity = make_activity(world, scope="regional")
    nomination = services.nominate(nominator=world.gt_manager, activity=activity, official=world.gt_official)
    f.sign_in_with_mfa(client, world.gt_coordinator)
    response = client.post(reverse("activities:decide", args=[nomination.pk]), {"decision": "accept"})
    assert response.status_code == 403
    assert Nomination.objects.get().status == NominationStatus.NOMINATED


def test_a_hidden_activitys_nominations_are_not_found(client, world):
    activity = make_activity(world, audience="state")
    nomination = services.nominate(nominator=world.cr_manager, activity=activity, official=world.cr_officials[0])
    f.sign_in_with_mfa(client, world.gt_coordinator)
    assert client.post(reverse("activities:decide", args=[nomination.pk]), {"decision": "decline"}).status_code == 404
    assert client.post(reverse("activities:withdraw", args=[nomination.pk])).status_code == 404
    assert (
        client.post(reverse("activities:nominate", args=[activity.pk]), {"official": world.gt_official.pk}).status_code
        == 404
    )
    assert Nomination.objects.get().status == NominationStatus.NOMINATED


def test_the_nominations_of_others_are_not_shown(client, world):
    activity = make_activity(world, scope="regional")
    services.nominate(nominator=world.cr_manager, activity=activity, official=world.cr_officials[0])
    client.force_login(world.gt_official)
    page = client.get(reverse("activities:detail", args=[activity.pk])).content.decode()
    assert world.cr_officials[0].last_name not in page


def test_another_managers_withdrawal_is_refused(client, world):
    activity = make_activity(world, scope="regional")
    nomination = services.nominate(nominator=world.cr_manager, activity=activity, official=world.cr_officials[0])
    f.sign_in_with_mfa(client, world.gt_manager)
    # the Guatemalan manager may see the activity but not the Costa Rican nomination
    assert client.post(reverse("activities:withdraw", args=[nomination.pk])).status_code == 404
    assert Nomination.objects.get().status == NominationStatus.NOMINATED
