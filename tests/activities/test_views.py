"""The pages: list, detail, calendar and feed for each role; nominating, deciding, attendance and
certificates through the views, with MFA; query counts that do not grow with the data."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from activities import services
from activities.models import Attendance, Nomination, NominationStatus
from courses.models import Certificate
from tests.accounts import factories as f

from .conftest import add_session, make_activity

pytestmark = pytest.mark.django_db


def test_list_shows_what_the_reader_may_see(client, world):
    public = make_activity(world, title="Webinar abierto", audience="public")
    officials = make_activity(world, title="Taller para funcionarios")
    own_state = make_activity(world, title="Curso solo Costa Rica", audience="state")
    anonymous = client.get(reverse("activities:list")).content.decode()
    assert public.title in anonymous and officials.title not in anonymous
    client.force_login(world.gt_official)
    page = client.get(reverse("activities:list")).content.decode()
    assert officials.title in page and own_state.title not in page
    client.force_login(world.cr_officials[0])
    assert own_state.title in client.get(reverse("activities:list")).content.decode()


def test_list_filters_by_scope(client, world):
    make_activity(world, title="Nacional")
    make_activity(world, title="Hemisférico", scope="regional")
    client.force_login(world.gt_official)
    page = client.get(reverse("activities:list"), {"scope": "regional"}).content.decode()
    assert "Hemisférico" in page and "Nacional" not in page
    assert client.get(reverse("activities:list"), {"scope": "<x>"}).status_code == 200


def test_detail_hidden_is_404(client, world):
    activity = make_activity(world, audience="state")
    client.force_login(world.gt_official)
    assert client.get(reverse("activities:detail", args=[activity.pk])).status_code == 404
    assert client.get("/en/activities/99999999/").status_code == 404


def test_manager_nominates_and_coordinator_accepts_through_the_pages(client, world):
    activity = make_activity(world, capacity=1)
    f.sign_in_with_mfa(client, world.cr_manager)
    page = client.get(reverse("activities:detail", args=[activity.pk])).content.decode()
    assert world.cr_officials[0].last_name in page and world.cr_agency_2_official.last_name not in page
    response = client.post(reverse("activities:nominate", args=[activity.pk]), {"official": world.cr_officials[0].pk})
    assert response.status_code == 302
    client.post(reverse("activities:nominate", args=[activity.pk]), {"official": world.cr_officials[1].pk})
    first, second = Nomination.objects.order_by("pk")
    f.sign_in_with_mfa(client, world.cr_coordinator)
    assert client.post(reverse("activities:decide", args=[first.pk]), {"decision": "accept"}).status_code == 302
    assert client.post(reverse("activities:decide", args=[second.pk]), {"decision": "accept"}).status_code == 302
    assert list(Nomination.objects.order_by("pk").values_list("status", flat=True)) == ["accepted", "waitlisted"]
    again = client.post(reverse("activities:decide", args=[first.pk]), {"decision": "accept"})
    assert again.status_code == 409
    assert client.post(reverse("activities:decide", args=[first.pk]), {"decision": "maybe"}).status_code == 400


def test_privileged_steps_need_mfa(client, world):
    activity = make_activity(world)
    client.force_login(world.cr_manager)  # a password only
    response = client.post(reverse("activities:nominate", args=[activity.pk]), {"official": world.cr_officials[0].pk})
    assert response.status_code == 302 and "reauthenticate" in response["Location"]
    assert not Nomination.objects.exists()


def test_organiser_records_attendance_and_issues_certificates(client, world):
    activity = make_activity(world, starts_at=timezone.now() - datetime.timedelta(days=2))
    session = add_session(activity)
    nomination = services.nominate(nominator=world.cr_manager, activity=activity, official=world.cr_officials[0])
    services.nomination_decide(actor=world.cr_coordinator, nomination=nomination, accept=True)
    f.sign_in_with_mfa(client, world.cr_coordinator)
    url = reverse("activities:attendance", args=[activity.pk, session.pk])
    assert world.cr_officials[0].last_name in client.get(url).content.decode()
    assert client.post(url, {"present": [nomination.pk]}).status_code == 302
    assert Attendance.objects.get().present
    assert client.post(url, {"present": ["x"]}).status_code == 400
    assert client.post(reverse("activities:certificates", args=[activity.pk])).status_code == 302
    certificate = Certificate.objects.get(activity_ref=activity.certificate_ref)
    assert certificate.kind == "attendance" and certificate.course is None
    verify = client.get(reverse("certificate_verify", args=[certificate.code]))
    assert verify.status_code == 200 and activity.title in verify.content.decode()
    assert certificate.code in client.get(reverse("activities:detail", args=[activity.pk])).content.decode()


def test_evaluation_page(client, world):
    activity = make_activity(world, starts_at=timezone.now() - datetime.timedelta(days=2))
    add_session(activity)
    nomination = services.nominate(nominator=world.cr_manager, activity=activity, official=world.cr_officials[0])
    services.nomination_decide(actor=world.cr_coordinator, nomination=nomination, accept=True)
    client.force_login(world.cr_officials[1])
    assert client.get(reverse("activities:evaluation", args=[activity.pk])).status_code == 403
    client.force_login(world.cr_officials[0])
    url = reverse("activities:evaluation", args=[activity.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"overall": 9}).status_code == 400
    assert client.post(url, {"overall": 5, "relevance": 4, "organisation": 3, "comments": "Útil"}).status_code == 302
    assert client.post(url, {"overall": 5, "relevance": 4, "organisation": 3}).status_code == 409


def test_create_page(client, world):
    client.force_login(world.cr_officials[0])
    assert client.get(reverse("activities:create")).status_code == 403
    f.sign_in_with_mfa(client, world.gt_coordinator)
    assert client.get(reverse("activities:create")).status_code == 200
    data = {
        "title": "Seminario regional de prisiones",
        "description": "Gestión penitenciaria",
        "format": "seminar",
        "scope": "regional",
        "discipline": "prison",
        "organiser_kind": "state",
        "state": world.gt.pk,
        "audience": "law_enforcement",
        "starts_at": "2027-03-01T09:00",
        "ends_at": "2027-03-02T17:00",
        "time_zone": "America/Guatemala",
        "venue": "Ciudad de Guatemala",
        "capacity": 30,
        "hours": "14",
        "languages": ["es", "en"],
    }
    response = client.post(reverse("activities:create"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    from activities.models import Activity

    activity = Activity.objects.get(title="Seminario regional de prisiones")
    assert activity.starts_at == datetime.datetime(2027, 3, 1, 15, 0, tzinfo=datetime.UTC)  # 09:00 in Guatemala
    refused = client.post(reverse("activities:create"), {**data, "state": world.cr.pk})
    assert refused.status_code == 400
    assert Activity.objects.count() == 1


def _grow(world, n):
    for i in range(n):
        activity = make_activity(world, title=f"Actividad {i}", scope=("national", "subregional", "regional")[i % 3])
        nomination = Nomination.objects.create(
            activity=activity,
            official=world.cr_officials[i % 4],
            state=world.cr,
            agency=world.cr_agency,
            nominated_by=world.cr_manager,
            status=NominationStatus.ACCEPTED,
        )
        add_session(activity)
        assert nomination.pk


@pytest.mark.parametrize("name", ["activities:list", "activities:calendar"])
def test_list_and_calendar_queries_do_not_grow(client, world, django_assert_max_num_queries, name):
    client.force_login(world.cr_coordinator)
    month = (timezone.now() + datetime.timedelta(days=10)).strftime("%Y-%m")
    params = {"month": month} if name == "activities:calendar" else {}
    _grow(world, 1)
    client.get(reverse(name), params)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse(name), params).status_code == 200
    _grow(world, 12)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse(name), params)
    assert "Actividad 11" in response.content.decode()


def test_detail_queries_do_not_grow(client, world, django_assert_max_num_queries):
    activity = make_activity(world, capacity=50)
    f.sign_in_with_mfa(client, world.cr_coordinator)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def nominate(people):
        for person in people:
            Nomination.objects.create(
                activity=activity,
                official=person,
                state=world.cr,
                agency=world.cr_agency,
                nominated_by=world.cr_manager,
            )

    nominate(world.cr_officials[:1])
    client.get(reverse("activities:detail", args=[activity.pk]))
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("activities:detail", args=[activity.pk]))
    nominate(world.cr_officials[1:])
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("activities:detail", args=[activity.pk]))


def test_calendar_bad_month_is_400(client, world):
    assert client.get(reverse("activities:calendar"), {"month": "2026-13"}).status_code == 400
    assert client.get(reverse("activities:calendar"), {"month": "x"}).status_code == 400


def test_feed_lists_what_the_reader_may_see_and_escapes_text(client, world):
    mine = make_activity(
        world, title="Taller; cadena, custodia", description="Línea uno\nLínea dos, con coma", audience="state"
    )
    add_session(mine)
    other = make_activity(world, title="Solo Guatemala", state=world.gt, audience="state")
    feed = services.calendar_feed_for(user=world.cr_officials[0])
    body = client.get(reverse("activities:feed", args=[feed.token])).content.decode()
    assert "SUMMARY:Taller\\; cadena\\, custodia" in body
    assert "Línea uno\\nLínea dos\\, con coma" in body.replace("\r\n ", "")
    assert other.title not in body
    assert "BEGIN:VCALENDAR" in body and body.count("BEGIN:VEVENT") == 1


def test_feed_token_rotates(client, world):
    client.force_login(world.cr_officials[0])
    page = client.get(reverse("activities:feed_settings")).content.decode()
    old = services.calendar_feed_for(user=world.cr_officials[0]).token
    assert old in page
    client.post(reverse("activities:feed_settings"))
    assert client.get(reverse("activities:feed", args=[old])).status_code == 404
    new = services.calendar_feed_for(user=world.cr_officials[0]).token
    assert client.get(reverse("activities:feed", args=[new])).status_code == 200
