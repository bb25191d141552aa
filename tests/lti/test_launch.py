"""Launches end to end against the test platform: OIDC login, a real RS256 ID token checked
against the platform's JWKS over HTTP, the account, the landing page in the frame and its ticket."""

import pytest
from django.contrib.auth import get_user_model

from courses import api as courses_api
from lti.models import Account, LearnerLink, ResourceLink
from tests.lti.conftest import custom
from tests.lti.platform import LTI

pytestmark = pytest.mark.django_db


def test_login_redirects_to_the_platform_with_state_and_nonce(client, registered, lti_platform):
    auth = lti_platform.login(client, sub="learner-1")
    assert auth["response_type"] == "id_token" and auth["scope"] == "openid"
    assert auth["response_mode"] == "form_post" and auth["prompt"] == "none"
    assert auth["login_hint"] == "learner-1" and auth["nonce"] and auth["state"]
    assert client.cookies[f"lti1p3-{auth['state']}"].value == auth["state"]


def test_login_of_an_unknown_platform_is_refused(client, db, lti_platform):
    response = client.get("/lti/login/", {"iss": lti_platform.issuer, "login_hint": "x", "client_id": "nobody"})
    assert response.status_code == 400
    assert b"not registered" in response.content


def test_course_launch_creates_the_account_enrols_and_offers_a_ticket(client, registered, lti_platform, course):
    response = lti_platform.launch(client, sub="learner-1", email="ana@example.org", **custom(course_id=course.pk))
    assert response.status_code == 200, response.content[:800]
    assert b"Chain of custody" in response.content
    assert "frame-ancestors 'self' " + lti_platform.base in response["Content-Security-Policy"]
    assert "X-Frame-Options" not in response
    account = Account.objects.get(platform=registered, sub="learner-1")
    assert account.user.email == "ana@example.org"
    assert not account.user.has_usable_password()
    assert courses_api.my_learning(user=account.user)[0].enrolment.course_id == course.pk
    link = ResourceLink.objects.get(platform=registered, resource_link_id="link-1")
    assert link.target == "course" and link.page_id == course.pk
    assert link.ags["lineitems"] == f"{lti_platform.base}/lineitems"
    assert LearnerLink.objects.filter(link=link, account=account).exists()

    ticket = response.context["ticket"]
    opened = client.post("/lti/open/", {"ticket": ticket})
    assert opened.status_code == 302 and opened["Location"].startswith("/en/")
    assert client.get(opened["Location"]).wsgi_request.user == account.user
    again = client.post("/lti/open/", {"ticket": ticket})
    assert again.status_code == 403


def test_second_launch_uses_the_same_account(client, registered, lti_platform, course):
    lti_platform.launch(client, sub="learner-1", **custom(course_id=course.pk))
    lti_platform.launch(client, sub="learner-1", **custom(course_id=course.pk))
    assert Account.objects.filter(platform=registered).count() == 1
    assert get_user_model().objects.filter(lti_accounts__platform=registered).count() == 1


def test_lesson_launch_in_the_learners_language(client, registered, lti_platform, course):
    lesson = course.lessons[1]
    response = lti_platform.launch(
        client,
        sub="learner-2",
        **custom(lesson_id=lesson.pk),
        **{LTI + "launch_presentation": {"locale": "es-419"}},
    )
    assert response.status_code == 200
    assert b"Abrir en Capacitas" in response.content
    account = Account.objects.get(sub="learner-2")
    assert account.user.profile.preferred_language == "es"
    opened = client.post("/lti/open/", {"ticket": response.context["ticket"]})
    assert opened["Location"].startswith("/es/") and opened["Location"].endswith(f"/{lesson.slug}/")
    assert client.get(opened["Location"]).status_code == 200


def test_an_existing_email_is_not_taken_over(client, registered, lti_platform, course):
    from tests.accounts.factories import UserFactory

    owner = UserFactory(email="taken@example.org")
    lti_platform.launch(client, sub="learner-3", email="taken@example.org", **custom(course_id=course.pk))
    account = Account.objects.get(sub="learner-3")
    assert account.user != owner and account.user.email == ""


def test_jwks_lists_the_current_key(client, db):
    keys = client.get("/lti/jwks/").json()["keys"]
    assert len(keys) == 1 and keys[0]["kty"] == "RSA" and keys[0]["alg"] == "RS256" and "d" not in keys[0]


def test_lti_paths_have_no_language_prefix(client, db):
    assert client.get("/lti/jwks/").status_code == 200
    assert client.get("/lti/nothing-here/").status_code == 404


def test_over_https_the_state_cookie_crosses_sites(client, registered, lti_platform):
    response = client.get(
        "/lti/login/",
        {"iss": lti_platform.issuer, "login_hint": "u", "client_id": lti_platform.client_id},
        secure=True,
    )
    assert response.status_code == 302
    state = [c for name, c in response.cookies.items() if name.startswith("lti1p3-state-")][0]
    assert state["samesite"] == "None" and state["secure"] and state["httponly"]


def test_expired_nonces_and_tickets_are_purged(client, registered, lti_platform, course):
    from datetime import timedelta

    from django.utils import timezone

    from lti.models import Ticket, UsedNonce
    from lti.tasks import purge_expired

    lti_platform.launch(client, sub="learner-1", **custom(course_id=course.pk))
    assert purge_expired() == 0
    later = timezone.now() - timedelta(hours=1)
    UsedNonce.objects.update(expires_at=later)
    Ticket.objects.update(expires_at=later)
    assert purge_expired() == 2
