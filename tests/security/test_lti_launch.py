"""Bad LTI launches are refused with a translated message and the reason in the log, and create
nothing; a platform's user reaches neither another platform's users nor a course they may not see."""

import logging
import time

import jwt
import pytest
from django.test import Client

from courses.models import Enrolment
from lti import selectors
from lti.models import Account, LearnerLink, ResourceLink, RosterMember, UsedNonce
from tests.accounts.factories import secretariat, state
from tests.courses.factories import CoursePageFactory, LessonPageFactory
from tests.lti import conftest as lti_fixtures
from tests.lti.conftest import custom
from tests.lti.platform import TestPlatform, rsa_key

pytestmark = pytest.mark.django_db

# The test platform and a course, from tests/lti.
lti_platform = lti_fixtures.lti_platform
registered = lti_fixtures.registered
course = lti_fixtures.course


def _nothing_created():
    assert not Account.objects.exists()
    assert not ResourceLink.objects.exists()
    assert not LearnerLink.objects.exists()
    assert not Enrolment.objects.exists()


def _refused(response, caplog, status, text, reason):
    assert response.status_code == status, response.content[:500]
    assert text in response.content.decode()
    assert any(r.name == "lti" and reason in r.getMessage() for r in caplog.records), [
        r.getMessage() for r in caplog.records
    ]


@pytest.fixture
def spanish():
    return Client(HTTP_ACCEPT_LANGUAGE="es")


def test_wrong_signature(spanish, registered, lti_platform, course, caplog):
    caplog.set_level(logging.WARNING, logger="lti")
    other_pem, _jwk = rsa_key()
    auth = lti_platform.login(spanish, sub="mallory")
    good = lti_platform.id_token(nonce=auth["nonce"], sub="mallory", **custom(course_id=course.pk))
    claims = jwt.decode(good, options={"verify_signature": False})
    forged = jwt.encode(claims, other_pem, algorithm="RS256", headers={"kid": lti_platform.kid})
    response = spanish.post("/lti/launch/", {"id_token": forged, "state": auth["state"]})
    _refused(response, caplog, 403, "No se pudo verificar el lanzamiento", "Signature verification failed")
    _nothing_created()


def test_nonce_reuse(client, registered, lti_platform, course, caplog):
    caplog.set_level(logging.WARNING, logger="lti")
    first = lti_platform.launch(client, sub="learner-1", **custom(course_id=course.pk))
    assert first.status_code == 200
    replay = client.post("/lti/launch/", {"id_token": first.id_token, "state": first.auth["state"]})
    _refused(replay, caplog, 403, "already used", "nonce reused")
    assert UsedNonce.objects.count() == 1 and Account.objects.count() == 1


def test_nonce_not_issued_by_the_tool(client, registered, lti_platform, course, caplog):
    caplog.set_level(logging.WARNING, logger="lti")
    auth = lti_platform.login(client, sub="learner-1")
    token = lti_platform.id_token(nonce="made-up", sub="learner-1", **custom(course_id=course.pk))
    response = client.post("/lti/launch/", {"id_token": token, "state": auth["state"]})
    _refused(response, caplog, 403, "could not be verified", "Invalid Nonce")
    _nothing_created()


def test_expired_token(spanish, registered, lti_platform, course, caplog):
    caplog.set_level(logging.WARNING, logger="lti")
    past = int(time.time()) - 3600
    response = lti_platform.launch(spanish, sub="learner-1", exp=past, iat=past - 60, **custom(course_id=course.pk))
    _refused(response, caplog, 403, "El lanzamiento ha caducado", "expired")
    _nothing_created()
    assert not UsedNonce.objects.exists()


def test_token_without_expiry(client, registered, lti_platform, course, caplog):
    caplog.set_level(logging.WARNING, logger="lti")
    response = lti_platform.launch(client, sub="learner-1", exp=None, **custom(course_id=course.pk))
    _refused(response, caplog, 403, "expired", "no exp")
    _nothing_created()


def test_unknown_deployment(client, registered, lti_platform, course, caplog):
    caplog.set_level(logging.WARNING, logger="lti")
    response = lti_platform.launch(
        client,
        sub="learner-1",
        **{"https://purl.imsglobal.org/spec/lti/claim/deployment_id": "elsewhere"},
        **custom(course_id=course.pk),
    )
    _refused(response, caplog, 403, "deployment", "Unable to find deployment")
    _nothing_created()


def test_wrong_audience(client, registered, lti_platform, course, caplog):
    caplog.set_level(logging.WARNING, logger="lti")
    response = lti_platform.launch(client, sub="learner-1", aud="another-tool", **custom(course_id=course.pk))
    _refused(response, caplog, 403, "not meant for Capacitas", "Registration not found")
    _nothing_created()


