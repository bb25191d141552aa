"""Only the organiser records attendance, issues certificates, adds sessions, cancels; the calendar
feed opens only with its current secret and lists only what its owner may see."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from activities import services
from activities.models import Attendance, Session, Status
from courses.models import Certificate
from tests.accounts import factories as f
from tests.activities.conftest import add_session, build_world, make_activity

pytestmark = pytest.mark.django_db


@pytest.fixture
def held():
    world = build_world()
    activity = make_activity(world, scope="subregional", starts_at=timezone.now() - datetime.timedelta(days=2))
    session = add_session(activity)
    nomination = services.nominate(nominator=world.gt_manager, activity=activity, official=world.gt_official)
    services.nomination_decide(actor=world.cr_coordinator, nomination=nomination, accept=True)
    return world, activity, session, nomination


def test_another_states_coordinator_cannot_record_attendance(client, held):
    world, activity, session, nomination = held
    f.sign_in_with_mfa(client, world.gt_coordinator)
    url = reverse("activities:attendance", args=[activity.pk, session.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"present": [nomination.pk]}).status_code == 403
    assert not Attendance.objects.exists()


def test_a_participant_cannot_issue_certificates(client, held):
    world, activity, session, nomination = held
    services.attendance_record(actor=world.cr_coordinator, session=session, present_ids=[nomination.pk])
    client.force_login(world.gt_official)
    assert client.post(reverse("activities:certificates", args=[activity.pk])).status_code == 403
    assert not Certificate.objects.exists()


def test_only_the_organiser_adds_sessions_and_cancels(client, held):
    world, activity, _session, _nomination = held
    f.sign_in_with_mfa(client, world.gt_manager)
    data = {"title": "Extra", "starts_at": "2027-01-01T09:00", "ends_at": "2027-01-01T12:00"}
    assert client.post(reverse("activities:session_add", args=[activity.pk]), data).status_code == 403
    assert client.post(reverse("activities:cancel", args=[activity.pk])).status_code == 403
    assert Session.objects.count() == 1
    activity.refresh_from_db()
    assert activity.status == Status.OPEN


def test_a_session_of_another_activity_is_not_found(client, held):
    world, activity, session, _nomination = held
    other = make_activity(world)
    f.sign_in_with_mfa(client, world.cr_coordinator)
    assert client.get(reverse("activities:attendance", args=[other.pk, session.pk])).status_code == 404


def test_the_feed_needs_its_current_secret(client, held):
    world, activity, _session, _nomination = held
    assert client.get(reverse("activities:feed", args=["not-a-token"])).status_code == 404
    feed = services.calendar_feed_for(user=world.gt_official)
    assert client.get(reverse("activities:feed", args=[feed.token])).status_code == 200
    world.gt_official.is_active = False
    world.gt_official.save(update_fields=["is_active"])
    assert client.get(reverse("activities:feed", args=[feed.token])).status_code == 404


def test_the_feed_lists_only_what_its_owner_may_see(client, held):
    world, activity, _session, _nomination = held
    secret = make_activity(world, title="Solo para Costa Rica", audience="state")
    feed = services.calendar_feed_for(user=world.gt_official)
    body = client.get(reverse("activities:feed", args=[feed.token])).content.decode()
    assert activity.title in body and secret.title not in body
    # signed in as someone who sees more changes nothing: the feed is its owner's
    client.force_login(world.cr_coordinator)
    assert secret.title not in client.get(reverse("activities:feed", args=[feed.token])).content.decode()
