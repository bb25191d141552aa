"""Database ids beyond 64 bits, in URLs and in form fields, are a 404 or a 400, never a 500.

PostgreSQL's bigint stops at 2**63 - 1: a larger number reaching a query raises DataError. Every id
in a URL goes through the ``id`` path converter, which refuses it (no match, 404); every id read
from a form is checked against the same range (a form error or 400)."""

import pytest
from django.urls import Resolver404, resolve, reverse

from accounts.models import Notification
from courses.models import Enrolment
from tests.accounts.factories import AgencyFactory, MemberStateFactory, manager, official, sign_in_with_mfa
from tests.courses.factories import CoursePageFactory

HUGE = "99999999999999999999"
JUST_OVER = str(2**63)
LARGEST = str(2**63 - 1)


@pytest.fixture
def learner(site_frame, client):
    user = official(MemberStateFactory())
    client.force_login(user)
    return user


@pytest.mark.django_db
@pytest.mark.parametrize("number", [HUGE, JUST_OVER, LARGEST])
@pytest.mark.parametrize(
    "method,template",
    [
        ("get", "/es/curriculum/{n}/export.json"),
        ("get", "/es/curriculum/{n}/export.pdf"),
        ("post", "/es/curriculum/{n}/adopt/"),
        ("get", "/es/curriculum/{n}/changes/{n}...{n}/"),
        ("post", "/es/learn/course/{n}/enrol/"),
        ("post", "/es/learn/enrolment/{n}/withdraw/"),
        ("post", "/es/learn/lesson/{n}/progress/"),
        ("post", "/es/learn/lesson/{n}/quiz/{n}/start/"),
        ("get", "/es/learn/attempt/{n}/"),
        ("get", "/es/learn/certificate/{n}/pdf/"),
        ("post", "/es/learn/manage/enrolment/{n}/decide/"),
        ("post", "/es/accounts/verification/{n}/decide/"),
        ("post", "/es/accounts/roles/{n}/revoke/"),
        ("get", "/es/exchange/instructors/{n}/"),
        ("post", "/es/exchange/instructors/{n}/verify/"),
        ("post", "/es/exchange/profile/availability/{n}/delete/"),
        ("get", "/es/exchange/certifications/{n}/"),
        ("get", "/es/exchange/offers/{n}/"),
        ("get", "/es/exchange/requests/{n}/"),
        ("post", "/es/exchange/offer/{n}/close/"),
        ("get", "/es/exchange/agreements/{n}/"),
        ("post", "/es/exchange/agreements/{n}/act/"),
        ("post", "/es/exchange/agreements/{n}/schedule/"),
        ("post", "/es/exchange/agreements/{n}/messages/"),
        ("get", "/es/exchange/agreements/{n}/report/host/"),
        ("get", "/es/exchange/agreements/{n}/report/instructor/"),
        ("get", "/es/exchange/agreements/{n}/calendar.ics"),
        ("get", "/es/exchange/agreements/{n}/terms.pdf"),
        ("get", "/es/monitoring/reports/{n}/"),
        ("get", "/es/monitoring/reports/{n}/download/"),
        ("post", "/h5p/statements/{n}/{n}/"),
        ("post", "/h5p/state/{n}/{n}/"),
        ("get", "/h5p/activities/{n}/{n}/"),
    ],
)
def test_ids_in_urls_are_not_found(learner, client, method, template, number):
    response = getattr(client, method)(template.format(n=number))
    assert response.status_code in (302, 400, 403, 404, 405), response.status_code
    if number != LARGEST and method == "get":
        assert response.status_code == 404


def test_the_id_converter_accepts_the_bigint_range_only():
    assert resolve(f"/en/learn/attempt/{LARGEST}/").kwargs == {"pk": 2**63 - 1}
    assert resolve(f"/h5p/state/{LARGEST}/1/").kwargs == {"lesson_id": 2**63 - 1, "content_id": 1}
    assert reverse("courses:attempt", args=[7]) == "/en/learn/attempt/7/"
    for text in (JUST_OVER, HUGE, "0", "٣", "-1"):
        # No app view matches; only the page tree's catch-all, which answers 404.
        assert resolve(f"/en/learn/attempt/{text}/").url_name != "attempt"
        with pytest.raises(Resolver404):
            resolve(f"/h5p/state/{text}/1/")


@pytest.mark.django_db
@pytest.mark.parametrize("number", [HUGE, JUST_OVER])
def test_run_id_in_the_enrol_form(learner, client, number):
    course = CoursePageFactory()
    response = client.post(f"/es/learn/course/{course.pk}/enrol/", {"run": number})
    assert response.status_code == 400
    assert "Elija" in response.content.decode() or "cohorte" in response.content.decode()
    assert not Enrolment.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("number", [HUGE, JUST_OVER, "-1"])
def test_notification_ids(learner, client, number):
    Notification.objects.create(user=learner, kind="t", subject="s")
    before = list(Notification.objects.values_list("pk", "read_at"))
    response = client.post("/es/accounts/notifications/", {"id": number}, follow=True)
    assert response.redirect_chain == [("/es/accounts/notifications/", 302)]
    assert "número de notificación" in response.content.decode()
    assert list(Notification.objects.values_list("pk", "read_at")) == before


@pytest.mark.django_db
@pytest.mark.parametrize("number", [HUGE, JUST_OVER])
def test_adopt_state_id(learner, client, number):
    from tests.curricula.factories import curriculum

    page = curriculum(state=MemberStateFactory())
    response = client.post(f"/es/curriculum/{page.pk}/adopt/", {"state": number})
    assert response.status_code in (400, 403)


@pytest.mark.django_db
@pytest.mark.parametrize("number", [HUGE, JUST_OVER])
def test_manager_enrol_form_course_and_run(site_frame, client, number):
    agency = AgencyFactory()
    user = manager(agency)
    sign_in_with_mfa(client, user)
    CoursePageFactory(state=agency.state)
    response = client.post(
        "/es/learn/manage/enrol/", {"one-course": number, "one-run": number, "one-email": "x@example.org"}
    )
    assert response.status_code in (200, 400)
    assert not Enrolment.objects.exists()