def test_several_audiences_without_azp(client, registered, lti_platform, course, caplog):
    caplog.set_level(logging.WARNING, logger="lti")
    response = lti_platform.launch(
        client, sub="learner-1", aud=[lti_platform.client_id, "another-tool"], **custom(course_id=course.pk)
    )
    _refused(response, caplog, 403, "not meant for Capacitas", "audience")
    _nothing_created()


def test_lesson_of_a_restricted_course_is_not_opened(client, registered, lti_platform, caplog):
    caplog.set_level(logging.WARNING, logger="lti")
    restricted = CoursePageFactory(state=state("MX"), audience="law_enforcement")
    lesson = LessonPageFactory(parent=restricted)
    response = lti_platform.launch(client, sub="learner-1", **custom(lesson_id=lesson.pk))
    _refused(response, caplog, 403, "not open to your account", "not visible")
    _nothing_created()
    assert "ticket" not in (response.context or {})


def test_same_sub_on_another_platform_is_another_person(client, registered, lti_platform, course):
    other = TestPlatform(client_id="capacitas-b")
    try:
        other.issuer = other.base
        other_row = other.register_by_hand()
        assert lti_platform.launch(client, sub="shared-sub", **custom(course_id=course.pk)).status_code == 200
        RosterMember.objects.create(
            platform=registered, context_id=lti_platform.context_id, sub="a-student", name="A's student"
        )
        other.context_id = lti_platform.context_id
        assert other.launch(client, sub="shared-sub", **custom(course_id=course.pk)).status_code == 200
        a, b = Account.objects.get(platform=registered), Account.objects.get(platform=other_row)
        assert a.user != b.user
        assert selectors.roster_of(platform=other_row, context_id=lti_platform.context_id) == []
        assert [link.account for link in LearnerLink.objects.filter(link__platform=other_row)] == [b]
    finally:
        other.stop()


def test_ticket_never_signs_in_a_privileged_account(client, registered, lti_platform, course):
    response = lti_platform.launch(client, sub="learner-1", **custom(course_id=course.pk))
    user = Account.objects.get().user
    boss = secretariat()
    Account.objects.filter(user=user).update(user=boss)
    from lti.models import Ticket

    Ticket.objects.update(user=boss)
    opened = client.post("/lti/open/", {"ticket": response.context["ticket"]})
    assert opened.status_code == 403
    assert "_auth_user_id" not in client.session


def test_forged_ticket(client, db):
    assert client.post("/lti/open/", {"ticket": "x" * 43}).status_code == 403


def _b64(data) -> str:
    import base64
    import json

    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


@pytest.mark.parametrize(
    "token",
    [
        "",
        "not-a-jwt",
        "a.b.c",
        _b64([1, 2]) + "." + _b64({"nonce": "x"}) + ".sig",
        _b64({"alg": "RS256", "kid": "k"}) + "." + _b64([1, 2]) + ".sig",
        _b64({"alg": "RS256", "kid": "k"}) + "." + _b64({"iss": ["a"], "aud": {"x": 1}, "nonce": 5}) + ".sig",
        _b64({"alg": "none"}) + "." + _b64({"iss": "x"}) + ".",
    ],
)
def test_malformed_tokens_are_refused_without_a_500(client, registered, lti_platform, token, caplog):
    caplog.set_level(logging.WARNING, logger="lti")
    auth = lti_platform.login(client, sub="learner-1")
    response = client.post("/lti/launch/", {"id_token": token, "state": auth["state"]})
    assert response.status_code == 403
    assert any(r.name == "lti" for r in caplog.records)
    _nothing_created()


def test_launch_without_state_or_cookie(client, registered, lti_platform, course):
    auth = lti_platform.login(client, sub="learner-1")
    token = lti_platform.id_token(nonce=auth["nonce"], sub="learner-1", **custom(course_id=course.pk))
    assert client.post("/lti/launch/", {"id_token": token}).status_code == 403
    client.cookies.clear()
    assert client.post("/lti/launch/", {"id_token": token, "state": auth["state"]}).status_code == 403
    _nothing_created()


def test_hostile_claim_shapes_are_refused_without_a_500(client, registered, lti_platform):
    response = lti_platform.launch(
        client,
        sub="learner-1",
        **{
            "https://purl.imsglobal.org/spec/lti/claim/resource_link": "not an object",
            "https://purl.imsglobal.org/spec/lti/claim/custom": ["course_id", 1],
            "https://purl.imsglobal.org/spec/lti/claim/launch_presentation": 7,
        },
    )
    assert response.status_code in (400, 403)
    _nothing_created()


def test_deep_link_answer_with_a_made_up_launch_id(client, registered, lti_platform):
    response = client.post("/lti/deep-link/", {"launch_id": "lti1p3-launch-made-up", "item": "course:1"})
    assert response.status_code == 400
